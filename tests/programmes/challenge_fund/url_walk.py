"""Challenge Fund pages in the URL walk. The walk's Programme admin runs another programme (the
curriculum), so the fund's admin pages answer 403 for them; tests/programmes/challenge_fund/test_views.py covers
the fund's own admins, leads, co-applicants and (later) reviewers."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from programmes.challenge_fund import services
from programmes.challenge_fund.models import (
    BidState,
    BidVersion,
    CoApplicant,
    CoApplicantState,
    OutboxMessage,
    ReviewAssignment,
)
from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, CriterionFactory, QuestionFactory, RoundFactory

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Someone else's bid: only its lead and co-applicants; not found for everyone else, superusers included.
OTHERS_BID = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}
FUND_ADMIN = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": OK}
REVIEWERS = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "reviewer": OK, "superuser": OK}

EXPECTATIONS = {
    "challenge_fund:index": PUBLIC,
    "challenge_fund:round": PUBLIC,
    "challenge_fund:start": SIGNED_IN,
    "challenge_fund:own_bids": SIGNED_IN,
    "challenge_fund:bid": OTHERS_BID,
    "challenge_fund:bid_partners": OTHERS_BID,
    "challenge_fund:bid_invite": OTHERS_BID,
    "challenge_fund:bid_coapplicant_remove": OTHERS_BID,
    "challenge_fund:bid_check": OTHERS_BID,
    "challenge_fund:bid_withdraw": OTHERS_BID,
    "challenge_fund:bid_section": OTHERS_BID,
    "challenge_fund:manage": FUND_ADMIN,
    "challenge_fund:round_create": FUND_ADMIN,
    "challenge_fund:round_manage": FUND_ADMIN,
    "challenge_fund:round_edit": FUND_ADMIN,
    "challenge_fund:round_publish": FUND_ADMIN,
    "challenge_fund:question_add": FUND_ADMIN,
    "challenge_fund:question_edit": FUND_ADMIN,
    "challenge_fund:question_delete": FUND_ADMIN,
    "challenge_fund:criterion_add": FUND_ADMIN,
    "challenge_fund:criterion_edit": FUND_ADMIN,
    "challenge_fund:criterion_delete": FUND_ADMIN,
    "challenge_fund:round_bids": FUND_ADMIN,
    "challenge_fund:admin_bid": FUND_ADMIN,
    "challenge_fund:bid_assign": FUND_ADMIN,
    "challenge_fund:bid_open_review": FUND_ADMIN,
    "challenge_fund:bid_decide": FUND_ADMIN,
    "challenge_fund:reviews": REVIEWERS,
    "challenge_fund:round_export": FUND_ADMIN,
    "challenge_fund:funded": PUBLIC,
    "challenge_fund:portfolio": FUND_ADMIN,
    "challenge_fund:project_admin": FUND_ADMIN,
    "challenge_fund:project_start": FUND_ADMIN,
    "challenge_fund:milestone_release": FUND_ADMIN,
    "challenge_fund:report": OTHERS_BID,
    "challenge_fund:bid_attachments": OTHERS_BID,
    "challenge_fund:email_templates": FUND_ADMIN,
    "challenge_fund:release_feedback": FUND_ADMIN,
    "challenge_fund:round_report": FUND_ADMIN,
    "challenge_fund:email_template": FUND_ADMIN,
    "challenge_fund:outbox": FUND_ADMIN,
    "challenge_fund:outbox_send": FUND_ADMIN,
    "challenge_fund:outbox_message": FUND_ADMIN,
    "challenge_fund:attachment_remove": OTHERS_BID,
    # A draft's document: only its applicants download it; everyone else is told it does not exist.
    "challenge_fund:attachment": dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN},
    # Someone else's review: 404 for reviewers (and superusers: a review is only ever its reviewer's).
    "challenge_fund:review": REVIEWERS | {"reviewer": MISSING, "superuser": MISSING},
    # Revise and resubmit: the applicants' pages; "what changed" for staff who assess the bid only (a reviewer
    # not assigned to the bid is refused; tests/programmes/challenge_fund/test_resubmission.py covers the rest).
    "challenge_fund:bid_revise": OTHERS_BID,
    "challenge_fund:bid_version": OTHERS_BID,
    "challenge_fund:bid_changes": FUND_ADMIN,
    # Co-applicant invitations (issue 10): the lead's pages about an invitation of their bid; the page where
    # the person invited answers, not found for anyone else, superusers included.
    "challenge_fund:bid_invitation_withdraw": OTHERS_BID,
    "challenge_fund:bid_invitation_resend": OTHERS_BID,
    "challenge_fund:invitation": dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN},
}


def two_versions(state=BidState.IN_REVIEW):
    """A resubmitted bid in a closed round, with its two versions kept."""

    bid = BidFactory(state=state, version=2, round=RoundFactory(closes_at=timezone.now() - dt.timedelta(days=1)))
    for number in (1, 2):
        BidVersion.objects.create(bid=bid, number=number, submitted_at=timezone.now(), content=services.snapshot(bid))
    return bid


def url_for(name: str) -> str | None:
    if not name.startswith("challenge_fund:"):
        return None
    short = name.split(":", 1)[1]
    if short in {"email_templates", "outbox", "outbox_send", "release_feedback", "round_report"}:
        return reverse(name, args=[RoundFactory().pk])
    if short == "email_template":
        return reverse(name, args=[RoundFactory().pk, "funded"])
    if short == "outbox_message":
        bid = BidFactory()
        return reverse(name, args=[OutboxMessage.objects.create(bid=bid, recipient=bid.lead, subject="s", body="b").pk])
    if short == "round_export":
        return reverse(name, args=[RoundFactory().pk, "xlsx"])
    if short in {"index", "own_bids", "manage", "round_create", "funded"}:
        return reverse(name)
    if short in {"round", "start", "round_manage", "round_edit", "round_publish"}:
        return reverse(name, args=[RoundFactory().pk])
    if short in {"question_add", "criterion_add"}:
        return reverse(name, args=[RoundFactory().pk])
    if short in {"question_edit", "question_delete"}:
        return reverse(name, args=[QuestionFactory().pk])
    if short in {"criterion_edit", "criterion_delete"}:
        return reverse(name, args=[CriterionFactory().pk])
    if short in {"round_bids"}:
        return reverse(name, args=[RoundFactory().pk])
    if short in {"admin_bid", "bid_assign", "bid_open_review", "bid_decide", "review"}:
        bid = BidFactory(state=BidState.IN_REVIEW, round=RoundFactory(closes_at=timezone.now() - dt.timedelta(days=1)))
        if short == "review":
            return reverse(name, args=[ReviewAssignment.objects.create(bid=bid, reviewer=UserFactory()).pk])
        return reverse(name, args=[bid.pk])
    if short == "reviews" or short == "portfolio":
        return reverse(name)
    if short in {"project_admin", "project_start", "milestone_release", "report"}:
        bid = BidFactory(state=BidState.ACTIVE, outcome="funded", awarded_amount=Decimal("20000"))
        if short == "milestone_release":
            milestone = bid.milestones.create(title="Pilot", due_date=timezone.localdate(), payment_amount=1000)
            return reverse(name, args=[milestone.pk])
        if short == "report":
            return reverse(name, args=[bid.pk, "final"])
        return reverse(name, args=[bid.pk])
    if short == "bid_revise":
        bid = BidFactory(
            state=BidState.DETERMINED, outcome="revise", feedback="Say more about the budget.",
            resubmit_by=timezone.now() + dt.timedelta(days=20),
            round=RoundFactory(closes_at=timezone.now() - dt.timedelta(days=1), feedback_released=True),
        )
        return reverse(name, args=[bid.pk])
    if short == "bid_version":
        return reverse(name, args=[two_versions(BidState.DRAFT).pk, 1])
    if short == "bid_changes":
        return reverse(name, args=[two_versions().pk, 2])
    bid = BidFactory()
    if short in {"attachment", "attachment_remove"}:
        document = bid.attachments.create(original_name="plan.pdf", content_type="application/pdf", size=9)
        document.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"))
        return reverse(name, args=[bid.pk, document.pk])
    if short == "bid_section":
        return reverse(name, args=[bid.pk, "about"])
    if short == "bid_coapplicant_remove":
        coapplicant = CoApplicant.objects.create(bid=bid, user=UserFactory(), state=CoApplicantState.ACCEPTED)
        return reverse(name, args=[bid.pk, coapplicant.pk])
    if short in {"bid_invitation_withdraw", "bid_invitation_resend"}:
        return reverse(name, args=[bid.pk, CoApplicant.objects.create(bid=bid, user=UserFactory()).pk])
    if short == "invitation":
        return reverse(name, args=[CoApplicant.objects.create(bid=bid, user=UserFactory()).pk])
    return reverse(name, args=[bid.pk])


def _bid_page(name: str, *, sealed_and_submitted: bool = False, section: str | None = None):
    """Someone else's draft bid (or a submitted bid in a sealed round that is still open) through ``name``."""

    def make() -> str:
        if sealed_and_submitted:
            bid = BidFactory(state=BidState.SUBMITTED, submitted_at=timezone.now(), round=RoundFactory(sealed=True))
        else:
            bid = BidFactory(state=BidState.DRAFT)
        return reverse(name, args=[bid.pk, section] if section else [bid.pk])

    return make


def _sealed_document() -> str:
    from django.core.files.base import ContentFile

    bid = BidFactory(state=BidState.SUBMITTED, submitted_at=timezone.now(), round=RoundFactory(sealed=True))
    document = bid.attachments.create(original_name="plan.pdf", content_type="application/pdf", size=9)
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"))
    return reverse("challenge_fund:attachment", args=[bid.pk, document.pk])


# Privacy rules no role passes, superusers included (see test_url_walk.PRIVATE): a draft is its applicants'
# alone until submitted; a sealed round's bids are seen by nobody but their applicants until it closes.
PRIVATE = {
    "someone else's draft bid": _bid_page("challenge_fund:bid"),
    "someone else's draft bid, check page": _bid_page("challenge_fund:bid_check"),
    "someone else's draft bid, section page": _bid_page("challenge_fund:bid_section", section="about"),
    "someone else's draft bid, partners page": _bid_page("challenge_fund:bid_partners"),
    "someone else's draft bid, documents page": _bid_page("challenge_fund:bid_attachments"),
    "a sealed open round's bid": _bid_page("challenge_fund:bid", sealed_and_submitted=True),
    "a sealed open round's bid, check page": _bid_page("challenge_fund:bid_check", sealed_and_submitted=True),
    "a sealed open round's bid, section page": _bid_page(
        "challenge_fund:bid_section", sealed_and_submitted=True, section="about"
    ),
    "a sealed open round's bid, a document": _sealed_document,
}

"""Conference pages in the URL walk. The walk's Programme admin runs another programme (the curriculum), so
the conference team's pages answer 403 for them; tests/programmes/conference/test_views.py covers the
conference's own admins, speakers and co-speakers."""

from django.urls import reverse

from programmes.conference.models import Decision, PendingDecision, ProposalSpeaker, ProposalState
from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, talk_of

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Someone else's proposal or invitation: not found for everyone, superusers included.
OTHERS = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}
# Superusers pass every permission; the index lists no edition for them, and an edition they do not review is
# not found.
NOT_A_REVIEWER = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": MISSING}
CONFERENCE_ADMIN = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": OK}

EXPECTATIONS = {
    "conference:index": PUBLIC,
    "conference:call": PUBLIC,
    "conference:propose": SIGNED_IN,
    "conference:my_proposals": SIGNED_IN,
    "conference:speaker_profile": SIGNED_IN,
    "conference:proposal": OTHERS,
    "conference:proposal_edit": OTHERS,
    "conference:proposal_submit": OTHERS,
    "conference:proposal_withdraw": OTHERS,
    "conference:proposal_invite": OTHERS,
    "conference:invitation_withdraw": OTHERS,
    "conference:invitation": OTHERS,
    "conference:manage": CONFERENCE_ADMIN,
    "conference:edition_create": CONFERENCE_ADMIN,
    "conference:edition": CONFERENCE_ADMIN,
    "conference:edition_edit": CONFERENCE_ADMIN,
    "conference:edition_publish": CONFERENCE_ADMIN,
    "conference:call_edit": CONFERENCE_ADMIN,
    "conference:room_add": CONFERENCE_ADMIN,
    "conference:room_edit": CONFERENCE_ADMIN,
    "conference:theme_add": CONFERENCE_ADMIN,
    "conference:theme_edit": CONFERENCE_ADMIN,
    "conference:session_type_add": CONFERENCE_ADMIN,
    "conference:session_type_edit": CONFERENCE_ADMIN,
    "conference:question_add": CONFERENCE_ADMIN,
    "conference:question_edit": CONFERENCE_ADMIN,
    "conference:question_delete": CONFERENCE_ADMIN,
    "conference:proposals": CONFERENCE_ADMIN,
    "conference:proposals_export": CONFERENCE_ADMIN,
    "conference:admin_proposal": CONFERENCE_ADMIN,
    "conference:review_setup": CONFERENCE_ADMIN,
    "conference:review_settings": CONFERENCE_ADMIN,
    "conference:review_phase_add": CONFERENCE_ADMIN,
    "conference:score_category_add": CONFERENCE_ADMIN,
    "conference:reviewer_add": CONFERENCE_ADMIN,
    "conference:ranking": CONFERENCE_ADMIN,
    "conference:ranking_export": CONFERENCE_ADMIN,
    # Reviewers are named per edition; no walking role is one (test_review.py covers reviewers).
    "conference:review_index": NOT_A_REVIEWER | {"superuser": OK},
    "conference:review_queue": NOT_A_REVIEWER,
    "conference:review_next": NOT_A_REVIEWER,
    "conference:review_proposal": OTHERS,
    "conference:decisions": CONFERENCE_ADMIN,
    "conference:decision_template": CONFERENCE_ADMIN,
    "conference:decision_outbox": CONFERENCE_ADMIN,
    "conference:decision_send": CONFERENCE_ADMIN,
    "conference:speakers": CONFERENCE_ADMIN,
    # Only the lead speaker of an accepted proposal confirms (test_decisions.py covers them).
    "conference:proposal_confirm": OTHERS,
}


def _decided_edition():
    """An edition with a pending decision (so the outbox and its confirm page have a message and a form) and an
    accepted speaker."""
    edition = make_edition()
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    PendingDecision.objects.create(proposal=proposal, decision=Decision.ACCEPT)
    make_proposal(edition, state=ProposalState.ACCEPTED)
    return edition


def url_for(name: str) -> str | None:
    if not name.startswith("conference:"):
        return None
    short = name.split(":", 1)[1]
    if short in {"index", "my_proposals", "speaker_profile", "manage", "edition_create"}:
        return reverse(name)
    if short in {"call", "propose"}:
        return reverse(name, args=[make_edition().slug])
    if short in {"review_setup", "review_settings", "review_phase_add", "score_category_add", "reviewer_add",
                 "ranking", "ranking_export", "review_queue", "review_next"}:
        return reverse(name, args=[make_edition().pk])
    if short in {"decisions", "decision_outbox", "decision_send", "speakers"}:
        return reverse(name, args=[_decided_edition().pk])
    if short == "decision_template":
        return reverse(name, args=[make_edition().pk, "accept"])
    if short == "proposal_confirm":
        return reverse(name, args=[make_proposal(state=ProposalState.ACCEPTED).pk])
    if short == "review_index":
        return reverse(name)
    if short == "review_proposal":
        return reverse(name, args=[make_proposal(state=ProposalState.SUBMITTED).pk])
    if short in {"edition", "edition_edit", "call_edit", "room_add", "theme_add", "session_type_add", "proposals",
                 "proposals_export"}:
        return reverse(name, args=[make_edition().pk])
    if short == "edition_publish":
        return reverse(name, args=[make_edition(published=False).pk])
    edition = make_edition()
    if short == "room_edit":
        return reverse(name, args=[edition.rooms.get().pk])
    if short == "theme_edit":
        return reverse(name, args=[edition.themes.get().pk])
    if short in {"session_type_edit", "question_add"}:
        return reverse(name, args=[talk_of(edition).pk])
    if short in {"question_edit", "question_delete"}:
        return reverse(name, args=[talk_of(edition).questions.get().pk])
    if short == "admin_proposal":
        return reverse(name, args=[make_proposal(edition, state=ProposalState.SUBMITTED).pk])
    proposal = make_proposal(edition)
    if short in {"invitation_withdraw", "invitation"}:
        invitation = ProposalSpeaker.objects.create(proposal=proposal, user=UserFactory())
        if short == "invitation":
            return reverse(name, args=[invitation.pk])
        return reverse(name, args=[proposal.pk, invitation.pk])
    return reverse(name, args=[proposal.pk])


# Privacy rules no role passes, superusers included: a draft is its speaker's alone.
PRIVATE = {
    "someone else's draft conference proposal": lambda: reverse("conference:proposal", args=[make_proposal().pk]),
}

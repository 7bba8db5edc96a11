"""Revise and resubmit: the invitation with its deadline, the revised draft, kept versions, reviews of each
version kept apart, and the "What changed" page for staff."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.challenge_fund import selectors, services
from programmes.challenge_fund.models import Answer, Bid, BidState, BidVersion, CoApplicant, CoApplicantState, Outcome
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, CriterionFactory, QuestionFactory, RoundFactory, complete
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def make_reviewer():
    user = UserFactory()
    grant_role(None, user, Role.REVIEWER)
    give_mfa(user)
    return user


def decided(fund_admin, *, released=True, blind=False, lines=2, questions=1, reviewers=1):
    """A bid in a closed round, reviewed and invited to revise and resubmit within 30 days."""
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=1),
                          blind_review=blind)
    CriterionFactory(round=round_, title="System benefit", weight=3)
    bid = complete(BidFactory(round=round_), Decimal("20000"))
    bid.budget_lines.all().delete()
    per_line = Decimal("20000") / lines
    for position in range(lines):
        bid.budget_lines.create(description=f"Line {position + 1}", amount=per_line, position=position + 1)
    for number in range(questions):
        Answer.objects.create(bid=bid, question=QuestionFactory(round=round_, position=number),
                              text=f"We will keep going with the partners, answer {number}.")
    coapplicant = LeaderProfileFactory().user
    CoApplicant.objects.create(bid=bid, user=coapplicant, state=CoApplicantState.ACCEPTED)
    services.transition(bid, BidState.SUBMITTED, bid.lead)
    bid.submitted_at = timezone.now()
    bid.save()
    services.open_review(fund_admin, bid)
    for _ in range(reviewers):
        reviewer = make_reviewer()
        assignment = services.assign_reviewer(fund_admin, bid, reviewer)
        services.declare_interest(reviewer, assignment, conflicted=False)
        services.submit_scores(reviewer, assignment, {c.pk: (3, "") for c in round_.criteria.all()}, "Promising.")
    services.determine(fund_admin, bid, outcome=Outcome.REVISE, feedback="Say more about the budget.",
                       resubmit_by=now + dt.timedelta(days=30))
    if released:
        services.release_feedback(fund_admin, round_)
    bid.refresh_from_db()
    bid.coapplicant = coapplicant
    return bid


def resubmitted(fund_admin, **kwargs):
    """The decided bid revised by its lead (an answer changed, a budget line removed and one added),
    resubmitted and sent back to review with the same reviewers."""
    bid = decided(fund_admin, **kwargs)
    lead = bid.lead
    services.start_revision(lead, bid)
    answer = bid.answers.order_by("question__position").first()
    services.save_answers(lead, bid, {answer.question_id: "We will hand the service to the borough team."})
    lines = [(line.description, line.amount) for line in bid.budget_lines.all()][1:]
    removed = Decimal("20000") - sum(amount for _, amount in lines)
    services.save_budget(lead, bid, amount_requested=Decimal("20000"),
                         lines=[*lines, ("Patient panel payments", removed)])
    services.submit_bid(lead, bid)
    coapplicant = bid.coapplicant
    bid = services.open_review(fund_admin, bid, keep_reviewers=True)
    bid.coapplicant = coapplicant
    return bid


# --- the invitation and its deadline ---------------------------------------------------------------


def test_revise_needs_a_future_resubmission_deadline_and_saves_nothing_without_one(fund_admin):
    bid = decided(fund_admin)
    # A second bid in review in the same round.
    other = complete(BidFactory(round=bid.round))
    services.transition(other, BidState.SUBMITTED, other.lead)
    services.open_review(fund_admin, other)
    with pytest.raises(ValidationError) as missing:
        services.determine(fund_admin, other, outcome=Outcome.REVISE, feedback="Revise it.")
    assert "resubmit_on" in missing.value.message_dict
    with pytest.raises(ValidationError, match="must be in the future"):
        services.determine(fund_admin, other, outcome=Outcome.REVISE, feedback="Revise it.",
                           resubmit_by=timezone.now() - dt.timedelta(minutes=1))
    other.refresh_from_db()
    assert other.state == BidState.IN_REVIEW and other.outcome == "" and other.resubmit_by is None


def test_the_decision_form_takes_the_deadline_in_london_time(client, fund_admin):
    bid = decided(fund_admin)
    other = complete(BidFactory(round=bid.round))
    services.transition(other, BidState.SUBMITTED, other.lead)
    services.open_review(fund_admin, other)
    client.force_login(fund_admin)
    url = reverse("challenge_fund:bid_decide", args=[other.pk])
    response = client.post(url, {"outcome": "revise", "feedback": "Revise it."})
    assert response.status_code == 400
    assert "Enter the date by which the revised bid must be resubmitted" in response.content.decode()
    day = timezone.localdate() + dt.timedelta(days=20)
    response = client.post(url, {"outcome": "revise", "feedback": "Revise it.", "resubmit_on": day.isoformat(),
                                 "resubmit_time": "17:00"})
    assert response.status_code == 302
    other.refresh_from_db()
    local = timezone.localtime(other.resubmit_by)
    assert (local.date(), local.hour, local.minute) == (day, 17, 0)
    assert other.applicant_state == "Revise and resubmit: invited"


def test_starting_a_revision_waits_for_the_released_feedback_and_the_invitation(fund_admin):
    bid = decided(fund_admin, released=False)
    with pytest.raises(ValidationError, match="once the panel's feedback has been released"):
        services.start_revision(bid.lead, bid)
    services.release_feedback(fund_admin, bid.round)
    with pytest.raises(PermissionDenied):
        services.start_revision(LeaderProfileFactory().user, bid)
    with pytest.raises(PermissionDenied):
        services.start_revision(fund_admin, bid)
    bid.refresh_from_db()
    assert bid.state == BidState.DETERMINED and bid.version == 1
    funded = complete(BidFactory(round=bid.round, state=BidState.DETERMINED, outcome=Outcome.DECLINED))
    with pytest.raises(ValidationError, match="invited to revise"):
        services.start_revision(funded.lead, funded)


def test_a_co_applicant_starts_the_revision_from_the_last_version(fund_admin):
    bid = decided(fund_admin)
    lines_before = list(bid.budget_lines.values_list("description", "amount"))
    services.start_revision(bid.coapplicant, bid)
    bid.refresh_from_db()
    assert bid.state == BidState.DRAFT and bid.version == 2
    assert bid.applicant_state == "Revise and resubmit: revising"
    record = bid.transitions.order_by("-at", "-pk").first()
    assert (record.from_state, record.to_state, record.actor) == (BidState.DETERMINED, BidState.DRAFT, bid.coapplicant)
    assert record.at is not None
    # Everything the last version said is the starting point, and the last version is kept as it was.
    assert list(bid.budget_lines.values_list("description", "amount")) == lines_before
    assert bid.answers.count() == 1 and bid.partners.count() == 1 and bid.functions.count() == 2
    version = bid.versions.get()
    assert version.number == 1 and version.content["budget_lines"][0]["description"] == "Line 1"
    assert version.content["coapplicants"] == [bid.coapplicant.get_full_name()]
    # The round has closed, but the revised draft can change until the resubmission deadline.
    services.update_bid(bid.lead, bid, summary="A clearer summary.")


def test_a_late_resubmission_is_refused_with_a_clear_message_and_nothing_saved(fund_admin):
    bid = decided(fund_admin)
    services.start_revision(bid.lead, bid)
    Bid.objects.filter(pk=bid.pk).update(resubmit_by=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="The resubmission deadline was .* can no longer be changed"):
        services.submit_bid(bid.lead, bid)
    with pytest.raises(ValidationError, match="resubmission deadline"):
        services.update_bid(bid.lead, bid, summary="Too late.")
    bid.refresh_from_db()
    assert bid.state == BidState.DRAFT and bid.summary != "Too late." and bid.versions.count() == 1


def test_a_revision_cannot_start_after_the_deadline(fund_admin):
    bid = decided(fund_admin)
    Bid.objects.filter(pk=bid.pk).update(resubmit_by=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="The resubmission deadline was"):
        services.start_revision(bid.lead, bid)
    bid.refresh_from_db()
    assert bid.state == BidState.DETERMINED and bid.version == 1


# --- resubmission, review of the new version and the kept scores ----------------------------------


def test_the_resubmitted_bid_is_reviewed_afresh_and_old_scores_are_kept_apart(fund_admin):
    bid = resubmitted(fund_admin)
    bid.refresh_from_db()
    assert bid.state == BidState.IN_REVIEW and bid.version == 2
    assert bid.outcome == "" and bid.feedback == ""  # decided afresh
    assert list(bid.versions.values_list("number", flat=True)) == [1, 2]
    old, new = bid.assignments.filter(version=1).get(), bid.assignments.filter(version=2).get()
    assert old.reviewer_id == new.reviewer_id and new.declared_at is None and new.submitted_at is None
    assert selectors.score_table(bid)["assignments"] == []
    assert len(selectors.score_table(bid, version=1)["assignments"]) == 1
    row = selectors.round_bid_rows(bid.round)[0]
    assert (row.assigned, row.reviewed, row.percent) == (1, 0, None)
    # The old review is closed; the reviewer scores the new version through their new assignment.
    with pytest.raises(ValidationError, match="earlier version"):
        services.submit_scores(old.reviewer, old, {}, "")
    assert [a.pk for a in selectors.reviewer_assignments(old.reviewer)] == [new.pk]
    # The decision on version 1 stays readable from the bid's history.
    decision = selectors.decision_on_version(bid, 1)
    assert decision.outcome == Outcome.REVISE and decision.feedback == "Say more about the budget."


def test_reviewers_may_be_assigned_afresh(fund_admin):
    bid = decided(fund_admin)
    services.start_revision(bid.lead, bid)
    services.submit_bid(bid.lead, bid)
    services.open_review(fund_admin, bid, keep_reviewers=False)
    assert not bid.assignments.filter(version=2).exists()
    reviewer = bid.assignments.get(version=1).reviewer
    assert services.assign_reviewer(fund_admin, bid, reviewer).version == 2


def test_a_second_decision_drafts_its_own_emails(fund_admin):
    bid = resubmitted(fund_admin)
    services.determine(fund_admin, bid, outcome=Outcome.DECLINED, feedback="Thank you for revising.")
    assert bid.outbox.filter(version=1).count() == 2 and bid.outbox.filter(version=2).count() == 2


# --- kept versions never change --------------------------------------------------------------------


def test_a_kept_version_cannot_change(fund_admin):
    bid = resubmitted(fund_admin)
    version = bid.versions.get(number=1)
    version.content = {"title": "Rewritten"}
    with pytest.raises(TypeError):
        version.save()
    with pytest.raises(TypeError):
        BidVersion.objects.filter(pk=version.pk).update(content={})
    with pytest.raises(DatabaseError, match="never changes"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE challenge_fund_bidversion SET content = '{}' WHERE id = %s", [version.pk])
    assert BidVersion.objects.get(pk=version.pk).content["title"] == bid.title
    # Freezing again (a second eligibility check) keeps the first record.
    assert services.freeze_version(bid).pk == bid.versions.get(number=2).pk


# --- what changed ----------------------------------------------------------------------------------


def test_what_changed_shows_the_changed_answer_and_budget_lines(fund_admin):
    bid = resubmitted(fund_admin)
    old, new = selectors.version_pair(bid, 2)
    sections = {s["title"]: s for s in selectors.version_changes(old.content, new.content, blind=False)}
    assert not sections["About the project"]["changed"] and not sections["Priority functions"]["changed"]
    answer = sections["The round's questions"]["items"][0]
    assert answer["changed"]
    assert ("added", "hand") in answer["pieces"] and ("removed", "keep going with") in answer["pieces"]
    assert ("same", " the ") in answer["pieces"]
    budget = sections["Budget"]["items"][0]
    statuses = {row["description"]: (row["status"], row["old"], row["new"]) for row in budget["rows"]}
    assert statuses["Line 1"] == ("removed", Decimal("10000"), None)
    assert statuses["Line 2"] == ("unchanged", Decimal("10000"), Decimal("10000"))
    assert statuses["Patient panel payments"] == ("added", None, Decimal("10000"))


def test_the_what_changed_page_marks_changes_in_words_and_collapses_the_rest(client, fund_admin):
    bid = resubmitted(fund_admin)
    client.force_login(fund_admin)
    page = client.get(reverse("challenge_fund:bid_changes", args=[bid.pk, 2])).content.decode()
    assert "What changed in version 2" in page
    assert '<ins><span class="nhsuk-u-visually-hidden">added text: </span>hand</ins>' in page.replace(
        '<span class="nhsuk-u-visually-hidden"> (end of added text)</span>', "")
    assert "removed text: </span>keep" in page
    assert "Patient panel payments" in page and "Removed" in page and "Added" in page
    assert '<span class="nhsuk-details__summary-text">About the project (unchanged)</span>' in page
    assert bid.lead.get_full_name() in page or bid.lead_organisation.name in page
    admin_page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert "Version 1&#x27;s scores" in admin_page or "Version 1's scores" in admin_page
    assert reverse("challenge_fund:bid_changes", args=[bid.pk, 2]) in admin_page
    assert client.get(reverse("challenge_fund:bid_changes", args=[bid.pk, 3])).status_code == 404
    assert client.get(reverse("challenge_fund:bid_changes", args=[bid.pk, 1])).status_code == 404


def test_blind_review_hides_the_applicants_in_the_differences(client, fund_admin):
    bid = resubmitted(fund_admin, blind=True)
    assignment = bid.assignments.get(version=2)
    services.declare_interest(assignment.reviewer, assignment, conflicted=False)
    client.force_login(assignment.reviewer)
    url = reverse("challenge_fund:bid_changes", args=[bid.pk, 2])
    page = client.get(url).content.decode()
    assert "Organisations taking part" in page and "blind review" in page
    names = [bid.lead.get_full_name(), bid.lead_organisation.name, bid.coapplicant.get_full_name(),
             *bid.partners.values_list("name", flat=True)]
    for name in names:
        assert name not in page
    review = client.get(reverse("challenge_fund:review", args=[assignment.pk])).content.decode()
    assert url in review
    client.force_login(fund_admin)
    assert bid.lead_organisation.name in client.get(url).content.decode()


def test_who_sees_what_changed_and_the_versions(client, fund_admin, other_admin):
    bid = resubmitted(fund_admin, reviewers=3)
    declared, conflicted, undeclared = bid.assignments.filter(version=2).order_by("pk")
    services.declare_interest(declared.reviewer, declared, conflicted=False)
    services.declare_interest(conflicted.reviewer, conflicted, conflicted=True, reason="I work with the lead")
    changes = reverse("challenge_fund:bid_changes", args=[bid.pk, 2])
    version = reverse("challenge_fund:bid_version", args=[bid.pk, 1])
    revise = reverse("challenge_fund:bid_revise", args=[bid.pk])
    expected = {  # (what changed, an earlier version: someone else's bid is not found)
        fund_admin: (200, 404),
        declared.reviewer: (200, 404),
        conflicted.reviewer: (403, 404),
        undeclared.reviewer: (403, 404),
        other_admin: (403, 404),
        make_reviewer(): (403, 404),
        bid.lead: (403, 200),
        bid.coapplicant: (403, 200),
        LeaderProfileFactory().user: (403, 404),
    }
    for user, (changes_status, version_status) in expected.items():
        client.force_login(user)
        assert client.get(changes).status_code == changes_status, user
        assert client.get(version).status_code == version_status, user
    client.logout()
    for url in (changes, version, revise):
        assert client.get(url).status_code == 302
    client.force_login(bid.lead)
    assert client.get(reverse("challenge_fund:bid_version", args=[bid.pk, 9])).status_code == 404
    page = client.get(version).content.decode()
    assert "Say more about the budget." in page and "Line 1" in page
    # Not revisable now: the page sends the applicant back to the bid.
    assert client.get(revise).status_code == 302


def test_the_applicants_revise_through_the_pages(client, fund_admin):
    bid = decided(fund_admin)
    client.force_login(bid.coapplicant)
    page = client.get(reverse("challenge_fund:bid", args=[bid.pk])).content.decode()
    assert "Revise and resubmit: invited" in page and reverse("challenge_fund:bid_revise", args=[bid.pk]) in page
    revise = reverse("challenge_fund:bid_revise", args=[bid.pk])
    assert "Start the revised bid" in client.get(revise).content.decode()
    assert client.post(revise).status_code == 302
    page = client.get(reverse("challenge_fund:bid", args=[bid.pk])).content.decode()
    assert "Revise and resubmit: revising" in page and "Say more about the budget." in page
    assert reverse("challenge_fund:bid_version", args=[bid.pk, 1]) in page
    client.force_login(LeaderProfileFactory().user)
    assert client.post(revise).status_code == 404  # someone else's bid is not found


def test_what_changed_costs_the_same_queries_for_3_and_30_lines_and_answers(
    client, fund_admin, django_assert_max_num_queries
):
    small = resubmitted(fund_admin, lines=3, questions=3)
    large = resubmitted(fund_admin, lines=30, questions=30)
    client.force_login(fund_admin)
    client.get(reverse("challenge_fund:bid_changes", args=[small.pk, 2]))  # the session, once
    with django_assert_max_num_queries(15) as few:
        page = client.get(reverse("challenge_fund:bid_changes", args=[small.pk, 2])).content.decode()
    assert page.count("<tr class=\"nhsuk-table__row\">") == 3 + 1 + 1 + 1  # header, 2 kept, 1 removed, 1 added, total
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("challenge_fund:bid_changes", args=[large.pk, 2])).content.decode()
    assert "Line 30" in page and "answer 29" in page

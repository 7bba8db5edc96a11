"""Review and decisions: assignments, conflicts of interest, scoring, sealed rounds, ranking, awards."""

import datetime as dt
import io
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from academy.accounts.models import Role, User
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.challenge_fund import selectors, services
from programmes.challenge_fund.models import (
    Bid,
    BidState,
    OutboxMessage,
    OutboxStatus,
    Outcome,
    ReviewAssignment,
    Round,
    Score,
)
from programmes.core.models import Programme
from tests.concurrency import at_once, raised
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, CriterionFactory, RoundFactory, complete
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def make_reviewer():
    user = UserFactory()
    grant_role(None, user, Role.REVIEWER)
    give_mfa(user)
    return user


def closed_round(**kwargs):
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=1), **kwargs)
    CriterionFactory(round=round_, title="System benefit", weight=3)
    CriterionFactory(round=round_, title="Feasibility", weight=1)
    return round_


def submitted_bid(round_, amount=Decimal("20000")):
    bid = complete(BidFactory(round=round_), amount)
    services.transition(bid, BidState.SUBMITTED, bid.lead)
    return bid


def in_review(round_, fund_admin, amount=Decimal("20000")):
    return services.open_review(fund_admin, submitted_bid(round_, amount))


def score_all(assignment, values, reviewer=None):
    criteria = list(assignment.bid.round.criteria.all())
    services.declare_interest(reviewer or assignment.reviewer, assignment, conflicted=False)
    return services.submit_scores(
        reviewer or assignment.reviewer, assignment, {c.pk: (v, "") for c, v in zip(criteria, values, strict=True)}, ""
    )


def test_review_opens_only_after_the_deadline(fund_admin):
    open_round = RoundFactory()
    bid = submitted_bid(open_round)
    with pytest.raises(ValidationError, match="still open"):
        services.open_review(fund_admin, bid)
    bid = services.open_review(fund_admin, submitted_bid(closed_round()))
    assert bid.state == BidState.IN_REVIEW
    assert [t.to_state for t in bid.transitions.all()][-2:] == [BidState.ELIGIBILITY, BidState.IN_REVIEW]


def test_only_reviewers_can_be_assigned_and_never_the_applicants(fund_admin):
    bid = in_review(closed_round(), fund_admin)
    with pytest.raises(ValidationError, match="Reviewer role"):
        services.assign_reviewer(fund_admin, bid, UserFactory())
    grant_role(None, bid.lead, Role.REVIEWER)
    with pytest.raises(ValidationError, match="own bid"):
        services.assign_reviewer(fund_admin, bid, bid.lead)
    reviewer = make_reviewer()
    services.assign_reviewer(fund_admin, bid, reviewer)
    with pytest.raises(ValidationError, match="already assigned"):
        services.assign_reviewer(fund_admin, bid, reviewer)


def test_a_conflicted_reviewer_never_sees_or_scores_the_bid(client, fund_admin):
    bid = in_review(closed_round(), fund_admin)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("challenge_fund:review", args=[assignment.pk])).content.decode()
    assert "conflict of interest" in page and bid.problem not in page  # the declaration comes first
    response = client.post(reverse("challenge_fund:review", args=[assignment.pk]), {"conflicted": "yes", "reason": ""})
    assert response.status_code == 400 and "Describe your conflict" in response.content.decode()
    client.post(reverse("challenge_fund:review", args=[assignment.pk]), {"conflicted": "yes", "reason": "My team"})
    assert client.get(reverse("challenge_fund:review", args=[assignment.pk])).status_code == 404
    assert bid.title not in client.get(reverse("challenge_fund:reviews")).content.decode()
    with pytest.raises(PermissionDenied):
        services.submit_scores(reviewer, assignment, {}, "")


def test_scores_outside_the_scale_are_refused_and_nothing_saved(client, fund_admin):
    bid = in_review(closed_round(), fund_admin)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    services.declare_interest(reviewer, assignment, conflicted=False)
    criteria = list(bid.round.criteria.all())
    with pytest.raises(ValidationError):
        services.submit_scores(reviewer, assignment, {criteria[0].pk: (6, ""), criteria[1].pk: (3, "")}, "")
    client.force_login(reviewer)
    data = {f"score_{criteria[0].pk}": "9", f"score_{criteria[1].pk}": "3"}
    response = client.post(reverse("challenge_fund:review", args=[assignment.pk]), data)
    assert response.status_code == 400
    assert "Score &#x27;System benefit&#x27; from 0 to 5" in response.content.decode()
    assert not Score.objects.exists()


def test_reviewers_see_others_scores_only_after_their_own(client, fund_admin):
    bid = in_review(closed_round(), fund_admin)
    first, second = make_reviewer(), make_reviewer()
    a1 = services.assign_reviewer(fund_admin, bid, first)
    a2 = services.assign_reviewer(fund_admin, bid, second)
    score_all(a1, [5, 1])
    services.declare_interest(second, a2, conflicted=False)
    client.force_login(second)
    page = client.get(reverse("challenge_fund:review", args=[a2.pk])).content.decode()
    assert "Scores side by side" not in page and "Submit scores" in page
    criteria = list(bid.round.criteria.all())
    scores = {f"score_{criteria[0].pk}": "1", f"score_{criteria[1].pk}": "2"}
    client.post(reverse("challenge_fund:review", args=[a2.pk]), scores)
    page = client.get(reverse("challenge_fund:review", args=[a2.pk])).content.decode()
    assert "Scores side by side" in page and "Reviewers disagree: 4 points apart" in page
    assert first.get_full_name() not in page  # other reviewers are not named to reviewers


def test_blind_review_hides_the_applicants(client, fund_admin):
    bid = in_review(closed_round(blind_review=True), fund_admin)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    services.declare_interest(reviewer, assignment, conflicted=False)
    client.force_login(reviewer)
    page = client.get(reverse("challenge_fund:review", args=[assignment.pk])).content.decode()
    assert bid.problem in page
    assert bid.lead.get_full_name() not in page and bid.lead_organisation.name not in page


def test_sealed_rounds_hide_bids_from_staff_until_they_close(client, fund_admin):
    round_ = RoundFactory(sealed=True)
    bid = submitted_bid(round_)
    client.force_login(fund_admin)
    page = client.get(reverse("challenge_fund:round_bids", args=[round_.pk])).content.decode()
    assert "sealed" in page and bid.title not in page
    assert client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).status_code == 404
    round_.closes_at = timezone.now() - dt.timedelta(minutes=1)
    round_.save()
    assert bid.title in client.get(reverse("challenge_fund:round_bids", args=[round_.pk])).content.decode()
    assert client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).status_code == 200


def test_ranking_by_weighted_score(fund_admin):
    round_ = closed_round()
    strong, weak = in_review(round_, fund_admin), in_review(round_, fund_admin)
    unscored = in_review(round_, fund_admin)
    for bid, values in ((strong, [5, 4]), (weak, [1, 5])):
        score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), values)
    rows = selectors.round_bid_rows(round_)
    assert [b.pk for b in rows] == [strong.pk, weak.pk, unscored.pk]
    assert rows[0].percent == 95.0  # (5*3 + 4*1) / (5*4)
    assert rows[1].percent == 40.0
    assert rows[2].percent is None


def test_deciding_drafts_emails_that_go_only_when_sent(fund_admin, django_capture_on_commit_callbacks):
    round_ = closed_round()
    bid = in_review(round_, fund_admin)
    services.save_email_template(
        fund_admin, round_, Outcome.FUNDED, subject="Good news for {bid_title}",
        body="Dear {first_name}, you have {amount}. {feedback} & more",
    )
    services.determine(fund_admin, bid, outcome=Outcome.FUNDED, awarded_amount=Decimal("18000"), feedback="Strong.")
    bid.refresh_from_db()
    assert (bid.state, bid.outcome, bid.awarded_amount) == (BidState.DETERMINED, "funded", Decimal("18000"))
    assert bid.applicant_state == "Funded"
    assert not Notification.objects.exists()  # nothing goes out by accident
    message = OutboxMessage.objects.get(bid=bid)
    assert message.subject == f"Good news for {bid.title}"
    assert message.body == f"Dear {bid.lead.first_name}, you have £18,000. Strong. & more"
    services.update_outbox_message(fund_admin, message, subject=message.subject, body=message.body + "\nSee you soon.")
    with django_capture_on_commit_callbacks(execute=False):
        assert services.send_outbox(fund_admin, round_) == 1
        assert services.send_outbox(fund_admin, round_) == 0  # a second press sends nothing
    notification = Notification.objects.get(template="cf_outbox")
    subject, text, html = render_email(notification.template, notification.context)
    assert subject == f"Good news for {bid.title}"
    assert text.strip().endswith("& more\nSee you soon.")  # plain text, not HTML-escaped
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    with pytest.raises(ValidationError, match="has been sent"):
        services.update_outbox_message(fund_admin, message, subject="x", body="y")


def test_the_default_decision_emails_are_template_files(fund_admin):
    """A round without its own text starts from challenge_fund/emails/decision_<outcome>*.txt, kept as
    plain text with {placeholders}; a round's own text replaces it."""
    round_ = closed_round()
    for outcome in Outcome:
        subject, body = services.email_template(round_, outcome)
        assert subject == render_to_string(f"challenge_fund/emails/decision_{outcome}_subject.txt").strip()
        assert body == render_to_string(f"challenge_fund/emails/decision_{outcome}.txt").strip()
        assert body.startswith("Dear {first_name},") and "{#" not in body and "&quot;" not in body
    bid = in_review(round_, fund_admin)
    services.determine(fund_admin, bid, outcome=Outcome.DECLINED, feedback="Not this time.")
    message = bid.outbox.get()
    assert message.subject == "The decision on your Challenge Fund bid"
    assert message.body.startswith(f"Dear {bid.lead.first_name},")
    assert f'fund "{bid.title}" this time' in message.body and "Not this time." in message.body
    services.save_email_template(fund_admin, round_, Outcome.DECLINED, subject="Sorry", body="Dear {first_name}")
    assert services.email_template(round_, Outcome.DECLINED) == ("Sorry", "Dear {first_name}")


def test_email_templates_accept_only_known_placeholders(fund_admin, client):
    round_ = closed_round()
    with pytest.raises(ValidationError, match="Remove {score}"):
        services.save_email_template(fund_admin, round_, Outcome.DECLINED, subject="s", body="Your {score}")
    client.force_login(fund_admin)
    url = reverse("challenge_fund:email_template", args=[round_.pk, "declined"])
    response = client.post(url, {"subject": "Sorry", "body": "Dear {name}"})
    assert response.status_code == 400 and "Remove {name}" in response.content.decode()
    assert client.post(url, {"subject": "Sorry", "body": "Dear {first_name}"}).status_code == 302
    assert client.get(reverse("challenge_fund:email_template", args=[round_.pk, "nonsense"])).status_code == 404


def test_outbox_pages(client, fund_admin):
    round_ = closed_round()
    bid = in_review(round_, fund_admin)
    services.determine(fund_admin, bid, outcome=Outcome.DECLINED, feedback="Not this time.")
    message = OutboxMessage.objects.get()
    client.force_login(fund_admin)
    page = client.get(reverse("challenge_fund:outbox", args=[round_.pk])).content.decode()
    assert "Send 1 email" in page
    edit = reverse("challenge_fund:outbox_message", args=[message.pk])
    assert client.post(edit, {"subject": "", "body": "b"}).status_code == 400
    client.post(edit, {"subject": "Our decision", "body": "Dear colleague"})
    client.post(reverse("challenge_fund:outbox_send", args=[round_.pk]))
    assert Notification.objects.filter(template="cf_outbox", to_email=bid.lead.email).count() == 1
    assert client.get(edit).status_code == 404  # sent emails cannot change


@pytest.mark.parametrize(
    ("outcome", "amount", "field"),
    [
        (Outcome.FUNDED, None, "awarded_amount"),
        (Outcome.FUNDED, Decimal("25000"), "awarded_amount"),  # more than asked for
        (Outcome.FUNDED_CONDITIONS, Decimal("10000"), "conditions"),
    ],
)
def test_bad_decisions_are_refused(fund_admin, outcome, amount, field):
    bid = in_review(closed_round(), fund_admin)
    with pytest.raises(ValidationError) as excinfo:
        services.determine(fund_admin, bid, outcome=outcome, awarded_amount=amount, feedback="f")
    assert field in excinfo.value.message_dict
    bid.refresh_from_db()
    assert bid.state == BidState.IN_REVIEW and bid.awarded_amount is None


def test_the_budget_cannot_be_overspent(fund_admin):
    round_ = closed_round(budget=Decimal("50000"))
    first, second = in_review(round_, fund_admin, Decimal("30000")), in_review(round_, fund_admin, Decimal("30000"))
    services.determine(fund_admin, first, outcome=Outcome.FUNDED, awarded_amount=Decimal("30000"), feedback="f")
    with pytest.raises(ValidationError, match="Only £20,000 of the round's budget is left"):
        services.determine(fund_admin, second, outcome=Outcome.FUNDED, awarded_amount=Decimal("30000"), feedback="f")


@pytest.mark.django_db(transaction=True)
def test_two_admins_awarding_at_the_same_moment_never_overspend():
    admin_one, admin_two = UserFactory(), UserFactory()
    programme = Programme.objects.get(slug="challenge-fund")
    for admin in (admin_one, admin_two):
        grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=programme)
    round_ = closed_round(budget=Decimal("50000"), max_award=Decimal("50000"))
    bids = [in_review(round_, admin_one, Decimal("30000")) for _ in range(2)]

    def award(admin, bid):
        return lambda: services.determine(
            admin, bid, outcome=Outcome.FUNDED, awarded_amount=Decimal("30000"), feedback="f"
        )

    outcomes = at_once(award(admin_one, bids[0]), award(admin_two, bids[1]))
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    assert services.awarded_total(round_) == Decimal("30000")


@pytest.mark.django_db(transaction=True)
def test_services_lock_the_round_before_the_bid_as_deciding_does():
    """Deciding a bid holds its round's lock and then takes the bid's. Another admin's action on the same
    bid must wait for the round before it takes the bid, or the two would deadlock."""

    admin = UserFactory()
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    bid = submitted_bid(closed_round())

    def open_review():
        try:
            services.open_review(admin, bid)
        finally:
            connection.close()

    other = threading.Thread(target=open_review)
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=bid.round_id)  # as services.determine does first
        other.start()
        deadline = time.monotonic() + 10
        while not _waiting_on_a_lock(connections["default"]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_a_lock(connections["default"]), "the other admin's action did not wait for the round"
        # The other admin waits for the round and has not taken the bid, so deciding can go on.
        Bid.objects.select_for_update(nowait=True).get(pk=bid.pk)
    other.join()
    bid.refresh_from_db()
    assert bid.state == BidState.IN_REVIEW


def _waiting_on_a_lock(conn) -> bool:
    """Whether another session of this database waits for a lock (read afresh: PostgreSQL keeps one
    snapshot of the activity view for a whole transaction unless told to clear it)."""
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_admin_pages_and_the_decision_form(client, fund_admin):
    round_ = closed_round()
    bid = submitted_bid(round_)
    client.force_login(fund_admin)
    client.post(reverse("challenge_fund:bid_open_review", args=[bid.pk]), {"eligible": "yes"})
    reviewer = make_reviewer()
    client.post(reverse("challenge_fund:bid_assign", args=[bid.pk]), {"reviewer": reviewer.pk})
    assert ReviewAssignment.objects.filter(bid=bid, reviewer=reviewer).exists()
    response = client.post(reverse("challenge_fund:bid_assign", args=[bid.pk]), {"reviewer": UserFactory().pk})
    assert response.status_code == 400 and "Choose a reviewer from the list" in response.content.decode()
    score_all(ReviewAssignment.objects.get(bid=bid), [4, 4])
    page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert "Scores side by side" in page and reviewer.get_full_name() in page and "80.0%" in page
    decide = reverse("challenge_fund:bid_decide", args=[bid.pk])
    response = client.post(decide, {"outcome": "funded", "feedback": "Good"})
    assert response.status_code == 400 and "Enter the amount awarded" in response.content.decode()
    response = client.post(
        reverse("challenge_fund:bid_decide", args=[bid.pk]),
        {"outcome": "funded", "awarded_amount": "20000", "feedback": "Good"},
    )
    assert response.status_code == 302
    assert Bid.objects.get(pk=bid.pk).outcome == Outcome.FUNDED


def test_other_programmes_admins_cannot_decide(other_admin, fund_admin):
    bid = in_review(closed_round(), fund_admin)
    with pytest.raises(PermissionDenied):
        services.determine(other_admin, bid, outcome=Outcome.DECLINED, feedback="No")


def test_applicants_see_the_decision_but_not_the_reviewers(client, fund_admin):
    bid = in_review(closed_round(), fund_admin)
    reviewer = make_reviewer()
    score_all(services.assign_reviewer(fund_admin, bid, reviewer), [2, 2])
    services.determine(fund_admin, bid, outcome=Outcome.DECLINED, feedback="Not this time: the plan is too thin.")
    client.force_login(bid.lead)
    page = client.get(reverse("challenge_fund:bid", args=[bid.pk])).content.decode()
    assert "Not funded" in page and "the plan is too thin" in page
    assert reviewer.get_full_name() not in page and "Scores side by side" not in page


def test_bid_list_and_scores_pages_query_budget(client, fund_admin, django_assert_max_num_queries):
    round_ = closed_round()
    client.force_login(fund_admin)

    def add(count):
        for _ in range(count):
            bid = in_review(round_, fund_admin)
            score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), [3, 3])
        return bid

    bid = add(2)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("challenge_fund:round_bids", args=[round_.pk]))
    with django_assert_max_num_queries(40) as small_scores:
        client.get(reverse("challenge_fund:admin_bid", args=[bid.pk]))
    add(10)
    for _ in range(3):
        score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), [1, 5])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("challenge_fund:round_bids", args=[round_.pk])).status_code == 200
    with django_assert_max_num_queries(len(small_scores.captured_queries)):
        assert client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).status_code == 200


def test_exports_of_bids_scores_and_awards(client, fund_admin, other_admin):
    round_ = closed_round()
    bid = in_review(round_, fund_admin)
    score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), [4, 2])
    services.determine(fund_admin, bid, outcome=Outcome.FUNDED, awarded_amount=Decimal("15000"), feedback="f")
    client.force_login(fund_admin)
    response = client.get(reverse("challenge_fund:round_export", args=[round_.pk, "csv"]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert "System benefit (mean score, weight 3)" in text and bid.title in text and "15000" in text
    response = client.get(reverse("challenge_fund:round_export", args=[round_.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == bid.title
    assert client.get(reverse("challenge_fund:round_export", args=[round_.pk, "pdf"])).status_code == 404
    client.force_login(other_admin)
    assert client.get(reverse("challenge_fund:round_export", args=[round_.pk, "csv"])).status_code == 403


def test_sealed_round_exports_nothing_until_it_closes(client, fund_admin):
    round_ = RoundFactory(sealed=True)
    submitted_bid(round_)
    client.force_login(fund_admin)
    assert client.get(reverse("challenge_fund:round_export", args=[round_.pk, "csv"])).status_code == 404


def test_the_public_list_of_funded_projects(client, fund_admin, django_assert_max_num_queries):
    round_ = closed_round(budget=Decimal("1000000"), max_award=Decimal("50000"))
    funded = in_review(round_, fund_admin)
    declined = in_review(round_, fund_admin)
    services.determine(fund_admin, funded, outcome=Outcome.FUNDED, awarded_amount=Decimal("20000"), feedback="f")
    services.determine(fund_admin, declined, outcome=Outcome.DECLINED, feedback="f")
    page = client.get(reverse("challenge_fund:funded")).content.decode()  # anonymous
    assert funded.title in page and "£20,000" in page and funded.lead_organisation.name in page
    assert declined.title not in page
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("challenge_fund:funded"))
    for _ in range(15):
        bid = in_review(round_, fund_admin)
        services.determine(fund_admin, bid, outcome=Outcome.FUNDED, awarded_amount=Decimal("20000"), feedback="f")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("challenge_fund:funded")).status_code == 200


def test_bid_list_costs_the_same_for_10_and_1000_bids(client, fund_admin, django_assert_max_num_queries):
    """The ranking page and the export at the issue's sizes: bids written in bulk, scored in bulk."""

    round_ = closed_round()
    criteria = list(round_.criteria.all())
    reviewer = make_reviewer()
    lead = LeaderProfileFactory()

    def add(count, start):
        leads = User.objects.bulk_create(User(email=f"lead{n}@example.nhs.uk") for n in range(start, start + count))
        bids = Bid.objects.bulk_create(
            Bid(round=round_, lead=leads[n - start], lead_organisation=lead.organisation, title=f"Bid {n}",
                state=BidState.IN_REVIEW if n % 2 else BidState.WITHDRAWN, amount_requested=Decimal("10000"))
            for n in range(start, start + count)
        )
        assignments = ReviewAssignment.objects.bulk_create(
            ReviewAssignment(bid=bid, reviewer=reviewer, declared_at=timezone.now(), submitted_at=timezone.now())
            for bid in bids
        )
        Score.objects.bulk_create(Score(assignment=a, criterion=c, score=3) for a in assignments for c in criteria)

    add(10, 0)
    client.force_login(fund_admin)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("challenge_fund:round_bids", args=[round_.pk]))
    with django_assert_max_num_queries(30) as small_export:
        client.get(reverse("challenge_fund:round_export", args=[round_.pk, "csv"]))
    add(990, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("challenge_fund:round_bids", args=[round_.pk])).content.decode()
    # (3*3 + 3*1) / (5*4) for the 500 bids in review, shown 50 a page: the page renders 50 rows, not 1,000.
    assert page.count("60.0%") == 50 and page.count('class="nhsuk-table__row"') == 51  # with the header row
    assert "500 bids, showing 1 to 50" in page
    with django_assert_max_num_queries(len(small.captured_queries)):
        last = client.get(reverse("challenge_fund:round_bids", args=[round_.pk]), {"page": 10}).content.decode()
    assert last.count("60.0%") == 50 and "showing 451 to 500" in last
    with django_assert_max_num_queries(len(small_export.captured_queries)):
        assert client.get(reverse("challenge_fund:round_export", args=[round_.pk, "csv"])).status_code == 200


def test_released_feedback_is_anonymised(client, fund_admin):
    round_ = closed_round()
    bid = in_review(round_, fund_admin)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    services.declare_interest(reviewer, assignment, conflicted=False)
    criteria = list(round_.criteria.all())
    services.submit_scores(reviewer, assignment, {c.pk: (3, "Clear plan") for c in criteria}, "Promising work.")
    services.determine(
        fund_admin, bid, outcome=Outcome.REVISE, feedback="Please revise the budget.",
        resubmit_by=timezone.now() + dt.timedelta(days=30),
    )
    client.force_login(bid.lead)
    url = reverse("challenge_fund:bid", args=[bid.pk])
    assert "Promising work." not in client.get(url).content.decode()
    with pytest.raises(ValidationError, match="after the round has closed"):
        services.release_feedback(fund_admin, RoundFactory())
    client.force_login(fund_admin)
    client.post(reverse("challenge_fund:release_feedback", args=[round_.pk]))
    client.force_login(bid.lead)
    page = client.get(url).content.decode()
    assert "Promising work." in page and "Clear plan" in page and "Reviewer 1" in page
    assert reviewer.get_full_name() not in page


def test_bid_list_pages_sorts_and_filters_in_the_url(client, fund_admin):
    """Page 2 shows the bids after the first 50; the sort and the status filter stay in the page links."""
    from academy.accounts.models import User
    from programmes.challenge_fund.models import Bid as BidModel
    from tests.factories.directory import LeaderProfileFactory

    round_ = closed_round()
    organisation = LeaderProfileFactory().organisation
    leads = User.objects.bulk_create(User(email=f"paged{n}@example.nhs.uk") for n in range(60))
    BidModel.objects.bulk_create(
        BidModel(round=round_, lead=leads[n], lead_organisation=organisation, title=f"Bid {n:02d}",
                 state=BidState.IN_REVIEW if n < 55 else BidState.PANEL, amount_requested=Decimal(1000 + n))
        for n in range(60)
    )
    client.force_login(fund_admin)
    url = reverse("challenge_fund:round_bids", args=[round_.pk])
    first = client.get(url, {"sort": "title"}).content.decode()
    assert "Bid 00" in first and "Bid 49" in first and "Bid 50" not in first
    assert "sort=title&amp;page=2" in first
    second = client.get(url, {"sort": "title", "page": 2}).content.decode()
    assert "Bid 50" in second and "Bid 59" in second and "Bid 49" not in second
    largest = client.get(url, {"sort": "requested"}).content.decode()
    assert largest.index("Bid 59") < largest.index("Bid 58") and "Bid 09" not in largest
    panel = client.get(url, {"state": BidState.PANEL}).content.decode()
    assert "5 bids" in panel and "Bid 55" in panel and "Bid 54" not in panel
    # An unknown sort or status shows the ranking, not an error.
    assert client.get(url, {"sort": "nonsense", "state": "nonsense"}).status_code == 200


def test_reviewers_overall_comments_reach_the_panel_escaped(client, fund_admin):
    bid = in_review(closed_round(blind_review=True), fund_admin)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    criteria = list(bid.round.criteria.all())
    services.declare_interest(reviewer, assignment, conflicted=False)
    services.submit_scores(
        reviewer, assignment, {c.pk: (3, "") for c in criteria}, "Fund it <script>alert(1)</script> & soon"
    )
    client.force_login(fund_admin)
    page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert "Overall comments for the panel" in page
    assert "Fund it &lt;script&gt;alert(1)&lt;/script&gt; &amp; soon" in page and "<script>alert(1)" not in page
    assert reviewer.get_full_name() in page  # admins see who wrote it, even in a blind round
    # The applicants' released feedback and the reviewers' own page do not carry it.
    assert "Overall comments for the panel" not in render_to_string(
        "challenge_fund/_scores.html", {"scores": selectors.score_table(bid), "show_names": False}
    )


def test_with_one_review_the_agreement_column_says_so(client, fund_admin):
    bid = in_review(closed_round(), fund_admin)
    score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), [3, 4])
    client.force_login(fund_admin)
    page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert "One review" in page and ">Agree<" not in page
    score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), [3, 4])
    page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert ">Agree<" in page and "One review" not in page

"""Leaders' bids: starting, editing, co-applicants, eligibility, the deadline and the state machine."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.directory.models import PriorityFunction
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from academy.ui.formats import nhs_datetime
from programmes.challenge_fund import services
from programmes.challenge_fund.forms.fields import london_moment
from programmes.challenge_fund.models import Bid, BidState, BudgetLine, CoApplicant, CoApplicantState
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, QuestionFactory, RoundFactory, complete
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def test_a_leader_starts_a_draft_bid(leader):
    round_ = RoundFactory()
    bid = services.start_bid(leader, round_, title="Frailty at home")
    assert bid.state == BidState.DRAFT
    assert bid.lead_organisation == leader.profile.organisation
    assert bid.transitions.get().to_state == BidState.DRAFT


def test_starting_needs_a_profile_and_an_open_round(leader):
    with pytest.raises(ValidationError, match="leader profile"):
        services.start_bid(UserFactory(), RoundFactory(), title="x")
    closed = RoundFactory(closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="not open"):
        services.start_bid(leader, closed, title="x")
    with pytest.raises(ValidationError, match="not open"):
        services.start_bid(leader, RoundFactory(published=False), title="x")
    assert not Bid.objects.exists()


def test_one_live_bid_per_lead_per_round(leader):
    round_ = RoundFactory()
    bid = services.start_bid(leader, round_, title="First")
    with pytest.raises(ValidationError, match="already have a bid"):
        services.start_bid(leader, round_, title="Second")
    services.withdraw_bid(leader, bid)
    assert services.start_bid(leader, round_, title="Second").title == "Second"


@pytest.mark.django_db(transaction=True)
def test_two_starts_at_the_same_moment_make_one_bid():
    leader = LeaderProfileFactory().user
    round_ = RoundFactory()

    def start():
        return services.start_bid(leader, round_, title="Twice")

    outcomes = at_once(start, start)
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    assert Bid.objects.filter(round=round_, lead=leader).count() == 1


def test_submission_lists_every_problem_with_how_to_fix_it():
    round_ = RoundFactory(min_partner_organisations=2)
    QuestionFactory(round=round_, text="Who benefits?")
    bid = BidFactory(round=round_)
    sections = {problem.section for problem in services.submission_problems(bid)}
    assert sections == {"about", "functions", "partners", "involvement", "budget", "questions"}
    messages = " ".join(p.message for p in services.submission_problems(bid))
    assert "involves 1 organisation. This round needs at least 2" in messages
    assert "Answer the question 'Who benefits?'" in messages


def test_budget_lines_must_add_up_to_the_amount_requested():
    bid = complete(BidFactory())
    bid.budget_lines.filter(description="Backfill").update(amount=Decimal("4000.50"))
    problems = services.submission_problems(bid)
    assert [p.message for p in problems] == [
        "Your budget lines add up to £19,000.50 but you are asking for £20,000. Make them the same"
    ]
    with pytest.raises(ValidationError):
        services.submit_bid(bid.lead, bid)
    bid.refresh_from_db()
    assert bid.state == BidState.DRAFT


def test_amount_outside_the_rounds_limits_is_rejected_and_nothing_saved():
    bid = complete(BidFactory())
    for amount in (Decimal("4999.99"), Decimal("50000.01")):
        with pytest.raises(ValidationError, match="from £5,000 to £50,000"):
            services.save_budget(bid.lead, bid, amount_requested=amount, lines=[("All of it", amount)])
    bid.refresh_from_db()
    assert bid.amount_requested == Decimal("20000")
    assert bid.budget_lines.count() == 2


def test_submitting_records_the_transition_and_emails_the_team(django_capture_on_commit_callbacks):
    bid = complete(BidFactory())
    coapplicant = LeaderProfileFactory().user
    CoApplicant.objects.create(bid=bid, user=coapplicant, state=CoApplicantState.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=False):
        services.submit_bid(bid.lead, bid)
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED
    assert bid.submitted_at is not None
    transition = bid.transitions.last()
    assert (transition.from_state, transition.to_state, transition.actor) == ("draft", "submitted", bid.lead)
    assert set(Notification.objects.filter(template="cf_bid_submitted").values_list("to_email", flat=True)) == {
        bid.lead.email, coapplicant.email,
    }
    assert bid.applicant_state == "Submitted"


def test_the_submission_email_is_plain_text_not_html_escaped(django_capture_on_commit_callbacks):
    bid = complete(BidFactory(title='Discharge & "home first"'))
    with django_capture_on_commit_callbacks(execute=False):
        services.submit_bid(bid.lead, bid)
    notification = Notification.objects.get(template="cf_bid_submitted", to_email=bid.lead.email)
    _, text, html = render_email(notification.template, notification.context)
    assert 'The bid "Discharge & "home first""' in text and "&amp;" not in text and "&quot;" not in text
    assert f"until the round closes on {nhs_datetime(bid.round.closes_at)} (London time)" in text
    assert "Discharge &amp; &quot;home first&quot;" in html



def test_internal_states_have_applicant_names():
    bid = BidFactory(state=BidState.PANEL)
    assert bid.applicant_state == "Being reviewed"


def test_the_state_machine_refuses_jumps():
    bid = BidFactory()
    with pytest.raises(ValidationError, match="This bid is still a draft, so it cannot start as a project"):
        services.transition(bid, BidState.ACTIVE, workflow.SYSTEM)
    assert not bid.transitions.filter(to_state=BidState.ACTIVE).exists()


def test_a_submitted_bid_can_change_until_the_deadline_but_must_stay_complete():
    bid = complete(BidFactory())
    services.submit_bid(bid.lead, bid)
    services.update_bid(bid.lead, bid, summary="A sharper summary.")
    with pytest.raises(ValidationError, match="must stay complete"):
        services.update_bid(bid.lead, bid, summary="", problem="")
    with pytest.raises(ValidationError, match="must stay complete"):
        services.save_budget(bid.lead, bid, amount_requested=Decimal("30000"), lines=[("Staff", Decimal("20000"))])
    bid.refresh_from_db()
    assert bid.summary == "A sharper summary."
    assert bid.amount_requested == Decimal("20000")
    assert bid.budget_lines.count() == 2


def test_the_deadline_is_enforced_in_london_time_across_the_clocks_change():
    # The round closes at noon London time on 31 March 2027, three days after the clocks go forward: 11:00 UTC.
    closes = london_moment(dt.date(2027, 3, 31), dt.time(12, 0))
    round_ = RoundFactory(opens_at=closes - dt.timedelta(days=60), closes_at=closes)
    with time_machine.travel(dt.datetime(2027, 3, 31, 10, 59, tzinfo=dt.UTC), tick=False):
        early = complete(BidFactory(round=round_))
        late = complete(BidFactory(round=round_))
        services.submit_bid(early.lead, early)
    # 11:30 UTC is 12:30 in London: too late, although it would still be "before noon" in UTC.
    with time_machine.travel(dt.datetime(2027, 3, 31, 11, 30, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ValidationError, match="closed on 31 March 2027 at midday"):
            services.submit_bid(late.lead, late)
        with pytest.raises(ValidationError, match="no longer be changed"):
            services.update_bid(early.lead, early, summary="Too late")
    late.refresh_from_db()
    early.refresh_from_db()
    assert late.state == BidState.DRAFT
    assert early.state == BidState.SUBMITTED


def test_only_the_lead_and_coapplicants_change_a_bid(leader):
    bid = BidFactory()
    with pytest.raises(PermissionDenied):
        services.update_bid(leader, bid, summary="Mine now")
    CoApplicant.objects.create(bid=bid, user=leader, state=CoApplicantState.ACCEPTED)
    services.update_bid(leader, bid, summary="Ours")
    with pytest.raises(PermissionDenied):
        services.withdraw_bid(leader, bid)  # only the lead withdraws


def test_inviting_a_coapplicant_adds_no_one_until_they_accept(django_capture_on_commit_callbacks):
    bid = BidFactory()
    colleague = LeaderProfileFactory().user
    with django_capture_on_commit_callbacks(execute=False):
        invitation = services.invite_coapplicant(bid.lead, bid, colleague.email.upper())
    assert (invitation.user, invitation.state) == (colleague, CoApplicantState.INVITED)
    assert not bid.partners.exists() and services.organisation_count(bid) == 1
    assert Notification.objects.filter(template="cf_coapplicant_invited", to_email=colleague.email).exists()
    services.accept_invitation(colleague, invitation)
    assert list(bid.partners.all()) == [colleague.profile.organisation]
    assert services.organisation_count(bid) == 2


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("lead", "You are the bid's lead"),
        ("again", "already invited this colleague"),
        ("accepted", "already a co-applicant"),
        ("closed", "deactivated"),
    ],
)
def test_bad_invitations_are_refused(email, message):
    bid = BidFactory()
    if email == "lead":
        email = bid.lead.email
    elif email == "closed":
        email = UserFactory(is_active=False).email
    elif email in ("again", "accepted"):
        colleague = LeaderProfileFactory().user
        invitation = services.invite_coapplicant(bid.lead, bid, colleague.email)
        if email == "accepted":
            services.accept_invitation(colleague, invitation)
        email = colleague.email
    count = CoApplicant.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.invite_coapplicant(bid.lead, bid, email)
    assert CoApplicant.objects.count() == count


def test_answers_are_saved_and_cleared():
    question = QuestionFactory()
    bid = BidFactory(round=question.round)
    services.save_answers(bid.lead, bid, {question.pk: "  Carers  "})
    assert bid.answers.get().text == "Carers"
    services.save_answers(bid.lead, bid, {question.pk: ""})
    assert not bid.answers.exists()
    with pytest.raises(ValidationError):
        services.save_answers(bid.lead, bid, {QuestionFactory().pk: "Not this round's"})


# --- pages -----------------------------------------------------------------------------------------


def test_the_whole_bid_through_the_pages(client, leader):
    round_ = RoundFactory()
    question = QuestionFactory(round=round_, text="How will the work spread?")
    client.force_login(leader)
    response = client.post(reverse("challenge_fund:start", args=[round_.pk]), {"title": "Frailty at home"})
    bid = Bid.objects.get()
    assert response["Location"] == reverse("challenge_fund:bid", args=[bid.pk])
    page = client.get(reverse("challenge_fund:bid", args=[bid.pk])).content.decode()
    assert "nhsuk-task-list" in page and "Incomplete" in page

    def section(name, data):
        response = client.post(reverse("challenge_fund:bid_section", args=[bid.pk, name]), data)
        assert response.status_code == 302, response.content.decode()

    section("about", {"title": "Frailty at home", "summary": "S", "problem": "P", "proposed_change": "C"})
    functions = PriorityFunction.objects.filter(number__in=[2, 7]).values_list("pk", flat=True)
    section("functions", {"functions": list(functions)})
    section("involvement", {"ppi": "Carers", "outcomes": "Fewer admissions", "measures": "Admissions"})
    section("budget", {"amount_requested": "12000", "line_1_description": "Staff", "line_1_amount": "10000",
                       "line_2_description": "Venue", "line_2_amount": "2000"})
    section("questions", {f"question_{question.pk}": "Through the LCPs"})
    partner = LeaderProfileFactory().organisation
    response = client.post(reverse("challenge_fund:bid_partners", args=[bid.pk]), {"partners": [partner.pk]})
    assert response.status_code == 302
    check = client.get(reverse("challenge_fund:bid_check", args=[bid.pk])).content.decode()
    assert "Submit bid" in check and "£12,000" in check
    client.post(reverse("challenge_fund:bid_check", args=[bid.pk]))
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED
    assert "Submitted" in client.get(reverse("challenge_fund:own_bids")).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount_requested": "12000", "line_1_description": "Staff"}, "Enter the amount for line 1"),
        ({"amount_requested": "12000", "line_1_amount": "100"}, "Say what the money in line 1 is for"),
        ({"amount_requested": "-1"}, "must be more than £0"),
        ({"amount_requested": "1000"}, "from £5,000 to £50,000"),
        ({"amount_requested": "12000", "line_1_description": "Staff", "line_1_amount": "ten"}, "amount in pounds"),
    ],
)
def test_bad_budget_input_says_what_is_wrong(client, data, message):
    bid = BidFactory()
    client.force_login(bid.lead)
    response = client.post(reverse("challenge_fund:bid_section", args=[bid.pk, "budget"]), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Error: " in content and message in content
    assert not BudgetLine.objects.exists()
    bid.refresh_from_db()
    assert bid.amount_requested is None


def test_bad_invitation_on_the_page(client):
    bid = BidFactory()
    client.force_login(bid.lead)
    response = client.post(reverse("challenge_fund:bid_invite", args=[bid.pk]), {"email": bid.lead.email})
    assert response.status_code == 400
    assert "You are the bid&#x27;s lead" in response.content.decode()


def test_coapplicant_sees_and_edits_but_cannot_withdraw(client):
    bid = BidFactory()
    colleague = LeaderProfileFactory().user
    CoApplicant.objects.create(bid=bid, user=colleague, state=CoApplicantState.ACCEPTED)
    client.force_login(colleague)
    assert client.get(reverse("challenge_fund:bid", args=[bid.pk])).status_code == 200
    assert client.get(reverse("challenge_fund:bid_section", args=[bid.pk, "about"])).status_code == 200
    assert client.get(reverse("challenge_fund:bid_withdraw", args=[bid.pk])).status_code == 403
    assert client.post(reverse("challenge_fund:bid_invite", args=[bid.pk]), {"email": "a@b.nhs.uk"}).status_code == 403
    assert bid.title in client.get(reverse("challenge_fund:own_bids")).content.decode()


def test_an_unknown_section_is_not_found(client):
    bid = BidFactory()
    client.force_login(bid.lead)
    assert client.get(reverse("challenge_fund:bid_section", args=[bid.pk, "nonsense"])).status_code == 404


def test_after_the_deadline_sections_send_the_applicant_back(client):
    bid = BidFactory(round=RoundFactory(closes_at=timezone.now() - dt.timedelta(minutes=1)))
    client.force_login(bid.lead)
    response = client.post(reverse("challenge_fund:bid_section", args=[bid.pk, "about"]), {"title": "Late"})
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.title != "Late"


def test_withdrawing_through_the_page(client):
    bid = BidFactory()
    client.force_login(bid.lead)
    client.post(reverse("challenge_fund:bid_withdraw", args=[bid.pk]))
    bid.refresh_from_db()
    assert bid.state == BidState.WITHDRAWN


def test_own_bids_query_budget(client, django_assert_max_num_queries):
    leader = LeaderProfileFactory().user
    client.force_login(leader)
    BidFactory.create_batch(2, lead=leader, lead_organisation=leader.profile.organisation)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("challenge_fund:own_bids"))
    BidFactory.create_batch(30, lead=leader, lead_organisation=leader.profile.organisation)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("challenge_fund:own_bids")).status_code == 200

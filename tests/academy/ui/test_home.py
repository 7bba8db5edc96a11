"""The signed-in home page: what needs the person now, for each role they hold (academy/ui/home.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.ui.home import HOME_PANELS, HomeItem, home_panels
from governance.home import executive_items
from governance.models import Action, FrameworkPoint, Meeting, Seat
from programmes.challenge_fund.models import Bid, BidState, Milestone, Outcome, ReviewAssignment
from programmes.core.models import Application, ApplicationScore, ApplicationState, Certificate, Programme
from programmes.shadowing.models import Placement, PlacementState
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, RoundFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.programmes import ApplicationFactory, CohortFactory, SessionFactory
from tests.programmes.shadowing.test_followup import agreed

S = ApplicationState
pytestmark = pytest.mark.django_db
HOME = "/"


def page(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def leader_world(user):
    """An offer, a draft closing in three days, a session tomorrow and one last week to reflect on."""
    now = timezone.now()
    offered = CohortFactory(title="Offered cohort")
    Application.objects.create(cohort=offered, applicant=user, state=S.OFFERED,
                               offer_expires_at=now + timedelta(days=5))
    closing = CohortFactory(title="Closing cohort", applications_close=now + timedelta(days=3))
    Application.objects.create(cohort=closing, applicant=user, state=S.DRAFT)
    placed = CohortFactory(title="Placed cohort")
    Application.objects.create(cohort=placed, applicant=user, state=S.ACCEPTED)
    SessionFactory(cohort=placed, title="Tomorrow's workshop", starts_at=now + timedelta(days=1))
    SessionFactory(cohort=placed, title="Last week's workshop", starts_at=now - timedelta(days=7))
    SessionFactory(cohort=placed, title="Far-off workshop", starts_at=now + timedelta(days=40))


def network_world(user):
    """A Big Room the person is coming to, and a mentoring pair of theirs (the managed network's panel)."""
    from programmes.network import mentoring_services  # noqa: PLC0415 - only this helper needs them
    from programmes.network.models import MentorOffer, Rsvp, RsvpStatus  # noqa: PLC0415
    from tests.factories.network import EventFactory  # noqa: PLC0415
    from tests.programmes.network.test_mentoring_views import make_pair  # noqa: PLC0415

    Rsvp.objects.create(event=EventFactory(), person=user, status=RsvpStatus.GOING)
    if not MentorOffer.objects.filter(mentor=user).exists():
        mentoring_services.offer_to_mentor(user, capacity=6, topics=[], format="either")
    make_pair(mentor=user)


def staff_world(reviewer=None, n: int = 0):
    """Work for every role: an application under review, an offer lapsing tomorrow, a session today, an
    overdue project report, a bid to review, a term ending, an overdue action, a framework review due."""
    now = timezone.now()
    cohort = CohortFactory(title="Run cohort")
    Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.UNDER_REVIEW)
    Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.OFFERED,
                               offer_expires_at=now + timedelta(days=1))
    SessionFactory(cohort=cohort, title="Today's session", starts_at=timezone.localtime(now).replace(hour=12),
                   ends_at=timezone.localtime(now).replace(hour=14))
    Bid.objects.filter(pk=BidFactory().pk).update(state=BidState.OVERDUE)
    bid = BidFactory(title="Bid under review")
    Bid.objects.filter(pk=bid.pk).update(state=BidState.IN_REVIEW)
    if reviewer is not None:
        ReviewAssignment.objects.create(bid=bid, reviewer=reviewer)
    seat = Seat.objects.first()
    Seat.objects.filter(pk=seat.pk).update(holder=UserFactory(), term_starts=timezone.localdate() - timedelta(days=300),
                                           term_ends=timezone.localdate() + timedelta(days=30))
    meeting = Meeting.objects.create(starts_at=now - timedelta(days=30), location="Microsoft Teams")
    Action.objects.create(meeting=meeting, description="Write the terms of reference", owner=UserFactory(),
                          due_date=timezone.localdate() - timedelta(days=2))
    FrameworkPoint.objects.filter(number=3).update(review_date=timezone.localdate() + timedelta(days=5))
    leadership_role(role_type(f"System clinical lead {n}"), title=f"Vacant frailty lead {n}")


def test_every_upper_app_registers_its_panels():
    headings = {entry.heading for entry in HOME_PANELS.values()}
    assert {"Your programmes", "Programmes you run", "Applications to score", "Your Challenge Fund bids",
            "The Challenge Fund", "Bids to review", "Governance", "Investment in system leadership",
            "Your shadowing"} <= headings


def test_a_leader_sees_offers_drafts_sessions_and_reflections(client_as):
    client, user = client_as("leader")
    leader_world(user)
    html = page(client)
    assert "Answer your offer of a place on Offered cohort" in html
    assert "Send your application for Closing cohort" in html
    assert "Tomorrow&#x27;s workshop (Placed cohort)" in html
    assert "Far-off workshop" not in html
    assert "Reflections to write" in html and "Last week&#x27;s workshop" in html
    assert "Answer by:" in html and "Send it by:" in html
    assert html.index("Answer your offer") < html.index("Send your application")


def test_a_leader_sees_reports_due_and_bid_drafts_closing(client_as):
    client, user = client_as("leader")
    round_ = RoundFactory(closes_at=timezone.now() + timedelta(days=2))
    BidFactory(lead=LeaderProfileFactory(user=user).user, round=round_, title="Draft bid closing")
    project = BidFactory(lead=user, title="Funded project")
    Bid.objects.filter(pk=project.pk).update(state=BidState.ACTIVE)
    Milestone.objects.create(bid=project, title="First milestone", due_date=timezone.localdate() + timedelta(days=3))
    html = page(client)
    assert "Submit your bid: Draft bid closing" in html
    assert "Report due: First milestone (Funded project)" in html


def test_a_person_with_no_role_sees_the_leader_panels_only(client_as):
    staff_world()
    client, user = client_as("leader")
    leader_world(user)
    panels = home_panels(user)
    assert panels and all(panel.leader for panel in panels)
    html = page(client)
    for heading in ("Programmes you run", "Applications to score", "Bids to review", "Governance",
                    "Investment in system leadership"):
        assert f">{heading}</h3>" not in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.PROGRAMME_ADMIN, ["Applications to review", "Offers about to lapse", "Attendance: Today&#x27;s session"]),
        (Role.REVIEWER, ["Applications you have not scored", "Bids you have not reviewed"]),
        (Role.GOVERNANCE, ["C&amp;CPLG terms ending within 60 days", "Overdue C&amp;CPLG actions",
                           "Design Framework points due for review"]),
        (Role.EXECUTIVE, ["Protected time for system leadership", "Vacant leadership roles",
                          "Challenge Fund awarded", "Leaders developed", "See the investment dashboard"]),
    ],
)
def test_each_role_sees_its_own_items_and_no_one_elses(client_as, role, expected):
    client, user = client_as(role)
    staff_world(reviewer=user)
    html = page(client)
    for text in expected:
        assert text in html, text
    others = {
        Role.PROGRAMME_ADMIN: "Applications to review", Role.REVIEWER: "Applications you have not scored",
        Role.GOVERNANCE: "Overdue C&amp;CPLG actions", Role.EXECUTIVE: "Protected time for system leadership",
    }
    for other, text in others.items():
        if other != role:
            assert text not in html, (role, text)
    # Staff are not asked to complete a leader profile when they take no part as leaders.
    assert "Complete your leader profile" not in html


def award_and_certify(n: int) -> None:
    """One more Challenge Fund bid awarded £6,000 yesterday, one awarded tomorrow (not counted yet), and a
    certificate for one more leader (and a second certificate for someone already counted)."""
    now = timezone.now()
    funded = {"state": BidState.DETERMINED, "outcome": Outcome.FUNDED, "awarded_amount": Decimal("6000")}
    BidFactory(**funded, determined_at=now - timedelta(days=1))
    BidFactory(**funded, determined_at=now + timedelta(days=1))
    leader = UserFactory()
    for index in range(2):
        Certificate.objects.create(application=ApplicationFactory(applicant=leader), code=f"HOME-{n}-{index}",
                                   cpd_hours=Decimal("6"))


def test_the_ics_executive_sees_the_fund_awarded_and_leaders_developed_as_the_dashboard_does(client_as):
    client, user = client_as(Role.EXECUTIVE)
    html = page(client)
    assert "£0 to 0 bids." in html and "0 people have completed a programme" in html
    award_and_certify(0)
    html = page(client)
    assert "Challenge Fund awarded" in html and "£6,000 to 1 bid." in html
    assert "1 person has completed a programme and been given a certificate." in html
    award_and_certify(1)
    html = page(client)
    assert "£12,000 to 2 bids." in html and "2 people have completed a programme" in html


def test_the_executive_panel_reads_in_a_fixed_number_of_queries(django_assert_num_queries):
    user = UserFactory()
    grant_role(None, user, Role.EXECUTIVE)
    user = type(user).objects.get(pk=user.pk)
    user.has_role(Role.EXECUTIVE)  # the roles are read once a request, before the panels
    for n in range(2):
        award_and_certify(n)
        with django_assert_num_queries(3):
            items = executive_items(user, timezone.now())
        assert len(items) == 7


def test_the_fund_admin_sees_overdue_project_reports(client_as):
    client, user = client_as("programme_admin")
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    staff_world()
    assert "Projects with a report overdue" in page(client)


def test_a_staff_member_who_is_also_a_leader_is_asked_for_a_profile(client_as):
    client, user = client_as("reviewer")
    assert "Complete your leader profile" not in page(client)
    leader_world(user)
    assert "Complete your leader profile" in page(client)
    client, leader = client_as("leader")
    assert "Complete your leader profile" in page(client)


def test_a_programme_admin_sees_only_the_programmes_they_run(client_as):
    client, user = client_as("programme_admin")  # runs the curriculum
    community = Programme.objects.get(slug="community")
    cohort = CohortFactory(programme=community, title="Someone else's cohort")
    Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.UNDER_REVIEW)
    assert "Applications to review" not in page(client)


def test_no_item_shows_another_persons_records(client_as):
    other = UserFactory()
    leader_world(other)
    BidFactory(lead=LeaderProfileFactory(user=UserFactory()).user,
               round=RoundFactory(closes_at=timezone.now() + timedelta(days=2)), title="Their draft bid")
    client, user = client_as("leader")
    html = page(client)
    for text in ("Offered cohort", "Closing cohort", "Tomorrow&#x27;s workshop", "Reflections to write",
                 "Their draft bid"):
        assert text not in html
    assert "Nothing needs you at the moment" in html
    # A reviewer is never counted a bid assigned to someone else, nor an application they scored.
    client, reviewer = client_as("reviewer")
    staff_world(reviewer=other)
    assert "Bids you have not reviewed" not in page(client)
    for application in Application.objects.filter(state__in=[S.UNDER_REVIEW]):
        ApplicationScore.objects.create(application=application, reviewer=reviewer, score=3)
    assert "Applications you have not scored" not in page(client)


def test_titles_people_typed_are_escaped(client_as):
    client, user = client_as("leader")
    cohort = CohortFactory(title="<script>alert(1)</script>")
    Application.objects.create(cohort=cohort, applicant=user, state=S.OFFERED,
                               offer_expires_at=timezone.now() + timedelta(days=3))
    html = page(client)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_whole_home_page_for_a_person_with_every_role_has_a_fixed_query_count(
    client, django_assert_max_num_queries
):
    user = UserFactory(is_superuser=True, is_staff=True)
    for role in Role.values:
        grant_role(None, user, role, programme=Programme.objects.get(slug="curriculum")
                   if role == Role.PROGRAMME_ADMIN else None)
    give_mfa(user)
    client.force_login(user)
    for n in range(3):
        leader_world(user)
        staff_world(reviewer=user, n=n)
        network_world(user)
        # A shadowing placement with a visit that has happened and no reflection yet, one more each time.
        placement = agreed(days=(-3, 4), state=PlacementState.IN_PROGRESS)
        Placement.objects.filter(pk=placement.pk).update(shadow=user)
        # 22, and: the progress returns owed (1); the fund awarded and leaders developed (2); the Challenge Fund's
        # pending co-applicant invitations (1); the C&CPLG meetings' open pulses (1); the header's unread count (1);
        # the managed network's panel: the next Big Room and the mentoring pairs with their check-ins (2);
        # shadowing's reflections and follow-ups owed, in one query however many placements (1).
        with django_assert_max_num_queries(31):
            html = page(client)
        assert "Applications to review" in html and "See the investment dashboard" in html
        assert "Shadowing visits to reflect on" in html


def test_an_item_says_its_deadline_in_nhs_style():
    moment = timezone.make_aware(timezone.datetime(2026, 12, 2, 10, 30))
    assert HomeItem("x", "/", deadline=moment).deadline_text == "2 December 2026 at 10:30am"
    assert HomeItem("x", "/", deadline=moment.date()).deadline_text == "2 December 2026"

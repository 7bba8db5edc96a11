"""Coaching, pull not push (issue 13): the pool, a leader's request and withdrawal, the coaching lead's
assigning under the coach's capacity, the coach's answer, sessions as dates and counts only, the no-fault
end, the emails, the anonymised figures, and the personal data registries."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy.notifications.models import Notification
from academy.notifications.services import deliver
from academy.privacy.personal_data import PersonalExport
from programmes.network import coaching_selectors as selectors
from programmes.network import coaching_services as services
from programmes.network.models import Coach, CoachingRequest, CoachingSession, CoachingState, CoachStatus
from programmes.network.personal_data import export
from tests.factories import coaching
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def deliver_all():
    for pk in Notification.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True):
        deliver(pk)


@pytest.fixture
def coaching_lead(network_admin):
    """The coaching lead: a Programme admin of the network (tests/programmes/network/conftest.py)."""
    return network_admin


def test_a_session_has_no_field_for_content():
    """Only the date and the count: there is nowhere to write what was said."""
    names = {f.name for f in CoachingSession._meta.get_fields()}
    assert names == {"id", "request", "held_on", "count", "logged_at"}


# --- the pool -----------------------------------------------------------------------------------------


def test_only_the_coaching_lead_adds_coaches(coaching_lead, client_as):
    _, superuser = client_as("superuser")
    person = LeaderProfileFactory().user
    for actor in (superuser, coaching.member()):
        with pytest.raises(PermissionDenied):
            services.add_coach(actor, person=person, accreditation_body="icf", accreditation_level="PCC")
    coach = services.add_coach(coaching_lead, person=person, accreditation_body="icf", accreditation_level="PCC",
                               specialisms="Team coaching", capacity=3)
    assert coach.added_by == coaching_lead
    with pytest.raises(ValidationError, match="already in the pool"):
        services.add_coach(coaching_lead, person=person, accreditation_body="icf", accreditation_level="PCC")


@pytest.mark.parametrize("capacity", [0, 11])
def test_coach_capacity_out_of_range_is_refused_and_nothing_saved(coaching_lead, capacity):
    with pytest.raises(ValidationError, match="between 1 and 10"):
        services.add_coach(coaching_lead, person=LeaderProfileFactory().user, accreditation_body="icf",
                           accreditation_level="PCC", capacity=capacity)
    assert not Coach.objects.exists()


# --- the request ----------------------------------------------------------------------------------------


def test_only_network_members_ask_for_coaching():
    outsider = LeaderProfileFactory().user
    with pytest.raises(ValidationError, match="join the network"):
        coaching.request(outsider)
    assert not CoachingRequest.objects.exists()


def test_a_request_for_a_team_needs_its_size_and_one_live_request_each():
    person = coaching.member()
    with pytest.raises(ValidationError):
        coaching.request(person, for_whom="team")
    mine = coaching.request(person)
    team = coaching.request(person, for_whom="team", team_size=6)
    assert (mine.team_size, team.team_size) == (None, 6)
    with pytest.raises(ValidationError, match="already asked"):
        coaching.request(person)
    services.withdraw(person, mine)
    assert coaching.request(person).state == CoachingState.WAITING
    assert mine.transitions.count() == 2  # asked, withdrawn: the one workflow log


def test_only_the_requester_withdraws_and_only_before_it_starts():
    req = coaching.offered()
    with pytest.raises(PermissionDenied):
        services.withdraw(req.coach.person, req)
    started = coaching.active()
    with pytest.raises(ValidationError):
        services.withdraw(started.requester, started)


# --- assigning, accepting, declining ---------------------------------------------------------------------


def test_assigning_respects_capacity_pause_and_the_coachs_own_request(coaching_lead):
    coach = coaching.coach(capacity=1)
    services.assign(coaching_lead, coaching.request(), coach)
    with pytest.raises(ValidationError, match="no place free"):
        services.assign(coaching_lead, coaching.request(), coach)
    paused = coaching.coach(status=CoachStatus.PAUSED)
    with pytest.raises(ValidationError, match="paused"):
        services.assign(coaching_lead, coaching.request(), paused)
    own = coaching.coach(person=coaching.member())
    with pytest.raises(ValidationError, match="themselves"):
        services.assign(coaching_lead, coaching.request(own.person), own)


def test_superusers_and_other_admins_cannot_assign(client_as, other_admin):
    _, superuser = client_as("superuser")
    req, coach = coaching.request(), coaching.coach()
    for actor in (superuser, other_admin):
        with pytest.raises(PermissionDenied):
            services.assign(actor, req, coach)


def test_the_coach_is_emailed_then_both_sides_when_they_accept(coaching_lead):
    req, coach = coaching.request(), coaching.coach()
    services.assign(coaching_lead, req, coach)
    deliver_all()
    assert [m.to for m in mail.outbox] == [[coach.person.email]]
    assert req.requester.get_full_name() not in mail.outbox[0].body  # the offer names nobody
    services.accept(coach.person, req)
    deliver_all()
    to_coachee, to_coach = mail.outbox[1], mail.outbox[2]
    assert to_coachee.to == [req.requester.email] and coach.person.email in to_coachee.body
    assert to_coach.to == [coach.person.email] and req.requester.email in to_coach.body
    assert CoachingRequest.objects.get(pk=req.pk).state == CoachingState.ACTIVE


def test_text_parts_are_not_html_escaped(coaching_lead):
    coachee = coaching.member(user__first_name="Ann & Co", user__last_name="O'Neil")
    req = coaching.offered(coachee)
    services.accept(req.coach.person, req)
    deliver_all()
    to_coach = [m for m in mail.outbox if m.to == [req.coach.person.email]][-1]
    assert "Ann & Co O'Neil" in to_coach.body and "&amp;" not in to_coach.body


def test_only_the_offered_coach_answers_and_a_decline_goes_back_to_the_lead(
    coaching_lead
):
    req = coaching.request()
    first = coaching.coach()
    services.assign(coaching_lead, req, first)
    with pytest.raises(PermissionDenied):
        services.accept(coaching.coach().person, req)
    services.decline(first.person, req)
    deliver_all()
    req.refresh_from_db()
    assert (req.state, req.coach) == (CoachingState.WAITING, None)
    assert mail.outbox[-1].to == [coaching_lead.email]
    assert first not in services.coaches_with_room(req)
    with pytest.raises(ValidationError, match="already declined"):
        services.assign(coaching_lead, req, first)


# --- sessions and the end -------------------------------------------------------------------------------


def test_the_coach_logs_dates_and_counts_never_in_the_future_or_before_the_start():
    req = coaching.active()
    coach = req.coach.person
    today = timezone.localdate()
    services.log_session(coach, req, held_on=today, count=2)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.log_session(coach, req, held_on=today + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="on or after"):
        services.log_session(coach, req, held_on=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="between 1 and 5"):
        services.log_session(coach, req, held_on=today, count=6)
    with pytest.raises(PermissionDenied):
        services.log_session(req.requester, req, held_on=today)
    assert CoachingSession.objects.filter(request=req).count() == 1


def test_either_side_ends_it_and_the_other_is_told():
    for ender in ("coachee", "coach"):
        req = coaching.active()
        actor = req.requester if ender == "coachee" else req.coach.person
        other = req.coach.person if ender == "coachee" else req.requester
        services.end(actor, req)
        deliver_all()
        assert mail.outbox[-1].to == [other.email]
        req.refresh_from_db()
        assert req.state == CoachingState.ENDED
        with pytest.raises(ValidationError):
            services.log_session(req.coach.person, req, held_on=timezone.localdate())
    stranger = coaching.member()
    with pytest.raises(PermissionDenied):
        services.end(stranger, coaching.active())


def test_an_ended_coaching_frees_the_coachs_place(coaching_lead):
    coach = coaching.coach(capacity=1)
    req = coaching.active(to=coach)
    assert coach not in services.coaches_with_room(coaching.request())
    services.end(req.requester, req)
    assert coach in services.coaches_with_room(coaching.request())


# --- what others see --------------------------------------------------------------------------------------


def test_the_lead_sees_requests_only_until_the_coach_accepts():
    waiting, offered, started = coaching.request(), coaching.offered(), coaching.active()
    seen = set(selectors.lead_requests())
    assert {waiting, offered} <= seen and started not in seen


def test_figures_are_counts_through_suppression():
    for _ in range(6):
        coaching.request()
    assert selectors.figures().requests["Waiting for a coach"].display == "6"
    for _ in range(2):
        services.log_session((req := coaching.active()).coach.person, req, held_on=timezone.localdate())
    figures = selectors.figures()
    assert figures.requests["Under way"].value is None  # two: hidden
    assert figures.requests["Waiting for a coach"].value is None  # with the total it would give the two away
    assert figures.sessions.cells[0].display == "fewer than 5"
    assert figures.sessions_total is None  # two people's sessions: not shown


def test_the_figures_page_names_nobody(client, network_admin):
    req = coaching.active(coaching.member(user__first_name="Zebedee"))
    client.force_login(network_admin)
    page = client.get("/network/manage/coaching/figures/").content.decode()
    assert "Zebedee" not in page and req.coach.person.get_full_name() not in page


# --- personal data --------------------------------------------------------------------------------------


def test_both_sides_get_the_coaching_in_their_data_download():
    req = coaching.active()
    services.log_session(req.coach.person, req, held_on=timezone.localdate())
    for person in (req.requester, req.coach.person):
        out = PersonalExport()
        export(person, out)
        assert out.tables["coaching_requests"][0]["id"] == req.pk
        assert out.tables["coaching_sessions"][0]["count"] == 1


def test_erasing_either_side_takes_the_relationship_with_it():
    from programmes.network.erasure import erase

    req = coaching.active()
    offered = coaching.offered(to=req.coach)
    erase(req.coach.person, "erased")
    assert not CoachingRequest.objects.filter(pk=req.pk).exists()
    offered.refresh_from_db()
    assert (offered.state, offered.coach) == (CoachingState.WAITING, None)
    assert not Coach.objects.filter(person=req.coach.person).exists()
    mine = coaching.request()
    erase(mine.requester, "erased")
    assert not CoachingRequest.objects.filter(pk=mine.pk).exists()


def test_the_offer_to_the_coach_keeps_no_trace_of_who_asked():
    req = coaching.offered()
    note = Notification.objects.get(template="network_coaching_offered")
    assert set(note.context) == {"first_name", "url"}
    assert req.requester.email not in str(note.context)

"""After the agreement: visits rearranged or cancelled (told once, with an .ics), private reflections, completion
through the workflow, the three-month follow-up and the admin's follow page with its chase."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from academy.workflow.machine import force_state_for_tests
from academy.workflow.models import Transition
from programmes.shadowing import selectors, services
from programmes.shadowing.models import (
    Agreement,
    Chase,
    FollowUp,
    PlacementState,
    Reflection,
    RoundState,
    Visit,
    VisitChange,
)
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.shadowing import make_placement

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


def agreed(days=(5, 12), state=PlacementState.AGREED):
    """An agreed placement whose visits are ``days`` from today (negative: in the past)."""
    today = timezone.localdate()
    lo, hi = today + dt.timedelta(days=min(days) - 30), today + dt.timedelta(days=max(days) + 30)
    placement = make_placement(interest_closes_on=lo, visits_from=lo, visits_until=hi)
    now = timezone.now()
    Agreement.objects.create(placement=placement, learning_goals="Goals", confidentiality="Kept",
                             practical_arrangements="Arrive at 9", shadow_signed_at=now, host_signed_at=now,
                             manager_signed_at=now)
    Visit.objects.bulk_create(Visit(placement=placement, number=n, on=today + dt.timedelta(days=d))
                              for n, d in enumerate(days, start=1))
    workflow.move(placement, PlacementState.AGREED, workflow.SYSTEM)
    if state == PlacementState.IN_PROGRESS:
        workflow.move(placement, PlacementState.IN_PROGRESS, workflow.SYSTEM)
    return placement


SHADOW_WORDS = {"saw": "The discharge huddle", "surprised": "How much is by phone", "differently": "Call first"}


# --- rearranging and cancelling --------------------------------------------------------------------------


def test_the_host_rearranges_a_visit_and_the_shadow_and_manager_are_told_once(django_capture_on_commit_callbacks):
    placement = agreed()
    visit = placement.visits.get(number=1)
    new_day = visit.on + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=False):
        change = services.rearrange_visit(placement.offer.host, visit, day=new_day, reason="Ward inspection")
    visit.refresh_from_db()
    assert visit.on == new_day and visit.sequence == 1 and change.from_day == new_day - dt.timedelta(days=2)
    told = Notification.objects.filter(key__startswith=f"shadowing:visit-change:{change.pk}")
    assert sorted(n.to_email for n in told) == sorted([placement.shadow.email, placement.interest.line_manager_email])
    ics = told.first().context["attachments"][0]["content"]
    assert "METHOD:PUBLISH" in ics and "SEQUENCE:1" in ics and new_day.strftime("%Y%m%d") in ics
    assert placement.offer.host.email not in [n.to_email for n in told]


def test_cancelling_sends_a_cancellation_ics():
    placement = agreed()
    visit = placement.visits.get(number=2)
    change = services.cancel_visit(placement.shadow, visit, reason="Off sick")
    visit.refresh_from_db()
    assert visit.cancelled_at is not None and change.kind == VisitChange.Kind.CANCELLED
    note = Notification.objects.get(key=f"shadowing:visit-change:{change.pk}:other")
    assert note.to_email == placement.offer.host.email
    ics = note.context["attachments"][0]["content"]
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    with pytest.raises(ValidationError):  # the last visit left is rearranged, not cancelled
        services.cancel_visit(placement.shadow, placement.visits.get(number=1), reason="Busy")


@pytest.mark.parametrize("case", ["past_visit", "outside_round", "past_day", "same_as_other", "no_reason"])
def test_bad_rearrangements_save_nothing(case):
    placement = agreed(days=(-3, 5, 12))
    past, v2, v3 = placement.visits.order_by("number")
    visit, day, reason = v2, v2.on + dt.timedelta(days=1), "Clash"
    if case == "past_visit":
        visit = past
    elif case == "outside_round":
        day = placement.round.visits_until + dt.timedelta(days=1)
    elif case == "past_day":
        day = TODAY() - dt.timedelta(days=1)
    elif case == "same_as_other":
        day = v3.on
    else:
        reason = "  "
    with pytest.raises(ValidationError):
        services.rearrange_visit(placement.shadow, visit, day=day, reason=reason)
    assert not VisitChange.objects.exists() and not Notification.objects.filter(key__contains="visit-change").exists()


def test_only_the_two_sides_change_visits_superusers_included():
    placement = agreed()
    for outsider in (UserFactory(), UserFactory(is_superuser=True)):
        with pytest.raises(PermissionDenied):
            services.cancel_visit(outsider, placement.visits.first(), reason="No")


def test_cancelled_visits_are_not_reminded():
    placement = agreed(days=(1, 12))
    services.cancel_visit(placement.shadow, placement.visits.get(number=1), reason="Strike day")
    assert services.visits_due() == 0


# --- reflections and completion ---------------------------------------------------------------------------


def test_no_reflection_before_the_visit_has_happened():
    placement = agreed(days=(0, 5))
    for visit in placement.visits.all():
        with pytest.raises(ValidationError):
            services.save_reflection(placement.shadow, visit, SHADOW_WORDS)
    assert not Reflection.objects.exists()


def test_the_shadow_answers_all_three_questions_the_host_one():
    placement = agreed(days=(-5, -2), state=PlacementState.IN_PROGRESS)
    visit = placement.visits.get(number=1)
    with pytest.raises(ValidationError) as error:
        services.save_reflection(placement.shadow, visit, {"saw": "Lots"})
    assert set(error.value.message_dict) == {"surprised", "differently"}
    host = services.save_reflection(placement.offer.host, visit, {"saw": "Fresh eyes", "surprised": "ignored"})
    assert host.side == "host" and host.surprised == ""


def test_the_placement_completes_when_every_visit_is_reflected_on(django_capture_on_commit_callbacks):
    placement = agreed(days=(-9, -2))
    first, second = placement.visits.order_by("number")
    services.save_reflection(placement.shadow, first, SHADOW_WORDS)
    placement.refresh_from_db()
    assert placement.state == PlacementState.AGREED
    services.save_reflection(placement.shadow, second, SHADOW_WORDS)
    placement.refresh_from_db()
    assert placement.state == PlacementState.COMPLETED
    moves = list(Transition.objects.filter(object_id=placement.pk, machine="shadowing.placement")
                 .order_by("pk").values_list("to_state", flat=True))
    assert moves[-2:] == ["in_progress", "completed"]
    assert placement.follow_up.due_on == services.add_months(second.on, 3)
    assert [t.placement_id for t in selectors.completed_placement_ties()] == [placement.pk]


def test_reflections_are_private_to_their_author_even_from_superusers(client):
    placement = agreed(days=(-4, -2), state=PlacementState.IN_PROGRESS)
    visit = placement.visits.get(number=1)
    services.save_reflection(placement.shadow, visit, SHADOW_WORDS)
    url = reverse("shadowing:reflection", args=[placement.pk, visit.pk])
    client.force_login(placement.shadow)
    assert "How much is by phone" in client.get(url).content.decode()
    client.force_login(placement.offer.host)
    page = client.get(url).content.decode()
    assert "How much is by phone" not in page
    superuser = UserFactory(is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)
    assert client.get(url).status_code == 404
    follow = client.get(reverse("shadowing:follow", args=[placement.round.pk])).content.decode()
    assert "How much is by phone" not in follow and "Shadow 1, host 0" in follow


def test_a_bad_reflection_shows_the_error_summary_and_saves_nothing(client):
    placement = agreed(days=(-4, -2), state=PlacementState.IN_PROGRESS)
    visit = placement.visits.get(number=1)
    client.force_login(placement.shadow)
    response = client.post(reverse("shadowing:reflection", args=[placement.pk, visit.pk]), {"saw": "Only this"})
    assert response.status_code == 400
    assert "nhsuk-error-summary" in response.content.decode() and not Reflection.objects.exists()


# --- the follow-up ----------------------------------------------------------------------------------------


def completed(days=(-100, -95)):
    placement = agreed(days=days)
    for visit in placement.visits.all():
        services.save_reflection(placement.shadow, visit, SHADOW_WORDS)
    placement.refresh_from_db()
    return placement


def test_the_follow_up_is_invited_once_three_months_after_the_last_visit(django_capture_on_commit_callbacks):
    placement = completed(days=(-40, -30))
    assert services.follow_ups_due() == 0  # not yet three months
    with pytest.raises(ValidationError):
        services.answer_follow_up(placement.shadow, placement.follow_up, {"answer": "Early"})
    FollowUp.objects.filter(pk=placement.follow_up.pk).update(due_on=TODAY())
    assert services.follow_ups_due() == 1
    assert services.follow_ups_due() == 0
    assert Notification.objects.filter(template="shadowing_follow_up", to_email=placement.shadow.email).count() == 1


def test_the_follow_up_answer_feeds_the_evaluation_with_consent():
    placement = completed()
    services.follow_ups_due()
    follow_up = FollowUp.objects.get(placement=placement)
    with pytest.raises(PermissionDenied):
        services.answer_follow_up(placement.offer.host, follow_up, {"answer": "Not mine"})
    with pytest.raises(ValidationError):
        services.answer_follow_up(placement.shadow, follow_up, {"answer": " "})
    services.answer_follow_up(placement.shadow, follow_up, {"answer": "I call the ward first", "may_use": False})
    figures = selectors.follow_up_answers()
    assert (figures.invited, figures.answered, figures.may_use) == (1, 1, 0)
    assert figures.answers[0].answer == ""
    services.answer_follow_up(placement.shadow, follow_up, {"answer": "I call the ward first", "may_use": True})
    assert selectors.follow_up_answers().answers[0].answer == "I call the ward first"


# --- the admin's follow page and chasing ------------------------------------------------------------------


def test_the_follow_page_filters_and_keeps_its_query_count(client, shadowing_admin):
    placement = agreed(days=(-4, 6), state=PlacementState.IN_PROGRESS)
    round_ = placement.round
    client.force_login(shadowing_admin)
    url = reverse("shadowing:follow", args=[round_.pk])
    client.get(url)  # the first request warms the session and the cached fragments
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(30):
        other = make_placement()
        other.round = round_
        other.save(update_fields=["round"])
    # The factories add people, organisations and functions, which drop cached fragments; warm them again so
    # that only the list's own reads are compared.
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many) == len(few)
    assert page.content.decode().count('<tr class="nhsuk-table__row">') == 25 + 1
    only = client.get(url, {"progress": "reflections"}).content.decode()
    assert placement.shadow.get_full_name() in only and "Shadow 0, host 0" in only


def test_chase_emails_each_stuck_person_once_and_not_again_within_a_week(client, shadowing_admin,
                                                                         django_capture_on_commit_callbacks):
    placement = agreed(days=(-4, 6), state=PlacementState.IN_PROGRESS)
    round_ = placement.round
    proposed = make_placement()
    proposed.round = round_
    proposed.save(update_fields=["round"])
    client.force_login(shadowing_admin)
    url = reverse("shadowing:chase", args=[round_.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    emailed = sorted(Notification.objects.filter(template="shadowing_chase").values_list("to_email", flat=True))
    expected = [placement.shadow.email, placement.offer.host.email, proposed.shadow.email, proposed.offer.host.email]
    assert emailed == sorted(expected) and Chase.objects.count() == 4
    response = client.post(url)
    assert response.status_code == 400 and Chase.objects.count() == 4
    Chase.objects.update(sent_at=timezone.now() - dt.timedelta(days=8))
    services.chase(shadowing_admin, round_)
    assert Chase.objects.count() == 8


def test_nobody_is_chased_before_publishing(shadowing_admin):
    placement = agreed()
    force_state_for_tests(placement.round, RoundState.MATCHING)
    with pytest.raises(ValidationError):
        services.chase(shadowing_admin, placement.round)


def test_the_journey_through_the_visit_pages(client):
    placement = agreed(days=(-3, 6), state=PlacementState.IN_PROGRESS)
    past, future = placement.visits.order_by("number")
    client.force_login(placement.shadow)
    page = client.get(reverse("shadowing:placement", args=[placement.pk])).content.decode()
    assert reverse("shadowing:reflection", args=[placement.pk, past.pk]) in page
    assert reverse("shadowing:visit_rearrange", args=[placement.pk, future.pk]) in page
    assert reverse("shadowing:visit_rearrange", args=[placement.pk, past.pk]) not in page
    response = client.post(reverse("shadowing:visit_rearrange", args=[placement.pk, future.pk]),
                           {"day_0": "", "reason": ""})
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    day = future.on + dt.timedelta(days=1)
    response = client.post(reverse("shadowing:visit_rearrange", args=[placement.pk, future.pk]),
                           {"day_0": day.day, "day_1": day.month, "day_2": day.year, "reason": "Clash"})
    assert response.status_code == 302
    future.refresh_from_db()
    assert future.on == day
    response = client.post(reverse("shadowing:visit_cancel", args=[placement.pk, future.pk]), {"reason": "Strike"})
    assert response.status_code == 302
    assert client.get(reverse("shadowing:visit_ics", args=[placement.pk, future.pk])).content.decode().count(
        "METHOD:CANCEL") == 1

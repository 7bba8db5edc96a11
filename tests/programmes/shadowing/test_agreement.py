"""The placement agreement: written by the shadow or the host, visits inside the round and not in the past,
signed by the shadow, the host and the line manager or sponsor (signed link, no account), then agreed."""

import datetime as dt

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.notifications.models import Notification
from academy.workflow.models import Transition
from programmes.shadowing import services
from programmes.shadowing.models import Agreement, PlacementState, Visit
from tests.factories.accounts import UserFactory
from tests.factories.shadowing import make_placement

pytestmark = pytest.mark.django_db


def terms(placement, **overrides):
    start = placement.round.visits_from
    data = {
        "learning_goals": "See how discharge works", "confidentiality": "Nothing identifiable leaves the team",
        "practical_arrangements": "Arrive at 9am, ask for the nurse in charge",
        "visits": [start, start + dt.timedelta(days=7), start + dt.timedelta(days=14)],
    }
    return data | overrides


def signed_by_both(placement):
    services.save_agreement(placement.shadow, placement, terms(placement))
    services.sign_agreement(placement.shadow, placement)
    return services.sign_agreement(placement.offer.host, placement)


def test_the_shadow_writes_the_agreement_with_its_visits():
    placement = make_placement()
    agreement = services.save_agreement(placement.shadow, placement, terms(placement))
    assert agreement.learning_goals == "See how discharge works"
    assert [v.number for v in placement.visits.all()] == [1, 2, 3]


@pytest.mark.parametrize("when", ["before_round", "after_round", "past"])
def test_a_visit_outside_the_round_or_in_the_past_saves_nothing(when):
    placement = make_placement()
    round_ = placement.round
    if when == "past":
        round_.visits_from = dt.date.today() - dt.timedelta(days=10)
        round_.interest_closes_on = round_.visits_from
        round_.save()
    bad = {
        "before_round": round_.visits_from - dt.timedelta(days=1),
        "after_round": round_.visits_until + dt.timedelta(days=1),
        "past": dt.date.today() - dt.timedelta(days=1),
    }[when]
    with pytest.raises(ValidationError) as error:
        services.save_agreement(placement.shadow, placement,
                                terms(placement, visits=[round_.visits_until, bad]))
    assert "visit_2" in error.value.message_dict
    assert not Agreement.objects.exists() and not Visit.objects.exists()


def test_two_visits_on_one_day_or_a_single_visit_are_refused():
    placement = make_placement()
    day = placement.round.visits_from
    with pytest.raises(ValidationError):
        services.save_agreement(placement.shadow, placement, terms(placement, visits=[day, day]))
    with pytest.raises(ValidationError):
        services.save_agreement(placement.shadow, placement, terms(placement, visits=[day]))
    assert not Agreement.objects.exists()


def test_nobody_else_writes_or_signs_it_superusers_included():
    placement = make_placement()
    for outsider in (UserFactory(), UserFactory(is_superuser=True)):
        with pytest.raises(PermissionDenied):
            services.save_agreement(outsider, placement, terms(placement))
    services.save_agreement(placement.offer.host, placement, terms(placement))
    with pytest.raises(PermissionDenied):
        services.sign_agreement(UserFactory(is_superuser=True), placement)


def test_three_signatures_agree_the_placement(django_capture_on_commit_callbacks):
    placement = make_placement()
    with django_capture_on_commit_callbacks():
        agreement = signed_by_both(placement)
    placement.refresh_from_db()
    assert placement.state == PlacementState.PROPOSED
    mail = Notification.objects.get(template="shadowing_agreement_manager")
    assert mail.to_email == placement.interest.line_manager_email
    # Signing again sends nothing more.
    services.sign_agreement(placement.shadow, placement)
    assert Notification.objects.filter(template="shadowing_agreement_manager").count() == 1

    services.manager_sign(services.agreement_manager_token(agreement))
    placement.refresh_from_db()
    assert placement.state == PlacementState.AGREED
    move = Transition.objects.filter(to_state="agreed").get()
    assert "signed" in move.note


def test_the_manager_cannot_sign_before_both_sides():
    placement = make_placement()
    agreement = services.save_agreement(placement.shadow, placement, terms(placement))
    services.sign_agreement(placement.shadow, placement)
    with pytest.raises(ValidationError):
        services.manager_sign(services.agreement_manager_token(agreement))
    agreement.refresh_from_db()
    assert agreement.manager_signed_at is None


def test_a_change_clears_the_signatures_and_the_old_link():
    placement = make_placement()
    agreement = signed_by_both(placement)
    old_link = services.agreement_manager_token(agreement)
    services.save_agreement(placement.offer.host, placement, terms(placement, learning_goals="Something else"))
    agreement.refresh_from_db()
    assert agreement.version == 2 and agreement.shadow_signed_at is None and agreement.host_signed_at is None
    with pytest.raises(signing.BadSignature):
        services.manager_sign(old_link)


def test_saving_the_same_terms_keeps_the_signatures():
    placement = make_placement()
    signed_by_both(placement)
    agreement = services.save_agreement(placement.shadow, placement, terms(placement))
    assert agreement.version == 1 and agreement.shadow_signed_at is not None


def test_a_tampered_link_is_refused(client):
    placement = make_placement()
    agreement = signed_by_both(placement)
    token = services.agreement_manager_token(agreement)
    response = client.post(reverse("shadowing:agreement_manager", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.manager_signed_at is None


def test_the_journey_through_the_pages(client):
    placement = make_placement()
    day = placement.round.visits_from
    client.force_login(placement.shadow)
    form = {"learning_goals": "<script>alert(1)</script>", "confidentiality": "=cmd|' /C calc'!A0",
            "practical_arrangements": "Arrive at 9"}
    for n in range(1, placement.offer.visits + 1):
        when = day + dt.timedelta(days=7 * n)
        form |= {f"visit_{n}_0": when.day, f"visit_{n}_1": when.month, f"visit_{n}_2": when.year}
    bad = form | {"visit_1_0": "31", "visit_1_1": "2"}
    response = client.post(reverse("shadowing:agreement_edit", args=[placement.pk]), bad)
    assert response.status_code == 400 and not Agreement.objects.exists()
    response = client.post(reverse("shadowing:agreement_edit", args=[placement.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(reverse("shadowing:placement", args=[placement.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    client.post(reverse("shadowing:agreement_sign", args=[placement.pk]))
    visit = placement.visits.first()
    ics = client.get(reverse("shadowing:visit_ics", args=[placement.pk, visit.pk]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    client.force_login(placement.offer.host)
    client.post(reverse("shadowing:agreement_sign", args=[placement.pk]))
    client.logout()
    token = services.agreement_manager_token(Agreement.objects.get())
    page = client.get(reverse("shadowing:agreement_manager", args=[token]))
    assert page.status_code == 200 and b"&lt;script&gt;" in page.content
    client.post(reverse("shadowing:agreement_manager", args=[token]))
    placement.refresh_from_db()
    assert placement.state == PlacementState.AGREED


def agreed(placement):
    agreement = signed_by_both(placement)
    services.manager_sign(services.agreement_manager_token(agreement))
    placement.refresh_from_db()
    return placement


def test_each_visit_is_reminded_once_however_often_beat_runs(django_capture_on_commit_callbacks):
    placement = agreed(make_placement())
    first = placement.visits.first().on
    with django_capture_on_commit_callbacks():
        assert services.visits_due(today=first - dt.timedelta(days=2)) == 2
        assert services.visits_due(today=first - dt.timedelta(days=2)) == 0
        assert services.visits_due(today=first - dt.timedelta(days=1)) == 0
    reminders = Notification.objects.filter(template="shadowing_visit_reminder")
    assert sorted(n.to_email for n in reminders) == sorted([placement.shadow.email, placement.offer.host.email])
    placement.refresh_from_db()
    assert placement.state == PlacementState.AGREED  # nothing is recorded before it happened


def test_a_placement_is_under_way_after_its_first_visit_day():
    placement = agreed(make_placement())
    first = placement.visits.first().on
    services.visits_due(today=first)
    placement.refresh_from_db()
    assert placement.state == PlacementState.AGREED
    services.visits_due(today=first + dt.timedelta(days=1))
    services.visits_due(today=first + dt.timedelta(days=1))
    placement.refresh_from_db()
    assert placement.state == PlacementState.IN_PROGRESS
    assert Transition.objects.filter(to_state="in_progress").count() == 1


def test_no_reminders_before_the_agreement_is_signed():
    placement = make_placement()
    services.save_agreement(placement.shadow, placement, terms(placement))
    assert services.visits_due(today=placement.round.visits_from - dt.timedelta(days=1)) == 0


def test_a_completed_placement_is_a_tie_for_the_network_analysis():
    from academy.workflow.machine import force_state_for_tests
    from evaluation.network.sources import TIE_SOURCES
    from programmes.shadowing import selectors

    placement = agreed(make_placement())
    last = placement.visits.order_by("on").last().on
    assert list(selectors.shadowing_ties(last, last)) == []
    force_state_for_tests(placement, PlacementState.COMPLETED)
    assert list(selectors.shadowing_ties(last, last)) == [
        (placement.shadow_id, placement.offer.host_id, "shadowing", last)]
    assert list(selectors.shadowing_ties(last + dt.timedelta(days=1), last + dt.timedelta(days=9))) == []
    assert selectors.shadowing_ties in TIE_SOURCES

"""Cancelling a whole placement (its shadow, its host or the programme's admin, with a reason, through the
workflow), hosts chased for their notes, the home page's prompt, and erasure of stored email contexts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification
from academy.privacy import erasure
from academy.ui.home import home_panels
from academy.workflow.models import Transition
from programmes.shadowing import selectors, services
from programmes.shadowing.calendar import visit_calendar
from programmes.shadowing.models import (
    Chase,
    FollowUp,
    Placement,
    PlacementOffer,
    PlacementState,
    Reflection,
    Visit,
)
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.shadowing import OfferFactory, make_placement
from tests.programmes.shadowing.test_followup import SHADOW_WORDS, agreed
from tests.programmes.shadowing.test_services import offer_data

pytestmark = pytest.mark.django_db


def cancelled_notes(placement):
    return Notification.objects.filter(key__startswith=f"shadowing:placement-cancelled:{placement.pk}:")


# --- cancelling a placement -------------------------------------------------------------------------------


def test_the_host_cancels_an_agreed_placement_and_the_shadow_and_manager_are_told_once():
    placement = agreed(days=(-3, 4, 9), state=PlacementState.IN_PROGRESS)
    host = placement.offer.host
    services.cancel_placement(host, placement, reason="The ward is closing for refurbishment")
    placement.refresh_from_db()
    assert placement.state == PlacementState.CANCELLED and placement.cancelled_by == host
    assert placement.cancel_reason == "The ward is closing for refurbishment"
    move = Transition.objects.get(object_id=placement.pk, machine="shadowing.placement", to_state="cancelled")
    assert move.actor == host and move.from_state == "in_progress" and "the host" in move.note
    past, *future = placement.visits.order_by("number")
    assert past.cancelled_at is None and past.sequence == 0  # what happened stays
    assert all(v.cancelled_at is not None and v.sequence == 1 for v in future)
    notes = cancelled_notes(placement)
    assert sorted(n.to_email for n in notes) == sorted([placement.shadow.email, placement.interest.line_manager_email])
    for note in notes:
        files = note.context["attachments"]
        assert len(files) == 2
        assert all("METHOD:CANCEL" in f["content"] and "STATUS:CANCELLED" in f["content"] for f in files)
        assert note.context["reason"] == "The ward is closing for refurbishment"
    assert services.visits_due(timezone.localdate() + dt.timedelta(days=3)) == 0  # no reminders for it


def test_the_admin_cancels_a_proposed_placement_and_both_sides_and_the_manager_are_told(shadowing_admin):
    placement = make_placement()
    services.cancel_placement(shadowing_admin, placement, reason="The shadow has left the NHS")
    emails = sorted(cancelled_notes(placement).values_list("to_email", flat=True))
    assert emails == sorted([placement.shadow.email, placement.offer.host.email, placement.interest.line_manager_email])
    assert all(n.context["attachments"] == [] for n in cancelled_notes(placement))


@pytest.mark.parametrize("case", ["no_reason", "completed", "already_cancelled"])
def test_what_cannot_be_cancelled_saves_nothing(case):
    placement = agreed()
    reason = "Changed roles"
    if case == "no_reason":
        reason = "   "
    elif case == "completed":
        Placement.objects.filter(pk=placement.pk).update(state=PlacementState.COMPLETED)
    else:
        services.cancel_placement(placement.shadow, placement, reason="First")
        Notification.objects.all().delete()
    moves = Transition.objects.count()
    with pytest.raises(ValidationError):
        services.cancel_placement(placement.shadow, Placement.objects.get(pk=placement.pk), reason=reason)
    assert Transition.objects.count() == moves and not cancelled_notes(placement).exists()
    if case != "already_cancelled":
        assert not Visit.objects.filter(placement=placement, cancelled_at__isnull=False).exists()


def test_only_the_sides_and_the_shadowing_admins_cancel(other_admin):
    placement = agreed()
    for outsider in (UserFactory(), other_admin):
        with pytest.raises(PermissionDenied):
            services.cancel_placement(outsider, placement, reason="No")
    assert Placement.objects.get(pk=placement.pk).state == PlacementState.AGREED


def test_cancelling_frees_the_hosts_place():
    placement = make_placement()
    offer = placement.offer
    PlacementOffer.objects.filter(pk=offer.pk).update(capacity=2)
    second = make_placement()
    Placement.objects.filter(pk=second.pk).update(offer=offer, round=offer.round)
    lower = offer_data(offer.round, capacity=1, organisation=offer.organisation,
                       professions=list(offer.professions.all()))
    with pytest.raises(ValidationError):
        services.update_offer(offer.host, PlacementOffer.objects.get(pk=offer.pk), lower)
    services.cancel_placement(placement.shadow, placement, reason="A new job")
    services.update_offer(offer.host, PlacementOffer.objects.get(pk=offer.pk), lower)
    assert PlacementOffer.objects.get(pk=offer.pk).capacity == 1
    # The shadow may be placed again (one live placement a shadow: a cancelled one does not count).
    Placement.objects.create(round=offer.round, offer=OfferFactory(round=offer.round), interest=placement.interest,
                             shadow=placement.shadow)


def test_the_cancel_page_refuses_no_reason_with_400_and_saves_nothing(client):
    placement = agreed()
    client.force_login(placement.shadow)
    url = reverse("shadowing:placement_cancel", args=[placement.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Cancel the placement" in page.content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Enter why the placement is being cancelled" in response.content.decode()
    assert Placement.objects.get(pk=placement.pk).state == PlacementState.AGREED and not cancelled_notes(placement)
    response = client.post(url, {"reason": "<b>Off sick</b> for a month"})
    assert response.status_code == 302 and response.url == reverse("shadowing:placement", args=[placement.pk])
    shown = client.get(response.url).content.decode()
    assert "This placement was cancelled" in shown and "&lt;b&gt;Off sick&lt;/b&gt;" in shown
    assert "Cancel this placement" not in shown
    again = client.post(url, {"reason": "Twice"})
    assert again.status_code == 400 and cancelled_notes(placement).count() == 2


def test_a_completed_placement_shows_why_it_cannot_be_cancelled(client):
    placement = agreed()
    Placement.objects.filter(pk=placement.pk).update(state=PlacementState.COMPLETED)
    client.force_login(placement.offer.host)
    html = client.get(reverse("shadowing:placement_cancel", args=[placement.pk])).content.decode()
    assert "is completed: it cannot be cancelled" in html and 'type="submit">Cancel the placement' not in html


def test_the_admin_cancels_from_the_follow_page(client, shadowing_admin):
    placement = agreed()
    client.force_login(shadowing_admin)
    follow = client.get(reverse("shadowing:follow", args=[placement.round_id])).content.decode()
    url = reverse("shadowing:placement_cancel", args=[placement.pk])
    assert url in follow
    response = client.post(url, {"reason": "The host's service is being recommissioned"})
    assert response.status_code == 302 and response.url == reverse("shadowing:follow", args=[placement.round_id])
    assert Placement.objects.get(pk=placement.pk).state == PlacementState.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_once_make_one_transition_and_one_set_of_emails():
    placement = agreed(days=(5, 12))
    outcomes = at_once(
        lambda: services.cancel_placement(placement.shadow, Placement.objects.get(pk=placement.pk), reason="Ill"),
        lambda: services.cancel_placement(placement.offer.host, Placement.objects.get(pk=placement.pk),
                                          reason="Closing"),
    )
    assert len(raised(outcomes, ValidationError)) == 1
    assert Transition.objects.filter(object_id=placement.pk, machine="shadowing.placement",
                                     to_state="cancelled").count() == 1
    assert cancelled_notes(placement).count() == 2  # the other side and the line manager, once
    assert Visit.objects.filter(placement=placement, sequence=1).count() == 2


# --- hosts' own notes are chased, but completion does not wait for them ------------------------------------


def test_a_host_who_owes_a_note_is_chased_but_completion_does_not_wait(shadowing_admin):
    placement = agreed(days=(-6, -2), state=PlacementState.IN_PROGRESS)
    for visit in placement.visits.all():
        services.save_reflection(placement.shadow, visit, SHADOW_WORDS)
    placement.refresh_from_db()
    assert placement.state == PlacementState.COMPLETED  # the host's notes are not waited for
    chases = services.chase(shadowing_admin, placement.round)
    assert [c.person for c in chases] == [placement.offer.host] and "short reflection" in chases[0].what
    with pytest.raises(ValidationError):  # not again within 7 days
        services.chase(shadowing_admin, placement.round)
    Chase.objects.update(sent_at=timezone.now() - dt.timedelta(days=8))
    for visit in placement.visits.all():
        services.save_reflection(placement.offer.host, visit, {"saw": "Fresh eyes on our huddle"})
    with pytest.raises(ValidationError):  # nothing waits for anyone now
        services.chase(shadowing_admin, placement.round)


# --- the home page's prompt -------------------------------------------------------------------------------


def panel_items(user):
    return [item for panel in home_panels(user) if panel.heading == "Your shadowing" for item in panel.items]


def test_the_shadow_and_the_host_are_prompted_to_reflect_on_visits_that_happened():
    placement = agreed(days=(-3, 4), state=PlacementState.IN_PROGRESS)
    happened = placement.visits.get(number=1)
    reflect = reverse("shadowing:reflection", args=[placement.pk, happened.pk])
    for person in (placement.shadow, placement.offer.host):
        [item] = panel_items(person)
        assert item.url == reflect and item.count == 1
    assert panel_items(UserFactory()) == []
    services.save_reflection(placement.shadow, happened, SHADOW_WORDS)
    assert panel_items(placement.shadow) == [] and len(panel_items(placement.offer.host)) == 1


def test_a_due_follow_up_is_prompted_and_goes_once_answered():
    placement = agreed(days=(-100, -95), state=PlacementState.IN_PROGRESS)
    for visit in placement.visits.all():
        Reflection.objects.create(visit=visit, author=placement.shadow, side="shadow", **SHADOW_WORDS)
    follow_up = FollowUp.objects.create(placement=placement, due_on=timezone.localdate(), invited_at=timezone.now())
    [item] = panel_items(placement.shadow)
    assert item.url == reverse("shadowing:follow_up", args=[placement.pk]) and item.deadline == follow_up.due_on
    services.answer_follow_up(placement.shadow, follow_up, {"answer": "I call the ward first", "may_use": True})
    assert panel_items(placement.shadow) == []


def test_the_home_prompt_reads_in_one_query_however_many_placements(django_assert_num_queries):
    first = agreed(days=(-3, 4), state=PlacementState.IN_PROGRESS)
    shadow = first.shadow
    today = timezone.localdate()
    with django_assert_num_queries(1):
        assert len(selectors.owed_to_home(shadow, today)) == 1
    for _ in range(4):
        more = agreed(days=(-5, -2), state=PlacementState.IN_PROGRESS)
        Placement.objects.filter(pk=more.pk).update(shadow=shadow)
    with django_assert_num_queries(1):
        owed = selectors.owed_to_home(shadow, today)
    assert len(owed) == 5 and sum(o.reflections_owed for o in owed) == 1 + 4 * 2


def test_the_home_page_shows_the_prompt(client):
    placement = agreed(days=(-3, 4), state=PlacementState.IN_PROGRESS)
    client.force_login(placement.offer.host)
    html = client.get("/").content.decode()
    assert "Your shadowing" in html and "Shadowing visits to reflect on" in html


# --- erasure: stored email contexts (the .ics text names people) -------------------------------------------


def test_an_erased_persons_name_is_nowhere_in_stored_notification_contexts():
    placement = agreed(days=(5, 12, 19))
    shadow, host = placement.shadow, placement.offer.host
    # Long names, so the .ics folds its 75-octet lines inside the host's name.
    type(shadow).objects.filter(pk=shadow.pk).update(first_name="Bartholomew-Alexander",
                                                     last_name="Featherstonehaugh-Montgomery")
    type(host).objects.filter(pk=host.pk).update(first_name="Wilhelmina", last_name="Cholmondeley-Worthington")
    placement = Placement.objects.get(pk=placement.pk)
    services.cancel_visit(placement.shadow, placement.visits.get(number=3), reason="Training day")
    services.cancel_placement(placement.shadow, Placement.objects.get(pk=placement.pk), reason="A new job")
    host.refresh_from_db()
    name = host.get_full_name()
    texts = [str(n.context) for n in Notification.objects.all()]
    assert any(name in t for t in texts)
    folded = [f["content"] for n in Notification.objects.all() for f in n.context.get("attachments", [])]
    assert folded and any(name not in ics and name in ics.replace("\r\n ", "") for ics in folded)
    erasure.close_account(host)
    remaining = [str(n.context) for n in Notification.objects.all()]
    assert remaining and not any(name in t.replace("\\r\\n ", "") for t in remaining)
    assert not any("Cholmondeley" in t for t in remaining)


def test_a_name_folded_inside_an_ics_alone_is_found_and_erased():
    placement = agreed(days=(5, 12))
    host = placement.offer.host
    type(host).objects.filter(pk=host.pk).update(first_name="Wilhelmina", last_name="Cholmondeley-Worthington")
    type(host).objects.filter(pk=placement.shadow_id).update(first_name="Bartholomew-Alexander",
                                                            last_name="Featherstonehaugh-Montgomery")
    placement = Placement.objects.get(pk=placement.pk)
    host.refresh_from_db()
    ics = visit_calendar(placement, placement.visits.first(), cancel=True)
    assert host.get_full_name() not in ics and host.get_full_name() in ics.replace("\r\n ", "")
    note = Notification.objects.create(key="shadowing:test:ics-only", template="shadowing_visit_changed_manager",
                                       to_email="someone@example.nhs.uk",
                                       context={"attachments": [{"filename": "visit.ics", "content": ics}]})
    erasure.close_account(host)
    note.refresh_from_db()
    assert "attachments" not in note.context and "erased" in note.context

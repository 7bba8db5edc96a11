"""The network's pages for its own admins, members and a supporter; hostile text shown escaped; the
members list held to a query budget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import PriorityFunction
from programmes.network import services
from programmes.network.models import Membership, MembershipState, Rsvp
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.network import EventFactory, IntakeFactory, MembershipFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def _apply(person, intake, hopes="To learn"):
    return services.apply_to_intake(
        person, intake, interests=PriorityFunction.objects.all()[:1], hopes=hopes,
        supporter_role="sponsor", supporter_name="Pat Sponsor", supporter_email="pat@example.nhs.uk",
    )


@pytest.mark.parametrize("name", ["manage", "members", "intake_create", "event_create"])
def test_the_networks_own_admin_opens_the_admin_pages(client, network_admin, name):
    client.force_login(network_admin)
    assert client.get(reverse(f"network:{name}")).status_code == 200


@pytest.mark.parametrize("name", ["event_manage", "event_edit", "table_plan_make", "table_plan", "intake_close"])
def test_the_networks_own_admin_opens_the_pages_about_one_event_or_intake(client, network_admin, name):
    client.force_login(network_admin)
    pk = IntakeFactory().pk if name == "intake_close" else EventFactory().pk
    assert client.get(reverse(f"network:{name}", args=[pk])).status_code == 200


def test_event_page_for_admins_query_budget(client, network_admin, django_assert_max_num_queries):
    event = EventFactory(capacity=100, table_size=4)
    services.rsvp(LeaderProfileFactory().user, event)
    client.force_login(network_admin)
    url = reverse("network:event_manage", args=[event.pk])
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _ in range(12):
        services.rsvp(LeaderProfileFactory().user, event)
    services.make_table_plan(network_admin, event)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("network:table_plan", args=[event.pk]))


def test_recording_and_slides_once_the_event_has_happened(client, network_admin):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=3))
    client.force_login(network_admin)
    url = reverse("network:event_edit", args=[event.pk])
    assert "Link to the recording" in client.get(url).content.decode()
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    services.save_event(network_admin, event, **fields, recording_url="https://example.org/rec", slides_url="")
    client.force_login(LeaderProfileFactory().user)
    page = client.get(reverse("network:event", args=[event.pk])).content.decode()
    assert "Watch the recording" in page and "different organisations came" in page


def test_an_admin_of_another_programme_is_refused(client, other_admin):
    client.force_login(other_admin)
    assert client.get(reverse("network:members")).status_code == 403


def test_join_through_the_page(client):
    person = UserFactory()
    client.force_login(person)
    functions = list(PriorityFunction.objects.values_list("pk", flat=True)[:2])
    response = client.post(reverse("network:join"), {"interests": functions})
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert sorted(membership.interests.values_list("pk", flat=True)) == sorted(functions)


def test_apply_with_missing_answers_shows_clear_messages_and_saves_nothing(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("network:apply", args=[IntakeFactory().pk]), {"hopes": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter their email address" in page and "Say what you hope to get from the network" in page
    assert not Membership.objects.exists()


def test_bulk_decision_through_the_members_list(client, network_admin):
    intake = IntakeFactory()
    applied = [_apply(UserFactory(), intake) for _ in range(3)]
    client.force_login(network_admin)
    response = client.post(reverse("network:members"), {
        "memberships": [m.pk for m in applied[:2]], "decision": "accepted",
    })
    assert response.status_code == 302
    states = sorted(Membership.objects.values_list("state", flat=True))
    assert states == ["accepted", "accepted", "applied"]
    response = client.post(reverse("network:members"), {"decision": "accepted"})
    assert response.status_code == 400 and "Choose at least one application" in response.content.decode()


def test_hostile_hopes_are_shown_escaped_to_admins(client, network_admin):
    _apply(UserFactory(first_name="<b>Eve</b>"), IntakeFactory(), hopes=HOSTILE)
    client.force_login(network_admin)
    page = client.get(reverse("network:members")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<b>Eve</b>" not in page


def test_members_list_query_budget(client, network_admin, django_assert_max_num_queries):
    intake = IntakeFactory()
    client.force_login(network_admin)
    _apply(LeaderProfileFactory().user, intake)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("network:members"))
    for _ in range(8):
        _apply(LeaderProfileFactory().user, intake)
        MembershipFactory(person=LeaderProfileFactory().user)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("network:members"))


def test_supporter_answers_through_the_link_without_an_account(client):
    membership = _apply(UserFactory(first_name="Ada"), IntakeFactory())
    url = reverse("network:supporter", args=[services.supporter_token(membership)])
    assert "Ada" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"supports": "yes"}).status_code == 200
    membership.refresh_from_db()
    assert membership.supporter_supports is True
    assert client.get(reverse("network:supporter", args=["tampered"])).status_code == 404


def test_rsvp_table_plan_and_print_pages(client, network_admin):
    event = EventFactory(table_size=2)
    people = [LeaderProfileFactory().user for _ in range(3)]
    for person in people:
        client.force_login(person)
        assert client.post(reverse("network:rsvp", args=[event.pk])).status_code == 302
    client.force_login(network_admin)
    assert client.post(reverse("network:table_plan_make", args=[event.pk])).status_code == 302
    page = client.get(reverse("network:table_plan", args=[event.pk])).content.decode()
    assert "Table 1" in page and "Table 2" in page and "network/table-plan.css" in page
    assert Rsvp.objects.filter(event=event, table_number__isnull=True).count() == 0


def test_invited_colleague_says_they_are_coming(client):
    event, inviter, colleague = EventFactory(), UserFactory(first_name="Inés"), UserFactory()
    url = reverse("network:invite", args=[services.invite_token(event, inviter)])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(colleague)
    assert "Inés" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Rsvp.objects.get(person=colleague).invited_by == inviter
    assert client.get(reverse("network:invite", args=["bad"])).status_code == 404


def test_someone_elses_membership_cannot_be_ended(client):
    membership = MembershipFactory(state=MembershipState.ACCEPTED)
    client.force_login(UserFactory())
    assert client.post(reverse("network:leave", args=[membership.pk])).status_code == 404

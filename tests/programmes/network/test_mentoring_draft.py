"""The mentoring matching draft kept in the database (issue 13): pins, exclusions and runs shared by every
network admin, a stale draft that publishes nothing, two admins publishing at once, and an ended pair's
mentee who is not waiting for a mentor again until they ask anew."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from academy import workflow
from programmes.network import mentoring_selectors as selectors
from programmes.network import mentoring_services as services
from programmes.network.models import MentoringDraft, MentoringDraftChoice, MentoringPair, MentoringRequest
from tests.concurrency import at_once, raised
from tests.conftest import give_mfa
from tests.programmes.network.test_mentoring_views import leader, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_admin(db):
    from academy.accounts.models import Role
    from academy.accounts.services import grant_role
    from programmes.core.models import Programme
    from tests.factories.accounts import UserFactory

    user = UserFactory()
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(user)
    return user


def test_one_admins_pins_and_run_are_seen_and_published_by_another(client, network_admin, second_admin):
    mentors = [services.offer_to_mentor(leader(), capacity=1, topics=[], format="either") for _ in range(2)]
    requests = [services.ask_for_mentor(member(), topics=[], format="either") for _ in range(2)]
    client.force_login(network_admin)
    url = reverse("network:mentoring_matching")
    assert client.post(url, {"request": requests[0].pk, "offer": mentors[0].pk, "kind": "pin"}).status_code == 302
    assert client.post(reverse("network:mentoring_matching_run")).status_code == 302
    assert MentoringDraftChoice.objects.count() == 1 and MentoringDraft.objects.count() == 1

    client.force_login(second_admin)
    page = client.get(url).content.decode()
    assert "Pairs in the draft" in page and "must be made" in page and "Publish the matches" in page
    assert client.post(reverse("network:mentoring_publish")).status_code == 302
    made = set(MentoringPair.objects.values_list("request_id", "offer_id"))
    assert made == {(requests[0].pk, mentors[0].pk), (requests[1].pk, mentors[1].pk)}
    # Published: the draft and its choices are gone for everyone.
    assert not MentoringDraft.objects.exists() and not MentoringDraftChoice.objects.exists()


def test_a_choice_made_or_removed_after_the_run_makes_the_draft_stale(client, network_admin, second_admin):
    offer = services.offer_to_mentor(leader(), capacity=2, topics=[], format="either")
    requests = [services.ask_for_mentor(member(), topics=[], format="either") for _ in range(2)]
    choice = services.choose_pair(network_admin, requests[0], offer, "exclude")
    services.run_draft(network_admin)
    services.remove_choice(second_admin, choice)
    client.force_login(network_admin)
    page = client.get(reverse("network:mentoring_matching")).content.decode()
    assert "The draft is out of date" in page and "Publish the matches" not in page
    response = client.post(reverse("network:mentoring_publish"))
    assert response.status_code == 400 and "run it again" in response.content.decode()
    assert not MentoringPair.objects.exists()
    services.choose_pair(second_admin, requests[1], offer, "exclude")
    with pytest.raises(ValidationError):
        services.publish_draft(network_admin)
    services.run_draft(second_admin)
    assert [p.request_id for p in services.publish_draft(network_admin)] == [requests[0].pk]


def test_a_pin_that_breaks_a_rule_or_overfills_a_mentor_is_refused(network_admin):
    boss = leader()
    report = member(line_manager_email=boss.email)
    offer = services.offer_to_mentor(boss, capacity=1, topics=[], format="either")
    managed = services.ask_for_mentor(report, topics=[], format="either")
    with pytest.raises(ValidationError, match="line manages"):
        services.choose_pair(network_admin, managed, offer, "pin")
    first, second = (services.ask_for_mentor(member(), topics=[], format="either") for _ in range(2))
    services.choose_pair(network_admin, first, offer, "pin")
    with pytest.raises(ValidationError, match="no room"):
        services.choose_pair(network_admin, second, offer, "pin")
    assert MentoringDraftChoice.objects.count() == 1


def test_a_bad_pin_is_a_400_with_the_reason_and_saves_nothing(client, network_admin):
    boss = leader()
    offer = services.offer_to_mentor(boss, capacity=1, topics=[], format="either")
    request = services.ask_for_mentor(member(line_manager_email=boss.email), topics=[], format="either")
    client.force_login(network_admin)
    response = client.post(reverse("network:mentoring_matching"),
                           {"request": request.pk, "offer": offer.pk, "kind": "pin"})
    assert response.status_code == 400 and "line manages" in response.content.decode()
    assert not MentoringDraftChoice.objects.exists()


def test_pins_and_a_draft_are_refused_to_a_leader(network_admin):
    offer = services.offer_to_mentor(leader(), capacity=1, topics=[], format="either")
    request = services.ask_for_mentor(member(), topics=[], format="either")
    from django.core.exceptions import PermissionDenied
    with pytest.raises(PermissionDenied):
        services.choose_pair(offer.mentor, request, offer, "pin")
    with pytest.raises(PermissionDenied):
        services.run_draft(request.mentee)


@pytest.mark.django_db(transaction=True)
def test_two_admins_publishing_the_same_draft_at_once_publish_it_once(network_admin, second_admin):
    offers = [services.offer_to_mentor(leader(), capacity=2, topics=[], format="either") for _ in range(2)]
    for _ in range(4):
        services.ask_for_mentor(member(), topics=[], format="either")
    services.run_draft(network_admin)
    outcomes = at_once(lambda: services.publish_draft(network_admin), lambda: services.publish_draft(second_admin))
    assert len(raised(outcomes, ValidationError)) == 1
    assert MentoringPair.objects.count() == 4
    for offer in offers:
        assert MentoringPair.objects.filter(offer=offer).count() <= offer.capacity


# --- an ended pair's mentee --------------------------------------------------------------------------------


def test_an_ended_pairs_mentee_is_not_waiting_again_until_they_ask_anew(network_admin):
    offer = services.offer_to_mentor(leader(), capacity=2, topics=[], format="either")
    request = services.ask_for_mentor(member(), topics=[], format="either")
    (pair,) = services.publish(workflow.SYSTEM, [(request.pk, offer.pk)])
    services.end_pair(pair.mentee, pair)

    assert selectors.overview().waiting_requests == 0
    waiting, _offers = selectors.open_requests_and_offers()
    assert waiting == []
    draft = services.run_draft(network_admin)
    assert draft.pairs == [] and draft.figures["unmatched"] == 0
    with pytest.raises(ValidationError):
        services.publish(workflow.SYSTEM, [(request.pk, offer.pk)])
    assert selectors.my_mentoring(pair.mentee).request is None

    again = services.ask_for_mentor(pair.mentee, topics=[], format="either")
    assert selectors.overview().waiting_requests == 1
    assert [r.pk for r in selectors.open_requests_and_offers()[0]] == [again.pk]
    assert [p[0] for p in services.run_draft(network_admin).pairs] == [again.pk]


def test_a_request_left_open_by_an_ended_pair_is_still_not_waiting(network_admin):
    """Data from before the fix: the request of an ended pair left open is not counted as waiting."""
    offer = services.offer_to_mentor(leader(), capacity=2, topics=[], format="either")
    request = services.ask_for_mentor(member(), topics=[], format="either")
    (pair,) = services.publish(workflow.SYSTEM, [(request.pk, offer.pk)])
    services.end_pair(pair.mentor, pair)
    MentoringRequest.objects.filter(pk=request.pk).update(withdrawn_at=None)
    assert selectors.overview().waiting_requests == 0
    assert services.run_draft(network_admin).pairs == []


def test_erasing_a_person_named_in_the_draft_drops_the_draft_and_their_name(network_admin):
    from academy.privacy.personal_data import PersonalExport
    from programmes.network.erasure import erase
    from programmes.network.personal_data import export

    offer = services.offer_to_mentor(leader(), capacity=2, topics=[], format="either")
    request = services.ask_for_mentor(member(), topics=[], format="either")
    services.choose_pair(network_admin, request, offer, "exclude")
    services.run_draft(network_admin)
    out = PersonalExport()
    export(network_admin, out)
    assert len(out.tables["mentoring_matching_you_ran_or_pinned"]) == 2
    erase(network_admin, "erased")
    assert MentoringDraftChoice.objects.get().made_by is None and MentoringDraft.objects.get().run_by is None
    erase(request.mentee, "erased")
    assert not MentoringDraftChoice.objects.exists()
    MentoringDraft.objects.all().delete()
    services.run_draft(network_admin)
    other = services.ask_for_mentor(member(), topics=[], format="either")
    services.run_draft(network_admin)
    assert MentoringDraft.objects.count() == 2
    erase(other.mentee, "erased")
    assert MentoringDraft.objects.count() == 1  # the run that paired them went; the empty one stays

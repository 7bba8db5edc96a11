"""The clinical networks page and their communities: the secretariat opens a network's community (led by the
network's current role holders, each emailed), links one of the same name instead of making a second, names new
leads there; refusals with nothing saved; a race makes one community; the page's query count; escaping."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.notifications.models import Notification
from governance.models import ClinicalNetwork
from governance.networks import selectors, services
from programmes.community import admin_services as community_admin
from programmes.community.models import Community, CommunityKind, ModerationAction
from tests.concurrency import at_once
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.governance import leadership_role, role_type

HOSTILE = '<script>alert("x")</script>'
# Session, user, MFA and the header's reads, then the networks, their leads and their communities with their leads.
PAGE_BUDGET = 9


def _network(name="Cardiac network (walk)"):
    return ClinicalNetwork.objects.create(name=name)


def _lead(network, first="Ifeoma", last="Nwachukwu", **role):
    holder = UserFactory(first_name=first, last_name=last)
    leadership_role(rate=role_type(f"Rate {holder.pk}"), holder=holder, clinical_network=network,
                    title=f"{network.name} clinical lead", **role)
    return holder


def _secretariat():
    return make_person("governance")


# --- services --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_makes_an_open_clinical_community_led_by_the_current_leads_who_are_emailed(
        django_capture_on_commit_callbacks):
    network = _network()
    lead = _lead(network)
    _lead(network, "Tomasz", "Kowalczyk", end_date=date(2026, 5, 1))  # a role that ended: not a lead
    with django_capture_on_commit_callbacks(execute=True):
        network, created = services.open_community(_secretariat(), network)
    community = Community.objects.get(pk=network.community_id)
    assert created and community.kind == CommunityKind.CLINICAL and not community.closed
    assert list(community.leads.all()) == [lead]
    assert community.name == network.name and "clinical network" in community.description
    assert Notification.objects.filter(recipient=lead, template="community_lead_named").count() == 1
    assert ModerationAction.objects.filter(community=community).count() == 2  # created, lead named
    assert network.history.first().history_change_reason == "Opened its community"


@pytest.mark.django_db
def test_a_community_of_the_same_name_is_linked_not_duplicated():
    network = _network("Diabetes (walk)")
    lead = _lead(network)
    admin = make_person("superuser")
    existing = community_admin.create_community(admin, name="diabetes  (walk)", kind=CommunityKind.CLINICAL,
                                                summary="Made by the communities' admins first.", closed=True,
                                                leads=[admin])
    before = Community.objects.count()
    network, created = services.open_community(_secretariat(), network)
    assert not created and network.community_id == existing.pk and Community.objects.count() == before
    assert set(existing.leads.all()) == {admin, lead}


@pytest.mark.django_db
def test_refusals_save_nothing():
    secretariat = _secretariat()
    before = Community.objects.count()
    no_lead = _network("Renal (walk)")
    with pytest.raises(ValidationError, match="Nobody holds a current leadership role for Renal"):
        services.open_community(secretariat, no_lead)
    with pytest.raises(ValidationError, match="has no community yet"):
        services.name_leads(secretariat, no_lead)
    network = _network()
    _lead(network)
    services.open_community(secretariat, network)
    with pytest.raises(ValidationError, match="already has a community"):
        services.open_community(secretariat, network)
    with pytest.raises(ValidationError, match="already leads its community"):
        services.name_leads(secretariat, network)
    assert Community.objects.count() == before + 1
    with pytest.raises(PermissionDenied):
        services.open_community(make_person("leader"), _network("Other (walk)"))
    with pytest.raises(TypeError):
        services.open_community(None, network)


@pytest.mark.django_db
def test_naming_leads_adds_a_new_role_holder_once_and_keeps_the_others():
    secretariat = _secretariat()
    network = _network()
    first = _lead(network)
    network, _ = services.open_community(secretariat, network)
    second = _lead(network, "Amara", "Okonkwo-Hale")
    assert [p.pk for p in selectors.network_row(network.pk).leads_to_name] == [second.pk]
    assert services.name_leads(secretariat, network) == [second]
    assert set(Community.objects.get(pk=network.community_id).leads.all()) == {first, second}
    assert selectors.network_row(network.pk).leads_to_name == []


@pytest.mark.django_db(transaction=True)
def test_two_of_the_secretariat_opening_at_once_make_one_community():
    network = _network()
    _lead(network)
    first, second = _secretariat(), _secretariat()
    before = Community.objects.count()
    outcomes = at_once(lambda: services.open_community(first, network),
                       lambda: services.open_community(second, network))
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert Community.objects.count() == before + 1
    assert Community.objects.filter(pk=ClinicalNetwork.objects.get(pk=network.pk).community_id).exists()


# --- pages -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_everyone_signed_in_reads_the_page_and_only_the_secretariat_sees_the_actions(client):
    network = _network(f"Stroke {HOSTILE}")
    _lead(network, "Chidi", HOSTILE)
    client.force_login(make_person("leader"))
    page = client.get(reverse("governance:networks"))
    assert page.status_code == 200
    html = page.content.decode()
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert "Open a community" not in html
    client.force_login(_secretariat())
    html = client.get(reverse("governance:networks")).content.decode()
    assert reverse("governance:network_community_open", args=[network.pk]) in html


@pytest.mark.django_db
def test_the_secretariat_opens_a_community_from_the_confirm_page(client):
    network = _network()
    lead = _lead(network)
    client.force_login(_secretariat())
    url = reverse("governance:network_community_open", args=[network.pk])
    page = client.get(url)
    assert page.status_code == 200 and str(lead) in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("governance:networks")
    network.refresh_from_db()
    community = Community.objects.get(pk=network.community_id)
    html = client.get(reverse("governance:networks")).content.decode()
    assert reverse("community:community", args=[community.slug]) in html and "now has a community" in html


@pytest.mark.django_db
def test_a_network_without_a_lead_gets_a_clear_refusal_and_nothing_is_saved(client):
    network = _network("Renal (walk)")
    client.force_login(_secretariat())
    before = Community.objects.count()
    response = client.post(reverse("governance:network_community_open", args=[network.pk]))
    assert response.status_code == 400
    assert "Nobody holds a current leadership role for Renal" in response.content.decode()
    assert Community.objects.count() == before


@pytest.mark.django_db
def test_the_secretariat_names_new_leads_from_the_confirm_page(client):
    secretariat = _secretariat()
    network = _network()
    _lead(network)
    network, _ = services.open_community(secretariat, network)
    newcomer = _lead(network, "Amara", "Okonkwo-Hale")
    client.force_login(secretariat)
    url = reverse("governance:network_community_leads", args=[network.pk])
    assert "Amara Okonkwo-Hale" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Community.objects.get(pk=network.community_id).leads.filter(pk=newcomer.pk).exists()
    again = client.post(url)
    assert again.status_code == 400 and "already leads its community" in again.content.decode()


@pytest.mark.django_db
def test_a_missing_network_is_not_found(client):
    client.force_login(_secretariat())
    assert client.get(reverse("governance:network_community_open", args=[999_999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_the_page_reads_in_the_same_number_of_queries_whatever_the_number_of_networks(client, size,
                                                                                        django_assert_max_num_queries):
    secretariat = _secretariat()
    for index in range(size):
        network = _network(f"Network {index} (walk)")
        _lead(network, f"Lead{index}", "Person")
        _lead(network, f"Second{index}", "Person")
        if index % 2:
            services.open_community(secretariat, network)
    client.force_login(secretariat)
    client.get(reverse("governance:networks"))
    with django_assert_max_num_queries(PAGE_BUDGET):
        assert client.get(reverse("governance:networks")).status_code == 200


def test_the_page_does_not_hide_the_reference_list_of_clinical_networks():
    """The reference data's own list of networks is at /governance/networks/ (its kind's slug): this page has its
    own address, so the secretariat can still add and change networks there."""
    from django.urls import resolve  # noqa: PLC0415

    assert resolve(reverse("governance:reference_list", args=["networks"])).url_name == "reference_list"
    assert reverse("governance:networks") != reverse("governance:reference_list", args=["networks"])

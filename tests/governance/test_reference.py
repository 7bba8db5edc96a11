"""Reference data: reading, the secretariat's changes with history, and bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.directory.models import PriorityFunction, SpatialLevel
from governance.models import ClinicalNetwork, GovernanceStructure, Principle, SpatialLevelDefinition
from governance.reference import services as reference_services
from governance.reference.kinds import KINDS
from governance.reference.seed import CLINICAL_NETWORKS, PRINCIPLES, STRUCTURES

pytestmark = pytest.mark.django_db


def test_reference_data_is_seeded_from_domain():
    assert PriorityFunction.objects.count() == 10
    assert Principle.objects.count() == len(PRINCIPLES) == 6
    assert GovernanceStructure.objects.count() == len(STRUCTURES)
    assert ClinicalNetwork.objects.count() == len(CLINICAL_NETWORKS)
    levels = {d.level: d.default_wte for d in SpatialLevelDefinition.objects.all()}
    assert levels[SpatialLevel.ICS] == Decimal("0.40")
    assert levels[SpatialLevel.LCP] == Decimal("0.20")
    assert set(levels) == set(SpatialLevel.values)


def test_secretariat_changes_a_function_with_history(person):
    secretary = person("governance")
    function = PriorityFunction.objects.get(number=10)
    reference_services.save_reference_item(
        secretary, KINDS["functions"], function, {"name": "Care standards", "definition": "New words."}
    )
    function.refresh_from_db()
    assert function.definition == "New words."
    record = function.history.latest()
    assert record.history_user == secretary
    assert record.history_change_reason == "changed"


@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator", "programme_admin", "reviewer"])
def test_only_the_secretariat_changes_reference_data(person, role_name):
    with pytest.raises(PermissionDenied):
        reference_services.save_reference_item(person(role_name), KINDS["networks"], None, {"name": "Sickle cell"})
    assert not ClinicalNetwork.objects.filter(name="Sickle cell").exists()


def test_fixed_lists_cannot_grow(person):
    with pytest.raises(ValidationError):
        reference_services.save_reference_item(person("governance"), KINDS["functions"], None, {"name": "An 11th"})


def test_unknown_fields_are_refused(person):
    function = PriorityFunction.objects.get(number=1)
    with pytest.raises(ValidationError):
        reference_services.save_reference_item(person("governance"), KINDS["functions"], function, {"number": 11})


def test_default_wte_out_of_bounds_is_refused(person):
    level = SpatialLevelDefinition.objects.get(level=SpatialLevel.ICS)
    with pytest.raises(ValidationError):
        reference_services.save_reference_item(
            person("governance"), KINDS["levels"], level, {"default_wte": Decimal("1.5")}
        )
    level.refresh_from_db()
    assert level.default_wte == Decimal("0.40")


# --- Views ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_list_shows_its_items(client_as, kind, django_assert_max_num_queries):
    client, _ = client_as("leader")
    if kind == "rates":
        KINDS[kind].model.objects.create(name="GP system lead", annual_rate_per_wte=125000)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("governance:reference_list", args=[kind]))
    assert response.status_code == 200
    first = KINDS[kind].model.objects.first()
    assert str(first) in response.content.decode()
    assert "Change" not in response.content.decode().split("<main", 1)[1].split("</table>")[0].split("<tbody")[1]


def test_unknown_kind_is_404(client_as):
    client, _ = client_as("governance")
    assert client.get("/governance/nonsense/").status_code == 404
    assert client.get(reverse("governance:reference_add", args=["functions"])).status_code == 404


def test_add_a_clinical_network(client_as):
    client, secretary = client_as("governance")
    response = client.post(reverse("governance:reference_add", args=["networks"]), {"name": "Sickle cell"})
    assert response.status_code == 302
    network = ClinicalNetwork.objects.get(name="Sickle cell")
    assert network.history.latest().history_user == secretary
    history = client.get(reverse("governance:reference_history", args=["networks"])).content.decode()
    assert "Sickle cell" in history and "Added" in history


def test_duplicate_name_is_refused_with_a_clear_message(client_as):
    client, _ = client_as("governance")
    response = client.post(reverse("governance:reference_add", args=["networks"]), {"name": "Dementia"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body
    assert "There is already a clinical network with this name" in body
    assert ClinicalNetwork.objects.filter(name="Dementia").count() == 1


def test_empty_name_is_refused(client_as):
    client, _ = client_as("governance")
    structure = GovernanceStructure.objects.first()
    response = client.post(
        reverse("governance:reference_edit", args=["structures", structure.pk]), {"name": "", "kind": "board"}
    )
    assert response.status_code == 400
    assert "Enter the name of the structure" in response.content.decode()
    structure.refresh_from_db()
    assert structure.name


@pytest.mark.parametrize(("value", "message"), [
    ("1.2", "The default WTE must be 1.0 or less"),
    ("0", "The default WTE must be 0.1 or more"),
    ("lots", "Enter the WTE as a number, like 0.2"),
    ("0.125", "Enter the WTE to 2 decimal places at most"),
])
def test_bad_default_wte_is_refused(client_as, value, message):
    client, _ = client_as("governance")
    level = SpatialLevelDefinition.objects.get(level=SpatialLevel.LCP)
    response = client.post(
        reverse("governance:reference_edit", args=["levels", level.pk]),
        {"description": level.description, "default_wte": value},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    level.refresh_from_db()
    assert level.default_wte == Decimal("0.20")


def test_change_a_level_and_see_it_in_history(client_as):
    client, _ = client_as("governance")
    level = SpatialLevelDefinition.objects.get(level=SpatialLevel.LCP)
    response = client.post(
        reverse("governance:reference_edit", args=["levels", level.pk]),
        {"description": "Place-based leadership.", "default_wte": "0.3"},
    )
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.default_wte == Decimal("0.30")
    history = client.get(reverse("governance:reference_history", args=["levels"])).content.decode()
    assert "Place-based leadership." in history and "0.30" in history


def test_executive_reads_history_but_cannot_change(client_as):
    client, _ = client_as("executive")
    assert client.get(reverse("governance:reference_history", args=["functions"])).status_code == 200
    function = PriorityFunction.objects.first()
    response = client.post(
        reverse("governance:reference_edit", args=["functions", function.pk]), {"name": "X", "definition": "Y"}
    )
    assert response.status_code == 403
    function.refresh_from_db()
    assert function.name != "X"


def test_history_page_has_a_fixed_number_of_queries(client_as, django_assert_max_num_queries, person):
    client, secretary = client_as("governance")
    for index in range(30):
        reference_services.save_reference_item(secretary, KINDS["networks"], None, {"name": f"Network {index}"})
    for network in ClinicalNetwork.objects.filter(name__startswith="Network ")[:10]:
        reference_services.save_reference_item(
            secretary, KINDS["networks"], network, {"name": f"{network.name} renamed"}
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:reference_history", args=["networks"]))
    assert response.status_code == 200
    assert "renamed" in response.content.decode()


@pytest.mark.parametrize(("value", "message"), [
    ("0", "The annual cost must be more than £0"),
    ("ninety thousand", "Enter the annual cost in pounds, like 95000"),
    ("", "Enter the annual cost of 1.0 wte (£)"),
])
def test_bad_rate_is_refused(client_as, value, message):
    client, _ = client_as("governance")
    response = client.post(
        reverse("governance:reference_add", args=["rates"]), {"name": "GP lead", "annual_rate_per_wte": value}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not KINDS["rates"].model.objects.exists()

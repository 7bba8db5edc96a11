"""Granting and removing roles: the service, the pages, the audit history."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from academy.accounts.models import Role, RoleAssignment
from academy.accounts.services import grant_role, revoke_role
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_grant_role_adds_group_and_history():
    governance = make_person("governance")
    leader = UserFactory()
    assignment = grant_role(governance, leader, Role.EVALUATOR)
    assert leader.groups.filter(name="Evaluator").exists()
    record = assignment.history.get()
    assert record.history_type == "+"
    assert record.history_user is None or record.history_user == governance
    assert assignment.granted_by == governance


def test_programme_admin_is_scoped_to_a_programme():
    governance = make_person("governance")
    leader = UserFactory()
    with pytest.raises(ValidationError) as excinfo:
        grant_role(governance, leader, Role.PROGRAMME_ADMIN)
    assert "programme" in excinfo.value.message_dict
    curriculum = Programme.objects.get(slug="curriculum")
    grant_role(governance, leader, Role.PROGRAMME_ADMIN, programme=curriculum)
    grant_role(governance, leader, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    assert RoleAssignment.objects.filter(user=leader, role=Role.PROGRAMME_ADMIN).count() == 2
    with pytest.raises(ValidationError):
        grant_role(governance, leader, Role.REVIEWER, programme=curriculum)


def test_the_same_role_twice_is_refused():
    governance = make_person("governance")
    leader = UserFactory()
    grant_role(governance, leader, Role.REVIEWER)
    with pytest.raises(ValidationError):
        grant_role(governance, leader, Role.REVIEWER)
    assert RoleAssignment.objects.filter(user=leader).count() == 1


@pytest.mark.parametrize("role_name", ["leader", "programme_admin", "reviewer", "executive", "evaluator"])
def test_only_governance_and_superusers_grant_roles(role_name):
    actor = make_person(role_name)
    with pytest.raises(PermissionDenied):
        grant_role(actor, UserFactory(), Role.REVIEWER)
    assert not RoleAssignment.objects.filter(role=Role.REVIEWER).exclude(user=actor).exists()


def test_revoke_keeps_history_and_removes_group():
    superuser = make_person("superuser")
    leader = UserFactory()
    assignment = grant_role(superuser, leader, Role.EXECUTIVE)
    revoke_role(superuser, assignment)
    assert not RoleAssignment.objects.filter(user=leader).exists()
    assert not leader.groups.filter(name=Role.EXECUTIVE.label).exists()
    types = list(RoleAssignment.history.filter(user_id=leader.pk).values_list("history_type", flat=True))
    assert sorted(types) == ["+", "-"]


def test_governance_cannot_remove_their_own_governance_role():
    governance = make_person("governance")
    own = RoleAssignment.objects.get(user=governance, role=Role.GOVERNANCE)
    with pytest.raises(ValidationError):
        revoke_role(governance, own)
    assert RoleAssignment.objects.filter(pk=own.pk).exists()


def test_groups_exist_for_every_role():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.label for role in Role}


# --- pages --------------------------------------------------------------------------------------------

def test_roles_page_lists_assignments_in_fixed_queries(client_as, django_assert_max_num_queries):
    client, governance = client_as("governance")
    for _ in range(3):
        grant_role(governance, UserFactory(), Role.REVIEWER)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("accounts:roles"))
    for _ in range(30):
        grant_role(governance, UserFactory(), Role.EVALUATOR)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("accounts:roles"))
    assert response.status_code == 200
    assert response.content.count(b"Remove<span") == 34


def test_grant_role_through_the_page(client_as):
    client, governance = client_as("governance")
    leader = UserFactory(email="someone@example.nhs.uk")
    curriculum = Programme.objects.get(slug="curriculum")
    response = client.post(
        reverse("accounts:roles"),
        {"email": "Someone@Example.nhs.uk", "role": Role.PROGRAMME_ADMIN, "programme": curriculum.pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=leader)
    assert assignment.programme == curriculum and assignment.granted_by == governance


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "nobody@example.nhs.uk", "role": "reviewer"}, "email", "There is no account with this email"),
        ({"email": "someone@example.nhs.uk", "role": "programme_admin"}, "programme", "Choose the programme"),
        ({"email": "not-an-email", "role": "reviewer"}, "email", "Enter a valid email address"),
        ({"email": "someone@example.nhs.uk", "role": "king"}, "role", "Select a valid choice"),
    ],
)
def test_bad_grant_input_gives_a_clear_error_and_saves_nothing(client_as, data, field, message):
    client, _ = client_as("governance")
    UserFactory(email="someone@example.nhs.uk")
    before = RoleAssignment.objects.count()
    response = client.post(reverse("accounts:roles"), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert response.content.decode().count(message) >= 1
    assert "<title>Error: " in response.content.decode()
    assert RoleAssignment.objects.count() == before


def test_remove_role_through_the_page_and_see_history(client_as):
    client, governance = client_as("governance")
    assignment = grant_role(governance, UserFactory(), Role.EVALUATOR)
    confirm = client.get(reverse("accounts:role_remove", args=[assignment.pk]))
    assert confirm.status_code == 200
    response = client.post(reverse("accounts:role_remove", args=[assignment.pk]))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    history = client.get(reverse("accounts:role_history"))
    body = history.content.decode()
    assert "Removed" in body and "Given" in body
    assert escape(str(governance)) in body


@pytest.mark.parametrize("role_name", ["leader", "programme_admin", "reviewer", "executive", "evaluator"])
def test_other_roles_cannot_use_the_roles_pages(client_as, role_name):
    client, actor = client_as(role_name)
    target = grant_role(None, UserFactory(), Role.REVIEWER)
    assert client.get(reverse("accounts:roles")).status_code == 403
    assert client.post(reverse("accounts:roles"), {"email": actor.email, "role": "governance"}).status_code == 403
    assert client.post(reverse("accounts:role_remove", args=[target.pk])).status_code == 403
    assert RoleAssignment.objects.filter(pk=target.pk).exists()
    assert not RoleAssignment.objects.filter(user=actor, role=Role.GOVERNANCE).exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("accounts:roles"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_programme_admin_predicate_is_scoped():
    from academy.accounts.rules import is_admin_of_programme

    admin = make_person("programme_admin")  # admin of the curriculum
    curriculum = Programme.objects.get(slug="curriculum")
    assert is_admin_of_programme(admin, curriculum)
    assert is_admin_of_programme(admin, "curriculum")
    assert not is_admin_of_programme(admin, "challenge-fund")
    assert not is_admin_of_programme(make_person("governance"), curriculum)

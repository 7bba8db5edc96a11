"""Every directory page as every role: permissions, own data only, and bad input."""

import re

import pytest
from django.urls import reverse

from academy.directory.models import (
    Borough,
    EqualityMonitoring,
    LeaderGroup,
    LeaderProfile,
    PriorityFunction,
    Profession,
)
from tests.conftest import ROLE_NAMES
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

STAFF_ROLES = [name for name in ROLE_NAMES if name not in ("anonymous", "leader")]
SUMMARY_ALLOWED = {"governance", "evaluator", "superuser"}


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


def own_urls():
    return [
        reverse("directory:profile"),
        reverse("directory:profile_edit"),
        reverse("directory:equality"),
        reverse("directory:equality_withdraw"),
        reverse("directory:search"),
    ]


def all_urls(leader_pk):
    return [
        *own_urls(),
        reverse("directory:leader", args=[leader_pk]),
        reverse("directory:equality_summary"),
        reverse("directory:equality_summary_csv"),
    ]


def test_anonymous_is_sent_to_sign_in_everywhere(client):
    profile = LeaderProfileFactory()
    for url in all_urls(profile.pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"], url
    response = client.post(reverse("directory:equality_withdraw"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role_name", ["leader", *STAFF_ROLES])
def test_every_signed_in_role_can_use_own_pages_and_the_directory(client_as, role_name):
    client, _ = client_as(role_name)
    listed = LeaderProfileFactory()
    for url in [*own_urls(), reverse("directory:leader", args=[listed.pk])]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role_name", ["leader", *STAFF_ROLES])
def test_equality_summary_only_for_governance_evaluators_and_superusers(client_as, role_name):
    client, _ = client_as(role_name)
    expected = 200 if role_name in SUMMARY_ALLOWED else 403
    assert client.get(reverse("directory:equality_summary")).status_code == expected
    assert client.get(reverse("directory:equality_summary_csv")).status_code == expected


def test_profile_start_page_when_no_profile(client_as):
    client, _ = client_as("leader")
    response = client.get(reverse("directory:profile"))
    assert response.status_code == 200
    assert "directory/profile_start.html" in [t.name for t in response.templates]
    assert reverse("directory:profile_edit") in response.content.decode()


def test_profile_page_shows_own_details_and_own_equality_answers(client_as):
    client, user = client_as("leader")
    LeaderProfileFactory(user=user, job_title="Advanced paramedic practitioner", listed_in_directory=False)
    EqualityMonitoringFactory(user=user, religion="jainism")
    body = client.get(reverse("directory:profile")).content.decode()
    assert "Advanced paramedic practitioner" in body
    assert "Not listed" in body
    assert "Jainism" in body  # their own answers, to themselves only
    assert reverse("directory:equality_withdraw") in body


def edit_data(**overrides):
    data = {
        "first_name": "Chidi",
        "last_name": "Eze",
        "profession": Profession.objects.get(slug="pharmacy").pk,
        "organisation": OrganisationFactory(name="Lambeth Pharmacy Alliance").pk,
        "borough": Borough.objects.get(slug="lambeth").pk,
        "leader_group": LeaderGroup.objects.get(slug="pcns-boroughs-organisations").pk,
        "career_stage": "established",
        "job_title": "PCN clinical pharmacist",
        "formal_system_roles": "",
        "interests": [str(PriorityFunction.objects.get(number=n).pk) for n in (1, 4)],
        "line_manager_name": "Dana Lead",
        "line_manager_email": "dana.lead@example.nhs.uk",
        "listed_in_directory": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_profile_edit_creates_profile(client_as):
    client, user = client_as("leader")
    response = client.post(reverse("directory:profile_edit"), edit_data())
    assert response.status_code == 302
    profile = LeaderProfile.objects.get(user=user)
    assert profile.job_title == "PCN clinical pharmacist"
    assert profile.interests.count() == 2
    assert profile.listed_in_directory
    user.refresh_from_db()
    assert user.get_full_name() == "Chidi Eze"
    assert "Chidi" in profile.search_document


def test_profile_edit_borough_is_optional(client_as):
    client, user = client_as("leader")
    response = client.post(reverse("directory:profile_edit"), edit_data(borough=""))
    assert response.status_code == 302
    assert LeaderProfile.objects.get(user=user).borough is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"line_manager_email": "SELF"},
            "line_manager_email",
            "Enter your line manager&#x27;s email address, not your own",
        ),
        (
            {"line_manager_email": "not-an-email"},
            "line_manager_email",
            "Enter an email address in the correct format",
        ),
        ({"job_title": ""}, "job_title", "Enter your job title"),
        ({"profession": ""}, "profession", "Select your profession"),
        ({"profession": "999999"}, "profession", "Select a valid choice"),
        ({"leader_group": None}, "leader_group", "Select the leader group that fits you best"),
        ({"first_name": ""}, "first_name", "Enter your first name"),
        ({"interests": ["99"]}, "interests", "Select a valid choice"),
    ],
)
def test_profile_edit_bad_input(client_as, overrides, field, message):
    client, user = client_as("leader")
    if overrides.get("line_manager_email") == "SELF":
        overrides = {"line_manager_email": user.email.upper()}
    response = client.post(reverse("directory:profile_edit"), edit_data(**overrides))
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not LeaderProfile.objects.filter(user=user).exists()


def test_profile_edit_bad_input_does_not_change_existing_profile(client_as):
    client, user = client_as("leader")
    LeaderProfileFactory(user=user, job_title="Matron")
    response = client.post(reverse("directory:profile_edit"), edit_data(line_manager_email=user.email))
    assert response.status_code == 400
    assert LeaderProfile.objects.get(user=user).job_title == "Matron"


EQUALITY_DATA = {
    "ethnicity": "asian_bangladeshi",
    "sex": "male",
    "gender_identity_same_as_birth": "yes",
    "sexual_orientation": "gay_lesbian",
    "disability": "yes",
    "age_band": "25_34",
    "religion": "islam",
    "consent": "on",
}


def test_equality_form_saves_with_consent(client_as):
    client, user = client_as("leader")
    response = client.post(reverse("directory:equality"), EQUALITY_DATA)
    assert response.status_code == 302
    record = EqualityMonitoring.objects.get(user=user)
    assert record.consented_at is not None and record.religion == "islam"


def test_equality_page_links_privacy_notice(client_as):
    client, _ = client_as("leader")
    assert reverse("ui:privacy") in client.get(reverse("directory:equality")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"consent": None},
            "consent",
            "You must tick the box to give your consent, or leave this page without saving",
        ),
        ({"sex": None}, "sex", "Select your sex, or &#x27;Prefer not to say&#x27;"),
        ({"religion": "pastafarian"}, "religion", "Select your religion or belief"),
    ],
)
def test_equality_form_bad_input(client_as, overrides, field, message):
    client, user = client_as("leader")
    data = {key: value for key, value in {**EQUALITY_DATA, **overrides}.items() if value is not None}
    response = client.post(reverse("directory:equality"), data)
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not EqualityMonitoring.objects.filter(user=user).exists()


def test_withdraw_confirmation_and_delete(client_as):
    client, user = client_as("leader")
    EqualityMonitoringFactory(user=user)
    other = EqualityMonitoringFactory()
    response = client.get(reverse("directory:equality_withdraw"))
    assert response.status_code == 200
    assert EqualityMonitoring.objects.filter(user=user).exists()
    response = client.post(reverse("directory:equality_withdraw"))
    assert response.status_code == 302
    assert not EqualityMonitoring.objects.filter(user=user).exists()
    assert EqualityMonitoring.objects.filter(pk=other.pk).exists()


def test_leader_page_shows_card_but_never_equality_or_line_manager(client_as):
    client, _ = client_as("governance")
    profile = LeaderProfileFactory(
        job_title="Head of midwifery",
        formal_system_roles="Co-chair, Maternity network",
        line_manager_name="Secret Manager",
        line_manager_email="secret.manager@example.nhs.uk",
    )
    EqualityMonitoringFactory(user=profile.user, religion="sikhism", ethnicity="other_arab")
    body = client.get(reverse("directory:leader", args=[profile.pk])).content.decode()
    assert profile.user.get_full_name() in body
    assert "Head of midwifery" in body and "Co-chair, Maternity network" in body
    for secret in ["Sikhism", "Arab", "Secret Manager", "secret.manager", profile.user.email]:
        assert secret not in body


def test_leader_page_404_when_not_listed_or_deactivated(client_as):
    client, _ = client_as("leader")
    hidden = LeaderProfileFactory(listed_in_directory=False)
    gone = LeaderProfileFactory(user__is_active=False)
    assert client.get(reverse("directory:leader", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("directory:leader", args=[gone.pk])).status_code == 404
    assert client.get(reverse("directory:leader", args=[999999])).status_code == 404


def test_no_page_shows_another_persons_equality_answers(client_as):
    profile = LeaderProfileFactory()
    EqualityMonitoringFactory(
        user=profile.user, religion="jainism", ethnicity="asian_chinese", age_band="65_plus"
    )
    for role_name in ["leader", "governance", "evaluator", "superuser"]:
        client, _ = client_as(role_name)
        for url in [
            reverse("directory:profile"),
            reverse("directory:search"),
            reverse("directory:leader", args=[profile.pk]),
            reverse("directory:equality_summary"),
            reverse("directory:equality_summary_csv"),
        ]:
            response = client.get(url)
            if response.status_code != 200:
                continue
            body = response.content.decode()
            # The summary lists every possible answer as a row label, but a single person's answer is
            # always suppressed, never a count of 1: shown as "fewer than 5", or, where the zeros beside
            # it would give it away, its whole column "not shown" (docs/suppression.md).
            if "equality" in url:
                assert "fewer than 5" in body or "not shown" in body
                assert not re.search(r">\s*1\s*<", body)
                assert ",1\r\n" not in body
            else:
                assert "Jainism" not in body and "Chinese" not in body and "65 and over" not in body
        client.logout()

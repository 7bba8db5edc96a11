"""Profile and equality-monitoring services: writes, checks and the search text."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from academy.directory import services
from academy.directory.models import (
    Borough,
    EqualityMonitoring,
    LeaderGroup,
    LeaderProfile,
    PriorityFunction,
    Profession,
)
from tests.factories.accounts import UserFactory
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "ethnicity": "black_african",
    "sex": "female",
    "gender_identity_same_as_birth": "yes",
    "sexual_orientation": "prefer_not_to_say",
    "disability": "no",
    "age_band": "45_54",
    "religion": "christianity",
}


def profile_fields(**overrides):
    fields = {
        "profession": Profession.objects.get(slug="optometry"),
        "organisation": OrganisationFactory(name="Greenwich Eye Care Collective"),
        "borough": Borough.objects.get(slug="greenwich"),
        "leader_group": LeaderGroup.objects.get(slug="frontline"),
        "career_stage": "early",
        "job_title": "Community optometrist",
        "formal_system_roles": "Optometric adviser, Ophthalmology network",
        "line_manager_name": "Jo Manager",
        "line_manager_email": "jo.manager@example.nhs.uk",
        "listed_in_directory": True,
    }
    fields.update(overrides)
    return fields


def test_save_profile_creates_profile_names_interests_and_search_document():
    user = UserFactory(first_name="Old", last_name="Name")
    interests = list(PriorityFunction.objects.filter(number__in=[1, 9]))
    profile = services.save_profile(
        user, user, first_name="Adaeze", last_name="Okonkwo", interests=interests, **profile_fields()
    )
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Adaeze", "Okonkwo")
    profile.refresh_from_db()
    assert set(profile.interests.all()) == set(interests)
    document = profile.search_document
    for text in [
        "Adaeze",
        "Okonkwo",
        "Community optometrist",
        "Optometry",
        "Greenwich Eye Care Collective",
        "Greenwich",
        "Frontline clinicians",
        "Ophthalmology network",
        interests[0].name,
    ]:
        assert text in document
    assert LeaderProfile.objects.filter(search_vector="okonkwo").exists()


def test_save_profile_update_keeps_search_document_right():
    user = UserFactory()
    services.save_profile(user, user, first_name="Kwame", last_name="Asante", **profile_fields())
    services.save_profile(
        user,
        user,
        first_name="Kwame",
        last_name="Boateng",
        interests=PriorityFunction.objects.filter(number=10),
        **profile_fields(job_title="Optometric adviser", borough=None),
    )
    profile = LeaderProfile.objects.get(user=user)
    assert "Boateng" in profile.search_document
    assert "Asante" not in profile.search_document
    assert "Community optometrist" not in profile.search_document
    assert "Care standards" in profile.search_document
    assert profile.borough is None
    assert LeaderProfile.objects.count() == 1


def test_save_profile_refuses_own_email_as_line_manager():
    user = UserFactory(email="me@example.nhs.uk")
    with pytest.raises(ValidationError) as info:
        services.save_profile(
            user,
            user,
            first_name="A",
            last_name="B",
            **profile_fields(line_manager_email="ME@example.nhs.uk"),
        )
    assert "line_manager_email" in info.value.message_dict
    assert not LeaderProfile.objects.exists()


def test_save_profile_only_for_yourself():
    user, other = UserFactory(), UserFactory()
    with pytest.raises(PermissionDenied):
        services.save_profile(other, user, first_name="A", last_name="B", **profile_fields())
    assert not LeaderProfile.objects.exists()


def test_refresh_search_document_after_name_change():
    profile = LeaderProfileFactory(user__first_name="Siobhan", user__last_name="Murphy")
    profile.user.last_name = "Kelly"
    profile.user.save()
    services.refresh_search_document(profile)
    profile.refresh_from_db()
    assert "Kelly" in profile.search_document and "Murphy" not in profile.search_document


def test_search_document_never_holds_equality_or_line_manager_data():
    user = UserFactory()
    profile = services.save_profile(user, user, first_name="Ravi", last_name="Patel", **profile_fields())
    services.give_equality_answers(user, user, ANSWERS)
    services.refresh_search_document(profile)
    profile.refresh_from_db()
    assert "Christianity" not in profile.search_document
    assert "black" not in profile.search_document.lower()
    assert "Jo Manager" not in profile.search_document
    assert "jo.manager" not in profile.search_document


def test_give_equality_answers_stores_consent_and_replaces_earlier_answers():
    user = UserFactory()
    first = services.give_equality_answers(user, user, ANSWERS)
    assert first.consented_at is not None
    second = services.give_equality_answers(user, user, {**ANSWERS, "religion": "none"})
    assert EqualityMonitoring.objects.filter(user=user).count() == 1
    assert second.religion == "none"
    assert second.consented_at >= first.consented_at


def test_give_equality_answers_refuses_bad_values_and_others():
    user, other = UserFactory(), UserFactory()
    with pytest.raises(ValidationError):
        services.give_equality_answers(user, user, {**ANSWERS, "sex": "unknown"})
    with pytest.raises(ValidationError):
        services.give_equality_answers(user, user, {"sex": "female"})
    with pytest.raises(PermissionDenied):
        services.give_equality_answers(other, user, ANSWERS)
    assert not EqualityMonitoring.objects.exists()


def test_withdraw_deletes_the_row():
    record = EqualityMonitoringFactory()
    other = EqualityMonitoringFactory()
    assert services.withdraw_equality_consent(record.user, record.user) is True
    assert not EqualityMonitoring.objects.filter(pk=record.pk).exists()
    assert EqualityMonitoring.objects.filter(pk=other.pk).exists()
    assert services.withdraw_equality_consent(record.user, record.user) is False


def test_withdraw_only_for_yourself():
    record = EqualityMonitoringFactory()
    with pytest.raises(PermissionDenied):
        services.withdraw_equality_consent(UserFactory(), record.user)
    assert EqualityMonitoring.objects.filter(pk=record.pk).exists()

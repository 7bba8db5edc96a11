"""Close my account: the registry covers every model that points at a person, closure erases them
everywhere and keeps what the Academy must keep, and closing asks for the password again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import EqualityMonitoring, LeaderProfile
from academy.privacy import erasure
from governance.models import LeadershipRole
from programmes.challenge_fund.models import Bid
from programmes.core.erasure import REPLY_REMOVED
from programmes.core.models import Reflection, ReflectionReply
from programmes.core.states import ApplicationState
from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.governance import leadership_role
from tests.factories.programmes import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_every_model_pointing_at_a_person_has_an_erasure_step():
    user_model = get_user_model()
    covered = erasure.covered_models() | set(erasure.EXCLUDED)
    missing = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not (field.is_relation and field.related_model is user_model):
                continue
            if field.name == erasure.HISTORY_USER_FIELD:
                continue
            label = model._meta.label
            base = getattr(model, "instance_type", None)  # a simple_history table answers with its model
            if base is not None:
                label = base._meta.label
            if label not in covered:
                missing.add(f"{model._meta.label}.{field.name}")
    assert not missing, f"No erasure step (academy.privacy.erasure.register) names: {sorted(missing)}"


def _active_person():
    profile = LeaderProfileFactory(job_title="Consultant geriatrician", line_manager_name="Helen Whitfield")
    user = profile.user
    user.first_name, user.last_name = "Zebedee", "Quarrington"
    user.save()
    EqualityMonitoringFactory(user=user)
    application = ApplicationFactory(
        applicant=user, applied_problem="Zebedee Quarrington's frailty pathway", state=ApplicationState.COMPLETED
    )
    Reflection.objects.create(cohort=application.cohort, author=user, text="As Zebedee I learnt a lot.")
    other = UserFactory()
    theirs = Reflection.objects.create(cohort=application.cohort, author=other, text="Mine", shared=True)
    ReflectionReply.objects.create(reflection=theirs, author=user, text="Thanks, from Zebedee Quarrington")
    BidFactory(lead=user, summary="Zebedee Quarrington leads this draft")
    past = leadership_role(holder=user, end_date=date(2026, 9, 30))
    return user, application, past


def _text_holding(needle: str) -> list[str]:
    """Every text column in the database that still contains ``needle``."""
    found = []
    for model in apps.get_models():
        columns = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for column in columns:
            lookup = f"{column}__icontains"
            if isinstance(model._meta.get_field(column), models.JSONField):
                continue
            if model._default_manager.filter(**{lookup: needle}).exists():
                found.append(f"{model._meta.label}.{column}")
    return found


def test_closing_erases_the_person_everywhere_and_keeps_what_must_be_kept():
    user, application, past_role = _active_person()
    email = user.email
    profiles_before = LeaderProfile.objects.filter(borough=user.profile.borough).count()

    pseudonym = erasure.close_account(user)

    user.refresh_from_db()
    assert pseudonym == f"Former participant {user.pk}" == str(user)
    assert not user.is_active and not user.has_usable_password()
    for needle in ("Zebedee", "Quarrington", email):
        assert _text_holding(needle) == [], needle
    assert not EqualityMonitoring.objects.filter(user=user).exists()
    assert not Reflection.objects.filter(author=user).exists()
    assert ReflectionReply.objects.get(author=user).text == REPLY_REMOVED
    assert not Bid.objects.filter(lead=user).exists()
    # Kept: the application as a count, the past role and its WTE, the profile's counted facts.
    application.refresh_from_db()
    assert application.state == ApplicationState.COMPLETED and application.applied_problem == ""
    assert LeadershipRole.objects.get(pk=past_role.pk).holder == user
    assert LeaderProfile.objects.filter(borough=user.profile.borough).count() == profiles_before
    # The email is free for a new account.
    assert UserFactory(email=email).pk != user.pk
    # Closing twice changes nothing.
    assert erasure.close_account(user) == pseudonym


def test_a_current_role_holder_is_asked_to_hand_over_first_and_nothing_changes():
    user = LeaderProfileFactory().user
    leadership_role(holder=user)
    EqualityMonitoringFactory(user=user)

    reasons = erasure.blockers(user)
    assert any("leadership role" in reason for reason in reasons)
    with pytest.raises(erasure.ClosureBlocked):
        erasure.close_account(user)
    assert EqualityMonitoring.objects.filter(user=user).exists()
    assert get_user_model().objects.get(pk=user.pk).is_active


def test_an_offer_blocks_closure():
    application = ApplicationFactory(
        state=ApplicationState.OFFERED, offer_expires_at=timezone.now() + timedelta(days=7)
    )
    assert any("offer" in reason for reason in erasure.blockers(application.applicant))


def test_closing_asks_for_the_password_again_then_signs_out_for_good(client):
    user = LeaderProfileFactory().user
    client.force_login(user)
    url = reverse("erasure:close_account")
    page = client.get(url)
    assert page.status_code == 200 and b"What we keep" in page.content

    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    assert get_user_model().objects.get(pk=user.pk).is_active

    reauth = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert reauth.status_code == 302
    missing = client.post(url, {})
    assert missing.status_code == 400 and b"cannot be undone" in missing.content
    closed = client.post(url, {"confirm": "on"})
    assert closed.status_code == 302 and closed["Location"] == reverse("erasure:account_closed")
    assert client.get(reverse("ui:home")).wsgi_request.user.is_anonymous
    assert not client.login(email=user.email, password=TEST_PASSWORD)
    user.refresh_from_db()
    assert not get_user_model().objects.filter(email__iexact="").exists() and user.email.endswith(".invalid")

"""Shared fixtures: people in every role, and clients signed in as them."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from tests.factories.accounts import UserFactory

# The roles a URL walk visits: anonymous, a leader with no role, each staff role, and a superuser.
ROLE_NAMES = ["anonymous", "leader", *[r.value for r in Role], "superuser"]


def ensure_reference_data() -> None:
    """Put back the reference data the migrations load (places, professions, the 10 functions, the
    programmes, the role groups). A transactional test's flush empties every table, and --reuse-db keeps
    the emptied database for the next run."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from academy.accounts import reference as accounts_reference
    from academy.directory import reference as directory_reference
    from academy.directory.models import Borough
    from evaluation.surveys import reference as surveys_reference
    from governance.allocation import annex as allocation_annex
    from governance.reference import seed as governance_reference
    from programmes.core import reference as programmes_reference

    if Borough.objects.exists() and Group.objects.count() >= len(Role):
        return
    for module in (directory_reference, governance_reference, programmes_reference, accounts_reference,
                   allocation_annex, surveys_reference):
        module.load(apps)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_reference_data()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return "live_server" in item.fixturenames or "transactional_db" in item.fixturenames


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        ensure_reference_data()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table. pytest-django runs those tests last, but an xdist
    worker that steals work can run an ordinary test after one, which would then find no reference data: put
    it back, committed, once the test's fixtures are torn down."""
    yield
    if _is_transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            ensure_reference_data()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used TOTP codes live in the cache: each test starts with none (test prefix only)."""
    from django.core.cache import cache

    cache.delete_pattern("*")


@pytest.fixture(autouse=True)
def _plain_settings(settings):
    """Tests see the production-like MFA policy: no demo exemption, emails to the test outbox."""
    settings.ACADEMY_DEMO_MFA_EXEMPT = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def celery_worker():
    """A real Celery worker thread consuming from the real Redis broker (mark the test ``celery_worker``
    and ``django_db(transaction=True)``: the worker reads what the test has committed)."""
    from celery.contrib.testing.worker import start_worker

    from academy.celery import app as celery_app

    with start_worker(celery_app, perform_ping_check=False, pool="solo", concurrency=1, loglevel="WARNING",
                      queues=django_settings.CELERY_ALL_QUEUES) as worker:
        yield worker


def give_mfa(user) -> None:
    """Give a staff member a TOTP authenticator so the MFA enrolment middleware lets them through."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


def make_person(role_name: str, **kwargs):
    """A user for ``role_name`` (see ROLE_NAMES), with MFA set up when the role needs it."""
    if role_name == "anonymous":
        return None
    if role_name == "superuser":
        user = UserFactory(is_superuser=True, is_staff=True, **kwargs)
    else:
        user = UserFactory(**kwargs)
    if role_name in Role.values:
        programme = Programme.objects.get(slug="curriculum") if role_name == Role.PROGRAMME_ADMIN else None
        grant_role(None, user, role_name, programme=programme)
    if role_name != "leader":
        give_mfa(user)
    return user


@pytest.fixture
def person():
    return make_person


@pytest.fixture
def client_as(client):
    """``client_as("governance")`` returns (client signed in as a new person with that role, the person)."""

    def _client_as(role_name: str, **kwargs):
        user = make_person(role_name, **kwargs)
        if user is not None:
            client.force_login(user)
        return client, user

    return _client_as

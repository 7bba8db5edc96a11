"""Every URL of the portal, walked as anonymous and as every role.

The URLs are discovered from the URL configuration, so a new page without an expectation fails
`test_every_project_url_has_an_expectation`. Expected outcomes: 200, "login" (redirect to sign in), 403,
or 404 (the object is not visible to that person).

Each app adds its own pages in ``tests/<app>/url_walk.py``: a module with ``EXPECTATIONS`` (URL name to
a dict of role name to outcome; use the tables below) and ``url_for(name) -> str | None`` that makes the
objects a URL needs (None: not this module's URL).
"""


from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.services import record, unsubscribe_token
from tests.conftest import ROLE_NAMES, make_person
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory

PROJECT_NAMESPACES = {
    "ui", "accounts", "directory", "reports", "programmes", "challenge_fund", "governance",
    "notifications",
    "privacy",
    "api",
    "erasure",  # issue 16: close my account and retention
    "evaluation_network",  # issue 15: social network analysis
    "evaluation_scorecard",  # issue 15: success-measures scorecard
    "evaluation_inclusion",  # issue 15: inclusion measures
    "conference",  # issue 11: editions, the call for proposals, proposals
    "shadowing",  # issue 12
    "evaluation_surveys",  # issue 15: evaluation questionnaires
    "network",  # issue 13: the managed network
    "community",  # issue 14: communities of practice
    "evaluation_stories",  # issue 15: micro-narratives
    "evaluation_contribution",  # issue 15: contribution log
    "evaluation",  # issue 15: the evaluation overview
}
OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404

EVERYONE_SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
ROLE_MANAGERS = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "governance": OK, "superuser": OK}
NOBODY = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN}
EQUALITY_SUMMARY = dict.fromkeys(ROLE_NAMES, DENIED) | {
    "anonymous": LOGIN, "governance": OK, "evaluator": OK, "superuser": OK,
}

EXPECTATIONS = {
    "ui:home": PUBLIC,
    "ui:privacy": PUBLIC,
    "ui:accessibility": PUBLIC,
    "healthz": None,  # tested in test_celery_and_health: 200 or 503 by the state of the services
    "healthz_ready": None,
    "accounts:roles": ROLE_MANAGERS,
    "accounts:role_history": ROLE_MANAGERS,
    "accounts:role_remove": ROLE_MANAGERS,
    # POST only ("Stay signed in" in the idle-timeout warning): a GET is refused once signed in.
    "accounts:session_extend": dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN},
    # Close my account (issue 16): anyone signed in may read what closing would do; closing itself re-asks.
    "erasure:close_account": EVERYONE_SIGNED_IN,
    "erasure:account_closed": PUBLIC,
    "erasure:retention": dict.fromkeys(ROLE_NAMES, 403) | {"anonymous": LOGIN, "governance": 200, "superuser": 200},
    "directory:search": EVERYONE_SIGNED_IN,
    "directory:leader": EVERYONE_SIGNED_IN,
    "directory:organisation_suggestions": EVERYONE_SIGNED_IN,
    "directory:profile": EVERYONE_SIGNED_IN,
    "directory:profile_edit": EVERYONE_SIGNED_IN,
    "directory:equality": EVERYONE_SIGNED_IN,
    "directory:equality_withdraw": EVERYONE_SIGNED_IN,
    "directory:equality_summary": EQUALITY_SUMMARY,
    "directory:equality_summary_csv": EQUALITY_SUMMARY,
    # Someone else's report job: nobody but its owner sees it (the owner's view is in tests/academy/reports).
    "reports:job": NOBODY,
    "reports:status": NOBODY,
    "reports:download": NOBODY,
    "reports:try_again": NOBODY,
    # Notifications: everyone's own inbox and choices; someone else's message is not found for anyone
    # (superusers included); marking read is POST only; the unsubscribe link works without signing in.
    "notifications:inbox": EVERYONE_SIGNED_IN,
    "notifications:preferences": EVERYONE_SIGNED_IN,
    "notifications:message": dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN},
    "notifications:read": dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN},
    "notifications:read_all": dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN},
    "notifications:unsubscribe": PUBLIC,
}


def _app_walks():
    modules = []
    for info in pkgutil.walk_packages(tests.__path__, "tests."):
        if info.name.endswith(".url_walk"):
            modules.append(importlib.import_module(info.name))
    return modules


APP_WALKS = _app_walks()
for _module in APP_WALKS:
    EXPECTATIONS.update(_module.EXPECTATIONS)


def project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner in PROJECT_NAMESPACES or (inner is None and namespace is None):
                    walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if namespace in PROJECT_NAMESPACES:
                    names.add(f"{namespace}:{pattern.name}")
                elif namespace is None and pattern.name.startswith("healthz"):
                    names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_project_url_has_an_expectation():
    assert project_url_names() == set(EXPECTATIONS)


def test_every_mounted_url_configuration_has_pages():
    """A URL configuration is mounted only when it has pages: an empty one is a dead address."""
    empty = [
        str(pattern.pattern) for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and not pattern.url_patterns
    ]
    assert empty == []


def url_for(name: str) -> str:
    """The URL, with objects made for the ones that need an id."""
    for module in APP_WALKS:
        url = module.url_for(name)
        if url is not None:
            return url
    if name.startswith("reports:"):
        from academy.reports.models import ReportJob

        return reverse(name, args=[ReportJob.objects.create(owner=UserFactory(), kind="test").pk])
    if name == "accounts:role_remove":
        return reverse(name, args=[grant_role(None, UserFactory(), Role.EVALUATOR).pk])
    if name == "directory:leader":
        return reverse(name, args=[LeaderProfileFactory(listed_in_directory=True).pk])
    if name in {"notifications:message", "notifications:read"}:
        return reverse(name, args=[_someone_elses_notification().pk])
    if name == "notifications:unsubscribe":
        return reverse(name, args=[unsubscribe_token(UserFactory().pk, "reminders")])
    return reverse(name)


def _someone_elses_notification():
    owner = UserFactory()
    return record(f"walk:{owner.pk}", "profile_reminder", owner.email, {"profile_path": "/"}, recipient=owner)


WALK = [(name, role) for name, table in sorted(EXPECTATIONS.items()) if table for role in ROLE_NAMES]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role_name"), WALK)
def test_url_as_role(client, name, role_name):
    expected = EXPECTATIONS[name][role_name]
    user = make_person(role_name)
    if user is not None:
        client.force_login(user)
    url = url_for(name)
    response = client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, f"{name} as {role_name}"
        assert response["Location"].startswith(reverse("account_login")), f"{name} as {role_name}"
    else:
        assert response.status_code == expected, f"{name} as {role_name}: {response.status_code}"


# Privacy rules that hold for every role, superusers included: someone else's draft, a sealed round's bids,
# a private reflection, a conflicted review. Each app's url_walk may list such pages in ``PRIVATE``: a label
# to a function that makes the object and returns its URL. Every signed-in role gets 404 (not found: the
# number gives nothing away), anonymous visitors the sign-in page.
PRIVATE = {label: make for module in APP_WALKS for label, make in getattr(module, "PRIVATE", {}).items()}
PRIVATE["someone else's notification"] = lambda: url_for("notifications:message")
PRIVATE_WALK = [(label, role) for label in sorted(PRIVATE) for role in ROLE_NAMES]


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "role_name"), PRIVATE_WALK)
def test_private_pages_are_not_found_for_every_role_superusers_included(client, label, role_name):
    user = make_person(role_name)
    if user is not None:
        client.force_login(user)
    response = client.get(PRIVATE[label]())
    if user is None:  # sent to sign in, or not found: either way nothing is shown
        assert response.status_code in {302, 404}, label
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login")), label
    else:
        assert response.status_code == 404, f"{label} as {role_name}: {response.status_code}"


def allauth_url_names() -> list[str]:
    names = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "accounts/":
            stack = list(pattern.url_patterns)
            while stack:
                item = stack.pop()
                if isinstance(item, URLResolver):
                    stack.extend(item.url_patterns)
                elif item.name and not item.pattern.converters and "<" not in str(item.pattern):
                    names.append(item.name)
    return sorted(set(names))


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ROLE_NAMES)
def test_allauth_pages_answer_every_role_without_error(client, role_name):
    user = make_person(role_name)
    if user is not None:
        client.force_login(user)
    names = allauth_url_names()
    assert {"account_login", "account_signup", "mfa_index", "mfa_activate_totp"} <= set(names)
    for name in names:
        response = client.get(reverse(name))
        # 404: allauth's answer when there is nothing to act on (no TOTP to deactivate, no codes yet).
        assert response.status_code in {200, 302, 404, 405}, f"{name} as {role_name}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ROLE_NAMES)
def test_django_admin_is_for_superusers_only(client, role_name):
    user = make_person(role_name)
    if user is not None:
        client.force_login(user)
    response = client.get("/django-admin/")
    if role_name == "superuser":
        assert response.status_code == 200
    else:
        assert response.status_code == 302

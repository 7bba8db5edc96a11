"""Production settings refuse unsafe values, and `check --deploy` is clean with safe ones."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]

SAFE = {
    "ACADEMY_ENV": "production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-prod-secret-for-the-settings-test-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "academy.selondonics.nhs.uk",
    "ACADEMY_MFA_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "ACADEMY_DEMO_MFA_EXEMPT": "false",
}


def manage(*args, **env_changes):
    # A production process never has the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (tests/browser sets it
    # for Playwright in this process), and `check --deploy` rightly refuses it.
    env = {**os.environ, **SAFE, "DJANGO_ALLOW_ASYNC_UNSAFE": None, **env_changes}
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG=false"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"ACADEMY_MFA_ENCRYPTION_KEY": ""}, "ACADEMY_MFA_ENCRYPTION_KEY"),
        ({"ACADEMY_DEMO_MFA_EXEMPT": "true"}, "ACADEMY_DEMO_MFA_EXEMPT=false"),
    ],
)
def test_production_refuses_unsafe_settings(change, message):
    result = manage("check", **change)
    assert result.returncode != 0
    assert "Production settings refused" in result.stderr
    assert message in result.stderr


def test_production_cookies_are_host_prefixed_and_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = manage("shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True", "True", "True", "Lax", "True"]


def test_settings_never_start_a_server(tmp_path):
    """Without DATABASE_URL or REDIS_URL, importing settings refuses clearly and starts nothing: starting the
    embedded PostgreSQL and Redis is dev.py's job."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["ACADEMY_LOCAL_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import academy.settings"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DATABASE_URL and REDIS_URL not set: use `python3 dev.py manage ...`" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_manage_py_without_a_database_says_how_to_get_one_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["ACADEMY_LOCAL_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "DATABASE_URL and REDIS_URL not set: run `python3 dev.py manage migrate` to use the embedded PostgreSQL "
        "and Redis, or set DATABASE_URL and REDIS_URL."
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("value", "expected"), [("", 0), ("1", 1), ("2", 2)])
def test_the_trusted_proxy_count_comes_from_the_environment(value, expected):
    result = manage("shell", "-c", "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
                    ACADEMY_TRUSTED_PROXY_COUNT=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(expected)


@pytest.mark.parametrize("value", ["one", "-1"])
def test_a_bad_trusted_proxy_count_is_refused(value):
    result = manage("check", ACADEMY_TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert "ACADEMY_TRUSTED_PROXY_COUNT must be a whole number" in result.stderr


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/0", "gw0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/0", "gw1", "redis://127.0.0.1:6379/2"),
        ("redis://127.0.0.1:6379", "gw0", "redis://127.0.0.1:6379/1"),
        ("redis://:secret@redis.internal:6380/3", "gw2", "redis://:secret@redis.internal:6380/6"),
        ("unix:///srv/.local/redis.sock?db=1", "gw1", "unix:///srv/.local/redis.sock?db=3"),
        ("unix:///srv/.local/redis.sock", "gw0", "unix:///srv/.local/redis.sock?db=1"),
        ("redis://127.0.0.1:6379/15", "gw0", "redis://127.0.0.1:6379/0"),
        ("redis://127.0.0.1:6379/0", "", "redis://127.0.0.1:6379/0"),  # not under xdist: unchanged
        ("redis://127.0.0.1:6379/0", "master", "redis://127.0.0.1:6379/0"),
    ],
)
def test_each_xdist_worker_takes_its_own_redis_database(url, worker, expected):
    from academy.settings import redis_database_for_worker

    assert redis_database_for_worker(url, worker) == expected


def _settings_seen_by(env: dict[str, str]) -> list[str]:
    code = (
        "import os, academy.settings as s; "
        "print(s.REDIS_URL, s.CACHES['default']['LOCATION'], s.CELERY_BROKER_URL, s.CACHES['default']['KEY_PREFIX'], "
        "os.environ['REDIS_URL'])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_an_xdist_worker_moves_to_its_redis_database_once_and_what_it_starts_stays_there():
    """Worker gw1 on the embedded Redis's socket (database 1) takes database 3 for its cache and broker, with the
    test key prefix; a process it starts inherits database 3 and does not move again."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_XDIST_WORKER", "ACADEMY_XDIST_REDIS_URL"}}
    env |= {"REDIS_URL": "unix:///srv/.local/redis.sock?db=1", "PYTEST_XDIST_WORKER": "gw1"}
    worker = _settings_seen_by(env)
    assert worker == [
        "unix:///srv/.local/redis.sock?db=3", "unix:///srv/.local/redis.sock?db=3",
        "redis+socket:///srv/.local/redis.sock?db=3", "academy-test", "unix:///srv/.local/redis.sock?db=3",
    ]
    child = env | {"REDIS_URL": worker[-1], "ACADEMY_XDIST_REDIS_URL": worker[-1]}
    assert _settings_seen_by(child)[0] == "unix:///srv/.local/redis.sock?db=3"
    env.pop("PYTEST_XDIST_WORKER")
    assert _settings_seen_by(env)[0] == "unix:///srv/.local/redis.sock?db=1"  # outside xdist: as named

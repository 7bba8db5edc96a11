"""Production settings refuse unsafe values, and `check --deploy` is clean with safe ones."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent

SAFE = {
    "ACADEMY_ENV": "production",
    "DJANGO_SECRET_KEY": "x" * 20 + "-prod-secret-for-the-settings-test-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "academy.selondonics.nhs.uk",
    "ACADEMY_MFA_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "ACADEMY_DEMO_MFA_EXEMPT": "false",
}


def manage(*args, **env_changes):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
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

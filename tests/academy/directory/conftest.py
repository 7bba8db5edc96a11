import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """These tests make hundreds of people; a fast hasher keeps them quick (passwords are not tested here)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

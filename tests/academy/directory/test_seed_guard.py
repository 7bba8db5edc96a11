"""seed_demo and seed_scale refuse to run with production settings: the demo's staff accounts share one
password, and the first person to sign in with it would own them."""

import pytest
from django.core.management import CommandError, call_command

from academy.accounts.models import User


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["seed_demo", "seed_scale"])
def test_seed_commands_refuse_in_production(settings, monkeypatch, command):
    monkeypatch.setenv("DEMO_PASSWORD", "a-shared-demo-password-1")  # everything else they need is there
    settings.PRODUCTION = True
    before = User.objects.count()
    with pytest.raises(CommandError, match="production settings"):
        call_command(command)
    assert User.objects.count() == before

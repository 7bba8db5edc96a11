"""seed_demo is idempotent and makes one account per role; seed_scale makes a bigger dataset."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from academy.accounts.models import RoleAssignment, User
from academy.directory.models import EqualityMonitoring, LeaderProfile, Organisation

pytestmark = pytest.mark.django_db

MODELS = [
    User,
    LeaderProfile,
    EqualityMonitoring,
    Organisation,
    RoleAssignment,
    EmailAddress,
    LeaderProfile.interests.through,
    Organisation.collaboratives.through,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_needs_a_password(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        call_command("seed_demo")


def test_seed_demo_twice_changes_nothing(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_demo")
    first = counts()
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("seed_demo")
    assert counts() == first
    assert dict(User.objects.values_list("email", "password")) == passwords
    output = capsys.readouterr().out
    assert "a-demo-password-for-tests" not in output
    assert "@demo.academy.test" not in output.replace("accounts end @demo.academy.test", "")

    assert 28 <= first["Organisation"] <= 40
    assert LeaderProfile.objects.count() >= 200
    listed = LeaderProfile.objects.filter(listed_in_directory=True).count() / LeaderProfile.objects.count()
    assert 0.6 < listed < 0.8
    answered = EqualityMonitoring.objects.count() / LeaderProfile.objects.count()
    # 6 in 10 from the directory's demo, plus the inclusion demo's answers for applicants without any, which
    # depend on their ids (so on the database's sequences): with the network's alumni applying too, that is
    # 0.68 to 0.72, never more than 0.75.
    assert 0.5 < answered < 0.75
    assert not EmailAddress.objects.filter(verified=False).exists()

    for local in [
        "leader",
        "linemanager",
        "programme-admin",
        "reviewer",
        "governance",
        "exec",
        "evaluator",
        "superuser",
    ]:
        user = User.objects.get(email=f"{local}@demo.academy.test")
        assert user.check_password("a-demo-password-for-tests")
        assert user.get_full_name()
    admin = User.objects.get(email="programme-admin@demo.academy.test")
    assert set(admin.role_assignments.values_list("programme__slug", flat=True)) == {
        "curriculum",
        "challenge-fund",
        "conference",
        "community",
        "shadowing",  # granted by programmes/shadowing/demo.py
    }
    assert User.objects.get(email="exec@demo.academy.test").has_role("executive")
    superuser = User.objects.get(email="superuser@demo.academy.test")
    assert superuser.is_superuser and superuser.is_staff
    leader = LeaderProfile.objects.get(user__email="leader@demo.academy.test")
    assert leader.line_manager_email == "linemanager@demo.academy.test"
    assert LeaderProfile.objects.filter(user__email="linemanager@demo.academy.test").exists()
    assert "Okafor" in leader.search_document


def test_seed_demo_resets_a_changed_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "first-password-here")
    call_command("seed_demo")
    monkeypatch.setenv("DEMO_PASSWORD", "second-password-here")
    call_command("seed_demo")
    assert User.objects.get(email="leader@demo.academy.test").check_password("second-password-here")


def test_seed_scale_factor_1(monkeypatch, capsys):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_scale", factor=1)
    scale_users = User.objects.filter(email__endswith="@scale.academy.test")
    assert scale_users.count() == 200
    assert LeaderProfile.objects.filter(user__email__endswith="@scale.academy.test").count() == 200
    assert Organisation.objects.filter(name__startswith="Scale test organisation").count() == 32
    assert EqualityMonitoring.objects.filter(user__email__endswith="@scale.academy.test").count() > 80
    profile = LeaderProfile.objects.filter(user__email__endswith="@scale.academy.test").first()
    assert profile.user.last_name in profile.search_document
    assert LeaderProfile.objects.filter(search_vector=profile.user.last_name.lower()).exists()

    before = counts()
    call_command("seed_scale", factor=1)
    assert counts() == before
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_scale", factor=2)
    call_command("seed_scale", factor=2, reset=True)
    assert User.objects.filter(email__endswith="@scale.academy.test").count() == 400


def test_seed_scale_only_makes_the_parts_named(monkeypatch):
    """--only runs the named builders after the people (the network snapshot's figure at factor 100 needs the
    name-generator ties, not every programme's data); a name that is no part is refused with the list."""
    from evaluation.network.models import NameGeneratorName
    from programmes.conference.models import Edition

    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    with pytest.raises(CommandError, match="No part named 'networks'. The parts are: .*'network analysis ties'"):
        call_command("seed_scale", factor=1, only=["networks"])
    assert not User.objects.filter(email__endswith="@scale.academy.test").exists()
    call_command("seed_scale", factor=1, only=["network analysis ties"])
    assert User.objects.filter(email__endswith="@scale.academy.test").count() == 200
    assert NameGeneratorName.objects.count() > 1000
    assert not Edition.objects.exists()


def test_seed_scale_leaves_nothing_when_a_part_fails(monkeypatch):
    """The whole dataset is one transaction: a part that fails leaves no half-made people behind."""
    from academy.directory import scale

    def broken(ctx, factor):
        raise RuntimeError("a part failed")

    monkeypatch.setattr(scale, "scale_builders", lambda: [("broken", broken)])
    with pytest.raises(RuntimeError, match="a part failed"):
        scale.seed_scale(scale.SeedContext(password="a-demo-password-for-tests"), 1)
    assert not User.objects.filter(email__endswith="@scale.academy.test").exists()

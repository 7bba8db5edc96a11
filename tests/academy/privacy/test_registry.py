"""Every foreign key (or one-to-one) to the user model is covered by a personal-data exporter, or excluded with
a reason: a new app that stores something about a person cannot leave it out of "Download my data"."""

from academy.privacy.personal_data import EXCLUDED, exporters, uncovered_user_foreign_keys, user_foreign_keys


def test_every_foreign_key_to_the_user_has_an_exporter():
    assert uncovered_user_foreign_keys() == []


def test_the_registry_covers_only_real_foreign_keys_and_every_exclusion_has_a_reason():
    real = set(user_foreign_keys())
    covered = {key for exporter in exporters() for key in exporter.covers}
    assert covered <= real, covered - real  # a renamed field must be renamed in its exporter too
    assert set(EXCLUDED) <= real
    assert all(len(reason) > 20 for reason in EXCLUDED.values())


def test_each_app_registers_its_own_exporter():
    assert {exporter.name for exporter in exporters()} >= {
        "account",
        "directory",
        "notifications",
        "reports",
        "workflow",
        "privacy",
        "programmes",
        "challenge_fund",
        "governance",
    }

"""Backup and restore round trip: a seeded portal, backed up, changed, then restored as it was."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from academy import backup
from academy.accounts.models import User
from academy.reports.models import JobStatus, ReportJob
from programmes.core.models import Cohort
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return settings.MEDIA_ROOT


def seed():
    people = UserFactory.create_batch(3)
    cohort = CohortFactory(title="Leading across boundaries, spring")
    job = ReportJob.objects.create(owner=people[0], kind="tests.roster", status=JobStatus.DONE, percent=100)
    job.file.save("roster.csv", ContentFile(b"Name\nAda\n"), save=True)
    return people, cohort, job


def test_a_backup_restores_the_database_and_the_media_files(tmp_path, media):
    people, cohort, job = seed()
    report_path = media / job.file.name
    assert report_path.read_bytes() == b"Name\nAda\n"

    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["media_files"] == 1
    assert manifest["migrations"]["reports"].startswith("0002")
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}

    # Things go wrong after the backup: people and a cohort deleted, a file lost, a stray row and file.
    User.objects.filter(pk__in=[p.pk for p in people[1:]]).delete()
    Cohort.objects.filter(pk=cohort.pk).delete()
    report_path.unlink()
    stray = UserFactory(email="after.backup@example.nhs.uk")
    (media / "stray.txt").write_text("not in the backup")

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(folder))
    call_command("restore", str(folder), "--yes")

    assert set(User.objects.values_list("pk", flat=True)) >= {p.pk for p in people}
    assert not User.objects.filter(pk=stray.pk).exists()
    assert Cohort.objects.get(pk=cohort.pk).title == "Leading across boundaries, spring"
    restored = ReportJob.objects.get(pk=job.pk)
    assert restored.file.read() == b"Name\nAda\n"
    assert not (media / "stray.txt").exists()


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, media):
    people, _, _ = seed()
    folder = backup.backup(tmp_path / "backups")
    with (folder / "database.dump").open("ab") as handle:
        handle.write(b"corrupted")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(folder), "--yes")
    assert User.objects.filter(pk=people[0].pk).exists()

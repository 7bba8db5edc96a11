"""The Docker image's build runs collectstatic with the manifest storage production uses. It refuses a static
file that points at one that is not there (a vendored script's source map, say), which fails the build."""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_manifest_storage_finds_every_file_it_references(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--no-input", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()

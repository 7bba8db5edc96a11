"""Files every host can read: with ``ACADEMY_S3_BUCKET`` set, uploads and generated reports go to
S3-compatible object storage through Django's storage API, and downloads still stream through the
permission-checked views. The S3 path runs here against moto's S3 server on a loopback port (a real HTTP
S3 API, started by this module), the file-system path in the rest of the suite."""

from __future__ import annotations

import socket

import boto3
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from academy.reports import services as reports
from academy.reports.models import JobStatus, ReportJob
from programmes.challenge_fund import services as fund
from tests.academy.reports.test_report_jobs import build_test_roster  # noqa: F401 (registers the report kind)
from tests.conftest import make_person
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import LeaderProfileFactory
from tests.programmes.challenge_fund.test_attachments import pdf

BUCKET = "academy-test-media"
S3_ENVIRONMENT = {
    "ACADEMY_S3_BUCKET": BUCKET,
    "ACADEMY_S3_REGION": "eu-west-2",
    "ACADEMY_S3_ACCESS_KEY_ID": "testing",
    "ACADEMY_S3_SECRET_ACCESS_KEY": "testing",
    "ACADEMY_S3_PREFIX": "media",
    "ACADEMY_S3_ADDRESSING_STYLE": "path",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        yield endpoint
    finally:
        server.stop()


@pytest.fixture
def s3_storage(s3_endpoint, settings, monkeypatch):
    """The settings' own S3 configuration, built from the environment as in production."""
    for name, value in {**S3_ENVIRONMENT, "ACADEMY_S3_ENDPOINT_URL": s3_endpoint}.items():
        monkeypatch.setenv(name, value)
    from academy import settings as project_settings

    storage = project_settings.default_storage_from_environment()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-2",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_without_a_bucket_files_stay_on_the_file_system(monkeypatch):
    monkeypatch.delenv("ACADEMY_S3_BUCKET", raising=False)
    from academy import settings as project_settings

    assert project_settings.default_storage_from_environment() == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


@pytest.mark.django_db
def test_bid_documents_go_to_the_bucket_and_download_through_the_permission_check(client, s3_storage):
    assert default_storage.__class__.__name__ == "S3Storage"
    bid = BidFactory()
    document = fund.add_attachment(bid.lead, bid, pdf("plan.pdf"))
    [key] = _keys(s3_storage)
    assert key.startswith(f"media/challenge_fund/bids/{bid.pk}/")
    stored = s3_storage.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert stored.startswith(b"%PDF")

    url = reverse("challenge_fund:attachment", args=[bid.pk, document.pk])
    client.force_login(bid.lead)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    client.force_login(LeaderProfileFactory().user)
    assert client.get(url).status_code == 404  # still permission-checked: no public object URL is given out


@pytest.mark.django_db
def test_reports_are_written_to_the_bucket_and_read_back_by_their_owner(client, s3_storage):
    governance = make_person("governance")
    job = reports.start_report(governance, "tests.roster")
    reports.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert any(key.startswith("media/reports/") for key in _keys(s3_storage))
    client.force_login(governance)
    response = client.get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0] == "Name"
    assert ReportJob.objects.get(pk=job.pk).file.storage.__class__.__name__ == "S3Storage"


@pytest.mark.django_db
def test_backup_and_restore_carry_the_buckets_files(s3_storage, tmp_path):
    from django.core.files.base import ContentFile

    from academy.backup import backup_media, restore_media

    first = default_storage.save("challenge_fund/bids/1/plan", ContentFile(b"%PDF-1.4 plan"))
    second = default_storage.save("reports/2026/12/board-pack.pdf", ContentFile(b"%PDF-1.4 pack"))
    archive = tmp_path / "media.tar.gz"
    assert backup_media(archive) == 2

    default_storage.delete(first)
    default_storage.save("reports/2026/12/made-after.pdf", ContentFile(b"later"))
    restore_media(archive)
    assert sorted(_keys(s3_storage)) == [f"media/{first}", f"media/{second}"]
    with default_storage.open(first) as restored:
        assert restored.read() == b"%PDF-1.4 plan"

"""Download my data, end to end, for a person active in every app: the job, the ZIP's contents (JSON and
CSV per kind, formulas neutralised, their uploaded files), the email, owner-only download (404 for anyone
else, superusers included) and the expiry after 7 days."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification
from academy.notifications.services import render_email
from academy.privacy import services
from academy.privacy.reports import build_zip
from academy.reports import services as report_services
from academy.reports.models import JobStatus, ReportJob
from academy.workflow.models import Transition
from governance.models import Vacancy, VacancyApplication, VacancyState, WhosWhoEntry
from programmes.challenge_fund.models import Attachment, CoApplicant, ReviewAssignment
from programmes.core.models import Attendance, AttendanceStatus, Reflection
from tests.concurrency import at_once, raised
from tests.conftest import make_person
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.programmes import ApplicationFactory, SessionFactory

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def busy_person():
    """A leader with something in every app: profile and equality answers, an application with its history,
    attendance and a reflection, a bid they lead with an uploaded file, one they co-lead, a review they
    wrote, a job application, a leadership role, a who's who entry and an email."""
    profile = LeaderProfileFactory(job_title=HOSTILE)
    person = profile.user
    EqualityMonitoringFactory(user=person)
    application = ApplicationFactory(applicant=person, applied_problem=HOSTILE)
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(application),
        object_id=application.pk,
        machine="application",
        from_state="draft",
        to_state="submitted",
        actor=person,
        at=timezone.now(),
    )
    session = SessionFactory(cohort=application.cohort)
    Attendance.objects.create(session=session, application=application, status=AttendanceStatus.PRESENT)
    Reflection.objects.create(cohort=application.cohort, session=session, author=person, text="I learnt to listen.")
    bid = BidFactory(lead=person, lead_organisation=profile.organisation, title="Falls prevention together")
    attachment = Attachment(
        bid=bid, original_name="plan.pdf", content_type="application/pdf", size=9, uploaded_by=person
    )
    attachment.file.save("plan.pdf", ContentFile(b"%PDF-plan"), save=True)
    other_bid = BidFactory(title="Shared discharge hub")
    CoApplicant.objects.create(bid=other_bid, user=person)
    third_bid = BidFactory(title="Dementia friendly wards")
    ReviewAssignment.objects.create(bid=third_bid, reviewer=person, comments="Strong partnership.")
    rate = role_type()
    vacancy = Vacancy.objects.create(
        role=leadership_role(rate),
        about="About",
        how_to_apply="How",
        closes_on=timezone.localdate() + timedelta(days=30),
        state=VacancyState.OPEN,
    )
    VacancyApplication.objects.create(
        vacancy=vacancy,
        applicant=person,
        statement="My statement",
        profession=profile.profession,
        organisation=profile.organisation,
        interview_notes="Private panel note",
    )
    leadership_role(rate, title="Falls lead, Lewisham", holder=person)
    WhosWhoEntry.objects.create(user=person, contact_email=person.email, public_consent=True)
    Notification.objects.create(
        key=f"test-{person.pk}", template="profile_reminder", to_email=person.email, recipient=person
    )
    return person


def read_zip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_zip_holds_every_app_as_json_and_csv_with_formulas_neutralised_and_the_files():
    person = busy_person()
    files = read_zip(build_zip(person))
    for kind in [
        "account/roles",
        "directory/leader_profile",
        "directory/equality_answers",
        "programmes/applications",
        "programmes/application_history",
        "programmes/attendance",
        "programmes/reflections",
        "challenge_fund/bids",
        "challenge_fund/reviews_you_wrote",
        "governance/job_applications",
        "governance/leadership_roles",
        "governance/whos_who",
        "notifications/emails",
        "privacy/who_opened_your_data",
    ]:
        assert f"{kind}.json" in files and f"{kind}.csv" in files, kind
    assert (
        files[
            "challenge_fund/files/"
            + next(name.split("/")[-1] for name in files if name.startswith("challenge_fund/files/"))
        ]
        == b"%PDF-plan"
    )
    assert "README.txt" in files

    bids = json.loads(files["challenge_fund/bids.json"])
    assert {bid["title"] for bid in bids} == {"Falls prevention together", "Shared discharge hub"}
    assert json.loads(files["programmes/application_history.json"])[0]["to_state"] == "submitted"
    assert json.loads(files["challenge_fund/reviews_you_wrote.json"])[0]["comments"] == "Strong partnership."
    assert json.loads(files["directory/leader_profile.json"])[0]["job_title"] == HOSTILE  # exact in JSON
    profile_csv = list(csv.DictReader(io.StringIO(files["directory/leader_profile.csv"].decode("utf-8-sig"))))
    assert profile_csv[0]["job_title"] == "'" + HOSTILE  # a spreadsheet will not run it
    # Recruiters' notes about the person stay with the recruiters.
    assert b"Private panel note" not in b"".join(files.values())


def test_download_end_to_end_only_the_owner_may_download_and_is_emailed(
    client,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    monkeypatch.setattr("academy.notifications.tasks.deliver_notification.delay", lambda *a: None)
    person = busy_person()
    client.force_login(person)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:my_data"))
    job = ReportJob.objects.get(owner=person, kind=services.MY_DATA_REPORT)
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert queued == [job.pk]

    with django_capture_on_commit_callbacks(execute=True):
        report_services.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    email = Notification.objects.get(key=f"privacy-my-data-ready-{job.pk}")
    assert email.recipient == person and email.template == "my_data_ready"
    subject, text, _ = render_email(email.template, email.context)
    assert subject == "Your data is ready to download" and f"/reports/{job.pk}/" in text and "&amp;" not in text

    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download.status_code == 200
    files = read_zip(b"".join(download.streaming_content))
    assert "programmes/applications.json" in files
    assert "Download your data" not in files  # sanity: a real ZIP
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert reverse("reports:download", args=[job.pk]) in page

    for someone_else in (make_person("superuser"), make_person("governance"), make_person("leader")):
        client.force_login(someone_else)
        for name in ("reports:job", "reports:status", "reports:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (name, someone_else)
    assert len(mail.outbox) == 0  # delivery is Celery's (stubbed here); the notification is recorded once


def test_the_file_is_deleted_after_seven_days(client):
    person = make_person("leader")
    job = ReportJob.objects.create(
        owner=person,
        kind=services.MY_DATA_REPORT,
        status=JobStatus.DONE,
        percent=100,
        filename="my-data.zip",
        content_type="application/zip",
    )
    job.file.save("my-data.zip", ContentFile(b"PK"), save=False)
    job.finished_at = timezone.now() - timedelta(days=6)
    job.save()
    storage, name = job.file.storage, job.file.name
    assert services.expire_data_downloads() == 0
    assert services.expire_data_downloads(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    job.refresh_from_db()
    assert not job.file and not storage.exists(name) and "expired" in job.message
    client.force_login(person)
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404
    assert "Expired" in client.get(reverse("privacy:my_data")).content.decode()


def test_a_person_with_nothing_yet_still_gets_a_zip():
    files = read_zip(build_zip(make_person("leader")))
    assert "account/account.json" in files and json.loads(files["programmes/applications.json"]) == []


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_make_one_copy(monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)
    person = make_person("leader")
    jobs = at_once(lambda: services.start_my_data(person).pk, lambda: services.start_my_data(person).pk)
    assert not raised(jobs) and len(set(jobs)) == 1 and ReportJob.objects.filter(owner=person).count() == 1

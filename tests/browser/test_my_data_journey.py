"""Download my data in the browser: a leader asks for a copy, watches the job page, downloads the ZIP, and sees
who on the Academy team opened their data; the secretariat searches the access log."""

from __future__ import annotations

import zipfile

import pytest

from academy.privacy import services as privacy
from academy.reports import services as reports
from academy.reports.models import ReportJob
from tests.conftest import make_person
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_downloads_their_data_and_sees_who_opened_it(visit, client, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)  # run below instead
    monkeypatch.setattr("academy.notifications.tasks.deliver_notification.delay", lambda *args: None)
    page = visit.page
    profile = LeaderProfileFactory(job_title="Ward sister, frailty unit")
    leader = profile.user
    EqualityMonitoringFactory(user=leader)
    secretariat = make_person("governance", first_name="Grace", last_name="Mensah")
    privacy.record_access(secretariat, [leader], "Leaders directory: their profile")

    visit.sign_in_as(client, leader)
    visit.go("/directory/profile/")
    page.get_by_role("link", name="Download your data").click()
    page.wait_for_url("**/account/privacy/my-data/")
    visit.check("my-data")
    page.get_by_role("button", name="Make a copy of my data").click()
    page.wait_for_url("**/reports/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Your data"
    visit.check("job-waiting")

    job = ReportJob.objects.get(owner=leader)
    reports.run(job.pk)
    page.get_by_role("link", name="Download my-data.zip").wait_for()
    visit.check("job-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my-data.zip").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
    assert "directory/leader_profile.csv" in names and "directory/equality_answers.json" in names

    visit.go("/account/privacy/my-data/")
    assert page.get_by_role("link", name="Download the copy asked for").count() == 1
    page.get_by_role("link", name="See who on the Academy team opened your data").click()
    page.wait_for_url("**/who-opened-my-data/")
    assert "Grace Mensah" in page.locator("main").inner_text()
    visit.check("who-opened")


def test_the_secretariat_searches_the_access_log(visit, client):
    page = visit.page
    leader = LeaderProfileFactory().user
    admin = make_person("programme_admin", first_name="Priya", last_name="Raman")
    privacy.record_access(admin, [leader, LeaderProfileFactory().user], "Cohort roster export: Spring cohort")
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/account/privacy/access-log/")
    visit.check("access-log")
    page.get_by_label("Whose data (name or email)").fill(leader.email)
    page.get_by_role("button", name="Search").click()
    assert "1 record found" in page.locator("main").inner_text()
    visit.check("access-log-searched")

"""The Challenge Fund round report in the browser: the admin asks for it and watches the job page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.reports import services as reports
from academy.reports.models import ReportJob
from programmes.challenge_fund import services
from programmes.challenge_fund.models import BidState
from programmes.core.models import Programme
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, CriterionFactory, RoundFactory, complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_makes_and_downloads_the_round_report(visit, client, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)  # run below instead
    page = visit.page
    now = timezone.now()
    round_ = RoundFactory(title="SEL Challenge Fund 2025/26", opens_at=now - dt.timedelta(days=60),
                          closes_at=now - dt.timedelta(days=1))
    CriterionFactory(round=round_, title="System benefit", weight=3)
    bid = complete(BidFactory(round=round_, title="Frailty at home"), Decimal("20000"))
    services.transition(bid, BidState.SUBMITTED, bid.lead)
    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    give_mfa(admin)

    visit.sign_in_as(client, admin)
    visit.go(f"/challenge-fund/manage/rounds/{round_.pk}/")
    visit.check("round-manage")
    page.get_by_role("button", name="Download the round report (PDF)").click()
    page.wait_for_url("**/reports/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Challenge Fund round report"
    visit.check("job-waiting")

    job = ReportJob.objects.get()
    reports.run(job.pk)
    page.get_by_role("link", name="Download challenge-fund-round-report.pdf").wait_for()
    visit.check("job-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download challenge-fund-round-report.pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

"""Retention: the secretariat's dry run shows what is due; a run removes exactly that, twice changes nothing,
and a missed night is caught up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import SeedContext
from academy.privacy import retention
from academy.privacy.demo import build_unconfirmed_sign_ups
from academy.privacy.tasks import apply_retention
from academy.reports.models import ReportJob
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _unverified(days_ago: int, last_name: str = "Smith") -> User:
    user = UserFactory(verified=False, last_name=last_name)
    User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days_ago))
    return user


def _report(owner, days_ago: int) -> ReportJob:
    job = ReportJob.objects.create(owner=owner, kind="test")
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return job


OURS = ("unverified_accounts", "report_files")


def _counts() -> dict[str, int]:
    return {row["kind"].name: row["count"] for row in retention.preview() if row["kind"].name in OURS}


def _ours(removed: dict[str, int]) -> dict[str, int]:
    """Only this module's kinds (other apps' kinds have their own tests)."""
    return {name: count for name, count in removed.items() if name in OURS}


def test_dry_run_counts_then_a_run_removes_exactly_that_and_is_idempotent():
    old, recent = _unverified(31, "<script>alert(1)</script>"), _unverified(5)
    confirmed = UserFactory()
    User.objects.filter(pk=confirmed.pk).update(date_joined=timezone.now() - timedelta(days=90))
    old_job, new_job = _report(confirmed, 8), _report(confirmed, 1)

    assert _counts() == {"unverified_accounts": 1, "report_files": 1}
    assert _ours(apply_retention()) == {"unverified_accounts": 1, "report_files": 1}

    old.refresh_from_db()
    assert not old.is_active and str(old) == f"Former participant {old.pk}"
    assert User.objects.get(pk=recent.pk).is_active and User.objects.get(pk=confirmed.pk).is_active
    assert not ReportJob.objects.filter(pk=old_job.pk).exists() and ReportJob.objects.filter(pk=new_job.pk).exists()
    assert _ours(apply_retention()) == {"unverified_accounts": 0, "report_files": 0}


def test_a_missed_night_is_caught_up():
    _unverified(45), _unverified(31)
    assert _ours(retention.apply(now=timezone.now())) == {"unverified_accounts": 2, "report_files": 0}
    assert not EmailAddress.objects.filter(email__endswith="@example.nhs.uk", verified=False).exists()


def test_the_secretariat_sees_the_dry_run_with_hostile_text_escaped(client_as):
    _unverified(40, "<script>alert(1)</script>")
    client, _ = client_as("governance")
    page = client.get(reverse("erasure:retention"))
    assert page.status_code == 200
    assert b"<script>alert(1)" not in page.content
    assert b"Accounts never confirmed" in page.content


def test_the_demo_shows_one_sign_up_due_and_is_idempotent():
    ctx = SeedContext(password="demo-password-2026", stdout=lambda *args: None)
    build_unconfirmed_sign_ups(ctx)
    build_unconfirmed_sign_ups(ctx)
    assert _counts()["unverified_accounts"] == 1

"""Retention for programmes: line managers' and sponsors' details are blanked 30 days after they answered or
their link expired; reflections go (with history and replies) two years after the cohort's last session
unless their author keeps them. The dry run counts them, a run removes exactly that, and twice changes
nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification, NotificationStatus
from academy.privacy import retention
from academy.ui.formats import nhs_date
from programmes.core import retention as core_retention
from programmes.core import services, tasks
from programmes.core.models import Application, ApplicationState, Reflection, ReflectionReply, ReleaseRoute
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db

MOMENT = timedelta(minutes=1)
GRACE = timedelta(days=core_retention.LINE_MANAGER_DAYS)


def _counts(now) -> dict[str, int]:
    return {row["kind"].name: row["count"] for row in retention.preview(now)}


def _application(*, submitted_at, decided_at=None, route=ReleaseRoute.LINE_MANAGER, **extra) -> Application:
    fields = {
        "state": S.UNDER_REVIEW,
        "line_manager_name": "Dr Ruth Adebayo",
        "line_manager_email": "ruth.adebayo@example.nhs.uk",
        "sponsor_role": "Director" if route == ReleaseRoute.SPONSOR else "",
        **extra,
    }
    application = Application.objects.create(
        cohort=CohortFactory(), applicant=UserFactory(), release_route=route, **fields
    )
    Application.objects.filter(pk=application.pk).update(submitted_at=submitted_at, line_manager_decided_at=decided_at)
    return Application.objects.get(pk=application.pk)


# --- line managers' and sponsors' details ---------------------------------------------------------------


def test_answered_links_are_due_30_days_after_the_answer():
    now = timezone.now()
    due = _application(submitted_at=now - timedelta(days=60), decided_at=now - GRACE - MOMENT)
    not_yet = _application(submitted_at=now - timedelta(days=60), decided_at=now - GRACE + MOMENT)
    # An application from before release routes were recorded still names its line manager.
    legacy = _application(submitted_at=now - timedelta(days=60), decided_at=now - GRACE - MOMENT, route="")
    assert set(core_retention.line_manager_due(now)) == {due, legacy}
    assert not_yet.line_manager_email


def test_unanswered_links_are_due_30_days_after_the_last_link_expired():
    now = timezone.now()
    expired_for = core_retention.LINK_EXPIRES_AFTER + GRACE
    assert expired_for.days == 24 + 30  # the reminder at 3 days carries the last link, which lasts 21
    due = _application(submitted_at=now - expired_for - MOMENT, state=S.AWAITING_LINE_MANAGER)
    _application(submitted_at=now - expired_for + MOMENT, state=S.AWAITING_LINE_MANAGER)
    assert list(core_retention.line_manager_due(now)) == [due]


def test_declarations_and_drafts_are_never_due():
    now = timezone.now()
    Application.objects.create(
        cohort=CohortFactory(),
        applicant=UserFactory(),
        state=S.DRAFT,
        line_manager_name="Someone",
        line_manager_email="someone@example.nhs.uk",
    )
    _application(
        submitted_at=now - timedelta(days=400),
        route=ReleaseRoute.DECLARATION,
        line_manager_name="",
        line_manager_email="",
    )
    assert not core_retention.line_manager_due(now).exists()


def test_a_run_blanks_the_details_in_the_row_history_and_emails_and_is_idempotent():
    now = timezone.now()
    sponsor = _application(
        submitted_at=now - timedelta(days=90), decided_at=now - timedelta(days=45), route=ReleaseRoute.SPONSOR
    )
    recent = _application(submitted_at=now - timedelta(days=10), decided_at=now - timedelta(days=5))
    request = Notification.objects.create(
        key=f"line-manager-request:{sponsor.pk}",
        template="line_manager_request",
        to_email="ruth.adebayo@example.nhs.uk",
        status=NotificationStatus.SENT,
        context={"line_manager_name": "Dr Ruth Adebayo", "url": "https://example.test/lm/token", "cohort": "C"},
    )
    reminder = Notification.objects.create(
        key=f"line-manager-reminder:{sponsor.pk}",
        template="line_manager_reminder",
        to_email="ruth.adebayo@example.nhs.uk",
        status=NotificationStatus.PENDING,
        context={"line_manager_name": "Dr Ruth Adebayo", "url": "https://example.test/lm/token"},
    )
    answer = Notification.objects.create(
        key=f"line-manager-answer:{sponsor.pk}",
        template="line_manager_approved",
        to_email=sponsor.applicant.email,
        recipient=sponsor.applicant,
        status=NotificationStatus.SENT,
        context={"line_manager_name": "Dr Ruth Adebayo", "cohort": "C"},
    )

    assert _counts(now)["line_manager_links"] == 1
    assert retention.apply(now)["line_manager_links"] == 1

    sponsor.refresh_from_db()
    assert (sponsor.line_manager_name, sponsor.line_manager_email, sponsor.sponsor_role) == ("", "", "")
    assert sponsor.state == S.UNDER_REVIEW and sponsor.line_manager_decided_at is not None  # the record stays
    assert not sponsor.history.exclude(line_manager_email="").exists()
    assert recent.history.exclude(line_manager_email="").exists()
    request.refresh_from_db(), reminder.refresh_from_db(), answer.refresh_from_db()
    assert request.to_email == "" and request.context == {"line_manager_name": "", "url": "", "cohort": "C"}
    assert request.status == NotificationStatus.SENT
    assert reminder.to_email == "" and reminder.status == NotificationStatus.FAILED  # never tried again
    assert answer.to_email == sponsor.applicant.email and answer.context["line_manager_name"] == ""
    assert Application.objects.get(pk=recent.pk).line_manager_email == "ruth.adebayo@example.nhs.uk"

    assert retention.apply(now)["line_manager_links"] == 0
    assert _counts(now)["line_manager_links"] == 0


def test_the_reminder_is_not_sent_to_a_blanked_address():
    now = timezone.now()
    waiting = _application(submitted_at=now - timedelta(days=80), state=S.AWAITING_LINE_MANAGER)
    retention.apply(now)
    waiting.refresh_from_db()
    assert waiting.line_manager_email == ""
    assert tasks.send_line_manager_reminders(now) == 0
    assert not Notification.objects.filter(key=f"line-manager-reminder:{waiting.pk}").exists()


# --- reflections ----------------------------------------------------------------------------------------


def _cohort_ended(ago: timedelta):
    end = timezone.now() - ago
    session = SessionFactory(starts_at=end - timedelta(days=30, hours=3), ends_at=end - timedelta(days=30))
    SessionFactory(cohort=session.cohort, starts_at=end - timedelta(hours=3), ends_at=end)  # the last one
    return session.cohort, session


def _reflect(cohort, session=None, *, kept=False, text="What I noticed") -> Reflection:
    author = UserFactory()
    Application.objects.create(cohort=cohort, applicant=author, state=S.COMPLETED)
    return Reflection.objects.create(cohort=cohort, session=session, author=author, text=text, kept_by_author=kept)


def test_reflections_are_due_two_years_after_the_last_session_unless_kept():
    now = timezone.now()
    old, old_session = _cohort_ended(core_retention.REFLECTION_AGE + MOMENT)
    recent, recent_session = _cohort_ended(core_retention.REFLECTION_AGE - MOMENT)
    due = _reflect(old, old_session)
    due_final = _reflect(old)
    _reflect(old, kept=True)
    _reflect(recent, recent_session)
    no_sessions = CohortFactory()
    _reflect(no_sessions)
    assert set(core_retention.reflection_due(now)) == {due, due_final}
    assert core_retention.REFLECTION_AGE.days == 731


def test_a_run_deletes_reflections_with_history_and_replies_keeps_kept_ones_and_is_idempotent():
    now = timezone.now()
    cohort, session = _cohort_ended(timedelta(days=800))
    gone = _reflect(cohort, session, text="<script>alert(1)</script>")
    kept = _reflect(cohort, session, kept=True)
    Reflection.objects.filter(pk=gone.pk).update(shared=True)
    faculty = UserFactory()
    ReflectionReply.objects.create(reflection=gone, author=faculty, text="Thank you")
    ReflectionReply.objects.create(reflection=kept, author=faculty, text="Kept thread")

    preview = {row["kind"].name: row for row in retention.preview(now)}
    assert preview["reflections"]["count"] == 1
    assert preview["reflections"]["sample"] == [f"Reflection {gone.pk}, cohort ended {preview_date(now)}"]
    assert retention.apply(now)["reflections"] == 1

    assert list(Reflection.objects.all()) == [kept]
    assert not Reflection.history.filter(id=gone.pk).exists()
    assert Reflection.history.filter(id=kept.pk).exists()
    assert list(ReflectionReply.objects.values_list("text", flat=True)) == ["Kept thread"]
    assert not ReflectionReply.history.filter(reflection_id=gone.pk).exists()
    assert retention.apply(now)["reflections"] == 0


def preview_date(now) -> str:
    return nhs_date(now - timedelta(days=800))


# --- the author's choice --------------------------------------------------------------------------------


@pytest.fixture
def place():
    cohort, session = _cohort_ended(timedelta(days=2))
    leader = UserFactory()
    Application.objects.create(cohort=cohort, applicant=leader, state=S.ACCEPTED)
    return {"cohort": cohort, "session": session, "leader": leader}


def test_the_service_saves_the_choice_and_leaves_it_when_not_given(place):
    leader, cohort, session = place["leader"], place["cohort"], place["session"]
    reflection = services.save_reflection(leader, cohort, "First", shared=False, session=session, keep=True)
    assert reflection.kept_by_author
    services.save_reflection(leader, cohort, "Second", shared=False, session=session)
    reflection.refresh_from_db()
    assert reflection.kept_by_author and reflection.text == "Second"
    services.save_reflection(leader, cohort, "Third", shared=False, session=session, keep=False)
    reflection.refresh_from_db()
    assert not reflection.kept_by_author
    assert [h.kept_by_author for h in reflection.history.order_by("history_date")] == [True, True, False]


def test_the_form_ticks_and_unticks_keep_and_my_academy_tags_kept_ones(client, place):
    leader, session = place["leader"], place["session"]
    client.force_login(leader)
    url = reverse("programmes:session_reflection", args=[session.pk])
    page = client.get(url)
    assert b"Keep this reflection after the usual two years" in page.content

    response = client.post(url, {"text": "Worth keeping", "sharing": "private", "keep": "on"})
    assert response.status_code == 302
    reflection = Reflection.objects.get(author=leader)
    assert reflection.kept_by_author
    assert re.search(r'<input[^>]*name="keep"[^>]*checked', client.get(url).content.decode())
    my_academy = client.get(reverse("programmes:my_academy")).content.decode()
    assert 'nhsuk-tag--white">Kept</strong>' in my_academy

    client.post(url, {"text": "Worth keeping", "sharing": "private"})
    reflection.refresh_from_db()
    assert not reflection.kept_by_author
    assert "Kept</strong>" not in client.get(reverse("programmes:my_academy")).content.decode()


def test_bad_input_with_keep_ticked_saves_nothing(client, place):
    client.force_login(place["leader"])
    url = reverse("programmes:session_reflection", args=[place["session"].pk])
    response = client.post(url, {"text": "   ", "sharing": "private", "keep": "on"})
    assert response.status_code == 400
    assert b"Enter your reflection" in response.content
    assert not Reflection.objects.exists()


def test_the_dry_run_reads_a_fixed_number_of_queries_at_two_sizes():
    now = timezone.now()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            retention.preview(now)
        return len(captured)

    def add(count: int) -> None:
        cohort, session = _cohort_ended(timedelta(days=800))
        for _ in range(count):
            _reflect(cohort, session)
            _application(submitted_at=now - timedelta(days=90), decided_at=now - timedelta(days=60))

    add(1)
    small = queries()
    add(6)
    assert queries() == small
    assert {name: count for name, count in _counts(now).items() if name in ("reflections", "line_manager_links")} == {
        "reflections": 7,
        "line_manager_links": 7,
    }

"""Notifications people control: the inbox, preferences per kind, the daily digest and one-click unsubscribe."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.celery import app_beat_schedules
from academy.notifications import kinds, presenters, selectors, services, tasks
from academy.notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus
from tests.academy.notifications.test_email_templates import notification_templates
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x") & Guy\'s'


@pytest.fixture(autouse=True)
def _send_when_queued(monkeypatch):
    """What a worker does with a queued email, without a broker: send it."""
    monkeypatch.setattr(services, "_queue", services.deliver)


def _remind(user, key="r:1", **context):
    """A reminder (a choosable kind) to ``user``, sent straight away as a beat task does."""
    return services.notify(
        key,
        "profile_reminder",
        user.email,
        {"profile_path": "/directory/profile/edit/", **context},
        recipient=user,
        link="/directory/profile/edit/",
    )


def _choose(user, kind: str, delivery: str):
    services.save_preferences(user, user, {kind: delivery})


# --- classification ---------------------------------------------------------------------------------------


def test_every_email_template_is_classified_in_exactly_one_kind():
    templates = set(notification_templates())
    classified = [template for kind in kinds.KINDS for template in kind.templates]
    assert len(classified) == len(set(classified)), "a template is in two kinds"
    missing = templates - set(classified)
    assert not missing, f"classify these email templates in academy/notifications/kinds.py: {sorted(missing)}"
    assert set(classified) <= templates, "a kind lists a template that does not exist"


def test_offers_line_manager_requests_and_decisions_are_essential():
    for template in (
        "place_offered",
        "offer_expiring",
        "line_manager_request",
        "line_manager_reminder",
        "cf_outbox",
        "vacancy_unsuccessful",
        "cf_report_overdue",
    ):
        assert kinds.kind_of(template).essential, template
        assert not kinds.kind_of(template).choosable, template
    assert {k.slug for k in kinds.choosable()} >= {"reminders", "programme_news", "summaries"}
    assert kinds.kind_of("a_template_nobody_classified").essential  # emailed, as before


# --- every email is in the inbox ----------------------------------------------------------------------------


@pytest.mark.parametrize("template", notification_templates())
def test_every_email_to_a_person_appears_in_their_inbox_and_reads_as_typed(template):
    user = UserFactory()
    context = dict.fromkeys(("cohort", "subject", "body", "bid_title", "session", "role", "sender"), HOSTILE)
    services.send_after_commit(f"t:{template}", template, user.email, {"first_name": "Sam", **context}, user)
    listed = list(selectors.inbox(user))
    if template == "daily_digest":  # it gathers messages already in the inbox
        assert listed == []
        return
    assert [n.template for n in listed] == [template]
    entry = presenters.entry(listed[0])
    assert entry.subject and entry.unread
    assert "&amp;" not in entry.subject + entry.excerpt  # plain text, escaped once where it is shown


def test_callers_need_no_change_email_user_after_commit_and_notify_record_inbox_entries(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.email_user_after_commit("a:1", "application_received", user, {"cohort": "Core 2027"})
    _remind(user)
    assert selectors.inbox(user).count() == 2
    assert len(mail.outbox) == 2
    assert selectors.unread_count(user) == 2


def test_emails_to_people_without_an_account_work_as_before_and_have_no_inbox(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_after_commit(
            "lm:1", "line_manager_request", "manager@example.test", {"applicant_name": "Sam", "cohort": "Core"}
        )
    assert len(mail.outbox) == 1
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers
    assert Notification.objects.get().recipient is None


def test_a_link_is_kept_only_when_it_is_a_path_on_this_site(settings):
    assert services.safe_link(settings.ACADEMY_SITE_URL + "/programmes/") == "/programmes/"
    for bad in ("javascript:alert(1)", "https://evil.example/", "//evil.example/", "/\\evil.example", "x" * 400):
        assert services.safe_link(bad) == ""


# --- preferences ----------------------------------------------------------------------------------------------


def test_inbox_only_sends_no_email_but_lists_the_message():
    user = UserFactory()
    _choose(user, "reminders", Delivery.INBOX)
    assert not _remind(user)
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.INBOX
    assert selectors.unread_count(user) == 1
    assert services.resend_unsent(now=timezone.now() + timedelta(days=1)) == 0  # never emailed later


def test_digest_holds_the_email_for_the_daily_digest():
    user = UserFactory()
    _choose(user, "reminders", Delivery.DIGEST)
    assert not _remind(user)
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.DIGEST


def test_another_persons_choice_does_not_change_mine():
    user, other = UserFactory(), UserFactory()
    _choose(other, "reminders", Delivery.INBOX)
    assert _remind(user)


def test_essential_messages_cannot_be_turned_off():
    user = UserFactory()
    with pytest.raises(ValueError):
        services.save_preferences(user, user, {"applications": Delivery.INBOX})
    # Even a row put there by hand does not stop an essential email.
    NotificationPreference.objects.create(user=user, kind="applications", delivery=Delivery.INBOX)
    assert services.notify("o:1", "place_offered", user.email, {"cohort": "Core"}, recipient=user)
    assert len(mail.outbox) == 1
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_only_the_person_changes_their_own_choices():
    user, other = UserFactory(), UserFactory(is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.save_preferences(other, user, {"reminders": Delivery.INBOX})
    assert not NotificationPreference.objects.exists()


def test_preferences_page_saves_and_says_what_cannot_be_turned_off(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    assert (
        "Messages we always email" in page.content.decode() and "Your applications and places" in page.content.decode()
    )
    choices = {kind.slug: Delivery.EMAIL for kind in kinds.choosable()} | {"reminders": Delivery.DIGEST}
    response = client.post(reverse("notifications:preferences"), choices | {"applications": "inbox"})
    assert response.status_code == 302
    assert selectors.preferences(user) == choices
    assert "applications" not in selectors.preferences(user)


def test_preferences_bad_input_is_refused_with_a_message_and_nothing_saved(client):
    user = UserFactory()
    client.force_login(user)
    choices = {kind.slug: Delivery.EMAIL for kind in kinds.choosable()} | {"reminders": HOSTILE}
    response = client.post(reverse("notifications:preferences"), choices)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and "Select how you want to get reminders" in body
    assert "<script>alert(1)" not in body
    assert not NotificationPreference.objects.exists()


# --- the daily digest -------------------------------------------------------------------------------------------


def test_the_digest_goes_once_a_day_with_every_waiting_message_and_catches_up(django_capture_on_commit_callbacks):
    user = UserFactory(first_name="Ama")
    _choose(user, "reminders", Delivery.DIGEST)
    _remind(user, key="r:1")
    services.notify(
        "c:1", "cohort_message", user.email, {"cohort": "Core", "subject": HOSTILE, "body": "Hello"}, recipient=user
    )  # programme news is still emailed straight away
    assert len(mail.outbox) == 1
    _choose(user, "programme_news", Delivery.DIGEST)
    services.notify(
        "c:2", "cohort_message", user.email, {"cohort": "Core", "subject": "Room change", "body": "B"}, recipient=user
    )
    mail.outbox.clear()

    early = datetime(2027, 3, 2, 6, 30, tzinfo=LONDON)
    assert services.send_daily_digests(now=early) == 0  # before 7am: nothing yet
    morning = timezone.now() + timedelta(days=1)
    morning = morning.astimezone(LONDON).replace(hour=7, minute=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests(now=morning) == 1
        assert services.send_daily_digests(now=morning + timedelta(hours=1)) == 0  # once a day
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert "Complete your leader profile" in digest.body and "Room change (Core)" in digest.body
    assert "&amp;" not in digest.body
    assert "List-Unsubscribe" in digest.extra_headers
    assert set(
        Notification.objects.filter(
            template__in=["profile_reminder", "cohort_message"], key__in=["r:1", "c:2"]
        ).values_list("status", flat=True)
    ) == {NotificationStatus.DIGESTED}
    assert selectors.inbox(user).filter(template="daily_digest").count() == 0

    _remind(user, key="r:2")  # arrives after today's digest: waits for tomorrow's
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_digests(now=morning + timedelta(hours=3)) == 0
        assert services.send_daily_digests(now=morning + timedelta(days=2)) == 1  # a missed day is caught up
    assert len(mail.outbox) == 2


def test_the_digest_is_a_thin_hourly_beat_task():
    entry = app_beat_schedules()["notifications-daily-digest"]
    assert entry["task"] == "academy.notifications.tasks.send_daily_digests"
    assert tasks.send_daily_digests.name == entry["task"]


# --- one-click unsubscribe ---------------------------------------------------------------------------------------


def test_non_essential_emails_carry_rfc_8058_headers_and_a_link_in_both_parts():
    user = UserFactory()
    _remind(user)
    message = mail.outbox[0]
    url = message.extra_headers["List-Unsubscribe"]
    assert url.startswith("<http") and url.endswith(">") and "/notifications/unsubscribe/" in url
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url[1:-1] in message.body
    assert url[1:-1] in message.alternatives[0][0]


def test_one_click_post_turns_the_kind_to_inbox_only_without_signing_in():
    user = UserFactory()
    token = services.unsubscribe_token(user.pk, "reminders")
    client = Client(enforce_csrf_checks=True)  # a mail provider posts with no session and no CSRF token
    url = reverse("notifications:unsubscribe", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "Stop emails about reminders?" in page.content.decode()
    assert not NotificationPreference.objects.exists()  # opening the link changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert selectors.preferences(user) == {"reminders": Delivery.INBOX}
    assert client.post(url).status_code == 200  # again: still fine
    assert not _remind(user) and mail.outbox == []


def test_the_digest_link_stops_the_digest():
    user = UserFactory()
    _choose(user, "reminders", Delivery.DIGEST)
    _choose(user, "replies", Delivery.EMAIL)
    services.unsubscribe(services.unsubscribe_token(user.pk, "daily_digest"))
    assert selectors.preferences(user) == {"reminders": Delivery.INBOX, "replies": Delivery.EMAIL}


@pytest.mark.parametrize("tamper", ["altered", "essential", "garbage", "other_salt"])
def test_a_tampered_token_is_refused_and_nothing_changes(client, tamper):
    user = UserFactory()
    token = services.unsubscribe_token(user.pk, "reminders")
    if tamper == "altered":
        token = services.unsubscribe_token(user.pk + 1, "reminders")[:-3] + token[-3:]
    elif tamper == "essential":
        token = services.unsubscribe_token(user.pk, "applications")  # signed, but cannot be turned off
    elif tamper == "garbage":
        token = "not-a-token" + HOSTILE.replace("/", "")
    else:
        from django.core import signing

        token = signing.dumps([user.pk, "reminders"], salt="something else")
    url = reverse("notifications:unsubscribe", args=[token])
    assert client.get(url).status_code == 404
    response = client.post(url)
    assert response.status_code == 404 and "This link does not work" in response.content.decode()
    assert not NotificationPreference.objects.exists()


# --- reading ------------------------------------------------------------------------------------------------------


def test_opening_a_message_marks_it_read_and_shows_its_text_escaped_with_a_link(client):
    user = UserFactory()
    services.notify(
        "c:1",
        "cohort_message",
        user.email,
        {"cohort": "Core", "subject": HOSTILE, "body": HOSTILE},
        recipient=user,
        link="/programmes/my-academy/",
    )
    message = Notification.objects.get()
    client.force_login(user)
    page = client.get(reverse("notifications:inbox"))
    body = page.content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert 'class="academy-unread-count">1<' in body
    page = client.get(reverse("notifications:message", args=[message.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "<script>alert(1)" not in body
    assert 'href="/programmes/my-academy/"' in body
    message.refresh_from_db()
    assert message.read_at is not None
    assert selectors.unread_count(user) == 0


def test_mark_one_and_mark_all(client):
    user = UserFactory()
    for n in range(3):
        _remind(user, key=f"r:{n}")
    first = Notification.objects.order_by("pk").first()
    client.force_login(user)
    assert client.post(reverse("notifications:read", args=[first.pk]), {"page": "1"}).status_code == 302
    assert selectors.unread_count(user) == 2
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert selectors.unread_count(user) == 0


def test_nobody_reads_or_marks_someone_elses_message_superusers_included(client):
    owner, superuser = UserFactory(), UserFactory(is_superuser=True, is_staff=True)
    _remind(owner)
    message = Notification.objects.get()
    with pytest.raises(PermissionDenied):
        services.mark_read(superuser, message)
    from tests.conftest import give_mfa

    give_mfa(superuser)
    client.force_login(superuser)
    assert client.get(reverse("notifications:message", args=[message.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[message.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    message.refresh_from_db()
    assert message.read_at is None


# --- query budgets -------------------------------------------------------------------------------------------------


def _queries_for(client, url) -> tuple[int, int]:
    client.get(url)  # the first request of a session does its own one-off writes
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    counting = [q for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    return len(queries.captured_queries), len(counting)


@pytest.mark.parametrize("url_name", ["ui:home", "directory:profile", "programmes:catalogue"])
def test_the_header_count_adds_one_query_whatever_the_number_of_messages(client, url_name):
    user = UserFactory()
    client.force_login(user)
    _remind(user, key="first")
    small, counting = _queries_for(client, reverse(url_name))
    assert counting == 1, "the unread count is one query"
    for n in range(30):
        _remind(user, key=f"more:{n}")
    large, counting = _queries_for(client, reverse(url_name))
    assert counting == 1 and large == small


def test_the_inbox_reads_in_a_fixed_number_of_queries(client):
    user = UserFactory()
    client.force_login(user)
    for n in range(3):
        _remind(user, key=f"a:{n}")
    small, _ = _queries_for(client, reverse("notifications:inbox"))
    for n in range(40):
        services.notify(
            f"c:{n}",
            "cohort_message",
            user.email,
            {"cohort": "Core", "subject": f"News {n}", "body": "x"},
            recipient=user,
        )
    large, _ = _queries_for(client, reverse("notifications:inbox"))
    assert large == small
    page_two = client.get(reverse("notifications:inbox") + "?page=2")
    assert "page 2 of 3" in page_two.content.decode()

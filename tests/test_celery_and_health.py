"""A real Celery worker on Redis, and /healthz."""

import pytest
from django.core import mail
from django.urls import reverse

from academy.celery import app as celery_app
from academy.notifications import services
from academy.notifications.models import Notification, NotificationStatus
from academy.notifications.tasks import deliver_notification
from tests.factories.accounts import UserFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_makes_the_round_trip_through_redis_and_a_worker(celery_worker):
    user = UserFactory()
    notification = services.record("round-trip:1", "profile_reminder", user.email, {"profile_path": "/"}, user)
    result = deliver_notification.delay(notification.pk)
    assert result.get(timeout=30) is True
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1
    # The same task again (a duplicate beat run or a retry) sends nothing.
    assert deliver_notification.delay(notification.pk).get(timeout=30) is False
    assert len(mail.outbox) == 1


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_healthz_is_200_when_database_redis_and_worker_answer(client, celery_worker):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "celery_worker": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down_and_the_site_keeps_working(client, settings):
    settings.REDIS_URL = DEAD_REDIS
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": DEAD_REDIS},
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"
    assert response.json()["database"] == "ok"
    # Pages still work: the cache misses quietly, sessions live in the database.
    assert client.get(reverse("ui:home")).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("ui:home")).status_code == 200
    assert not Notification.objects.exists()


def test_beat_schedule_has_the_reminders_and_every_task_exists():
    celery_app.loader.import_default_modules()
    schedule = celery_app.conf.beat_schedule
    assert schedule["profile-completion-reminders"]["task"] == "academy.directory.tasks.send_profile_reminders"
    for entry in schedule.values():
        assert entry["task"] in celery_app.tasks, f"beat names a task that does not exist: {entry['task']}"

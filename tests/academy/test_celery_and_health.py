"""A real Celery worker on Redis, and /healthz."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from academy import health
from academy.celery import app as celery_app
from academy.celery import beat_heartbeat
from academy.notifications import services
from academy.notifications.models import Notification, NotificationStatus
from academy.notifications.tasks import deliver_notification
from tests.academy.test_broker_outage import use_broker
from tests.factories.accounts import UserFactory

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_makes_the_round_trip_through_redis_and_a_worker(celery_worker):
    user = UserFactory()
    notification = services.record("round-trip:1", "profile_reminder", user.email, {"profile_path": "/"}, user)
    result = deliver_notification.apply_async((notification.pk,), ignore_result=False)
    assert result.get(timeout=30) is True
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1
    # The same task again (a duplicate beat run or a retry) sends nothing.
    assert deliver_notification.apply_async((notification.pk,), ignore_result=False).get(timeout=30) is False
    assert len(mail.outbox) == 1


@pytest.fixture
def fresh_readiness():
    health.forget_readiness()
    yield
    health.forget_readiness()


def redis_down(settings):
    settings.REDIS_URL = DEAD_REDIS
    settings.CELERY_BROKER_URL = DEAD_REDIS
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD_REDIS}}
    use_broker(DEAD_REDIS)


@pytest.fixture
def restore_broker(settings):
    url = celery_app.conf.broker_url
    yield
    use_broker(url)


@pytest.mark.django_db
def test_liveness_checks_only_the_database_and_never_pings_a_worker(client, monkeypatch):
    """/healthz is what a load balancer watches: a worker or Redis outage must not take the site out."""

    def no_ping(*args, **kwargs):
        raise AssertionError("liveness must not ping the Celery workers")

    monkeypatch.setattr(celery_app.control, "ping", no_ping)
    monkeypatch.setattr(health, "check_redis", lambda: pytest.fail("liveness must not call Redis"))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_liveness_is_200_while_redis_is_down(client, settings, restore_broker):
    redis_down(settings)
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_liveness_is_503_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(health, "check_database", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_readiness_is_200_when_every_service_answers(client, celery_worker, fresh_readiness):
    beat_heartbeat()
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("status", "database", "redis", "broker", "celery_worker", "beat")} == {
        "status": "ok", "database": "ok", "redis": "ok", "broker": "ok", "celery_worker": "ok", "beat": "ok",
    }
    assert isinstance(body["queue_length"], int)
    assert set(body["queues"]) == set(settings.CELERY_ALL_QUEUES)
    assert body["beat_last_run"]


@pytest.mark.django_db
def test_readiness_pings_one_worker_and_caches_the_answer(client, monkeypatch, fresh_readiness):
    calls = []

    def ping(*args, **kwargs):
        calls.append(kwargs)
        return [{"worker@host": {"ok": "pong"}}]

    monkeypatch.setattr(celery_app.control, "ping", ping)
    beat_heartbeat()
    for _ in range(3):
        assert client.get("/healthz/ready").status_code == 200
    assert len(calls) == 1, "the worker ping must be cached, so polling cannot stall the web tier"
    assert calls[0]["limit"] == 1


@pytest.mark.django_db
def test_readiness_is_503_when_redis_is_down_and_the_site_keeps_working(
    client, settings, fresh_readiness, restore_broker
):
    redis_down(settings)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"
    assert response.json()["database"] == "ok"
    # Pages still work: the cache fails over, sessions live in the database.
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

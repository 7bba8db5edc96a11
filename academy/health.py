"""Health endpoints. Neither shows personal data.

``GET /healthz`` (liveness, for load balancers and the container healthcheck): this process answers and
the database answers ``SELECT 1``. Nothing else: every page needs the database, but no page needs the
Celery worker, and pages keep serving while Redis is down (see academy/cache.py). It never waits on
Redis or a worker, so polling it cannot stall the web tier.

``GET /healthz/ready`` (readiness and diagnostics, for monitoring and people): the database, Redis, the
broker, a Celery worker, beat's last heartbeat and the queue length. 200 when all of them are fine, 503
when one is not. The slow checks (the worker ping waits up to a second) run at most once every
``READY_CACHE_SECONDS`` in each process, whoever calls; other callers get the last answer meanwhile.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from academy.celery import BEAT_HEARTBEAT_KEY
from academy.celery import app as celery_app

READY_CACHE_SECONDS = 15
BEAT_STALE_SECONDS = 15 * 60  # beat beats every 5 minutes: three missed beats is a problem
WORKER_PING_TIMEOUT = 1.0

_ready_lock = threading.Lock()
_ready_cache: dict = {"at": None, "body": None}


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def redis_client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


def check_redis() -> bool:
    try:
        return bool(redis_client().ping())
    except Exception:
        return False


def check_broker() -> bool:
    """The Celery broker accepts a connection (one try, one second)."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
        return True
    except Exception:
        return False


def check_worker() -> bool:
    """True if a Celery worker answers a ping. ``limit=1``: the first reply ends the wait."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
            replies = celery_app.control.ping(timeout=WORKER_PING_TIMEOUT, limit=1, connection=conn)
        return bool(replies)
    except Exception:
        return False


def beat_last_run() -> datetime | None:
    try:
        value = redis_client().get(BEAT_HEARTBEAT_KEY)
    except Exception:
        return None
    if not value:
        return None
    return datetime.fromtimestamp(float(value), tz=UTC)


def queue_lengths() -> dict[str, int] | None:
    """Tasks waiting in each queue (emails, reports, the default one); kombu keeps one Redis list per
    priority step of a queue."""
    try:
        client = redis_client()
        lengths = {}
        for queue in settings.CELERY_ALL_QUEUES:
            names = [queue, *client.scan_iter(match=f"{queue}\x06\x16*")]
            lengths[queue] = sum(client.llen(name) for name in names)
        return lengths
    except Exception:
        return None


def readiness() -> tuple[bool, dict]:
    redis_ok = check_redis()
    broker_ok = check_broker() if redis_ok else False
    last_beat = beat_last_run() if redis_ok else None
    beat_ok = last_beat is not None and (datetime.now(UTC) - last_beat).total_seconds() < BEAT_STALE_SECONDS
    checks = {
        "database": check_database(),
        "redis": redis_ok,
        "broker": broker_ok,
        # Without a broker no worker can be reached, so do not wait for one.
        "celery_worker": check_worker() if broker_ok else False,
        "beat": beat_ok,
    }
    healthy = all(checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        **{name: "ok" if ok else "down" for name, ok in checks.items()},
        "beat_last_run": last_beat.isoformat() if last_beat else None,
    }
    lengths = queue_lengths() if redis_ok else None
    body["queue_length"] = sum(lengths.values()) if lengths is not None else None
    body["queues"] = lengths
    return healthy, body


def cached_readiness() -> tuple[bool, dict]:
    """The readiness answer, worked out at most once every READY_CACHE_SECONDS in this process. While
    one request works it out, the others get the previous answer rather than queueing behind it."""
    now = time.monotonic()
    fresh = _ready_cache["at"] is not None and now - _ready_cache["at"] < READY_CACHE_SECONDS
    if not fresh and _ready_lock.acquire(blocking=_ready_cache["body"] is None):
        try:
            _ready_cache["body"] = readiness()
            _ready_cache["at"] = time.monotonic()
        finally:
            _ready_lock.release()
    return _ready_cache["body"]


def forget_readiness() -> None:
    """Drop the cached readiness answer (for tests)."""
    _ready_cache.update(at=None, body=None)


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process and the database. Fast, and what a load balancer should watch."""
    database_ok = check_database()
    body = {"status": "ok" if database_ok else "unavailable", "database": "ok" if database_ok else "down"}
    return JsonResponse(body, status=200 if database_ok else 503)


@never_cache
@require_GET
def ready(request):
    """Readiness and diagnostics: every service the portal uses. For monitoring, not load balancers."""
    healthy, body = cached_readiness()
    return JsonResponse(body, status=200 if healthy else 503)

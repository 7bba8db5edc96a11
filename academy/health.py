"""``GET /healthz``: the state of the database, Redis and the Celery worker, for load balancers and
monitoring. 200 when all three answer, 503 when one does not. It shows no personal data."""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from academy.celery import app as celery_app


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def check_redis() -> bool:
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        return bool(client.ping())
    except Exception:
        return False


def check_worker() -> bool:
    """True if at least one Celery worker answers a ping within a second."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=1)
            replies = celery_app.control.ping(timeout=1.0, connection=conn)
        return bool(replies)
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    redis_ok = check_redis()
    checks = {
        "database": check_database(),
        "redis": redis_ok,
        # Without Redis no worker can be reached, so do not wait for one.
        "celery_worker": check_worker() if redis_ok else False,
    }
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **{k: "ok" if v else "down" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)

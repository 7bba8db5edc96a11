"""The default cache: Redis, with a per-process stand-in while Redis is unreachable.

What the cache holds is short-lived and may be lost: allauth's rate limits (sign-in, password reset,
MFA) and the TOTP codes already used. django-redis's ``IGNORE_EXCEPTIONS`` turns an outage into misses,
but allauth takes a lock with ``cache.add`` before it counts an attempt; a miss there reads as "locked",
allauth waits a second for the lock and then answers 429. So with Redis down nobody could sign in.

This backend fails over instead: when a Redis call fails, it marks Redis down for ``FAILOVER_SECONDS``
(30 by default) and serves every call from a local-memory cache in this process. Rate limits keep
working per process (a little looser across several processes, never a lock-out), and no request waits
on Redis's connect timeout again until the period is over; then the next call tries Redis again.
Nothing that must be shared between processes belongs in this cache.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, ConnectionInterrupted, OSError)

# Shared by every thread of the process, one entry per Redis location.
_down_until: dict[str, float] = {}
_lock = threading.Lock()


class FailoverRedisCache(RedisCache):
    """django-redis's cache, falling back to a per-process local-memory cache while Redis is down."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.failover_seconds = float(options.pop("FAILOVER_SECONDS", 30))
        # This class handles Redis errors itself; django-redis must raise them.
        options["IGNORE_EXCEPTIONS"] = False
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = str(server)
        # LocMemCache instances with the same name share their storage across threads.
        self.fallback = LocMemCache(
            f"academy-failover:{self._location}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 10000}},
        )

    # The state of Redis, shared across threads ------------------------------------------------------
    def redis_is_down(self) -> bool:
        return _down_until.get(self._location, 0.0) > time.monotonic()

    def mark_down(self, error: Exception) -> None:
        with _lock:
            if not self.redis_is_down():
                logger.warning(
                    "Redis cache unreachable (%s): using a local cache for %.0f s", error, self.failover_seconds
                )
            _down_until[self._location] = time.monotonic() + self.failover_seconds

    def _call(self, name, *args, **kwargs):
        if not self.redis_is_down():
            try:
                return getattr(super(), name)(*args, **kwargs)
            except FAILURES as error:
                self.mark_down(error)
        return getattr(self.fallback, name)(*args, **kwargs)

    # What Django and allauth call -----------------------------------------------------------------
    def get(self, *args, **kwargs):
        kwargs.pop("client", None)
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def clear(self):
        self.fallback.clear()
        return self._call("clear")

    def delete_pattern(self, *args, **kwargs):
        if self.redis_is_down():
            self.fallback.clear()
            return 0
        try:
            return super().delete_pattern(*args, **kwargs)
        except FAILURES as error:
            self.mark_down(error)
            self.fallback.clear()
            return 0


def reset_failover_state() -> None:
    """Forget that any Redis was down (for tests)."""
    with _lock:
        _down_until.clear()

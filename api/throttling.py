"""Rate limits: per token, and per address for anonymous calls, counted in the cache.

A fixed window per minute (``ACADEMY_API_RATES``). Over the limit, the API answers 429 with Retry-After
(the seconds left in the window). The cache is Redis with a local stand-in while Redis is down
(academy/cache.py); should the cache still fail, the call is let through: an outage must not lock
people out of the API.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def rates() -> dict[str, int]:
    return {"token": 120, "anonymous": 60, **getattr(settings, "ACADEMY_API_RATES", {})}


class ApiRateThrottle(BaseThrottle):
    def allow_request(self, request) -> bool:
        token = getattr(request, "api_token", None)
        if token is not None:
            ident, limit = f"token:{token.pk}", rates()["token"]
        else:
            ident, limit = f"ip:{self.get_ident(request)}", rates()["anonymous"]
        window = int(time.time() // WINDOW_SECONDS)
        key = f"api-rate:{ident}:{window}"
        try:
            cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
            count = cache.incr(key)
        except Exception:  # noqa: BLE001 - fail open: never refuse a call because the cache is unwell
            logger.warning("API rate limit not counted: the cache is unavailable", exc_info=True)
            return True
        return count <= limit

    def wait(self) -> float:
        return WINDOW_SECONDS - time.time() % WINDOW_SECONDS

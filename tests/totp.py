"""Time-based one-time codes for tests, taken well inside a TOTP period.

allauth accepts only the current period's code (no tolerance), so a code computed in the last second of a
period can reach the server in the next one and be refused. Waiting for a fresh period when fewer than
``MARGIN`` seconds are left makes the code valid for the whole round trip.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

MARGIN = 8  # seconds a browser round trip may take on a slow CI machine


def current_code(secret: str, offset: int = 0) -> str:
    """The code for the current period (``offset`` periods on), valid for at least ``MARGIN`` seconds."""
    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < MARGIN:
        time.sleep(left + 0.05)
    counter = int(time.time()) // period
    return format_hotp_value(hotp_value(secret, counter + offset))

"""Latency of the catalogue, a cohort roster and My Academy under concurrent signed-in users.

    .venv/bin/python manage.py seed_scale --factor 10
    .venv/bin/gunicorn academy.wsgi -w 4 -b 127.0.0.1:8000 &
    .venv/bin/python bench/programmes.py --users 20 --requests 600

Leaders are scale accounts (each with about three applications or places); the roster is read by a
bench Programme admin of the curriculum (made here, with an authenticator so the MFA rule lets them
through; no password or MFA step is timed). Prints the median and 95th percentile per page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import fetch, signed_in_cookies  # noqa: E402

BENCH_ADMIN = "bench-programme-admin@scale.academy.test"


def admin_cookie_and_roster() -> tuple[str, str]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from academy.accounts.models import Role, RoleAssignment, User
    from academy.accounts.services import grant_role
    from programmes.core.models import Cohort, Programme

    programme = Programme.objects.get(slug="curriculum")
    admin, _ = User.objects.get_or_create(email=BENCH_ADMIN, defaults={"first_name": "Bench", "last_name": "Admin"})
    if not RoleAssignment.objects.filter(user=admin, role=Role.PROGRAMME_ADMIN, programme=programme).exists():
        grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=programme)
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(admin, generate_totp_secret())
    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.create()
    roster = Cohort.objects.filter(title__startswith="Scale test cohort").order_by("pk").first()
    if roster is None:
        raise SystemExit("No scale cohorts: run seed_scale first.")
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", f"/programmes/admin/cohorts/{roster.pk}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=600, help="total requests, shared across the pages")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise SystemExit("--base must be a loopback address.")
    leaders = signed_in_cookies(args.users, "@scale.academy.test")
    admin, roster = admin_cookie_and_roster()
    pages = [("/programmes/", leaders), ("/programmes/my-academy/", leaders), (roster, [admin])]
    jobs = []
    for number in range(args.requests):
        path, cookies = pages[number % len(pages)]
        jobs.append((path, cookies[number % len(cookies)]))
    timings: dict[str, list[float]] = {path: [] for path, _ in pages}
    failures = 0
    with ThreadPoolExecutor(max_workers=args.users) as pool:
        for path, seconds, status in pool.map(lambda job: fetch(args.base, *job), jobs):
            if status == 200:
                timings[path].append(seconds)
            else:
                failures += 1
    print(f"{args.users} concurrent users, {args.requests} requests, {failures} not 200")
    print(f"{'page':50} {'n':>5} {'median ms':>10} {'p95 ms':>10}")
    for path, values in timings.items():
        if values:
            values.sort()
            p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
            print(f"{path:50} {len(values):5d} {statistics.median(values) * 1000:10.1f} {p95 * 1000:10.1f}")


if __name__ == "__main__":
    main()

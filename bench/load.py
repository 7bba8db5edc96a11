"""Latency of portal pages under concurrent signed-in users, against a running portal.

    .venv/bin/python manage.py seed_scale --factor 10
    python3 dev.py run &                                   # or gunicorn with several workers
    .venv/bin/python bench/load.py --users 20 --requests 400 /directory/ /directory/?q=nurse

Each simulated user is a real account signed in through a session made directly in the database (so
no password or MFA step is timed). Prints the median and 95th percentile per path. Traffic goes only
to --base (default http://127.0.0.1:8000), and the loop is bounded by --requests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")


def signed_in_cookies(count: int, email_domain: str) -> list[str]:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    users = list(get_user_model().objects.filter(email__endswith=email_domain, is_active=True)[:count])
    if len(users) < count:
        raise SystemExit(f"Only {len(users)} accounts end with {email_domain}: run seed_scale first.")
    cookies = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return cookies


def fetch(base: str, path: str, cookie: str) -> tuple[str, float, int]:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
        response.read()
        status = response.status
    return path, time.perf_counter() - started, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="total requests, shared across the paths")
    parser.add_argument("--email-domain", default="@scale.academy.test")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise SystemExit("--base must be a loopback address.")
    cookies = signed_in_cookies(args.users, args.email_domain)
    jobs = [(args.paths[i % len(args.paths)], cookies[i % len(cookies)]) for i in range(args.requests)]
    timings: dict[str, list[float]] = {path: [] for path in args.paths}
    failures = 0
    with ThreadPoolExecutor(max_workers=args.users) as pool:
        for path, seconds, status in pool.map(lambda job: fetch(args.base, *job), jobs):
            if status == 200:
                timings[path].append(seconds)
            else:
                failures += 1
    print(f"{args.users} concurrent users, {args.requests} requests, {failures} not 200")
    print(f"{'path':50} {'n':>5} {'median ms':>10} {'p95 ms':>10}")
    for path, values in timings.items():
        if not values:
            continue
        values.sort()
        p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
        print(f"{path:50} {len(values):5d} {statistics.median(values) * 1000:10.1f} {p95 * 1000:10.1f}")


if __name__ == "__main__":
    main()

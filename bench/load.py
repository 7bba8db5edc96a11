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


def session_cookie(user) -> str:
    """A signed-in session for ``user``, as the Cookie header a browser would send."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def signed_in_cookies(count: int, email_domain: str) -> list[str]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    users = list(get_user_model().objects.filter(email__endswith=email_domain, is_active=True)[:count])
    if len(users) < count:
        raise SystemExit(f"Only {len(users)} accounts end with {email_domain}: run seed_scale first.")
    return [session_cookie(user) for user in users]


def programme_admin_cookie(email: str, programme_slug: str) -> str:
    """A session for a bench account that administers the programme, with MFA set up so staff pages answer (made
    once, found by its email)."""
    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from academy.accounts.models import Role, RoleAssignment, User
    from academy.accounts.services import grant_role
    from programmes.core.models import Programme

    programme = Programme.objects.get(slug=programme_slug)
    admin, _ = User.objects.get_or_create(email=email, defaults={"first_name": "Bench", "last_name": "Admin"})
    if not RoleAssignment.objects.filter(user=admin, role=Role.PROGRAMME_ADMIN, programme=programme).exists():
        grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=programme)
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    return session_cookie(admin)


def run_pages(base: str, pages: list[tuple[str, str, list[str]]], users: int, requests: int,
              width: int = 50) -> None:
    """``requests`` requests shared across ``pages`` (label, path, the cookies to send it with) by ``users``
    concurrent users; prints each page's median and 95th percentile."""
    jobs = []
    for number in range(requests):
        _label, path, cookies = pages[number % len(pages)]
        jobs.append((path, cookies[number % len(cookies)]))
    timings: dict[str, list[float]] = {path: [] for _label, path, _cookies in pages}
    failures = 0
    with ThreadPoolExecutor(max_workers=users) as pool:
        for path, seconds, status in pool.map(lambda job: fetch(base, *job), jobs):
            if status == 200:
                timings[path].append(seconds)
            else:
                failures += 1
    print(f"{users} concurrent user{'s' if users != 1 else ''}, {requests} requests, {failures} not 200")
    print(f"{'page':{width}} {'n':>5} {'median ms':>10} {'p95 ms':>10}")
    for label, path, _cookies in pages:
        values = sorted(timings[path])
        if values:
            p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
            print(f"{label:{width}} {len(values):5d} {statistics.median(values) * 1000:10.1f} {p95 * 1000:10.1f}")


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
    run_pages(args.base, [(path, path, cookies) for path in args.paths], args.users, args.requests)

if __name__ == "__main__":
    main()

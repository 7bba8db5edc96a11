"""The portal's heavier pages as ratios to a bare one-row Django view measured in the same run.

    DEMO_PASSWORD=... .venv/bin/python manage.py seed_scale --factor 10
    .venv/bin/python bench/ratios.py                      # --workers 4 --clients 4 --requests 200

One command: it starts gunicorn (bench settings: the portal's URLs plus a bare view and an admin site to
compare with, see bench/urls.py) on a free loopback port against DATABASE_URL, signs in a bench
superuser and scale leaders through sessions written in the database (no password or MFA step timed),
measures each page in turn with --clients concurrent clients, and stops gunicorn. For each page it
prints the median and 95th-percentile latency and the CPU the gunicorn processes spent per request
(from /proc), each also as a ratio to the bare view. The bare view is measured first and last; the
ratios use the mean of the two, so a machine that slows down during the run shows as a gap between them.
PostgreSQL's own CPU is not included. Timings belong here, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

BENCH_SUPERUSER = "bench-superuser@scale.academy.test"
SCALE_DOMAIN = "@scale.academy.test"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect (to sign in, say) counts as a failure
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def prepare(leader_count: int) -> tuple[list[tuple[str, str, list[str]]], int]:
    """The pages to measure as (label, path, cookies), and the number of scale leaders."""
    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from programmes.challenge_fund.models import Round
    from programmes.core.models import Cohort

    User = get_user_model()
    leaders = list(User.objects.filter(email__endswith=SCALE_DOMAIN, is_active=True, profile__isnull=False)
                   .order_by("pk")[:leader_count])
    if len(leaders) < leader_count:
        raise SystemExit("Too few scale leaders: run `manage.py seed_scale --factor N` first.")
    admin, _ = User.objects.get_or_create(
        email=BENCH_SUPERUSER, defaults={"first_name": "Bench", "last_name": "Superuser"}
    )
    User.objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    admin.refresh_from_db()
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    staff = [session_cookie(admin)]
    people = [session_cookie(user) for user in leaders]
    cohort = Cohort.objects.filter(title__startswith="Scale test cohort").order_by("pk").first()
    round_ = Round.objects.filter(title__startswith="Scale test round").order_by("-pk").first()
    pages = [
        ("catalogue", "/programmes/", people),
        ("My Academy", "/programmes/my-academy/", people),
        ("directory", "/directory/", people),
        ("directory search", "/directory/?q=nurse", people),
        ("investment dashboard", "/governance/investment/", staff),
        ("governance roles", "/governance/roles/", staff),
        ("admin: roles", "/__bench__/admin/governance/leadershiprole/", staff),
    ]
    if cohort is not None:
        pages += [
            ("cohort roster", f"/programmes/admin/cohorts/{cohort.pk}/", staff),
            ("admin: applications", f"/__bench__/admin/programmes_core/application/?cohort__id__exact={cohort.pk}",
             staff),
        ]
    if round_ is not None:
        pages += [
            ("round bid list", f"/challenge-fund/manage/rounds/{round_.pk}/bids/", staff),
            ("admin: bids", f"/__bench__/admin/challenge_fund/bid/?round__id__exact={round_.pk}", staff),
        ]
    leader_total = User.objects.filter(email__endswith=SCALE_DOMAIN, profile__isnull=False).count()
    return pages, leader_total


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_ticks(master: int) -> int:
    """User and system CPU of the gunicorn master and its workers, in clock ticks."""
    pids = [master]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def fetch(base: str, path: str, cookie: str) -> tuple[float, int]:
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=120) as response:  # noqa: S310 - loopback only
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - started, status


def measure(base: str, master: int, path: str, cookies: list[str], requests: int, clients: int) -> dict:
    for cookie in cookies[:clients]:  # warm each worker's caches and each session
        fetch(base, path, cookie)
    jobs = [cookies[n % len(cookies)] for n in range(requests)]
    before = cpu_ticks(master)
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda cookie: fetch(base, path, cookie), jobs))
    cpu = (cpu_ticks(master) - before) / os.sysconf("SC_CLK_TCK") / requests
    times = sorted(seconds for seconds, status in results if status == 200)
    if not times:
        raise SystemExit(f"{path}: no request answered 200 (first status {results[0][1]}).")
    return {
        "median": statistics.median(times),
        "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "cpu": cpu,
        "failed": sum(1 for _, status in results if status != 200),
    }


def warm(base: str, pages: list[tuple[str, str, list[str]]], workers: int, clients: int) -> None:
    """A few rounds of every page on every worker, not measured."""
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _, path, cookies in pages:
            jobs = [cookies[n % len(cookies)] for n in range(3 * max(workers, clients))]
            list(pool.map(lambda cookie, path=path: fetch(base, path, cookie), jobs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients per page")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--only", default="", help="measure only pages whose label contains this")
    parser.add_argument("--debug", action="store_true", help="serve with DEBUG on (off by default)")
    args = parser.parse_args()
    pages, leaders = prepare(max(args.clients, 20))
    if args.only:
        pages = [page for page in pages if args.only in page[0]]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DJANGO_DEBUG": "true" if args.debug else "false"}
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, loopback only
        [sys.executable, "-m", "gunicorn", "academy.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        bare_cookie = pages[0][2][:1]
        for _ in range(120):
            try:
                if fetch(base, "/__bench__/bare/", bare_cookie[0])[1] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("gunicorn did not answer.")
        people = pages[0][2]
        # Warm every worker on every page first (templates compiled, URL patterns, connections, each
        # session read once): without this the first measurement of the bare view pays the workers'
        # first requests and reads two to three times its later figure, which flattered every ratio.
        warm(base, [("bare", "/__bench__/bare/", people), *pages], args.workers, args.clients)
        first = measure(base, server.pid, "/__bench__/bare/", people, args.requests, args.clients)
        results = [(label, path, measure(base, server.pid, path, cookies, args.requests, args.clients))
                   for label, path, cookies in pages]
        last = measure(base, server.pid, "/__bench__/bare/", people, args.requests, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare = {key: (first[key] + last[key]) / 2 for key in ("median", "p95", "cpu")}
    print(f"{leaders} scale leaders; gunicorn {args.workers} workers; {args.clients} clients; "
          f"{args.requests} requests a page; DEBUG {'on' if args.debug else 'off'}")
    print(f"bare one-row view: median {first['median'] * 1000:.1f} / {last['median'] * 1000:.1f} ms, "
          f"p95 {first['p95'] * 1000:.1f} / {last['p95'] * 1000:.1f} ms, "
          f"CPU {first['cpu'] * 1000:.2f} / {last['cpu'] * 1000:.2f} ms a request (first / last)")
    print()
    print("| page | median ms | p95 ms | CPU ms/request | median ×bare | p95 ×bare | CPU ×bare |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, _, result in results:
        failed = f" ({result['failed']} not 200)" if result["failed"] else ""
        print(
            f"| {label}{failed} | {result['median'] * 1000:.1f} | {result['p95'] * 1000:.1f} | "
            f"{result['cpu'] * 1000:.1f} | {result['median'] / bare['median']:.1f} | "
            f"{result['p95'] / bare['p95']:.1f} | {result['cpu'] / bare['cpu']:.1f} |"
        )


if __name__ == "__main__":
    main()

"""Scale-out proven on one machine: two web instances, a worker per queue and one beat against one
PostgreSQL and Redis, with every request of every journey sent to the other instance from the last.

    DEMO_PASSWORD=... .venv/bin/python manage.py seed_scale --factor 1
    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/scaleout.py        # --places 50 --bookers 200

One command. It starts two gunicorn instances (2 sync workers each, DEBUG off) on two free loopback ports,
a Celery worker on the email queue (and the default one), a worker on the reports queue, and beat, then:

1. **Journeys across instances**: scale leaders sign in through the real sign-in form on one instance
   and go on, request by request, on the other and back again: the catalogue, My Academy, the cohort's
   page, the booking page, the booking itself (with the CSRF token the other instance gave), their
   application, and a report job started on one instance and downloaded from the other once the reports
   worker has made it. Nothing is sticky: sessions are in PostgreSQL, files in the shared storage.
2. **A rush**: ``--bookers`` leaders book ``--places`` places on a new open-booking cohort at the same
   moment, alternating between the instances; then the database is checked: places held equal the
   capacity, accepted bookings equal the places, everyone else is on the waiting list, nobody twice.
3. **Throughput**: the same page mix (catalogue and My Academy) for ``--seconds`` against one instance,
   then against both alternating, with ``--clients`` concurrent clients; requests a second for each.

It prints the errors (any status other than the expected one), the oversell check and the throughput
figures, and exits non-zero on any error or oversell. Timings belong here, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

SCALE_DOMAIN = "@scale.academy.test"
DEMO_DOMAIN = "@demo.academy.test"
BENCH_PASSWORD = "bench-scaleout-password-2026"  # noqa: S105 - set on scale leaders of a bench database only
COHORT_TITLE = "Scale-out rush"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser's worth of state (cookies) shared by both instances: the cookie jar is keyed by host, and
    both instances are 127.0.0.1 on different ports, which cookies do not tell apart (as behind a proxy)."""

    ADDRESSES = iter(range(1, 1 << 20))

    def __init__(self, bases: list[str], cookie: str = ""):
        self.bases = bases
        self.turn = 0
        self.cookie = cookie  # a session made in the database (the staff member below)
        # Each person has their own address, as a proxy would report it (ACADEMY_TRUSTED_PROXY_COUNT=1): the
        # sign-in rate limits count per address, and on loopback everyone would otherwise share one.
        n = next(self.ADDRESSES)
        self.address = f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def next_base(self) -> str:
        base = self.bases[self.turn % len(self.bases)]
        self.turn += 1
        return base

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict | None = None, base: str | None = None) -> tuple[int, str, str]:
        base = base or self.next_base()
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": base + path, "X-Forwarded-For": self.address}
        # Both instances are 127.0.0.1, so every cookie goes to both (as behind one proxy address).
        cookies = [self.cookie] if self.cookie else []
        cookies += [f"{cookie.name}={cookie.value}" for cookie in self.jar]
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        if data is not None:
            headers["X-CSRFToken"] = self.csrf()
        request = urllib.request.Request(base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=300) as response:  # noqa: S310 - loopback only
                return response.status, response.read().decode("utf-8", "replace"), ""
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), error.headers.get("Location", "")
        except OSError as error:  # refused, reset or timed out: an error like any other, counted not raised
            return 0, str(error), ""


def prepare(bookers: int, places: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db.models import Q
    from django.utils import timezone

    from programmes.core.models import Application, Cohort, DeliveryFormat, Programme, SelectionMethod

    User = get_user_model()
    # Leaders only (no staff role: staff sign-in asks for a TOTP code), from seed_scale and seed_demo.
    leaders = list(User.objects.filter(Q(email__endswith=SCALE_DOMAIN) | Q(email__endswith=DEMO_DOMAIN),
                                       is_active=True, is_superuser=False, profile__isnull=False,
                                       role_assignments__isnull=True)
                   .order_by("pk")[:bookers])
    if len(leaders) < bookers:
        raise SystemExit(f"Too few leaders ({len(leaders)}): run `manage.py seed_demo` and `seed_scale --factor 1`.")
    User.objects.filter(pk__in=[u.pk for u in leaders]).update(password=make_password(BENCH_PASSWORD))
    now = timezone.now()
    programme = Programme.objects.order_by("pk").first()
    Application.objects.filter(cohort__title=COHORT_TITLE).delete()
    Cohort.objects.filter(title=COHORT_TITLE).delete()
    cohort = Cohort.objects.create(
        programme=programme, title=COHORT_TITLE, delivery_format=DeliveryFormat.ONLINE,
        summary="Bench cohort for the scale-out rush.", time_commitment="One morning",
        capacity=places, starts_on=(now + dt.timedelta(days=60)).date(), ends_on=(now + dt.timedelta(days=60)).date(),
        selection_method=SelectionMethod.OPEN_BOOKING, applications_open=now - dt.timedelta(days=1),
        applications_close=now + dt.timedelta(days=30), published=True,
    )
    return {"emails": [u.email for u in leaders], "cohort": cohort.pk, "user_ids": [u.pk for u in leaders]}


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)  # noqa: S603


def wait_for(base: str) -> None:
    for _ in range(240):
        with contextlib.suppress(OSError), urllib.request.urlopen(base + "/healthz", timeout=5) as response:  # noqa: S310
            if response.status == 200:
                return
        time.sleep(0.5)
    raise SystemExit(f"{base} did not answer /healthz")


def sign_in(client: Client, email: str, errors: list[str]) -> bool:
    status, page, _ = client.request("/accounts/login/")
    token = CSRF_INPUT.search(page)
    if status != 200 or not token:
        errors.append(f"sign-in page answered {status}")
        return False
    status, _, location = client.request(
        "/accounts/login/", {"csrfmiddlewaretoken": token.group(1), "login": email, "password": BENCH_PASSWORD}
    )
    if status != 302 or "/accounts/login/" in location:
        errors.append(f"sign-in for {email} answered {status} to {location or 'nowhere'}")
        return False
    return True


def expect(errors: list[str], label: str, status: int, wanted: set[int]) -> None:
    if status not in wanted:
        errors.append(f"{label}: {status}")


def journey(bases: list[str], email: str, cohort: int, errors: list[str]) -> int:
    """One leader's week, every request on the other instance from the one before. Returns requests made."""
    client = Client(bases)
    if not sign_in(client, email, errors):
        return 2
    made = 2
    for path in ("/programmes/", "/programmes/my-academy/", f"/programmes/cohorts/{cohort}/"):
        status, _, _ = client.request(path)
        expect(errors, path, status, {200})
        made += 1
    status, page, _ = client.request(f"/programmes/cohorts/{cohort}/book/")
    expect(errors, "booking page", status, {200})
    token = CSRF_INPUT.search(page)
    status, _, location = client.request(f"/programmes/cohorts/{cohort}/book/",
                                         {"csrfmiddlewaretoken": token.group(1) if token else ""})
    expect(errors, "booking", status, {302})
    made += 2
    if location:
        status, _, _ = client.request(urllib.parse.urlsplit(location).path)
        expect(errors, "own application", status, {200})
        made += 1
    return made


def session_cookies(emails: list[str]) -> dict[str, str]:
    """Signed-in sessions written in the database, for the rush and the throughput runs: real sign-in costs
    a deliberately slow password hash (scrypt), and the journeys above already sign in through the form."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    cookies = {}
    for user in get_user_model().objects.filter(email__in=emails):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies[user.email] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
    return cookies


def staff_cookie():
    """A bench superuser with an authenticator (the MFA rule lets them through), signed in by a session
    written in the database: staff sign-in needs a TOTP code, which the bench does not type."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    User = get_user_model()
    admin, _ = User.objects.get_or_create(email="bench-superuser@scale.academy.test",
                                          defaults={"first_name": "Bench", "last_name": "Superuser"})
    User.objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    admin.refresh_from_db()
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, generate_totp_secret())
    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.create()
    return admin, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def report_across_instances(bases: list[str], errors: list[str]) -> str:
    """A board pack started on one instance, made by the reports worker, downloaded from the other."""
    from academy.reports import services as reports
    from academy.reports.models import JobStatus, ReportJob

    admin, cookie = staff_cookie()
    client = Client(bases, cookie=cookie)
    status, _, _ = client.request("/governance/investment/", base=bases[0])
    expect(errors, "dashboard", status, {200})
    job = reports.start_report(admin, "governance.board_pack")
    for _ in range(600):
        job.refresh_from_db()
        if job.status in (JobStatus.DONE, JobStatus.FAILED):
            break
        time.sleep(0.5)
    if job.status != JobStatus.DONE:
        errors.append(f"report job {job.pk} ended {job.status}")
        return "the board pack was not made"
    status, _, _ = client.request(f"/reports/{job.pk}/status/", base=bases[0])
    expect(errors, "report status on the first instance", status, {200})
    status, _, _ = client.request(f"/reports/{job.pk}/download/", base=bases[1])
    expect(errors, "report download on the other instance", status, {200})
    ReportJob.objects.filter(pk=job.pk).delete()
    return "a board pack made by the reports worker, its progress read on one instance, downloaded from the other"


def rush(bases: list[str], emails: list[str], cohort: int, errors: list[str]) -> float:
    """Everyone opens the booking page (spread over both instances), then all book at the same moment,
    each on the other instance from the one that gave them the form."""
    cookies = session_cookies(emails)
    clients = []
    for n, email in enumerate(emails):
        client = Client(bases[n % 2:] + bases[:n % 2], cookie=cookies[email])
        status, page, _ = client.request(f"/programmes/cohorts/{cohort}/book/")
        expect(errors, "booking page before the rush", status, {200})
        token = CSRF_INPUT.search(page)
        clients.append((client, token.group(1) if token else ""))
    gate = threading.Barrier(len(clients))

    def book(item):
        client, token = item
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait(timeout=30)
        status, _, _ = client.request(f"/programmes/cohorts/{cohort}/book/", {"csrfmiddlewaretoken": token})
        expect(errors, "rush booking", status, {302})

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        list(pool.map(book, clients))
    return time.perf_counter() - started


def oversell_check(cohort: int, places: int, bookers: int) -> tuple[bool, str]:
    from django.db.models import Count

    from programmes.core.models import Application, ApplicationState, Cohort

    row = Cohort.objects.get(pk=cohort)
    states = dict(Application.objects.filter(cohort_id=cohort).values_list("state").annotate(n=Count("pk")))
    accepted = states.get(ApplicationState.ACCEPTED, 0)
    waiting = states.get(ApplicationState.WAITING_LIST, 0)
    twice = (Application.objects.filter(cohort_id=cohort).values("applicant").annotate(n=Count("pk"))
             .filter(n__gt=1).count())
    ok = row.places_held == accepted == places and accepted + waiting == bookers and twice == 0
    return ok, (f"{bookers} booked at once for {places} places: {accepted} accepted, {waiting} on the waiting "
                f"list, places held {row.places_held}, people booked twice {twice}")


def throughput(bases: list[str], emails: list[str], clients: int, seconds: float, errors: list[str]) -> float:
    cookies = session_cookies(emails[:clients])
    signed_in = [Client(bases[n % len(bases):] + bases[:n % len(bases)], cookie=cookies[email])
                 for n, email in enumerate(emails[:clients])]
    done = [0] * len(signed_in)
    stop = time.perf_counter() + seconds

    def loop(index: int) -> None:
        client = signed_in[index]
        paths = ("/programmes/", "/programmes/my-academy/")
        while time.perf_counter() < stop:
            status, _, _ = client.request(paths[done[index] % 2])
            expect(errors, "throughput page", status, {200})
            done[index] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(len(signed_in))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bookers", type=int, default=200)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--journeys", type=int, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--web-workers", type=int, default=2)
    args = parser.parse_args()
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        raise SystemExit("Set DATABASE_URL and REDIS_URL (settings never start servers).")
    data = prepare(args.bookers + args.journeys, args.places)
    rush_emails, journey_emails = data["emails"][:args.bookers], data["emails"][args.bookers:]
    logs = ROOT / ".local" / "scaleout"
    logs.mkdir(parents=True, exist_ok=True)
    # As behind the proxy of docker-compose.yml: each person's address comes in X-Forwarded-For.
    env = {**os.environ, "DJANGO_DEBUG": "false", "ACADEMY_TRUSTED_PROXY_COUNT": "1"}
    ports = [free_port(), free_port()]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    python = sys.executable
    processes = [
        start([python, "-m", "gunicorn", "academy.wsgi", "-w", str(args.web_workers), "-b", f"127.0.0.1:{port}",
               "--timeout", "30", "--log-level", "warning"], env, logs / f"web-{n}.log")
        for n, port in enumerate(ports)
    ] + [
        start([python, "-m", "celery", "-A", "academy", "worker", "--queues", "academy,academy.email",
               "--concurrency", "1", "--hostname", "email@%h", "--loglevel", "WARNING"], env,
              logs / "worker-email.log"),
        start([python, "-m", "celery", "-A", "academy", "worker", "--queues", "academy.reports",
               "--concurrency", "1", "--hostname", "reports@%h", "--loglevel", "WARNING"], env,
              logs / "worker-reports.log"),
        start([python, "-m", "celery", "-A", "academy", "beat", "--loglevel", "WARNING",
               "--schedule", str(logs / "celerybeat-schedule")], env, logs / "beat.log"),
    ]
    errors: list[str] = []
    try:
        for base in bases:
            wait_for(base)
        made = sum(journey(bases, email, data["cohort"], errors) for email in journey_emails)
        journey_errors = len(errors)
        report = report_across_instances(bases, errors)
        rush_seconds = rush(bases, rush_emails, data["cohort"], errors)
        ok, verdict = oversell_check(data["cohort"], args.places, len(rush_emails) + len(journey_emails))
        one = throughput(bases[:1], data["emails"], args.clients, args.seconds, errors)
        two = throughput(bases, data["emails"], args.clients, args.seconds, errors)
        alive = all(process.poll() is None for process in processes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=30)
    print(f"journeys: {len(journey_emails)} leaders, {made} requests alternating between two instances, "
          f"{journey_errors} errors")
    print(f"report: {report}")
    print(f"rush: {verdict} ({rush_seconds:.1f} s)")
    print(f"throughput ({args.clients} clients, {args.web_workers} gunicorn workers an instance, "
          f"{args.seconds:.0f} s each): one instance {one:.1f} requests/s, two instances {two:.1f} requests/s "
          f"({two / one:.2f}x)")
    print(f"web, workers and beat still running at the end: {'yes' if alive else 'NO'}")
    print(f"errors: {len(errors)}" + ("".join(f"\n  {e}" for e in errors[:20])))
    print(f"oversell: {'none' if ok else 'YES'}")
    if errors or not ok or not alive:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

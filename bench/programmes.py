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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import programme_admin_cookie, run_pages, signed_in_cookies  # noqa: E402

BENCH_ADMIN = "bench-programme-admin@scale.academy.test"


def admin_cookie_and_roster() -> tuple[str, str]:
    cookie = programme_admin_cookie(BENCH_ADMIN, "curriculum")
    from programmes.core.models import Cohort

    roster = Cohort.objects.filter(title__startswith="Scale test cohort").order_by("pk").first()
    if roster is None:
        raise SystemExit("No scale cohorts: run seed_scale first.")
    return cookie, f"/programmes/admin/cohorts/{roster.pk}/"


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
    run_pages(args.base, [(path, path, cookies) for path, cookies in pages], args.users, args.requests)

if __name__ == "__main__":
    main()

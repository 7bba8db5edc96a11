"""Latency of the conference's pages at scale: the schedule editor, the proposals list (the conference team's) and
the published programme (signed-in scale leaders), under 1 and then N concurrent users.

    DEMO_PASSWORD=... python3 dev.py manage seed_scale --factor 10
    .venv/bin/gunicorn academy.wsgi -w 2 -b 127.0.0.1:8773 &
    .venv/bin/python bench/conference.py --base http://127.0.0.1:8773 --users 1 20 --requests 300

At factor 10 the scale edition has 1,000 proposals, 120 accepted (116 placed across 8 rooms and 2 days and
released, 4 left to place), 2,000 registrations and 3,000 favourites. The team's pages are read by a bench
Programme admin of the conference (made here, with an authenticator so the MFA rule lets them through; no
password or MFA step is timed). Prints the median and 95th percentile per page for each number of users.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import fetch, programme_admin_cookie, run_pages, signed_in_cookies  # noqa: E402

BENCH_ADMIN = "bench-conference-admin@scale.academy.test"


def admin_cookie_and_edition() -> tuple[str, int, str]:
    cookie = programme_admin_cookie(BENCH_ADMIN, "conference")
    from programmes.conference.models import Edition
    from programmes.conference.scale import SCALE_EDITION_PREFIX

    edition = Edition.objects.filter(name__startswith=SCALE_EDITION_PREFIX).order_by("-pk").first()
    if edition is None:
        raise SystemExit("No scale conference edition: run seed_scale first.")
    return cookie, edition.pk, edition.slug


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 20], help="one run for each number of users")
    parser.add_argument("--requests", type=int, default=300, help="requests a run, shared across the pages")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise SystemExit("--base must be a loopback address.")
    leaders = signed_in_cookies(max(args.users), "@scale.academy.test")
    admin, pk, slug = admin_cookie_and_edition()
    pages = [
        (f"/conference/manage/editions/{pk}/schedule/", [admin]),
        (f"/conference/{slug}/programme/", leaders),
        (f"/conference/manage/editions/{pk}/proposals/", [admin]),
    ]
    fetch(args.base, pages[0][0], admin)  # warm each worker's first request out of the figures
    for users in args.users:
        print()
        run_pages(args.base, [(path, path, cookies) for path, cookies in pages], users, args.requests, width=55)


if __name__ == "__main__":
    main()

"""Latency of the communities' busiest reads at seed_scale's size: a community's discussions board, a
discussion (posts rendered from Markdown), the resources search and an idea challenge's board (plain and
filtered), under concurrent signed-in leaders.

    .venv/bin/python manage.py seed_scale --factor 10      # 50,000 posts, 10,000 ideas, 2,000 resources
    .venv/bin/gunicorn academy.wsgi -w 2 -b 127.0.0.1:8775 &
    .venv/bin/python bench/community.py --base http://127.0.0.1:8775 --users 10 --requests 360

Leaders are scale accounts; the scale communities are open, so every one of them reads them. Prints the
median and 95th percentile per page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import run_pages, signed_in_cookies  # noqa: E402


def pages() -> list[tuple[str, str]]:
    from programmes.community.models import Community, IdeaChallenge

    community = Community.objects.filter(slug="scale-test-community-1").first()
    challenge = IdeaChallenge.objects.filter(title__startswith="Scale test challenge").order_by("-pk").first()
    if community is None or challenge is None:
        raise SystemExit("No scale communities: run seed_scale first.")
    thread = community.threads.order_by("-last_post_at", "-pk").first()
    function = challenge.priority_functions.order_by("number").first()
    board = f"/communities/challenges/{challenge.pk}/"
    return [
        ("discussions board", f"/communities/{community.slug}/"),
        ("discussions board, page 2, newest", f"/communities/{community.slug}/?sort=newest&page=2"),
        ("a discussion (50 posts, page 1)", f"/communities/{community.slug}/discussions/{thread.pk}/"),
        ("resources search", "/communities/resources/?q=falls"),
        ("ideas board (10,000 ideas)", board),
        ("ideas board, filtered", f"{board}?answer=unanswered&function={function.pk}&q=triage&sort=supported"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8775")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--requests", type=int, default=360, help="total requests, shared across the pages")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise SystemExit("--base must be a loopback address.")
    cookies = signed_in_cookies(args.users, "@scale.academy.test")
    targets = pages()
    run_pages(args.base, [(label, path, cookies) for label, path in targets], args.users, args.requests, width=40)

if __name__ == "__main__":
    main()

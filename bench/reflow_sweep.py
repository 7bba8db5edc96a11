"""Sweep every page type a demo account can reach for reflow (WCAG 1.4.10) and broken tables.

Signs in as each demo account, follows every same-site link it finds from the home page (a few pages of
each URL pattern, so 300 bids do not take all night), and on each page runs the browser tests' layout
check: tables that fall apart at 1280 px, and whether the page scrolls sideways at 320 px (with the
element that sticks out). Run it against a portal with the demo data loaded (`manage.py seed_demo`):

    DEMO_PASSWORD=... .venv/bin/python bench/reflow_sweep.py --base http://127.0.0.1:8000 \
        [--accounts leader,reviewer] [--per-pattern 2] [--shots /tmp/reflow] [--json report.json]

It reads and never submits a form, but it does follow links, so point it at a copy of the data.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

ACCOUNTS = [
    "leader", "linemanager", "programme-admin", "reviewer", "governance", "exec", "evaluator", "superuser",
    "faculty",
]
# Start pages besides the home page, for staff pages the home page may not link to.
STARTS = [
    "/", "/programmes/admin/", "/programmes/review/", "/challenge-fund/manage/", "/governance/", "/account/roles/",
]
SKIP = re.compile(
    r"(/accounts/logout|/accounts/login|^/admin/|/static/|/media/|/download|\.(csv|pdf|xlsx|ics|png|svg)$"
    r"|/export|/healthz)",
)


def pattern_of(path: str) -> str:
    """The page type: the URL name when Django knows it, else the path with its ids replaced."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(path).path)
        return match.view_name
    except Resolver404:
        return re.sub(r"/\d+(?=/|$)", "/<id>", urlsplit(path).path)


def sweep(base: str, accounts: list[str], per_pattern: int, shots: Path | None, limit: int) -> list[dict]:
    import django
    from playwright.sync_api import sync_playwright

    django.setup()
    from tests.browser.layout import DESKTOP, layout_problems

    password = os.environ["DEMO_PASSWORD"]
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for account in accounts:
            context = browser.new_context(viewport=DESKTOP, locale="en-GB")
            page = context.new_page()
            page.set_default_timeout(20000)
            page.goto(base + "/accounts/login/")
            page.fill("#id_login", f"{account}@demo.academy.test")
            page.fill("#id_password", password)
            page.click("button[type=submit]")
            page.wait_for_load_state()
            queue, seen, per = list(STARTS), set(STARTS), defaultdict(int)
            visited = 0
            while queue and visited < limit:
                path = queue.pop(0)
                kind = pattern_of(path)
                if per[kind] >= per_pattern:
                    continue
                per[kind] += 1
                try:
                    response = page.goto(base + path)
                except Exception as error:  # noqa: BLE001 - a sweep reports and goes on
                    results.append({"account": account, "path": path, "pattern": kind, "error": str(error)})
                    continue
                visited += 1
                status = response.status if response else 0
                if not page.url.startswith(base) or "text/html" not in (response.headers.get("content-type", "")):
                    continue
                label = f"{account}-{kind}".replace(":", "-").replace("/", "_")
                shot = str(shots / f"{label}-{per[kind]}-320.png") if shots else None
                problems = layout_problems(page, f"{account} {kind}", screenshot_320=shot)
                results.append({
                    "account": account, "path": path, "pattern": kind, "status": status, "problems": problems,
                })
                print(f"{account:16} {status} {kind:45} {path}  {'; '.join(problems)[:400]}", flush=True)
                for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
                    url = urldefrag(urljoin(base + path, href))[0]
                    if not url.startswith(base):
                        continue
                    target = url[len(base):] or "/"
                    if SKIP.search(urlsplit(target).path) or target in seen:
                        continue
                    seen.add(target)
                    queue.append(target)
            context.close()
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--accounts", default=",".join(ACCOUNTS))
    parser.add_argument("--per-pattern", type=int, default=2)
    parser.add_argument("--limit", type=int, default=400, help="pages per account at most")
    parser.add_argument("--shots", type=Path, help="a folder for 320 px screenshots of every page")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    results = sweep(args.base.rstrip("/"), args.accounts.split(","), args.per_pattern, args.shots, args.limit)
    failing = sorted({r["pattern"] for r in results if r.get("problems")})
    print(f"\n{len(results)} pages, {len({r['pattern'] for r in results})} page types; "
          f"{len(failing)} page types with layout problems:")
    for kind in failing:
        print("  " + kind)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

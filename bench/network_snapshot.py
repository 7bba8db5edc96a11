"""The network snapshot task at scale: 20,000 people and 200,000 ties (issue 15), and the network page's
latency reading the stored result.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/network_snapshot.py   # --people 20000 --ties 200000
    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/network_snapshot.py --from-database

DATABASE_URL must name a database migrated with evaluation_network (a test database kept by pytest will do).
With ``--from-database`` nothing is synthetic: the task reads this quarter's ties through every source's
selectors and the people's attributes from the directory, as the beat task does, over whatever the database
holds (``seed_scale --factor 100 --only 'network analysis ties'`` stores 20,000 people and 200,000 ties).

The ties are synthetic, made here in memory with a fixed seed: people in cohorts of 20 (each cohort a
clique, as cohort ties are) and the rest random ties across cohorts, the way learning sets, bids and
mentoring join cohorts. Each person gets an organisation, profession, borough and sector. The script runs
:func:`evaluation.network.services.compute_snapshot` over that source (the real task's code: graph,
figures, picture, stored snapshot), then asks the quarter page for it as an evaluator through Django's test
client, inside one transaction that is rolled back: nothing is left in the database. Timings belong in
bench/README.md, never in a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

import django  # noqa: E402

django.setup()

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from academy.accounts.models import Role, User  # noqa: E402
from academy.accounts.services import grant_role  # noqa: E402
from academy.directory.attributes import SECTOR_LABELS, PersonAttributes  # noqa: E402
from evaluation.network import services  # noqa: E402
from governance.investment.quarters import Quarter  # noqa: E402

COHORT_SIZE = 20
SEED = 15


def synthetic(people: int, ties: int):
    rng = random.Random(SEED)
    pairs: set[tuple[int, int]] = set()
    base = 10_000_000  # person ids far from any real account
    ids = list(range(base, base + people))
    for start in range(0, people, COHORT_SIZE):
        cohort = ids[start:start + COHORT_SIZE]
        for i, a in enumerate(cohort):
            for b in cohort[i + 1:]:
                if len(pairs) < ties * 0.85:
                    pairs.add((a, b))
    while len(pairs) < ties:
        a, b = rng.sample(ids, 2)
        pairs.add((min(a, b), max(a, b)))
    sectors = list(SECTOR_LABELS)
    attributes = {
        person: PersonAttributes(rng.randrange(120), rng.randrange(30), rng.randrange(6), rng.choice(sectors))
        for person in ids
    }
    day = date(2000, 4, 3)
    return [(a, b, "cohort", day) for a, b in sorted(pairs)], attributes


def phases(ties, attributes) -> None:
    """Each heavy step of the task on its own, to show where the time goes."""
    from evaluation.network import metrics, picture  # noqa: PLC0415

    def timed(label, step):
        began = time.monotonic()
        result = step()
        print(f"  {label}: {time.monotonic() - began:.1f} s")
        return result

    graph = timed("graph", lambda: metrics.build_graph(ties))
    timed("crossing (4 attributes)", lambda: metrics.crossings(graph, {
        name: {p: getattr(a, name) for p, a in attributes.items()} for name in metrics.ATTRIBUTES
    }))
    timed("betweenness", lambda: metrics.betweenness(graph))
    timed("components", lambda: list(metrics.nx.connected_components(graph)))
    timed("communities and modularity", lambda: metrics.modularity(graph))
    timed("layout and SVG", lambda: picture.render_svg(graph, {}, "bench", "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--ties", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--phases", action="store_true", help="also time each heavy step on its own")
    parser.add_argument("--from-database", action="store_true",
                        help="this quarter's real ties and attributes from the database, not synthetic ones")
    args = parser.parse_args()
    setup_test_environment()
    with transaction.atomic():
        began = time.monotonic()
        if args.from_database:
            today = timezone.localdate()
            quarter = services.recent_quarters(today)[-1]
            snapshot = services.compute_snapshot(quarter, today)
        else:
            ties, attributes = synthetic(args.people, args.ties)
            print(f"made {len(attributes):,} people and {len(ties):,} ties in {time.monotonic() - began:.1f} s")
            if args.phases:
                phases(ties, attributes)
            quarter = Quarter(2000, 1)  # a quarter long past: the bench's snapshot never meets a real one
            services.network_attributes = lambda person_ids: {p: attributes[p] for p in person_ids}
            began = time.monotonic()
            snapshot = services.compute_snapshot(quarter, date(2000, 6, 30), sources=(lambda start, end: ties,))
        task = time.monotonic() - began
        print(f"{snapshot.figures['people']:,} people and {snapshot.figures['ties']:,} ties in {quarter.label}")
        between = snapshot.figures["betweenness"]
        print(f"snapshot task: {task:.1f} s (inside: {snapshot.seconds:.1f} s); betweenness "
              f"{'exact' if between['exact'] else 'sampled'} ({between['sources']:,} sources), modularity by "
              f"{snapshot.figures['modularity']['method']}, SVG {len(snapshot.svg) / 1024:.0f} KiB")
        evaluator = User.objects.create(email="bench-network@bench.invalid", first_name="Bench", last_name="Evaluator")
        grant_role(None, evaluator, Role.EVALUATOR)
        TOTP.activate(evaluator, generate_totp_secret())  # staff need MFA set up to reach the page
        client = Client()
        client.force_login(evaluator)
        url = reverse("evaluation_network:quarter", args=[quarter.key])
        timings = []
        for _ in range(args.requests + 1):
            began = time.monotonic()
            response = client.get(url, HTTP_HOST="localhost")
            timings.append((time.monotonic() - began) * 1000)
            assert response.status_code == 200, response.status_code
        timings = sorted(timings[1:])  # the first request warms templates
        print(f"page {url}: median {statistics.median(timings):.0f} ms, "
              f"p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms over {args.requests} requests")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()

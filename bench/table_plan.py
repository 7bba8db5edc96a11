"""The Big Room table plan for a 300-person event: how long the mixing engine takes and how well it
mixes, against seating the same people at random.

Pure Python (no database): people get organisations and professions drawn with the skew of a real
south east London event (a few large trusts send many people; nursing and medicine are the biggest
professions). Run from the repository root:

    .venv/bin/python bench/table_plan.py [--people 300] [--seats 8] [--runs 5] [--seed 13]

"Repeats" counts, for each table, the people who share an organisation or a profession with someone
already at it (organisation and profession added together): 0 means nobody shares either. The figure
for random seating is the mean over 200 shuffles."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

import django  # noqa: E402

django.setup()

from programmes.core.grouping import propose_groups, repeats  # noqa: E402

DIMENSIONS = ("organisation", "profession")
# Rough shares of a Big Room's audience: 4 large trusts, 6 borough councils, 30 practices and smaller bodies.
ORGANISATIONS = [12, 10, 9, 8] + [3] * 6 + [1] * 30
PROFESSIONS = [30, 20, 10, 8, 8, 6, 6, 5, 4, 3]


def people(count: int, rng: random.Random) -> list[dict]:
    orgs = rng.choices(range(len(ORGANISATIONS)), weights=ORGANISATIONS, k=count)
    profs = rng.choices(range(len(PROFESSIONS)), weights=PROFESSIONS, k=count)
    return [{"id": i + 1, "organisation": o, "profession": p} for i, (o, p) in enumerate(zip(orgs, profs, strict=True))]


def total_repeats(tables) -> int:
    return sum(sum(repeats(table, DIMENSIONS).values()) for table in tables)


def least_possible(crowd, tables: int) -> int:
    """A floor no plan can beat: a value held by c people over t tables repeats at least c - t times."""
    floor = 0
    for dimension in DIMENSIONS:
        counts: dict = {}
        for person in crowd:
            counts[person[dimension]] = counts.get(person[dimension], 0) + 1
        floor += sum(max(0, c - tables) for c in counts.values())
    return floor


def random_tables(crowd, seats, rng):
    shuffled = crowd[:]
    rng.shuffle(shuffled)
    count = max(1, -(-len(shuffled) // seats))
    return [shuffled[i::count] for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seats", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    crowd = people(args.people, rng)
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        tables = propose_groups(crowd, args.seats, dimensions=DIMENSIONS)
        timings.append(time.perf_counter() - started)
    planned = total_repeats(tables)
    randoms = [total_repeats(random_tables(crowd, args.seats, rng)) for _ in range(200)]
    org_only = sum(repeats(t, ("organisation",))["organisation"] for t in tables)
    print(f"{args.people} people, {len(tables)} tables of up to {args.seats}")
    print(f"time: median {statistics.median(timings):.2f} s, slowest {max(timings):.2f} s over {args.runs} runs")
    print(f"repeats with the plan: {planned} (of which organisation {org_only}); "
          f"no plan can go below {least_possible(crowd, len(tables))}")
    print(f"repeats seated at random: mean {statistics.mean(randoms):.1f}, best of 200 {min(randoms)}")


if __name__ == "__main__":
    main()

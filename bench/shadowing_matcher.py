"""Time the shadowing matcher at the issue's size: 500 shadows and 300 placements.

Pure Python, no database: builds a random round like seed_scale's (33 organisations across 6 boroughs, 8
sectors, 12 professions; capacities 1 to 3; a shadow never with their own organisation; a shadow's dates meet
about two thirds of the offers), scores every pair as the shadowing app does (boundaries crossed plus the
shadow's wishes), then times the optimiser and compares it with random matching.

    .venv/bin/python bench/shadowing_matcher.py [--shadows 500] [--offers 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from programmes.core import matching  # noqa: E402


def build(shadows: int, offers: int, seed: int) -> tuple[matching.Problem, dict]:
    rng = random.Random(seed)
    boroughs = range(6)
    organisations = {o: rng.choice(boroughs) for o in range(33)}
    sectors, professions = range(8), range(12)

    def person():
        org = rng.randrange(33)
        return {"org": org, "borough": organisations[org], "sector": rng.choice(sectors),
                "profession": rng.choice(professions)}

    people = {f"s{i}": person() | {"wish_sectors": set(rng.sample(sectors, 2)),
                                   "week": rng.randrange(12)}
              for i in range(shadows)}
    slots, places = [], {}
    for j in range(offers):
        place = person() | {"professions": set(rng.sample(professions, 3)), "weeks": set(rng.sample(range(12), 8))}
        host = f"h{j % (offers * 2 // 3)}"  # some hosts offer two placements
        places[f"o{j}"] = place | {"host": host}
        slots.append(matching.Slot(f"o{j}", rng.randint(1, 3), group=host))

    def boundaries(a, b):
        s, o = people[a], places[b]
        return ((s["borough"] != o["borough"]) + (s["org"] != o["org"]) + (s["sector"] != o["sector"])
                + (s["profession"] not in o["professions"]))

    scores, forbidden = {}, set()
    for a, s in people.items():
        for b, o in places.items():
            if s["org"] == o["org"] or s["week"] not in o["weeks"]:
                forbidden.add((a, b))
                continue
            scores[(a, b)] = boundaries(a, b) + 2 * (o["sector"] in s["wish_sectors"])
    return matching.problem(people, slots, scores, forbidden=forbidden), {"boundaries": boundaries}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shadows", type=int, default=500)
    parser.add_argument("--offers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    problem, extra = build(args.shadows, args.offers, args.seed)
    print(f"{len(problem.people)} shadows, {len(problem.slots)} placements, "
          f"{sum(s.capacity for s in problem.slots)} places, {len(problem.allowed())} allowed pairs")
    started, cpu = time.perf_counter(), time.process_time()
    best = matching.solve(problem)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    rand = matching.random_matching(problem, seed=args.seed)
    for name, result in (("optimiser", best), ("random", rand)):
        figures = matching.summary(problem, result, boundaries=extra["boundaries"])
        print(f"{name:>9}: {figures.pairs} pairs, {figures.unmatched} unmatched, "
              f"{figures.mean_boundaries} boundaries crossed per pair, mean score {figures.mean_score}, "
              f"fullest host {figures.fullest_group:.0%}")
    print(f"optimiser time: {took:.2f} s wall clock, {cpu:.2f} s of CPU")


if __name__ == "__main__":
    main()

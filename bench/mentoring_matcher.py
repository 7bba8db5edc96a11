"""Time the mentoring matcher at seed_scale's size: 400 mentees waiting and 150 mentors (factor 10).

Pure Python, no database: builds mentoring sides like seed_scale's (33 organisations across 6 boroughs, 12
professions; mentors offering 1 to 4 places and 3 of the 10 functions, mentees asking about 2; formats half
"either"; one mentee in 50 line-managed by one of the mentors), makes the problem exactly as the admins'
matching does (programmes/network/mentoring.py), then times the optimiser against a random matching under
the same hard rules.

    .venv/bin/python bench/mentoring_matcher.py [--mentees 400] [--mentors 150] [--seed 13] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from programmes.core import matching  # noqa: E402
from programmes.network import mentoring  # noqa: E402

FORMATS = ["either", "either", "online", "in_person"]


def sides(mentees: int, mentors: int, seed: int) -> tuple[list[mentoring.Side], list[mentoring.Side]]:
    rng = random.Random(seed)
    boroughs = {o: rng.randrange(6) for o in range(33)}

    def profile(person_id: int) -> dict:
        org = rng.randrange(33)
        return {"person_id": person_id, "email": f"p{person_id}@x.test", "organisation_id": org,
                "borough_id": boroughs[org], "profession_id": rng.randrange(12), "format": rng.choice(FORMATS)}

    offers = [
        mentoring.Side(key=j, capacity=rng.randint(1, 4), topics=frozenset(rng.sample(range(10), 3)),
                       **profile(10_000 + j))
        for j in range(mentors)
    ]
    requests = []
    for i in range(mentees):
        boss = f"p{10_000 + rng.randrange(mentors)}@x.test" if rng.random() < 0.02 else ""
        requests.append(mentoring.Side(key=i, topics=frozenset(rng.sample(range(10), 2)), line_manager_email=boss,
                                       **profile(i)))
    return requests, offers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentees", type=int, default=400)
    parser.add_argument("--mentors", type=int, default=150)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    requests, offers = sides(args.mentees, args.mentors, args.seed)
    built = time.perf_counter()
    problem = mentoring.build(requests, offers)
    build_time = time.perf_counter() - built
    print(f"{len(requests)} mentees, {len(offers)} mentors, {sum(o.capacity for o in offers)} places, "
          f"{len(problem.allowed())} allowed pairs; building the problem took {build_time:.2f} s")
    times, cpus = [], []
    for _ in range(args.runs):
        started, cpu = time.perf_counter(), time.process_time()
        best = matching.solve(problem, time_limit=30.0)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    rand = matching.random_matching(problem, seed=args.seed)
    crossed = mentoring.boundaries_of(requests, offers)
    for name, result in (("optimiser", best), ("random", rand)):
        figures = matching.summary(problem, result, boundaries=crossed)
        print(f"{name:>9}: {figures.pairs} pairs, {figures.unmatched} unmatched, "
              f"{figures.mean_boundaries:.2f} boundaries crossed per pair, mean score {figures.mean_score:.2f}")
    print(f"optimiser time over {args.runs} runs: median {statistics.median(times):.2f} s wall clock "
          f"(slowest {max(times):.2f} s), median {statistics.median(cpus):.2f} s of CPU")


if __name__ == "__main__":
    main()

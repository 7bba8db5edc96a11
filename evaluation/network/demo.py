"""Network demo data: a snapshot for each of the last four quarters (this one so far and the three before),
computed from the demo's real participation (cohorts, learning groups, Challenge Fund bids) exactly as the
nightly task computes them. Idempotent: each quarter's snapshot is computed again in place."""

from __future__ import annotations

from django.utils import timezone

from academy.directory.demo import DEMO_BUILDERS, SeedContext
from evaluation.network import services


def build_network_snapshots(ctx: SeedContext) -> None:
    today = timezone.localdate()
    for quarter in services.recent_quarters(today):
        services.compute_snapshot(quarter, today)


DEMO_BUILDERS.append(("network snapshots", build_network_snapshots))

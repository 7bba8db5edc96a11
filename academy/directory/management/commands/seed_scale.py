"""Make a dataset N times the size of south east London's, for benchmarks (bulk inserts, fast)."""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from academy.directory.demo import (
    DEMO_LEADERS,
    ORGANISATIONS,
    SCALE_DOMAIN,
    SeedContext,
)
from academy.directory.demo_guard import refuse_in_production
from academy.directory.scale import clear_scale, scale_builders, scale_counts
from academy.directory.scale import seed_scale as build_scale


class Command(BaseCommand):
    help = f"Create N x {len(ORGANISATIONS)} organisations and N x {DEMO_LEADERS} leaders (@{SCALE_DOMAIN})."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=10, help="How many times SEL's size (default 10).")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the scale dataset already there, then make it again."
        )
        parser.add_argument(
            "--only", action="append", default=[], metavar="PART",
            help="Make only this part after the organisations and leaders (repeatable), for example "
            "--only 'network analysis ties'. Without it, every part is made.",
        )

    def handle(self, *args, factor, reset, only=(), **options):
        refuse_in_production(self)
        if factor < 1 or factor > 1000:
            raise CommandError("--factor must be a whole number from 1 to 1000.")
        parts = [label for label, _builder in scale_builders()]
        unknown = [part for part in only if part not in parts]
        if unknown:
            raise CommandError(
                f"No part named {', '.join(repr(part) for part in unknown)}. The parts are: "
                + ", ".join(repr(part) for part in parts) + "."
            )
        password = os.environ.get("DEMO_PASSWORD", "")
        if not password:
            raise CommandError("Set the DEMO_PASSWORD environment variable, then run seed_scale again.")
        existing = scale_counts()
        if existing["leaders"] or existing["organisations"]:
            if reset:
                clear_scale()
            elif existing["leaders"] == factor * DEMO_LEADERS and existing["organisations"] == factor * len(
                ORGANISATIONS
            ):
                self.stdout.write(f"The scale dataset at factor {factor} is already there. Nothing to do.")
                return
            else:
                raise CommandError(
                    f"A scale dataset of a different size is already there ({existing['leaders']} leaders, "
                    f"{existing['organisations']} organisations). Run with --reset to replace it."
                )
        started = time.monotonic()
        counts = build_scale(SeedContext(password=password), factor, only=list(only))
        self.stdout.write(
            self.style.SUCCESS(f"Scale dataset at factor {factor} made in {time.monotonic() - started:.1f}s.")
        )
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")

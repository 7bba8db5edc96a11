"""Fill a realistic south east London academy for demonstrations. Safe to run again: it only adds
what is missing and never changes a password that already matches DEMO_PASSWORD."""

import os

from django.core.management.base import BaseCommand, CommandError

from academy.directory.demo import DEMO_DOMAIN, SeedContext, seed_demo
from academy.directory.demo_guard import refuse_in_production


class Command(BaseCommand):
    help = "Create demo organisations, leaders and one account per role (<role>@demo.academy.test)."

    def handle(self, *args, **options):
        refuse_in_production(self)
        password = os.environ.get("DEMO_PASSWORD", "")
        if not password:
            raise CommandError(
                "Set the DEMO_PASSWORD environment variable to the password the demo accounts should use, "
                "then run seed_demo again."
            )
        counts = seed_demo(SeedContext(password=password, stdout=self.stdout.write))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (accounts end @{DEMO_DOMAIN})."))
        for label, count in counts.items():
            self.stdout.write(f"  {label}: {count}")

#!/usr/bin/env python
"""Django's command-line utility for the SEL Systems Leadership Academy portal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if missing:
        # Settings never start servers: dev.py does (the embedded PostgreSQL and Redis), then calls us.
        sys.exit(f"{' and '.join(missing)} not set: run `python3 dev.py manage {' '.join(sys.argv[1:])}`".rstrip()
                 + " to use the embedded PostgreSQL and Redis, or set DATABASE_URL and REDIS_URL.")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - after the one-line check

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

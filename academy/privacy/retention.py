"""The retention schedule (docs/retention.md), applied by a nightly beat task.

Each app registers the kinds of record it removes on a schedule in its own ``retention.py`` (autodiscovered).
A kind says which records are due (``due(now)``, a queryset) and how to remove them (``remove(queryset)``).
The governance secretariat sees what the next run would remove (counts and a sample) before it runs. A run
removes whatever is due at that moment, so it is idempotent and a missed night is caught up by the next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

SAMPLE_SIZE = 5


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    rule: str
    due: Callable
    remove: Callable
    describe: Callable = str


_kinds: dict[str, Kind] = {}


def register(name: str, *, label: str, rule: str, due: Callable, remove: Callable, describe: Callable = str) -> None:
    _kinds[name] = Kind(name, label, rule, due, remove, describe)


def kinds() -> list[Kind]:
    autodiscover_modules("retention")
    return sorted(_kinds.values(), key=lambda kind: kind.label)


def preview(now=None) -> list[dict]:
    """What a run now would remove: each kind with its count and a few examples."""
    now = now or timezone.now()
    rows = []
    for kind in kinds():
        due = kind.due(now)
        rows.append(
            {
                "kind": kind,
                "count": due.count(),
                "sample": [kind.describe(obj) for obj in due[:SAMPLE_SIZE]],
            }
        )
    return rows


def apply(now=None) -> dict[str, int]:
    """Remove everything due now; returns how many of each kind went."""
    now = now or timezone.now()
    return {kind.name: kind.remove(kind.due(now)) for kind in kinds()}

"""The home page's panels: what needs the signed-in person now, one panel for each part of the portal they
take part in (their own programmes, the programmes they run, the bids they review, the C&CPLG...).

The foundation cannot import the apps above it, so each upper app registers its panels here from its
``AppConfig.ready()``::

    @register_home_panel("Programmes you run", order=20)
    def programme_admin_items(user, now) -> list[HomeItem]: ...

A provider takes the signed-in person and the moment, decides through its own app's rules whether the
person has a part in it (returning ``[]`` if not), and reads its items through its app's selectors in a
fixed number of queries, whatever the data. A panel with no items is not shown. A provider shows a
person only what they may see: their own applications, or the records of a role they hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from academy.ui.formats import nhs_date, nhs_datetime


@dataclass(frozen=True)
class HomeItem:
    """One thing that needs the person: a title linking to where they act on it, with either a count
    ("3 applications to review") or a sentence, and a deadline if it has one."""

    title: str
    url: str
    count: int | None = None
    text: str = ""
    deadline: datetime | date | None = None
    deadline_label: str = "Deadline"  # "Answer by", "Due", "The first ends"

    @property
    def deadline_text(self) -> str:
        """'2 December 2026 at 10:30am' for a moment, '2 December 2026' for a day."""
        if self.deadline is None:
            return ""
        return nhs_datetime(self.deadline) if isinstance(self.deadline, datetime) else nhs_date(self.deadline)


@dataclass(frozen=True)
class HomePanel:
    heading: str
    items: list[HomeItem] = field(default_factory=list)
    leader: bool = False  # the person's own part as a leader (shown to everyone, role or not)


HomeProvider = Callable[[object, datetime], list[HomeItem]]


@dataclass(frozen=True)
class _Registered:
    heading: str
    order: int
    provider: HomeProvider
    leader: bool


HOME_PANELS: dict[str, _Registered] = {}  # "module.function" -> its registration (a reload re-registers)


def register_home_panel(
    heading: str, *, order: int = 100, leader: bool = False
) -> Callable[[HomeProvider], HomeProvider]:
    """Register a provider of one panel (``leader=True`` for a panel about the person's own learning)."""

    def decorator(provider: HomeProvider) -> HomeProvider:
        key = f"{provider.__module__}.{provider.__qualname__}"
        HOME_PANELS[key] = _Registered(heading, order, provider, leader)
        return provider

    return decorator


def home_panels(user, now: datetime | None = None) -> list[HomePanel]:
    """The panels with something in them for ``user``, in their registered order."""
    now = now or timezone.now()
    panels = []
    for entry in sorted(HOME_PANELS.values(), key=lambda e: (e.order, e.heading)):
        items = entry.provider(user, now)
        if items:
            panels.append(HomePanel(entry.heading, list(items), entry.leader))
    return panels

"""More sections for My Academy from apps the cohort engine cannot import (the Challenge Fund's bids,
governance's vacancy applications). Each registers a provider from its ``AppConfig.ready()``::

    @register_my_academy_section(order=10)
    def bids(user) -> MyAcademySection | None: ...

A provider takes the signed-in person and returns their own records only, read through its app's
selectors in a fixed number of queries (usually one), or None when the person has nothing there. Templates
render every section the same way (an NHS.UK summary list, which reflows on a phone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionItem:
    title: str
    url: str
    status: str  # the state as the person reads it, shown as an NHS.UK tag
    tag_class: str = "nhsuk-tag--grey"
    detail: str = ""  # one short line, e.g. "Submitted 2 December 2026"


@dataclass(frozen=True)
class MyAcademySection:
    heading: str
    items: list[SectionItem] = field(default_factory=list)
    link_url: str = ""  # where to see or do more, e.g. all your bids
    link_text: str = ""


SectionProvider = Callable[[object], "MyAcademySection | None"]
SECTIONS: dict[str, tuple[int, SectionProvider]] = {}


def register_my_academy_section(*, order: int = 100) -> Callable[[SectionProvider], SectionProvider]:
    def decorator(provider: SectionProvider) -> SectionProvider:
        SECTIONS[f"{provider.__module__}.{provider.__qualname__}"] = (order, provider)
        return provider

    return decorator


def my_academy_sections(user) -> list[MyAcademySection]:
    """The registered sections with something for ``user``, in their order."""
    found = []
    for _order, provider in sorted(SECTIONS.values(), key=lambda entry: entry[0]):
        section = provider(user)
        if section is not None and section.items:
            found.append(section)
    return found

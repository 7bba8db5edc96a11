"""Open offers that are not cohorts, for the programme catalogue.

Most programmes offer cohorts and sessions (the cohort engine). Some offer something else that a leader
can act on now: a Challenge Fund round to bid to, and later a conference's call for proposals. Such a
programme registers a source here, from its ``AppConfig.ready()``; the catalogue then shows the programme
while one of its offers is open. A source takes ``now`` and returns the open offers, in one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class OpenOffer:
    title: str
    detail: str = ""  # one sentence in the programme's own words, e.g. the awards and the closing time
    url: str = ""  # the offer's own page (a round's page), where a leader acts on it


OfferSource = Callable[[datetime], list[OpenOffer]]
OFFER_SOURCES: dict[str, OfferSource] = {}
OFFER_HOMES: dict[str, str] = {}  # programme slug -> URL name of the programme's own home page


def register_offer_source(programme_slug: str, *, home: str) -> Callable[[OfferSource], OfferSource]:
    def decorator(source: OfferSource) -> OfferSource:
        OFFER_SOURCES[programme_slug] = source
        OFFER_HOMES[programme_slug] = home
        return source

    return decorator

"""Ties between people who wrote a Challenge Fund bid together, for the evaluation's social network
analysis (evaluation.network): the lead and every co-applicant who accepted (and was not removed since)
are tied to each other.

A bid's ties run from the co-applicant's acceptance while the bid is worked on: until the round closes or
the bid is decided, whichever is later, and for as long as a funded project is active (a closed project's
last change ends them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import combinations

from django.db.models import Q
from django.utils import timezone

from programmes.challenge_fund.models import BidState, CoApplicant, CoApplicantState

COAPPLICANT = "coapplicant"

Tie = tuple[int, int, str, date]


def coapplicant_ties(start: date, end: date) -> Iterator[Tie]:
    """``(person_id_a, person_id_b, "coapplicant", date)`` for bids worked on in the period (one query):
    dated when the later of the two accepted (the lead's own date is the bid's start, so a lead's tie is
    dated by the co-applicant's acceptance)."""
    worked_on = (
        Q(bid__state__in=(BidState.ACTIVE, BidState.OVERDUE))
        | Q(bid__round__closes_at__date__gte=start)
        | Q(bid__determined_at__date__gte=start)
        | Q(bid__state=BidState.CLOSED, bid__updated_at__date__gte=start)
    )
    rows = (
        CoApplicant.objects.filter(
            worked_on, state=CoApplicantState.ACCEPTED, user__isnull=False, answered_at__isnull=False,
            answered_at__date__lte=end,
        )
        .values_list("bid_id", "bid__lead_id", "user_id", "answered_at")
        .order_by("bid_id", "answered_at")
    )
    accepted: dict[int, dict[int, date]] = defaultdict(dict)
    leads: dict[int, int] = {}
    for bid_id, lead_id, person_id, answered_at in rows.iterator(chunk_size=5000):
        leads[bid_id] = lead_id
        accepted[bid_id][person_id] = timezone.localdate(answered_at)
    for bid_id, people in accepted.items():
        lead_id = leads[bid_id]
        for person_id, on in people.items():
            if person_id != lead_id:
                yield min(lead_id, person_id), max(lead_id, person_id), COAPPLICANT, on
        for (a, on_a), (b, on_b) in combinations(sorted(people.items()), 2):
            if lead_id not in (a, b):
                yield a, b, COAPPLICANT, max(on_a, on_b)

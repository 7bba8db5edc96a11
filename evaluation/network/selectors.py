"""Reads for the network pages: stored snapshots only (pages never compute), each in one query; and the
name-generator survey: a person's own answer, the directory search to name people, the ties its answers make
(a tie source, see sources.py) and response counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Prefetch
from django.utils import timezone

from academy.directory import selectors as directory
from academy.directory.attributes import NamedPerson, named_people
from academy.reports.suppression import SuppressedCell, suppress
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName, NetworkSnapshot
from governance.investment.quarters import Quarter

TREND_QUARTERS = 8


def computed_snapshots(limit: int = TREND_QUARTERS) -> list[NetworkSnapshot]:
    """The latest computed quarters, oldest first (one query)."""
    snapshots = list(NetworkSnapshot.objects.exclude(computed_at=None).order_by("-year", "-quarter")[:limit])
    return snapshots[::-1]


def snapshot_for(quarter: Quarter) -> NetworkSnapshot | None:
    return NetworkSnapshot.objects.filter(year=quarter.year, quarter=quarter.number).first()


def named_brokers(snapshot: NetworkSnapshot) -> list[tuple[int, NamedPerson, float]]:
    """The top brokers by name, for evaluators only (one query); people who have since closed their
    account are left out."""
    top = snapshot.figures.get("betweenness", {}).get("top", [])
    names = named_people(entry["person"] for entry in top)
    return [(entry["person"], names[entry["person"]], entry["score"]) for entry in top if entry["person"] in names]


# --- the name-generator survey ---------------------------------------------------------------------------

NAME_GENERATOR = "name_generator"  # the kind of a tie from a name-generator answer
SEARCH_RESULTS = 10


def nameable_people(person_ids) -> dict[int, str]:
    """Of these user ids, the people who may be named (listed in the directory, account active), with their
    names (one query)."""
    rows = directory.listed_profiles().filter(user_id__in=list(person_ids)).values_list(
        "user_id", "user__first_name", "user__last_name", "user__email")
    return {user_id: f"{first} {last}".strip() or email for user_id, first, last, email in rows}


def name_search(user, text: str, limit: int = SEARCH_RESULTS) -> list:
    """Directory profiles whose name (or organisation, profession...) matches the words, not the person
    themselves, best first (one query; none for no words)."""
    if not (text or "").strip():
        return []
    found = directory.search_directory(directory.DirectoryFilters(q=text[:200])).exclude(user=user)
    return list(found[:limit])


def own_name_generator_answer(user, quarter: Quarter) -> NameGeneratorAnswer | None:
    """The person's own answer for a quarter, with the people they named (two queries). Nobody else reads an
    answer, superusers included: evaluators see counts only."""
    return (NameGeneratorAnswer.objects.filter(respondent=user, year=quarter.year, quarter=quarter.number)
            .prefetch_related(Prefetch("names", queryset=NameGeneratorName.objects.select_related("person")
                                       .order_by("person__last_name", "person__first_name", "pk")))
            .first())


def name_generator_ties(start: date, end: date) -> Iterator[tuple[int, int, str, date]]:
    """A tie between a respondent and each person they named, for answers given in the period (one query);
    dated the day of the answer. The network is undirected: both naming each other make one tie."""
    rows = NameGeneratorName.objects.filter(
        answer__answered_at__date__gte=start, answer__answered_at__date__lte=end,
    ).values_list("answer__respondent_id", "person_id", "answer__answered_at").order_by("pk")
    for a, b, at in rows.iterator(chunk_size=5000):
        if a != b:
            yield min(a, b), max(a, b), NAME_GENERATOR, timezone.localtime(at).date()


def name_generator_counts(quarters: list[Quarter]) -> list[tuple[Quarter, SuppressedCell]]:
    """How many people answered in each quarter, through the suppression helper, for evaluators and the
    network's readers: counts only, never who answered or whom they named (one query)."""
    if not quarters:
        return []
    rows = (NameGeneratorAnswer.objects.filter(year__gte=min(q.year for q in quarters))
            .values_list("year", "quarter").annotate(n=Count("pk")))
    counts = {(year, number): n for year, number, n in rows}
    return [(q, suppress({"People who answered": counts.get((q.year, q.number), 0)})["People who answered"])
            for q in quarters]


def own_name_count(user, quarter: Quarter) -> int | None:
    """How many people the person named this quarter, or None when they have not answered (one query)."""
    counts = list(NameGeneratorAnswer.objects.filter(respondent=user, year=quarter.year, quarter=quarter.number)
                  .annotate(n=Count("names")).values_list("n", flat=True))
    return counts[0] if counts else None

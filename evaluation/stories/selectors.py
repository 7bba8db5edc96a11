"""Reads, in a fixed number of queries. A story's text leaves here for someone other than its teller only
when its teller consented to quoting (``quotable``), whoever asks, superusers included."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from academy.reports.suppression import suppress
from evaluation.stories import geometry
from evaluation.stories.models import Dyad, DyadPlacement, Story, StoryCollection, Triad, TriadPlacement


def open_collections() -> QuerySet[StoryCollection]:
    return StoryCollection.objects.filter(is_open=True).order_by("title")


def open_collection(pk: int) -> StoryCollection:
    collection = StoryCollection.objects.filter(pk=pk, is_open=True).prefetch_related("triads", "dyads").first()
    if collection is None:
        raise Http404
    return collection


def collection_to_invite(user) -> StoryCollection | None:
    """An open collection the person has not told a story in yet, for the home page (one query)."""
    return open_collections().exclude(stories__author=user).only("pk", "title", "prompt").first()


def own_stories(user) -> QuerySet[Story]:
    """The person's own stories (text included: they told it), newest first (three queries)."""
    return (Story.objects.filter(author=user).select_related("collection", "programme")
            .prefetch_related("triad_placements__triad", "dyad_placements__dyad"))


def own_story(user, pk: int) -> Story:
    story = Story.objects.filter(pk=pk, author=user).select_related("collection").first()
    if story is None:
        raise Http404
    return story


def collections_with_counts() -> QuerySet[StoryCollection]:
    return StoryCollection.objects.annotate(story_count=Count("stories")).order_by("title")


def collection(pk: int) -> StoryCollection:
    found = StoryCollection.objects.filter(pk=pk).prefetch_related("triads", "dyads").first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class StoryFilters:
    programme: object | None = None
    profession: object | None = None
    borough: object | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    def apply(self, stories: QuerySet[Story]) -> QuerySet[Story]:
        if self.programme is not None:
            stories = stories.filter(programme=self.programme)
        if self.profession is not None:
            stories = stories.filter(profession=self.profession)
        if self.borough is not None:
            stories = stories.filter(borough=self.borough)
        if self.since is not None:
            stories = stories.filter(told_at__date__gte=self.since)
        if self.until is not None:
            stories = stories.filter(told_at__date__lte=self.until)
        return stories


def filtered(collection: StoryCollection, filters: StoryFilters) -> QuerySet[Story]:
    return filters.apply(Story.objects.filter(collection=collection))


def is_suppressed(count: int) -> bool:
    """Too few stories to show anything about them (the one suppression helper decides)."""
    return count == 0 or suppress({"Stories": count}).cells[0].suppressed


@dataclass
class TriadSummary:
    triad: Triad
    points: list[geometry.Point]
    mean: geometry.Point | None
    regions: dict[str, int]


@dataclass
class DyadSummary:
    dyad: Dyad
    values: list[int]

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def quartiles(self) -> tuple[float, float] | None:
        if len(self.values) < 2:
            return None
        q = statistics.quantiles(self.values, n=4)
        return (q[0], q[2])


@dataclass
class Analysis:
    count: int
    suppressed: bool
    triads: list[TriadSummary] = field(default_factory=list)
    dyads: list[DyadSummary] = field(default_factory=list)


def analysis(collection: StoryCollection, filters: StoryFilters) -> Analysis:
    """Every triad's points, geometric mean and regions, and every dyad's values, for the stories the filters
    select; nothing but the count when there are too few (four queries at most, collection prefetched)."""
    story_ids = filtered(collection, filters).values("pk")
    count = filtered(collection, filters).count()
    result = Analysis(count=count, suppressed=is_suppressed(count))
    if result.suppressed:
        return result
    by_triad: dict[int, list[geometry.Point]] = {}
    for triad_id, a, b, c in TriadPlacement.objects.filter(story__in=story_ids).values_list("triad_id", "a", "b", "c"):
        by_triad.setdefault(triad_id, []).append((a, b, c))
    for triad in collection.triads.all():
        points = by_triad.get(triad.pk, [])
        regions = dict.fromkeys(geometry.REGIONS, 0)
        for point in points:
            regions[geometry.region(point)] += 1
        result.triads.append(TriadSummary(triad, points, geometry.geometric_mean(points), regions))
    by_dyad: dict[int, list[int]] = {}
    for dyad_id, value in DyadPlacement.objects.filter(story__in=story_ids).values_list("dyad_id", "value"):
        by_dyad.setdefault(dyad_id, []).append(value)
    result.dyads = [DyadSummary(dyad, sorted(by_dyad.get(dyad.pk, []))) for dyad in collection.dyads.all()]
    return result


@dataclass
class RegionStories:
    total: int  # stories in the region
    quotable: list[Story]
    not_quotable: int


def region_stories(collection: StoryCollection, triad: Triad, region: str,
                   filters: StoryFilters) -> RegionStories | None:
    """The stories behind one region of a triad: the text only of those whose tellers consented to quoting,
    the others only counted. None when the filters select too few stories to show anything (three queries)."""
    stories = filtered(collection, filters)
    if is_suppressed(stories.count()):
        return None
    placements = TriadPlacement.objects.filter(triad=triad, story__in=stories.values("pk"))
    ids = [story_id for story_id, a, b, c in placements.values_list("story_id", "a", "b", "c")
           if geometry.region((a, b, c)) == region]
    quotable = list(Story.objects.filter(pk__in=ids, consent_to_quote=True)
                    .select_related("programme").only("title", "text", "tone", "told_at", "programme__name")
                    .order_by("-told_at", "-pk"))
    return RegionStories(total=len(ids), quotable=quotable, not_quotable=len(ids) - len(quotable))


def export_rows(collection: StoryCollection, filters: StoryFilters) -> tuple[list[str], list[list]] | None:
    """One row a story: when it was told (month), programme, profession, place, tone, consent, the title and
    story only when consented, and every placement (percentages). None when too few stories (four queries)."""
    stories = filtered(collection, filters)
    if is_suppressed(stories.count()):
        return None
    triads, dyads = list(collection.triads.all()), list(collection.dyads.all())
    headers = ["Story", "Month told", "Programme", "Profession", "Place", "Emotional tone", "Consent to quote",
               "Title", "Story text"]
    for triad in triads:
        headers += [f"{triad.prompt}: {label} (%)" for label in triad.labels]
    headers += [f"{dyad.prompt}: {dyad.left_label} (0) to {dyad.right_label} (100)" for dyad in dyads]
    rows = []
    stories = (stories.select_related("programme", "profession", "borough")
               .prefetch_related("triad_placements", "dyad_placements").order_by("told_at", "pk"))
    for number, story in enumerate(stories, start=1):
        placed = {p.triad_id: p for p in story.triad_placements.all()}
        slid = {p.dyad_id: p.value for p in story.dyad_placements.all()}
        row = [number, timezone.localtime(story.told_at).strftime("%Y-%m"),
               story.programme.name if story.programme else "",
               story.profession.name if story.profession else "", story.borough.name if story.borough else "",
               story.get_tone_display(), "Yes" if story.consent_to_quote else "No",
               story.title if story.consent_to_quote else "", story.text if story.consent_to_quote else ""]
        for triad in triads:
            p = placed.get(triad.pk)
            row += [round(p.a * 100), round(p.b * 100), round(p.c * 100)] if p else ["", "", ""]
        row += [slid.get(dyad.pk, "") for dyad in dyads]
        rows.append(row)
    return headers, rows


@dataclass
class PeriodQuotes:
    told: str  # how many stories were told in the period, after suppression
    quotes: list[Story]


QUOTES_IN_A_REPORT = 5


def quotes_between(start: datetime.date, end: datetime.date, limit: int = QUOTES_IN_A_REPORT) -> PeriodQuotes:
    """Stories told between two days (London time) whose tellers consented to quoting, newest first, at most
    ``limit`` of them, for the evaluation report (two queries). As on the collection's pages, nothing is
    quoted when too few stories were told to show anything about them."""
    stories = Story.objects.filter(told_at__date__range=(start, end))
    count = stories.count()
    told = suppress({"Stories": count})["Stories"].display
    if is_suppressed(count):
        return PeriodQuotes(told=told, quotes=[])
    quotes = list(stories.filter(consent_to_quote=True).select_related("programme", "collection")
                  .only("title", "text", "told_at", "programme__name", "collection__title")
                  .order_by("-told_at", "-pk")[:limit])
    return PeriodQuotes(told=told, quotes=quotes)

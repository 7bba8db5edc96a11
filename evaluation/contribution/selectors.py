"""Reads of the contribution log, each in a fixed number of queries: the log's pages, an entry with its
history, the counts by stage (the /evaluation/ overview and the scorecard read them), the choices the
entry form offers (through the programmes' selectors), and the CSV export."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from academy.workflow.models import Transition
from evaluation.contribution.models import LOGGED_STAGES, Entry, Stage
from programmes.challenge_fund.selectors.projects import funded_projects
from programmes.core.selectors import problems as problem_selectors
from programmes.core.selectors.catalogue import all_programmes
from programmes.core.selectors.leader import own_applications

LOG_PAGE_SIZE = 25


@dataclass(frozen=True)
class LogFilters:
    stage: str = ""
    function: int | None = None  # a PriorityFunction's pk
    borough: int | None = None  # a Borough's pk

    @property
    def any(self) -> bool:
        return bool(self.stage or self.function or self.borough)


def _rows() -> QuerySet[Entry]:
    return (
        Entry.objects.select_related("system_problem", "project", "programme")
        .prefetch_related("priority_functions", "boroughs")
        .order_by("-updated_at", "-pk")
    )


def filtered(filters: LogFilters) -> QuerySet[Entry]:
    entries = _rows()
    if filters.stage in Stage.values:
        entries = entries.filter(stage=filters.stage)
    else:
        entries = entries.filter(stage__in=LOGGED_STAGES)
    if filters.function:
        entries = entries.filter(pk__in=Entry.objects.filter(priority_functions=filters.function).values("pk"))
    if filters.borough:
        entries = entries.filter(pk__in=Entry.objects.filter(
            Q(boroughs=filters.borough) | Q(scaled_boroughs=filters.borough)).values("pk"))
    return entries


def log_page(filters: LogFilters, page_number) -> Page:
    """One page of the log (a count, the page, two prefetches: four queries)."""
    return Paginator(filtered(filters), LOG_PAGE_SIZE).get_page(page_number)


def entry(pk: int) -> Entry:
    """One entry with its history, oldest move first (four queries: the entry, its functions, boroughs and
    further boroughs, its moves)."""
    found = (
        _rows().prefetch_related(
            "scaled_boroughs",
            Prefetch("transitions", queryset=Transition.objects.select_related("actor").order_by("at", "pk")),
        ).filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def own_proposals(user) -> QuerySet[Entry]:
    return Entry.objects.filter(proposed_by=user).order_by("-created_at", "-pk")


def took_part(user) -> bool:
    """Whether the person has taken a place on a programme (one query): they are invited to propose what
    came of it."""
    return own_applications(user).filter(state__in=["accepted", "completed"]).exists()


def stage_counts() -> dict[str, int]:
    """How many innovations are at each stage (one query)."""
    counts = dict.fromkeys(Stage.values, 0)
    for row in Entry.objects.order_by().values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    return counts


def adopted_or_scaled_by(days: list[datetime.date]) -> dict[datetime.date, int]:
    """For each day, how many innovations had been adopted (or since scaled) by then (one query whatever the
    number of days): the scorecard's "innovations adopted or scaled" indicator."""
    if not days:
        return {}
    logged = Entry.objects.filter(stage__in=[Stage.ADOPTED, Stage.SCALED])
    figures = logged.aggregate(**{f"d{i}": Count("pk", filter=Q(adopted_on__lte=day)) for i, day in enumerate(days)})
    return {day: figures[f"d{i}"] for i, day in enumerate(days)}


@dataclass(frozen=True)
class Milestone:
    """An innovation adopted or scaled in a period, for the quarter's evaluation report."""

    title: str
    stage: str  # "Adopted" or "Scaled"
    organisation: str
    on: datetime.date


def milestones_between(start: datetime.date, end: datetime.date) -> list[Milestone]:
    """The innovations adopted or scaled between two days (inclusive), earliest first (one query): an
    innovation adopted and scaled in the same period is listed twice, once for each."""
    entries = Entry.objects.filter(stage__in=[Stage.ADOPTED, Stage.SCALED]).filter(
        Q(adopted_on__range=(start, end)) | Q(scaled_on__range=(start, end), stage=Stage.SCALED)
    ).only("title", "stage", "adopted_by", "adopted_on", "scaled_to", "scaled_on")
    found = []
    for each in entries:
        if each.adopted_on and start <= each.adopted_on <= end:
            found.append(Milestone(each.title, Stage.ADOPTED.label, each.adopted_by, each.adopted_on))
        if each.stage == Stage.SCALED and each.scaled_on and start <= each.scaled_on <= end:
            found.append(Milestone(each.title, Stage.SCALED.label, each.scaled_to, each.scaled_on))
    return sorted(found, key=lambda m: (m.on, m.stage, m.title))


def problem_choices():
    """Every problem in the register (an adopted one is exactly what an innovation may come from)."""
    return problem_selectors.filtered_problems(problem_selectors.ProblemFilters())


def project_choices():
    return funded_projects()


def programme_choices(user):
    """The programmes an entry may name: all of them for evaluators, the ones they run for programme admins."""
    programmes = all_programmes()
    if user.has_perm("evaluation_contribution.confirm"):
        return programmes
    return programmes.filter(slug__in=user.administered_programme_slugs)


def source_label(entry: Entry) -> str:
    if entry.system_problem_id:
        return f"System problem: {entry.system_problem.title}"
    if entry.project_id:
        return f"Challenge Fund project: {entry.project.title}"
    return entry.source_text


EXPORT_HEADERS = ["Innovation", "Stage", "Source", "Programme", "Owner", "Priority functions", "Boroughs",
                  "Board reported to", "Adopted by", "Where adopted", "Date adopted", "Evidence of adoption",
                  "Link (adoption)", "Further organisations", "Further boroughs", "Date scaled",
                  "Evidence of scaling", "Link (scaling)"]


def export_rows(filters: LogFilters) -> list[list]:
    """The filtered log as rows (five queries: the entries and four prefetches)."""
    rows = []
    for found in filtered(filters).prefetch_related("scaled_boroughs"):
        rows.append([
            found.title, found.get_stage_display(), source_label(found),
            found.programme.name if found.programme_id else "", found.owner,
            "; ".join(f.name for f in found.priority_functions.all()),
            "; ".join(b.name for b in found.boroughs.all()), found.board, found.adopted_by, found.adopted_where,
            found.adopted_on.isoformat() if found.adopted_on else "", found.adoption_evidence, found.adoption_link,
            found.scaled_to, "; ".join(b.name for b in found.scaled_boroughs.all()),
            found.scaled_on.isoformat() if found.scaled_on else "", found.scaling_evidence, found.scaling_link,
        ])
    return rows

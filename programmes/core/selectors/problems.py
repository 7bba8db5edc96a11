"""Reads of the register of real system problems: the register's pages, a problem's page with what is
attached to it, the CSV export, and the report-backs and adoptions the evaluation app's contribution log
reads. Each read takes a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from programmes.core.models import (
    AdoptionDecision,
    LearningGroup,
    ReportBack,
    SystemProblem,
    SystemProblemState,
)
from programmes.core.problem_attachments import (
    ACTION_SOURCES,
    ATTACHMENT_SOURCES,
    ProblemAction,
    ProblemAttachment,
    register_problem_attachment_source,
)

PROBLEMS_PAGE_SIZE = 25
MAX_SEARCH_LENGTH = 200
# States in which work can still attach to a problem (the choice offered on a bid or a learning set).
ATTACHABLE_STATES = (
    SystemProblemState.PROPOSED, SystemProblemState.OPEN, SystemProblemState.BEING_WORKED_ON,
    SystemProblemState.REPORTED_BACK,
)


@dataclass(frozen=True)
class ProblemFilters:
    text: str = ""
    function: int | None = None  # a PriorityFunction's pk
    borough: int | None = None  # a Borough's pk
    state: str = ""


def _register_rows() -> QuerySet[SystemProblem]:
    return (
        SystemProblem.objects.select_related("owner")
        .prefetch_related("priority_functions", "boroughs")
        .annotate(report_back_count=Count("report_backs"))
        .order_by("-updated_at", "-pk")
    )


def filtered_problems(filters: ProblemFilters) -> QuerySet[SystemProblem]:
    problems = _register_rows()
    text = (filters.text or "").strip()[:MAX_SEARCH_LENGTH]
    if text:
        problems = problems.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(board__icontains=text)
        )
    if filters.function:
        problems = problems.filter(priority_functions=filters.function)
    if filters.borough:
        problems = problems.filter(boroughs=filters.borough)
    if filters.state in SystemProblemState.values:
        problems = problems.filter(state=filters.state)
    return problems.distinct() if (filters.function or filters.borough) else problems


def problem_register_page(filters: ProblemFilters, page_number) -> Page:
    """One page of the register (a count, the page, and two prefetches: four queries)."""
    return Paginator(filtered_problems(filters), PROBLEMS_PAGE_SIZE).get_page(page_number)


def system_problem(pk: int) -> SystemProblem:
    """A problem with its owner, functions, boroughs, report-backs and state history (404 if none)."""
    problem = (
        SystemProblem.objects.select_related("owner")
        .prefetch_related(
            "priority_functions", "boroughs",
            Prefetch("report_backs", queryset=ReportBack.objects.select_related("recorded_by")),
        )
        .filter(pk=pk)
        .first()
    )
    if problem is None:
        raise Http404("No problem in the register has this number.")
    return problem


def attached_to_problem(problem: SystemProblem) -> list[ProblemAttachment]:
    """Everything every programme has attached to the problem, one source after another (one query each)."""
    attached: list[ProblemAttachment] = []
    for name in sorted(ATTACHMENT_SOURCES):
        attached.extend(ATTACHMENT_SOURCES[name](problem))
    return attached


def actions_on_problem(problem: SystemProblem, user) -> list[ProblemAction]:
    """What the reader can start on the problem, every programme's in turn (one query each at most); nothing once
    the problem is adopted or closed."""
    if problem.state not in ATTACHABLE_STATES:
        return []
    actions: list[ProblemAction] = []
    for name in sorted(ACTION_SOURCES):
        actions.extend(ACTION_SOURCES[name](problem, user))
    return actions


def attachable_problems() -> QuerySet[SystemProblem]:
    """The problems a bid or a learning set may attach to (not adopted or closed), for a choice field."""
    return SystemProblem.objects.filter(state__in=ATTACHABLE_STATES).order_by("title", "pk")


def export_rows(filters: ProblemFilters) -> list[list]:
    """The register as rows for the CSV export (the same filters as the page; a fixed number of queries)."""
    rows = []
    for problem in filtered_problems(filters).order_by("pk"):
        rows.append([
            problem.pk,
            problem.title,
            problem.description,
            problem.owner.get_full_name() if problem.owner else "",
            problem.board,
            "; ".join(f.name for f in problem.priority_functions.all()),
            "; ".join(b.name for b in problem.boroughs.all()),
            problem.get_spatial_level_display() if problem.spatial_level else "",
            problem.get_state_display(),
            problem.report_back_count,
        ])
    return rows


EXPORT_HEADERS = [
    "Number", "Title", "Description", "Owner", "Board or network", "Priority functions", "Boroughs",
    "Spatial level", "State", "Report-backs",
]


# --- what the evaluation app's contribution log reads -------------------------------------------------


def report_backs(*, since=None, until=None) -> QuerySet[ReportBack]:
    """Every report-back to a board, most recent first, with its problem (one query). ``since`` and
    ``until`` are dates, inclusive."""
    rows = ReportBack.objects.select_related("problem").order_by("-reported_on", "-pk")
    if since is not None:
        rows = rows.filter(reported_on__gte=since)
    if until is not None:
        rows = rows.filter(reported_on__lte=until)
    return rows


def adoptions(*, since=None, until=None) -> QuerySet[ReportBack]:
    """The report-backs whose board adopted or adapted what was reported (one query)."""
    return report_backs(since=since, until=until).filter(
        decision__in=[AdoptionDecision.ADOPTED, AdoptionDecision.ADAPTED]
    )


# --- the cohort engine's own attachments: action learning sets and quads --------------------------------


@register_problem_attachment_source("programmes-core")
def learning_groups_attached(problem: SystemProblem) -> list[ProblemAttachment]:
    groups = LearningGroup.objects.filter(system_problem=problem).select_related("cohort").order_by("pk")
    return [
        ProblemAttachment(kind=group.get_kind_display(), title=f"{group} of {group.cohort.title}")
        for group in groups
    ]

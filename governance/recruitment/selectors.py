"""Reads for recruitment to vacant leadership roles, each in a fixed number of queries, and the
pipeline's diversity in suppressed aggregate (never anything per person)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from academy.directory.models import Disability, Sex
from academy.reports.suppression import NOT_SHOWN, SuppressedTable, suppress_tables
from governance.models import (
    ApplicationState,
    CriterionScore,
    Vacancy,
    VacancyApplication,
    VacancyCriterion,
    VacancyState,
)

S = ApplicationState
ROLE_RELATED = (
    "role__function", "role__collaborative", "role__borough", "role__organisation", "role__role_type",
)


def _vacancies() -> QuerySet[Vacancy]:
    return Vacancy.objects.select_related(*ROLE_RELATED).prefetch_related(
        Prefetch("criteria", queryset=VacancyCriterion.objects.order_by("-kind", "position", "pk"))
    )


def open_vacancies(today=None) -> list[Vacancy]:
    """Vacancies taking applications today (London time), soonest closing first: two queries."""
    today = today or timezone.localdate()
    return list(_vacancies().filter(state=VacancyState.OPEN, closes_on__gte=today).order_by("closes_on", "pk"))


def vacancy_for(user, pk: int, today=None) -> Vacancy:
    """A vacancy the person may read: an open one, one they applied to, or any for the secretariat and the
    ICS Executive."""
    vacancy = _vacancies().filter(pk=pk).first()
    if vacancy is None:
        raise Http404("No vacancy has this number.")
    today = today or timezone.localdate()
    if vacancy.state == VacancyState.OPEN and vacancy.closes_on >= today:
        return vacancy
    if user.has_perm("governance.view_recruitment"):
        return vacancy
    if VacancyApplication.objects.filter(vacancy=vacancy, applicant=user).exists():
        return vacancy
    raise Http404("This vacancy is closed.")


def own_applications(user) -> list[VacancyApplication]:
    """The signed-in person's own applications, newest first: one query."""
    return list(
        VacancyApplication.objects.filter(applicant=user).select_related("vacancy__role")
        .order_by("-submitted_at", "-pk")
    )


def own_application(user, pk: int) -> VacancyApplication:
    """One of the signed-in person's own applications; anyone else's is not found."""
    application = (
        VacancyApplication.objects.select_related(*(f"vacancy__{name}" for name in ROLE_RELATED))
        .filter(pk=pk, applicant=user).first()
    )
    if application is None:
        raise Http404("You have no application with this number.")
    return application


def recruitment_vacancies() -> list[Vacancy]:
    """Every vacancy with how many are at each stage, open ones first: one query."""
    return list(_recruitment_vacancies())


VACANCY_PAGE_SIZE = 50


def recruitment_vacancies_page(page_number, per_page: int | None = None):
    """One page of :func:`recruitment_vacancies`: a count query and the page, whatever the number."""
    return Paginator(_recruitment_vacancies(), per_page or VACANCY_PAGE_SIZE).get_page(page_number)


def _recruitment_vacancies() -> QuerySet[Vacancy]:
    live = ~Q(applications__state=S.WITHDRAWN)
    return (
        Vacancy.objects.select_related("role", "role__holder")
        .annotate(
            applied=Count("applications", filter=live),
            shortlisted=Count("applications", filter=live & Q(applications__shortlisted_at__isnull=False)),
            withdrawn=Count("applications", filter=Q(applications__state=S.WITHDRAWN)),
        )
        .order_by("-state", "closes_on", "pk")  # "open" sorts after "appointed", so descending puts it first
    )


def recruitment_vacancy(pk: int) -> Vacancy:
    vacancy = _vacancies().select_related("role__holder").filter(pk=pk).first()
    if vacancy is None:
        raise Http404("No vacancy has this number.")
    return vacancy


def applicants(vacancy: Vacancy) -> list[VacancyApplication]:
    """The vacancy's applications with each one's total score and how many criteria are scored: one query."""
    return list(
        VacancyApplication.objects.filter(vacancy=vacancy)
        .select_related("applicant", "profession", "organisation", "borough")
        .annotate(total_score=Sum("scores__score"), scored=Count("scores"))
        .order_by("submitted_at", "pk")
    )


def application_for_secretariat(pk: int) -> VacancyApplication:
    application = (
        VacancyApplication.objects.select_related(
            "applicant", "profession", "organisation", "borough", *(f"vacancy__{name}" for name in ROLE_RELATED)
        ).filter(pk=pk).first()
    )
    if application is None:
        raise Http404("No application has this number.")
    return application


def criteria_with_scores(application: VacancyApplication) -> list[tuple[VacancyCriterion, CriterionScore | None]]:
    """The vacancy's criteria, each with this application's score (or None): two queries."""
    criteria = list(
        VacancyCriterion.objects.filter(vacancy_id=application.vacancy_id).order_by("-kind", "position", "pk")
    )
    scores = {score.criterion_id: score for score in
              CriterionScore.objects.filter(application=application).select_related("scored_by")}
    return [(criterion, scores.get(criterion.pk)) for criterion in criteria]


def application_history(application: VacancyApplication) -> list:
    """Each change of the application with who made it and when, oldest first: one query."""
    return list(
        application.history.select_related("history_user").order_by("history_date", "history_id")
    )


# --- The pipeline's diversity, in suppressed aggregate --------------------------------------------

NOT_ANSWERED = "Not answered"
PREFER_NOT = "Prefer not to say"
STAGES = (("applied", "Applied"), ("shortlisted", "Shortlisted"), ("appointed", "Appointed"))

ETHNIC_GROUPS = ("White", "Mixed", "Asian or Asian British", "Black or Black British", "Other ethnic group",
                 PREFER_NOT, NOT_ANSWERED)
ETHNIC_PREFIXES = {
    "white": "White", "mixed": "Mixed", "asian": "Asian or Asian British", "black": "Black or Black British",
    "other": "Other ethnic group",
}
SEX_GROUPS = (Sex.FEMALE.label, Sex.MALE.label, PREFER_NOT, NOT_ANSWERED)
DISABILITY_LABELS = {Disability.YES: "Disabled", Disability.NO: "Not disabled"}
DISABILITY_GROUPS = ("Disabled", "Not disabled", PREFER_NOT, NOT_ANSWERED)
PROFESSION_GROUPS = {
    "Medicine": "Medicine",
    "Nursing": "Nursing and midwifery",
    "Mental health nursing": "Nursing and midwifery",
    "Midwifery": "Nursing and midwifery",
    "Allied health professions": "Allied health, science and psychology",
    "Healthcare science": "Allied health, science and psychology",
    "Psychology": "Allied health, science and psychology",
    "Paramedic practice": "Allied health, science and psychology",
    "Pharmacy": "Pharmacy, dentistry and optometry",
    "Community pharmacy": "Pharmacy, dentistry and optometry",
    "Dentistry": "Pharmacy, dentistry and optometry",
    "Optometry": "Pharmacy, dentistry and optometry",
    "Social work": "Social work, social care and public health",
    "Social care": "Social work, social care and public health",
    "Public health": "Social work, social care and public health",
}
OTHER_PROFESSIONS = "Management, VCSE, lived experience and other"
PROFESSION_GROUP_ORDER = tuple(dict.fromkeys(PROFESSION_GROUPS.values())) + (OTHER_PROFESSIONS,)


def ethnic_group(value: str | None) -> str:
    if not value:
        return NOT_ANSWERED
    if value == "prefer_not_to_say":
        return PREFER_NOT
    return ETHNIC_PREFIXES.get(value.split("_", 1)[0], "Other ethnic group")


def sex_group(value: str | None) -> str:
    if not value:
        return NOT_ANSWERED
    return PREFER_NOT if value == "prefer_not_to_say" else Sex(value).label


def disability_group(value: str | None) -> str:
    if not value:
        return NOT_ANSWERED
    return DISABILITY_LABELS.get(value, PREFER_NOT)


def profession_group(name: str) -> str:
    return PROFESSION_GROUPS.get(name, OTHER_PROFESSIONS)


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    groups: tuple[str, ...]
    reference: str
    field: str
    to_group: object


DIMENSIONS = (
    Dimension("ethnicity", "Ethnic group", ETHNIC_GROUPS, "White", "applicant__equality__ethnicity", ethnic_group),
    Dimension("sex", "Sex", SEX_GROUPS, Sex.MALE.label, "applicant__equality__sex", sex_group),
    Dimension("disability", "Disability", DISABILITY_GROUPS, "Not disabled", "applicant__equality__disability",
              disability_group),
    Dimension("profession", "Profession group", PROFESSION_GROUP_ORDER, "Medicine", "profession__name",
              profession_group),
)

LIKELIHOOD_PLACES = Decimal("0.01")
NO_ONE_SHORTLISTED = "no one shortlisted"
NOT_APPLICABLE = "cannot be worked out"


@dataclass(frozen=True)
class PipelineRow:
    group: str
    applied: str
    shortlisted: str
    appointed: str
    likelihood: str  # appointed / shortlisted in this group
    relative: str  # the reference group's likelihood divided by this group's
    is_reference: bool


@dataclass(frozen=True)
class PipelineTable:
    key: str
    title: str
    reference: str
    rows: tuple[PipelineRow, ...]
    totals: tuple[str, str, str]
    stages: dict  # stage -> SuppressedTable


def _ratio(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) / Decimal(denominator)).quantize(LIKELIHOOD_PLACES, rounding=ROUND_HALF_UP)


def likelihood(shortlisted: SuppressedTable, appointed: SuppressedTable, group: str) -> Decimal | str:
    """Appointed / shortlisted for ``group``, or what to show instead when it cannot be shown."""
    short, appoint = shortlisted[group], appointed[group]
    if short.suppressed or appoint.suppressed:
        return NOT_SHOWN
    if not short.value:
        return NO_ONE_SHORTLISTED
    return Decimal(appoint.value) / Decimal(short.value)


def relative_likelihood(shortlisted: SuppressedTable, appointed: SuppressedTable, reference: str,
                        group: str) -> str:
    """The reference group's likelihood of appointment from shortlisting divided by ``group``'s (as the
    NHS WRES indicator 2). Not shown whenever any of the four counts behind it is suppressed."""
    ours, theirs = likelihood(shortlisted, appointed, reference), likelihood(shortlisted, appointed, group)
    if NOT_SHOWN in (ours, theirs):
        return NOT_SHOWN
    if isinstance(ours, str) or isinstance(theirs, str) or theirs == 0:
        return NOT_APPLICABLE
    return str((ours / theirs).quantize(LIKELIHOOD_PLACES, rounding=ROUND_HALF_UP))


def _show(value) -> str:
    return str(value.quantize(LIKELIHOOD_PLACES, rounding=ROUND_HALF_UP)) if isinstance(value, Decimal) else value


def pipeline(vacancy: Vacancy | None = None, threshold: int = 5) -> list[PipelineTable]:
    """Counts at each stage (applied, shortlisted, appointed) by ethnic group, sex, disability and
    profession group, for one vacancy or all, suppressed, with the relative likelihood of appointment
    from shortlisting. Equality groups come from the applicants' consented equality answers only (someone
    who gave none, or withdrew consent, is "Not answered"); the profession is the one their profile gave
    when they applied. Withdrawn applications are not counted. One query.

    Every table anyone can see about these people is suppressed together, as one reader would attack
    them (``suppress_tables``): the four tables across all vacancies, and each vacancy's profession
    table, which add up to the all-vacancies one. Every stage's total is treated as published, because
    it is: the recruitment page lists each vacancy's applied and shortlisted counts, and the roles page
    names who was appointed. So whichever vacancy is asked for, what it shows cannot be differenced
    against what the others show.

    For one vacancy only the profession groups are counted: equality groups are shown across all
    vacancies only.
    """
    fields = [dimension.field for dimension in DIMENSIONS]
    combos = list(
        VacancyApplication.objects.exclude(state=S.WITHDRAWN).values("vacancy_id", *fields).annotate(
            applied=Count("pk"),
            shortlisted=Count("pk", filter=Q(shortlisted_at__isnull=False)),
            appointed=Count("pk", filter=Q(state=S.APPOINTED)),
        ).order_by()
    )
    profession = next(d for d in DIMENSIONS if d.key == "profession")
    vacancy_ids = sorted({combo["vacancy_id"] for combo in combos} | ({vacancy.pk} if vacancy else set()))
    counts = {}
    for dimension in DIMENSIONS:
        counts[dimension.key] = _grid(dimension, combos)
    for pk in vacancy_ids:
        counts["vacancy", pk] = _grid(profession, [combo for combo in combos if combo["vacancy_id"] == pk])
    suppressed = suppress_tables(counts, threshold, parts_of={"profession": [("vacancy", pk) for pk in vacancy_ids]})

    if vacancy is not None:
        return [_pipeline_table(profession, suppressed["vacancy", vacancy.pk])]
    return [_pipeline_table(dimension, suppressed[dimension.key]) for dimension in DIMENSIONS]


def _grid(dimension: Dimension, combos) -> dict[str, dict[str, int]]:
    grid = {stage: dict.fromkeys(dimension.groups, 0) for stage, _ in STAGES}
    for combo in combos:
        group = dimension.to_group(combo[dimension.field])
        for stage, _ in STAGES:
            grid[stage][group] += combo[stage]
    return grid


def _pipeline_table(dimension: Dimension, stages: dict[str, SuppressedTable]) -> PipelineTable:
    rows = []
    for group in dimension.groups:
        rows.append(PipelineRow(
            group=group,
            applied=stages["applied"][group].display,
            shortlisted=stages["shortlisted"][group].display,
            appointed=stages["appointed"][group].display,
            likelihood=_show(likelihood(stages["shortlisted"], stages["appointed"], group)),
            relative=(
                "reference group" if group == dimension.reference
                else relative_likelihood(stages["shortlisted"], stages["appointed"], dimension.reference, group)
            ),
            is_reference=group == dimension.reference,
        ))
    return PipelineTable(
        key=dimension.key, title=dimension.title, reference=dimension.reference, rows=tuple(rows),
        totals=tuple(stages[stage].total_display for stage, _ in STAGES), stages=stages,
    )


PIPELINE_CSV_HEADER = [
    "Vacancy", "Grouped by", "Group", "Applied", "Shortlisted", "Appointed",
    "Likelihood of appointment from shortlisting", "Relative likelihood (reference group / this group)",
]


def pipeline_csv_rows(scope: str, tables: list[PipelineTable]) -> list[list[str]]:
    rows = []
    for table in tables:
        for row in table.rows:
            rows.append([scope, table.title, row.group, row.applied, row.shortlisted, row.appointed,
                         row.likelihood, row.relative])
        rows.append([scope, table.title, "Total", *table.totals, "", ""])
    return rows

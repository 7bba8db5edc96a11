"""Reads for programme admins: their programmes and cohorts, applications, composition and roster."""

from __future__ import annotations

from django.core.paginator import Page
from django.db.models import CharField, Count, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast

from academy.directory.models import OrganisationType
from programmes.core.models import (
    Application,
    ApplicationState,
    Cohort,
    CohortFaculty,
    Programme,
)
from programmes.core.selectors.application_lists import ROSTER_PAGE_SIZE, ordered_page

# --- programme admins --------------------------------------------------------------------------------

POOL_EXCLUDED = [ApplicationState.DRAFT, ApplicationState.WITHDRAWN]
PROPOSED_STATES = [ApplicationState.OFFERED, ApplicationState.ACCEPTED, ApplicationState.COMPLETED]


def administered_cohorts(user) -> list[Cohort]:
    """Cohorts of the programmes the person administers (all for a superuser), with counts (one query)."""
    cohorts = Cohort.objects.select_related("programme")
    if not user.is_superuser:
        cohorts = cohorts.filter(programme__slug__in=user.administered_programme_slugs)
    return list(
        cohorts.annotate(
            under_review=Count("applications", filter=Q(applications__state=ApplicationState.UNDER_REVIEW)),
            waiting=Count("applications", filter=Q(applications__state=ApplicationState.WAITING_LIST)),
        ).order_by("programme__position", "-starts_on", "pk")
    )


def _submitted_applications(cohort: Cohort) -> QuerySet[Application]:
    """The cohort's applications that have been sent (no drafts), oldest first, with the applicant's profile."""
    return (
        Application.objects.filter(cohort=cohort)
        .exclude(state=ApplicationState.DRAFT)
        .select_related(
            "applicant__profile__profession",
            "applicant__profile__organisation",
            "applicant__profile__borough",
            "applicant__profile__leader_group",
            "priority_function",
        )
        .order_by("submitted_at", "pk")
    )


def cohort_applications(cohort: Cohort) -> list[Application]:
    """Every application on the cohort with the applicant's profile (one query). Equality-monitoring
    answers are never read here."""
    return list(_submitted_applications(cohort))


COMPOSITION_DIMENSIONS = [
    ("Profession", lambda p: p.profession.name if p and p.profession_id else "Not given"),
    (
        "Organisation type",
        lambda p: p.organisation.get_org_type_display() if p and p.organisation_id else "Not given",
    ),
    ("Borough", lambda p: p.borough.name if p and p.borough_id else "Across south east London or not given"),
    ("Leader group", lambda p: p.leader_group.name if p and p.leader_group_id else "Not given"),
]


def composition(applications: list[Application]) -> list[dict]:
    """The proposed cohort (offered, accepted, completed) against the applicant pool, by profession,
    organisation type, borough and leader group. Counts only: no equality data, nobody named."""
    pool = [a for a in applications if a.state not in POOL_EXCLUDED]
    proposed = [a for a in pool if a.state in PROPOSED_STATES]
    tables = []
    for label, key in COMPOSITION_DIMENSIONS:
        rows: dict[str, list[int]] = {}
        for application in pool:
            profile = getattr(application.applicant, "profile", None)
            rows.setdefault(key(profile), [0, 0])[0] += 1
        for application in proposed:
            profile = getattr(application.applicant, "profile", None)
            rows.setdefault(key(profile), [0, 0])[1] += 1
        tables.append(
            {
                "label": label,
                "rows": sorted(
                    ((name, counts[0], counts[1]) for name, counts in rows.items()), key=lambda r: (-r[1], r[0])
                ),
                "pool": len(pool),
                "proposed": len(proposed),
            }
        )
    return tables


ROSTER_HEADERS = [
    "Name", "Email", "Status", "Job title", "Profession", "Organisation", "Borough", "Leader group",
    "Priority function", "Line manager or sponsor", "Line manager or sponsor email", "Protected time confirmed by",
]


def roster_rows(applications: list[Application]):
    """The roster download's rows. Access needs are never in it: it is shared beyond the programme admins."""
    for application in applications:
        user = application.applicant
        profile = getattr(user, "profile", None)
        yield [
            user.get_full_name(),
            user.email,
            application.display.name,
            profile.job_title if profile else "",
            profile.profession.name if profile and profile.profession_id else "",
            profile.organisation.name if profile and profile.organisation_id else "",
            profile.borough.name if profile and profile.borough_id else "",
            profile.leader_group.name if profile and profile.leader_group_id else "",
            application.priority_function.name if application.priority_function_id else "",
            application.line_manager_name,
            application.line_manager_email,
            application.get_release_route_display() if application.release_route else "",
        ]




# --- programme admins create programmes -------------------------------------------------------------


def administered_programmes(user) -> list[Programme]:
    """The programmes the person runs (all for a superuser), with how many cohorts each has (one query)."""
    programmes = Programme.objects.all()
    if not user.is_superuser:
        programmes = programmes.filter(slug__in=user.administered_programme_slugs)
    return list(programmes.annotate(cohort_count=Count("cohorts")).order_by("position", "name"))


# --- roster pagination (the shared code is in application_lists, which the panel's review page uses too) ---

def application_state_filters() -> list[tuple[str, str]]:
    """The states an application on the cohort page can be filtered by (drafts are never shown there). The
    line manager's state holds sponsors' applications too, and says so."""
    return [
        (value, "Waiting for line manager or sponsor" if value == ApplicationState.AWAITING_LINE_MANAGER else label)
        for value, label in ApplicationState.choices
        if value != ApplicationState.DRAFT
    ]


def cohort_applications_page(
    cohort: Cohort, page_number, per_page: int = ROSTER_PAGE_SIZE, order: str = "earliest", state: str = "",
) -> Page:
    """One page of the cohort's applications (as :func:`cohort_applications`), sorted, filtered and with
    panel scores as :func:`application_lists.ordered_page` says (three queries)."""
    return ordered_page(
        _submitted_applications(cohort), page_number, order=order, state=state,
        states=application_state_filters(), per_page=per_page,
    )


def cohort_composition(cohort: Cohort) -> list[dict]:
    """:func:`composition` counted in the database, so the cohort page does not load every application to
    show the composition: one query, the union of one grouped count per dimension, so it returns a row per
    category (a few dozen), not a row per application. Counts only: no equality data, nobody named."""
    dimensions = [
        ("Profession", "applicant__profile__profession__name", "Not given"),
        ("Organisation type", "applicant__profile__organisation__org_type", "Not given"),
        ("Borough", "applicant__profile__borough__name", "Across south east London or not given"),
        ("Leader group", "applicant__profile__leader_group__name", "Not given"),
    ]
    pool_qs = Application.objects.filter(cohort=cohort).exclude(state__in=POOL_EXCLUDED)
    proposed = Q(state__in=PROPOSED_STATES)
    grouped = [
        pool_qs.annotate(dimension=Value(index, output_field=IntegerField()), key=Cast(path, CharField()))
        .values("dimension", "key")
        .annotate(n=Count("pk"), chosen=Count("pk", filter=proposed))
        .order_by()
        for index, (_, path, _) in enumerate(dimensions)
    ]
    rows = list(grouped[0].union(*grouped[1:], all=True))
    org_types = dict(OrganisationType.choices)
    first = [r for r in rows if r["dimension"] == 0]
    pool = sum(r["n"] for r in first)
    chosen = sum(r["chosen"] for r in first)
    tables = []
    for index, (name, path, missing) in enumerate(dimensions):
        counts: dict[str, list[int]] = {}
        for row in rows:
            if row["dimension"] != index:
                continue
            key = row["key"]
            label = (org_types.get(key, key) if path.endswith("org_type") else key) if key else missing
            entry = counts.setdefault(label, [0, 0])
            entry[0] += row["n"]
            entry[1] += row["chosen"]
        tables.append(
            {
                "label": name,
                "rows": sorted(((k, c[0], c[1]) for k, c in counts.items()), key=lambda r: (-r[1], r[0])),
                "pool": pool,
                "proposed": chosen,
            }
        )
    return tables

def cohort_faculty(cohort: Cohort) -> list[CohortFaculty]:
    return list(CohortFaculty.objects.filter(cohort=cohort).select_related("user"))


# --- cohort messages -----------------------------------------------------------------------------------

# Who a cohort message goes to: everyone with a place (accepted, suspended or completed).
MESSAGE_STATES = frozenset({ApplicationState.ACCEPTED, ApplicationState.SUSPENDED, ApplicationState.COMPLETED})


def message_recipient_count(cohort: Cohort) -> int:
    """How many people a message to the cohort would reach now (one query), shown before it is sent."""
    return Application.objects.filter(cohort=cohort, state__in=MESSAGE_STATES).count()

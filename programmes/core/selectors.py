"""Reads for the cohort engine, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import LeaderGroup, PriorityFunction
from programmes.core.catalogue import OFFER_HOMES, OFFER_SOURCES, OpenOffer
from programmes.core.models import (
    Application,
    ApplicationScore,
    ApplicationState,
    ApplicationTransition,
    Attendance,
    AttendanceStatus,
    CalendarFeed,
    Certificate,
    Cohort,
    CohortFaculty,
    Programme,
    Reflection,
    ReflectionReply,
    Session,
)


def own_applications(user) -> QuerySet[Application]:
    """A person's applications and bookings, newest first (one query)."""
    return (
        Application.objects.filter(applicant=user)
        .select_related("cohort__programme")
        .order_by("-created_at", "-pk")
    )


def own_application(user, pk: int) -> Application:
    """One of the person's own applications with its history (two queries); 404 for anyone else's."""
    application = (
        Application.objects.filter(applicant=user, pk=pk)
        .select_related("cohort__programme", "priority_function", "certificate")
        .prefetch_related(
            Prefetch("transitions", queryset=ApplicationTransition.objects.select_related("actor").order_by("at", "pk"))
        )
        .first()
    )
    if application is None:
        raise Http404("No such application")
    return application


# --- the catalogue ----------------------------------------------------------------------------------


def open_cohorts_q(now=None) -> Q:
    """Published cohorts taking applications or bookings now."""
    now = now or timezone.now()
    return (
        Q(published=True, ends_on__gte=timezone.localdate(now))
        & (Q(applications_open__isnull=True) | Q(applications_open__lte=now))
        & (Q(applications_close__isnull=True) | Q(applications_close__gt=now))
    )


@dataclass
class CatalogueEntry:
    programme: Programme
    cohorts: list[Cohort] = field(default_factory=list)
    offers: list[OpenOffer] = field(default_factory=list)  # open offers that are not cohorts (catalogue.py)

    @property
    def url(self) -> str:
        """The programme's page; a programme with only other offers (a fund) has its own home page."""
        if not self.cohorts and self.programme.slug in OFFER_HOMES:
            return reverse(OFFER_HOMES[self.programme.slug])
        return reverse("programmes:programme", args=[self.programme.slug])

    @property
    def formats(self) -> list[str]:
        return sorted({c.get_delivery_format_display() for c in self.cohorts})

    @property
    def next_cohort(self) -> Cohort:
        return min(self.cohorts, key=lambda c: (c.starts_on, c.pk))

    @property
    def time_commitments(self) -> list[str]:
        seen: list[str] = []
        for cohort in sorted(self.cohorts, key=lambda c: (c.starts_on, c.pk)):
            if cohort.time_commitment not in seen:
                seen.append(cohort.time_commitment)
        return seen


def catalogue(
    *, leader_group=None, delivery_format: str = "", priority_function=None, now=None
) -> list[CatalogueEntry]:
    """Programmes with something open now, each with its open cohorts, filtered. Three queries, whatever
    the number of programmes, cohorts or applications."""
    cohorts = Cohort.objects.filter(open_cohorts_q(now)).select_related("programme")
    if leader_group is not None:
        cohorts = cohorts.filter(target_groups=leader_group)
    if delivery_format:
        cohorts = cohorts.filter(delivery_format=delivery_format)
    if priority_function is not None:
        cohorts = cohorts.filter(priority_functions=priority_function)
    entries: dict[int, CatalogueEntry] = {}
    for cohort in cohorts.order_by("programme__position", "starts_on", "pk").distinct():
        entries.setdefault(cohort.programme_id, CatalogueEntry(cohort.programme)).cohorts.append(cohort)
    if not delivery_format:  # offers that are not cohorts have no format: a format filter leaves them out
        _add_open_offers(entries, leader_group, timezone.now() if now is None else now)
    ordered = sorted(entries.values(), key=lambda entry: (entry.programme.position, entry.programme.name))
    programmes = [entry.programme for entry in ordered]
    prefetch_related_objects(programmes, Prefetch("target_groups", queryset=LeaderGroup.objects.order_by("position")))
    return ordered


def _add_open_offers(entries: dict[int, CatalogueEntry], leader_group, now) -> None:
    """Programmes whose open offers are not cohorts (a Challenge Fund round): one query for their programmes,
    then one for each registered source, whatever the data."""
    if not OFFER_SOURCES:
        return
    programmes = Programme.objects.filter(slug__in=OFFER_SOURCES)
    if leader_group is not None:
        programmes = programmes.filter(target_groups=leader_group)
    for programme in programmes:
        offers = OFFER_SOURCES[programme.slug](now)
        if offers:
            entries.setdefault(programme.pk, CatalogueEntry(programme)).offers.extend(offers)


def programme_cohorts(programme: Programme, now=None) -> list[Cohort]:
    """A programme's published cohorts that have not finished, open ones first (one query)."""
    today = timezone.localdate(now)
    return list(
        Cohort.objects.filter(programme=programme, published=True, ends_on__gte=today)
        .select_related("programme")
        .order_by("offer_type", "starts_on", "pk")
    )


def cohort_for_page(user, pk: int) -> Cohort:
    """A published cohort (unpublished ones only for the programme's admins), with its sessions, groups
    and functions (four queries)."""
    cohort = (
        Cohort.objects.filter(pk=pk)
        .select_related("programme")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at")),
            Prefetch("target_groups", queryset=LeaderGroup.objects.order_by("position")),
            Prefetch("priority_functions", queryset=PriorityFunction.objects.order_by("number")),
        )
        .first()
    )
    if cohort is None or not (cohort.published or user.has_perm("programmes.manage_cohort", cohort)):
        raise Http404("No such cohort")
    return cohort


def own_application_for(user, cohort: Cohort) -> Application | None:
    if not user.is_authenticated:
        return None
    return Application.objects.filter(applicant=user, cohort=cohort).first()


# --- My Academy: sessions and the calendar feed --------------------------------------------------------

ATTENDING_STATES = [ApplicationState.ACCEPTED, ApplicationState.COMPLETED]


def own_sessions(user, *, upcoming_only: bool = True, now=None) -> list[Session]:
    """Sessions of the cohorts where the person has a place (one query)."""
    sessions = Session.objects.filter(
        cohort__applications__applicant=user, cohort__applications__state__in=ATTENDING_STATES
    ).select_related("cohort__programme")
    if upcoming_only:
        sessions = sessions.filter(ends_at__gte=now or timezone.now())
    return list(sessions.order_by("starts_at", "pk").distinct())


def own_session(user, pk: int) -> Session:
    """A session the person has a place at (one query); 404 otherwise."""
    session = (
        Session.objects.filter(
            pk=pk, cohort__applications__applicant=user, cohort__applications__state__in=ATTENDING_STATES
        )
        .select_related("cohort__programme")
        .first()
    )
    if session is None:
        raise Http404("No such session")
    return session


def feed_user(token: str):
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed")
    return feed.user


def own_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


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
    "Priority function", "Line manager", "Line manager email",
]


def roster_rows(applications: list[Application]):
    for application in applications:
        user = application.applicant
        profile = getattr(user, "profile", None)
        yield [
            user.get_full_name(),
            user.email,
            application.get_state_display(),
            profile.job_title if profile else "",
            profile.profession.name if profile and profile.profession_id else "",
            profile.organisation.name if profile and profile.organisation_id else "",
            profile.borough.name if profile and profile.borough_id else "",
            profile.leader_group.name if profile and profile.leader_group_id else "",
            application.priority_function.name if application.priority_function_id else "",
            application.line_manager_name,
            application.line_manager_email,
        ]


# --- attendance, completion, certificates ---------------------------------------------------------------

PARTICIPANT_STATES = [ApplicationState.ACCEPTED, ApplicationState.SUSPENDED, ApplicationState.COMPLETED]


def session_for_admin(pk: int) -> Session:
    return Session.objects.select_related("cohort__programme").get(pk=pk)


def attendance_sheet(session: Session) -> list[tuple[Application, str]]:
    """Participants of the session's cohort with their recorded status ('' if none), by name (two queries)."""
    participants = list(
        Application.objects.filter(cohort_id=session.cohort_id, state__in=PARTICIPANT_STATES)
        .select_related("applicant")
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )
    recorded = dict(Attendance.objects.filter(session=session).values_list("application_id", "status"))
    return [(application, recorded.get(application.pk, "")) for application in participants]


def completion_rows(cohort: Cohort) -> tuple[list[dict], int, int]:
    """Each participant with sessions attended and whether their final reflection is written, against
    the cohort's rule, and any certificate (two queries). Returns (rows, sessions in the cohort, sessions needed)."""
    total = cohort.sessions.count()
    needed = -(-total * cohort.completion_percent // 100)
    from programmes.core.services.completion import final_reflection_exists

    participants = (
        Application.objects.filter(cohort=cohort, state__in=PARTICIPANT_STATES)
        .select_related("applicant", "certificate")
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            has_final=final_reflection_exists(),
        )
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )
    rows = []
    for application in participants:
        attendance_met = total > 0 and application.attended >= needed
        final_met = application.has_final or not cohort.requires_final_reflection
        rows.append(
            {
                "application": application,
                "attended": application.attended,
                "percent": round(100 * application.attended / total) if total else 0,
                "attendance_met": attendance_met,
                "has_final": application.has_final,
                "meets_rule": attendance_met and final_met,
                "certificate": getattr(application, "certificate", None),
            }
        )
    return rows, total, needed


def certificate_by_code(code: str) -> Certificate:
    certificate = (
        Certificate.objects.filter(code=code)
        .select_related("application__applicant", "application__cohort__programme")
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def own_certificate(user, application_pk: int) -> Certificate:
    certificate = (
        Certificate.objects.filter(application_id=application_pk, application__applicant=user)
        .select_related("application__applicant", "application__cohort__programme")
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


# --- panel review ------------------------------------------------------------------------------------

SCORABLE_STATES = [ApplicationState.UNDER_REVIEW, ApplicationState.WAITING_LIST]


def review_cohorts(user) -> list[Cohort]:
    """Cohorts with applications to score: every programme for panel members and superusers, their own
    programmes for programme admins (one query)."""
    cohorts = Cohort.objects.select_related("programme")
    if not (user.is_superuser or user.has_role("reviewer")):
        cohorts = cohorts.filter(programme__slug__in=user.administered_programme_slugs)
    return list(
        cohorts.annotate(
            to_score=Count("applications", filter=Q(applications__state__in=SCORABLE_STATES), distinct=True),
            scored_by_me=Count(
                "applications__scores",
                filter=Q(applications__state__in=SCORABLE_STATES, applications__scores__reviewer=user),
                distinct=True,
            ),
        )
        .filter(to_score__gt=0)
        .order_by("programme__position", "starts_on", "pk")
    )


def review_applications(user, cohort: Cohort) -> list[Application]:
    """Applications on the cohort to score, with the person's own score as ``my_scores`` (two queries)."""
    return list(
        Application.objects.filter(cohort=cohort, state__in=SCORABLE_STATES)
        .exclude(applicant=user)
        .select_related("applicant__profile__profession", "applicant__profile__organisation", "priority_function")
        .prefetch_related(
            Prefetch("scores", queryset=ApplicationScore.objects.filter(reviewer=user), to_attr="my_scores")
        )
        .order_by("submitted_at", "pk")
    )


def with_scores(applications: list[Application]) -> list[Application]:
    """Attach every panel member's score (``panel_scores``) and their mean (``mean_score``): one query."""
    prefetch_related_objects(
        applications,
        Prefetch("scores", queryset=ApplicationScore.objects.select_related("reviewer"), to_attr="panel_scores"),
    )
    for application in applications:
        scores = [s.score for s in application.panel_scores]
        application.mean_score = round(sum(scores) / len(scores), 1) if scores else None
    return applications


# --- action learning sets and quads ---------------------------------------------------------------

GROUP_MEMBER_RELATED = (
    "applicant__profile__organisation", "applicant__profile__profession", "applicant__profile__borough"
)


def group_participants(cohort: Cohort) -> list[Application]:
    """The cohort's current participants (accepted or completed), with what grouping needs (one query)."""
    from programmes.core.grouping import GROUP_STATES

    return list(
        Application.objects.filter(cohort=cohort, state__in=GROUP_STATES)
        .select_related(*GROUP_MEMBER_RELATED)
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )


def _group_members_prefetch():
    from programmes.core.grouping import GROUP_STATES
    from programmes.core.models import LearningGroupMember

    return Prefetch(
        "memberships",
        queryset=LearningGroupMember.objects.filter(application__state__in=GROUP_STATES)
        .select_related(*(f"application__{path}" for path in GROUP_MEMBER_RELATED))
        .order_by("application__applicant__last_name", "application__applicant__first_name", "pk"),
        to_attr="current_members",
    )


def cohort_groups(cohort: Cohort) -> list:
    """The cohort's saved learning groups with their current members and each group's mix (two queries)."""
    from programmes.core.models import LearningGroup

    groups = list(
        LearningGroup.objects.filter(cohort=cohort)
        .select_related("priority_function")
        .prefetch_related(_group_members_prefetch())
        .order_by("number")
    )
    for group in groups:
        group.mix = group_mix([m.application for m in group.current_members])
    return groups


def own_groups(user) -> list:
    """The learning groups a person is in through a current place, with the other members (two queries)."""
    from programmes.core.grouping import GROUP_STATES
    from programmes.core.models import LearningGroup

    return list(
        LearningGroup.objects.filter(
            memberships__application__applicant=user, memberships__application__state__in=GROUP_STATES
        )
        .select_related("cohort", "priority_function")
        .prefetch_related(_group_members_prefetch())
        .order_by("cohort__starts_on", "number")
    )


def learning_group(pk: int):
    from programmes.core.models import LearningGroup

    return get_object_or_404(
        LearningGroup.objects.select_related("cohort__programme", "priority_function"), pk=pk
    )


def group_mix(applications: list[Application]) -> dict:
    """A group's mix: the people, and how many share an organisation, profession or borough."""
    from programmes.core.grouping import grouping_person, repeats

    counts = repeats([grouping_person(a) for a in applications])
    return {
        "size": len(applications),
        "organisation": counts["organisation"],
        "profession": counts["profession"],
        "borough": counts["borough"],
        "total": sum(counts.values()),
    }


def proposal_groups(participants: list[Application], assignment: dict[int, int], count: int) -> list[dict]:
    """An unsaved proposal laid out for the page: for each group number, its members and mix."""
    groups = [{"number": n, "members": []} for n in range(1, count + 1)]
    for application in participants:
        groups[assignment[application.pk] - 1]["members"].append(application)
    for group in groups:
        group["mix"] = group_mix(group["members"])
    return groups


# --- programme admins create programmes -------------------------------------------------------------


def administered_programmes(user) -> list[Programme]:
    """The programmes the person runs (all for a superuser), with how many cohorts each has (one query)."""
    programmes = Programme.objects.all()
    if not user.is_superuser:
        programmes = programmes.filter(slug__in=user.administered_programme_slugs)
    return list(programmes.annotate(cohort_count=Count("cohorts")).order_by("position", "name"))


# --- roster pagination --------------------------------------------------------------------------------

ROSTER_PAGE_SIZE = 50


def all_programmes() -> QuerySet[Programme]:
    """Every programme in the catalogue's order, for upper layers (spend records, dashboards)."""
    return Programme.objects.order_by("position", "name")


def cohort_applications_page(cohort: Cohort, page_number, per_page: int = ROSTER_PAGE_SIZE) -> Page:
    """One page of the cohort's applications (as :func:`cohort_applications`), with panel scores: a
    count query, the page's rows, and their scores."""
    page = Paginator(_submitted_applications(cohort), per_page).get_page(page_number)
    page.object_list = with_scores(list(page.object_list))
    return page


def cohort_composition(cohort: Cohort) -> list[dict]:
    """:func:`composition` counted in the database (one grouped query), so the cohort page does not load
    every application to show the composition. Counts only: no equality data, nobody named."""
    from academy.directory.models import OrganisationType

    rows = list(
        Application.objects.filter(cohort=cohort)
        .exclude(state__in=POOL_EXCLUDED)
        .values(
            "state",
            "applicant__profile__pk",
            "applicant__profile__profession__name",
            "applicant__profile__organisation__org_type",
            "applicant__profile__borough__name",
            "applicant__profile__leader_group__name",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    has_profile = "applicant__profile__pk"

    def label(row, field, missing):
        return row[field] if row[has_profile] is not None and row[field] is not None else missing

    dimensions = [
        ("Profession", lambda r: label(r, "applicant__profile__profession__name", "Not given")),
        (
            "Organisation type",
            lambda r: OrganisationType(r["applicant__profile__organisation__org_type"]).label
            if r[has_profile] is not None and r["applicant__profile__organisation__org_type"]
            else "Not given",
        ),
        ("Borough", lambda r: label(r, "applicant__profile__borough__name", "Across south east London or not given")),
        ("Leader group", lambda r: label(r, "applicant__profile__leader_group__name", "Not given")),
    ]
    pool = sum(r["n"] for r in rows)
    proposed = sum(r["n"] for r in rows if r["state"] in PROPOSED_STATES)
    tables = []
    for name, key in dimensions:
        counts: dict[str, list[int]] = {}
        for row in rows:
            entry = counts.setdefault(key(row), [0, 0])
            entry[0] += row["n"]
            if row["state"] in PROPOSED_STATES:
                entry[1] += row["n"]
        tables.append(
            {
                "label": name,
                "rows": sorted(((k, c[0], c[1]) for k, c in counts.items()), key=lambda r: (-r[1], r[0])),
                "pool": pool,
                "proposed": proposed,
            }
        )
    return tables


# --- the learning log ---------------------------------------------------------------------------------

LOG_STATES = [ApplicationState.ACCEPTED, ApplicationState.COMPLETED]


@dataclass
class LogSession:
    session: Session
    reflection: Reflection | None
    started: bool


@dataclass
class LearningLog:
    """One cohort's page of a person's learning log: a line per session, and the final reflection."""

    cohort: Cohort
    sessions: list[LogSession] = field(default_factory=list)
    final: Reflection | None = None

    @property
    def written(self) -> int:
        return sum(1 for line in self.sessions if line.reflection is not None)


def _with_reply_counts(reflections: QuerySet[Reflection]) -> QuerySet[Reflection]:
    return reflections.annotate(reply_count=Count("replies"))


def learning_log(user, applications: list[Application] | None = None, now=None) -> list[LearningLog]:
    """The person's learning log for every cohort they have a place on (accepted or completed), newest
    cohort first: sessions, their reflections with reply counts, and the final reflection. Three queries
    (two when given the person's applications from :func:`own_applications`), whatever the number of
    cohorts, sessions or reflections."""
    now = now or timezone.now()
    if applications is None:
        applications = list(own_applications(user))
    places = sorted(
        (a for a in applications if a.state in LOG_STATES), key=lambda a: (a.cohort.starts_on, a.pk), reverse=True
    )
    if not places:
        return []
    logs = {place.cohort_id: LearningLog(place.cohort) for place in places}
    reflections = _with_reply_counts(
        Reflection.objects.filter(author=user, cohort_id__in=list(logs))
    )
    by_session: dict[int, Reflection] = {}
    for reflection in reflections:
        if reflection.session_id is None:
            logs[reflection.cohort_id].final = reflection
        else:
            by_session[reflection.session_id] = reflection
    for session in Session.objects.filter(cohort_id__in=list(logs)).order_by("starts_at", "pk"):
        logs[session.cohort_id].sessions.append(
            LogSession(session, by_session.get(session.pk), session.starts_at <= now)
        )
    return list(logs.values())


def own_place(user, cohort_pk: int) -> Application:
    """The person's place (accepted or completed) on a cohort, with the cohort (one query); 404 otherwise."""
    place = (
        Application.objects.filter(applicant=user, cohort_id=cohort_pk, state__in=LOG_STATES)
        .select_related("cohort__programme")
        .first()
    )
    if place is None:
        raise Http404("No such cohort")
    return place


def own_reflection(user, cohort: Cohort, session: Session | None) -> Reflection | None:
    return Reflection.objects.filter(author=user, cohort=cohort, session=session).first()


def is_faculty(user) -> bool:
    return bool(user.is_authenticated and CohortFaculty.objects.filter(user=user).exists())


def shared_reflections_q(user) -> Q:
    """Shared reflections the person may read: from cohorts they are faculty or a coach of, and, for a
    programme admin, from their programmes' cohorts. Private ones are never included."""
    taught = CohortFaculty.objects.filter(user=user).values("cohort_id")
    allowed = Q(cohort_id__in=taught)
    slugs = user.administered_programme_slugs
    if slugs:
        allowed |= Q(cohort__programme__slug__in=slugs)
    return Q(shared=True) & allowed


def shared_with(user) -> list[Reflection]:
    """Reflections shared with the person, most recently active first, with reply counts, whether they
    have replied, and who wrote the last reply (two queries at most)."""
    return list(
        _with_reply_counts(Reflection.objects.filter(shared_reflections_q(user)))
        .annotate(
            replied=Exists(ReflectionReply.objects.filter(reflection=OuterRef("pk"), author=user)),
            last_reply_by=Subquery(
                ReflectionReply.objects.filter(reflection=OuterRef("pk"))
                .order_by("-created_at", "-pk")
                .values("author_id")[:1]
            ),
        )
        .select_related("author", "cohort__programme", "session")
        .order_by("-updated_at", "-pk")
    )


def readable_reflection(user, pk: int) -> Reflection:
    """A reflection the person may read, with its thread (three queries at most): their own, or one
    shared with them. 404 for anyone else, so nobody learns a private reflection exists."""
    visible = Q(author=user) | shared_reflections_q(user)
    reflection = (
        Reflection.objects.filter(visible, pk=pk)
        .select_related("author", "cohort__programme", "session")
        .prefetch_related(Prefetch("replies", queryset=ReflectionReply.objects.select_related("author")))
        .first()
    )
    if reflection is None:
        raise Http404("No such reflection")
    return reflection


def cohort_faculty(cohort: Cohort) -> list[CohortFaculty]:
    return list(CohortFaculty.objects.filter(cohort=cohort).select_related("user"))

"""Reads for the learning log: a person's own reflections, and those shared with faculty and coaches."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from programmes.core.models import (
    Application,
    ApplicationState,
    Cohort,
    CohortFaculty,
    Reflection,
    ReflectionReply,
    Session,
)
from programmes.core.selectors.leader import own_applications

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
    final_open: bool = False  # the final reflection opens once the cohort's last session has ended

    @property
    def final_opens_at(self):
        """When the cohort's last session ends (None with no sessions)."""
        return max((line.session.ends_at for line in self.sessions), default=None)

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
    for log in logs.values():
        log.final_open = log.final_opens_at is not None and log.final_opens_at <= now
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

"""Every write of the network's coaching, pull not push: the coaching lead's pool of accredited coaches, a
leader's request (made when they are ready, withdrawn at any time), the lead offering it to a coach with
room, the coach accepting or declining, the coach's log of sessions (dates and counts only) and the
no-fault end.

Each service takes the acting person, runs in one transaction and checks permission. A coach's places are
held with row locks, parent first: the coach, then the request."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date
from programmes.core.presenters import site_url
from programmes.network.models import (
    COACH_PLACE_STATES,
    PROGRAMME_SLUG,
    AccreditationBody,
    Coach,
    CoachingFor,
    CoachingFormat,
    CoachingRequest,
    CoachingSession,
    CoachingState,
    CoachingUrgency,
    CoachStatus,
    MembershipState,
)
from programmes.network.rules import ensure_coaching_lead

MAX_COACH_CAPACITY = 10
MAX_TEAM_SIZE = 50
MAX_SESSIONS_A_DAY = 5


def _signed_in(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied


def _choice(field: str, value: str, choices, message: str) -> None:
    if value not in choices.values:
        raise ValidationError({field: message})


def _name(user) -> str:
    return user.get_full_name() or user.email


def _detail_url(request: CoachingRequest) -> str:
    return reverse("network:coaching_detail", args=[request.pk])


# --- the pool of coaches ------------------------------------------------------------------------------


def _check_coach_fields(accreditation_body: str, accreditation_level: str, capacity: int, status: str) -> None:
    _choice("accreditation_body", accreditation_body, AccreditationBody, "Choose the body that accredits the coach.")
    _choice("status", status, CoachStatus, "Say whether the coach is taking on coachees or paused.")
    if not accreditation_level.strip():
        raise ValidationError({"accreditation_level": "Give the coach's level of accreditation."})
    if not 1 <= int(capacity) <= MAX_COACH_CAPACITY:
        raise ValidationError({"capacity": f"A coach can take between 1 and {MAX_COACH_CAPACITY} coachees at once."})


def add_coach(actor, *, person, accreditation_body: str, accreditation_level: str, specialisms: str = "",
              capacity: int = 2, status: str = CoachStatus.ACTIVE) -> Coach:
    """The coaching lead adds an accredited coach to the pool."""
    ensure_coaching_lead(actor)
    _check_coach_fields(accreditation_body, accreditation_level, capacity, status)
    try:
        with transaction.atomic():
            return Coach.objects.create(
                person=person, accreditation_body=accreditation_body, accreditation_level=accreditation_level,
                specialisms=specialisms, capacity=capacity, status=status, added_by=workflow.user_or_none(actor),
            )
    except IntegrityError as exc:
        raise ValidationError({"person": "This person is already in the pool of coaches."}) from exc


def update_coach(actor, coach: Coach, *, accreditation_body: str, accreditation_level: str, specialisms: str,
                 capacity: int, status: str) -> Coach:
    """The coaching lead changes a coach's credentials, capacity, or pauses them (coaching already under
    way goes on; a lower capacity only stops new offers)."""
    ensure_coaching_lead(actor)
    _check_coach_fields(accreditation_body, accreditation_level, capacity, status)
    with transaction.atomic():
        coach = Coach.objects.select_for_update().get(pk=coach.pk)
        coach.accreditation_body, coach.accreditation_level = accreditation_body, accreditation_level
        coach.specialisms, coach.capacity, coach.status = specialisms, capacity, status
        coach.save()
    return coach


def places_taken(coach: Coach) -> int:
    return CoachingRequest.objects.filter(coach=coach, state__in=COACH_PLACE_STATES).count()


# --- the leader's request -----------------------------------------------------------------------------


def request_coaching(actor, *, for_whom: str, what_for: str, urgency: str, format: str,  # noqa: A002
                     team_size: int | None = None) -> CoachingRequest:
    """A network member asks for coaching, for themselves or their team, when they are ready."""
    _signed_in(actor)
    _choice("for_whom", for_whom, CoachingFor, "Say whether the coaching is for you or your team.")
    _choice("urgency", urgency, CoachingUrgency, "Say how soon you would like to start.")
    _choice("format", format, CoachingFormat, "Choose in person, online, or either.")
    if not what_for.strip():
        raise ValidationError({"what_for": "Say in a sentence what you would like coaching for."})
    if for_whom == CoachingFor.TEAM:
        if team_size is None or not 2 <= int(team_size) <= MAX_TEAM_SIZE:
            raise ValidationError({"team_size": f"Say how many people are in the team, between 2 and {MAX_TEAM_SIZE}."})
    else:
        team_size = None
    if not actor.network_memberships.filter(state=MembershipState.ACCEPTED).exists():
        raise ValidationError("Coaching is for members of the network: join the network first.")
    try:
        with transaction.atomic():
            request = CoachingRequest.objects.create(
                requester=actor, for_whom=for_whom, team_size=team_size, what_for=what_for.strip(),
                urgency=urgency, format=format,
            )
            workflow.start(request, actor, note="Asked for coaching")
    except IntegrityError as exc:
        what = "your team" if for_whom == CoachingFor.TEAM else "yourself"
        raise ValidationError(f"You have already asked for coaching for {what}.") from exc
    return request


def withdraw(actor, request: CoachingRequest) -> CoachingRequest:
    """The leader withdraws a request that has not started (waiting, or offered to a coach)."""
    _signed_in(actor)
    with transaction.atomic():
        request = CoachingRequest.objects.select_for_update().get(pk=request.pk)
        if actor.pk != request.requester_id:
            raise PermissionDenied
        request.withdrawn_at = timezone.now()
        workflow.move(request, CoachingState.WITHDRAWN, actor, update_fields=["withdrawn_at"])
    return request


# --- the coaching lead assigns, the coach answers --------------------------------------------------------


def coaches_with_room(request: CoachingRequest) -> list[Coach]:
    """Active coaches with a place free who are not the requester and have not declined this request
    (two queries: the coaches with their places taken, and the ones who declined)."""
    declined = set(request.declined_by.values_list("pk", flat=True))
    coaches = (
        Coach.objects.filter(status=CoachStatus.ACTIVE).exclude(person_id=request.requester_id)
        .select_related("person")
        .annotate(taken=Count("requests", filter=Q(requests__state__in=COACH_PLACE_STATES)))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    return [c for c in coaches if c.taken < c.capacity and c.pk not in declined]


def assign(actor, request: CoachingRequest, coach: Coach) -> CoachingRequest:
    """The coaching lead offers a waiting request to a coach with a place free. Locks the coach, then the
    request, and counts the coach's places under the lock, so two leads assigning at once never give a
    coach more coachees than their capacity."""
    ensure_coaching_lead(actor)
    with transaction.atomic():
        coach = Coach.objects.select_for_update().select_related("person").get(pk=coach.pk)
        request = CoachingRequest.objects.select_for_update().get(pk=request.pk)
        if request.state != CoachingState.WAITING:
            raise ValidationError("This request is not waiting for a coach any more.")
        if coach.status != CoachStatus.ACTIVE:
            raise ValidationError({"coach": "This coach is paused: choose another coach."})
        if coach.person_id == request.requester_id:
            raise ValidationError({"coach": "A coach cannot coach themselves: choose another coach."})
        if request.declined_by.filter(pk=coach.pk).exists():
            raise ValidationError({"coach": "This coach has already declined this request: choose another coach."})
        if places_taken(coach) >= coach.capacity:
            raise ValidationError({"coach": f"{_name(coach.person)} has no place free: choose another coach."})
        request.coach, request.offered_at = coach, timezone.now()
        request.assigned_by = workflow.user_or_none(actor)
        workflow.move(request, CoachingState.OFFERED, actor, update_fields=["coach", "offered_at", "assigned_by"])
        email_user_after_commit(
            f"network:coaching:offered:{request.pk}:{request.offered_at.timestamp():.0f}",
            "network_coaching_offered",
            coach.person,
            {"url": site_url(_detail_url(request))},
            link=_detail_url(request),
        )
    return request


def _lock_as_coach(actor, request: CoachingRequest) -> tuple[Coach, CoachingRequest]:
    _signed_in(actor)
    coach = Coach.objects.select_for_update().filter(person=actor).first()
    request = CoachingRequest.objects.select_for_update(of=("self",)).select_related("requester").get(pk=request.pk)
    if coach is None or request.coach_id != coach.pk:
        raise PermissionDenied
    return coach, request


def accept(actor, request: CoachingRequest) -> CoachingRequest:
    """The coach accepts: the coaching starts, and both of them are emailed with the other's name and
    address so they can arrange the first session."""
    with transaction.atomic():
        coach, request = _lock_as_coach(actor, request)
        request.accepted_at = timezone.now()
        workflow.move(request, CoachingState.ACTIVE, actor, update_fields=["accepted_at"])
        for to, other, as_coach in ((request.requester, actor, False), (actor, request.requester, True)):
            email_user_after_commit(
                f"network:coaching:started:{request.pk}:{to.pk}",
                "network_coaching_started",
                to,
                {"as_coach": as_coach, "other_name": _name(other), "other_email": other.email,
                 "url": site_url(_detail_url(request))},
                link=_detail_url(request),
            )
    return request


def decline(actor, request: CoachingRequest) -> CoachingRequest:
    """The coach declines, no reason asked: the request waits for the lead to offer it to someone else
    (the lead is told, without the requester's name)."""
    with transaction.atomic():
        coach, request = _lock_as_coach(actor, request)
        request.coach = None
        workflow.move(request, CoachingState.WAITING, actor, note="The coach could not take it on",
                      update_fields=["coach"])
        request.declined_by.add(coach)
        # The coachee is told their request is back with the lead; never which coach could not take it on.
        mine = reverse("network:coaching_detail", args=[request.pk])
        email_user_after_commit(
            f"network:coaching:declined_coachee:{request.pk}:{coach.pk}",
            "network_coaching_finding_another",
            request.requester,
            {"for_team": request.for_whom == CoachingFor.TEAM, "url": site_url(mine)},
            link=mine,
        )
        if request.assigned_by is not None:
            path = reverse("network:coaching_assign", args=[request.pk])
            email_user_after_commit(
                f"network:coaching:declined:{request.pk}:{coach.pk}",
                "network_coaching_declined",
                request.assigned_by,
                {"url": site_url(path)},
                link=path,
            )
    return request


# --- the coaching relationship ---------------------------------------------------------------------------


def log_session(actor, request: CoachingRequest, *, held_on: dt.date, count: int = 1) -> CoachingSession:
    """The coach logs sessions held on a date: the date and how many, nothing else. Not in the future,
    and not before the coaching started."""
    if held_on is None:
        raise ValidationError({"held_on": "Give the date of the session."})
    if not 1 <= int(count) <= MAX_SESSIONS_A_DAY:
        raise ValidationError({"count": f"Log between 1 and {MAX_SESSIONS_A_DAY} sessions for one day."})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The session date must be today or in the past."})
    with transaction.atomic():
        _, request = _lock_as_coach(actor, request)
        if request.state != CoachingState.ACTIVE:
            raise ValidationError("Sessions can be logged only while the coaching is under way.")
        if held_on < timezone.localdate(request.accepted_at):
            raise ValidationError({"held_on": "The session date must be on or after the day the coaching started."})
        return CoachingSession.objects.create(request=request, held_on=held_on, count=count)


def end(actor, request: CoachingRequest) -> CoachingRequest:
    """Either side ends the coaching at any time: no fault and no reason asked (none is stored). The other
    side is told."""
    _signed_in(actor)
    with transaction.atomic():
        request = (
            CoachingRequest.objects.select_for_update(of=("self",))
            .select_related("requester", "coach__person").get(pk=request.pk)
        )
        if request.coach is None or actor.pk not in (request.requester_id, request.coach.person_id):
            raise PermissionDenied
        request.ended_at = timezone.now()
        workflow.move(request, CoachingState.ENDED, actor, update_fields=["ended_at"])
        other = request.coach.person if actor.pk == request.requester_id else request.requester
        email_user_after_commit(
            f"network:coaching:ended:{request.pk}",
            "network_coaching_ended",
            other,
            {"other_name": _name(actor), "url": site_url(reverse("network:coaching"))},
            link=reverse("network:coaching"),
        )
    return request


# --- reminders to the coaching lead ----------------------------------------------------------------------

WAITING_REMINDER_WORKING_DAYS = 5  # a request waiting this many working days (and each such period) reminds


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def working_days_after(start: dt.date, end: dt.date) -> int:
    """How many working days (weekdays that are not England's bank holidays) fall after ``start`` up to and
    including ``end``."""
    days, day = 0, start + dt.timedelta(days=1)
    while day <= end:
        if day.weekday() < 5 and day not in _bank_holidays(day.year):
            days += 1
        day += dt.timedelta(days=1)
    return days


def coaching_leads():
    """The coaching leads: Programme admins of the network, by name (a superuser is not one by being one)."""
    return get_user_model().objects.filter(
        is_active=True, role_assignments__role=Role.PROGRAMME_ADMIN,
        role_assignments__programme__slug=PROGRAMME_SLUG,
    ).distinct().order_by("pk")


def remind_lead_of_waiting(today=None) -> int:
    """Each working day: remind the coaching leads of each request left waiting (no coach offered it) for
    ``WAITING_REMINDER_WORKING_DAYS`` working days since it last began to wait (it was asked, or a coach
    declined it), and again after each further such period. The key names the request, the period and the
    lead, so each reminder goes once however often this runs. The email names nobody. Returns how many
    were newly sent."""
    today = today or timezone.localdate()
    waiting = (
        CoachingRequest.objects.filter(state=CoachingState.WAITING)
        .annotate(since=Coalesce(Max("transitions__at", filter=Q(transitions__to_state=CoachingState.WAITING)),
                                 "created_at"))
        .order_by("pk")
    )
    due = []
    for request in waiting:
        since = timezone.localdate(request.since)
        period = working_days_after(since, today) // WAITING_REMINDER_WORKING_DAYS
        if period >= 1:
            due.append((request, since, period))
    if not due:
        return 0
    leads = list(coaching_leads())
    sent = 0
    for request, since, period in due:
        path = reverse("network:coaching_assign", args=[request.pk])
        for lead in leads:
            with transaction.atomic():
                sent += email_user_after_commit(
                    f"network:coaching:waiting:{request.pk}:{since.isoformat()}:{period}:{lead.pk}",
                    "network_coaching_waiting",
                    lead,
                    {"since": nhs_date(since), "working_days": period * WAITING_REMINDER_WORKING_DAYS,
                     "url": site_url(path)},
                    link=path,
                )
    return sent

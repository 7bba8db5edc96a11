"""Writes for the cohort engine every programme shares.

Every change of an application's state goes through :func:`transition`, which knows the allowed moves,
keeps the cohort's count of held places right under a row lock (the database also refuses more held
places than the capacity), records who moved it and when, and offers a freed place to the next person
on the waiting list.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from academy.accounts.rules import is_admin_of_programme
from academy.notifications import services as notifications
from programmes.core.models import (
    CHECK_IN_MARGIN,
    HOLDING_STATES,
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
    CohortMessage,
    FacultyRole,
    Reflection,
    ReflectionReply,
    SelectionMethod,
    Session,
)

S = ApplicationState

# The only moves an application may make.
ALLOWED: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN, S.ACCEPTED, S.WAITING_LIST}),
    S.SUBMITTED: frozenset({S.AWAITING_LINE_MANAGER, S.UNDER_REVIEW, S.WITHDRAWN}),
    S.AWAITING_LINE_MANAGER: frozenset({S.UNDER_REVIEW, S.UNSUCCESSFUL, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.OFFERED, S.WAITING_LIST, S.UNSUCCESSFUL, S.WITHDRAWN}),
    S.WAITING_LIST: frozenset({S.OFFERED, S.UNSUCCESSFUL, S.WITHDRAWN}),
    S.OFFERED: frozenset({S.ACCEPTED, S.DECLINED, S.LAPSED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.COMPLETED, S.WITHDRAWN, S.SUSPENDED, S.REMOVED}),
    S.SUSPENDED: frozenset({S.ACCEPTED, S.REMOVED, S.WITHDRAWN}),
    S.COMPLETED: frozenset(),
    S.DECLINED: frozenset(),
    S.LAPSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.UNSUCCESSFUL: frozenset(),
    S.REMOVED: frozenset(),
}
# What a person may withdraw from themselves.
WITHDRAWABLE = frozenset(
    {S.SUBMITTED, S.AWAITING_LINE_MANAGER, S.UNDER_REVIEW, S.WAITING_LIST, S.OFFERED, S.ACCEPTED}
)
LINE_MANAGER_SALT = "programmes.core.line-manager"
LINE_MANAGER_MAX_AGE = timedelta(days=21)
CHECK_IN_WINDOW = 60  # seconds: the check-in code changes every minute
log = logging.getLogger(__name__)


class NoPlaceLeft(ValidationError):
    pass


def _ensure_admin(actor, cohort: Cohort) -> None:
    if actor is None:
        return
    if not (actor.is_authenticated and (actor.is_superuser or is_admin_of_programme(actor, cohort.programme))):
        raise PermissionDenied("Only the programme's admins can do this.")


def _ensure_owner(actor, application: Application) -> None:
    if actor is None:
        return
    if not (actor.is_authenticated and actor.pk == application.applicant_id):
        raise PermissionDenied("Only the applicant can do this.")


def can_manage_cohort(user, cohort: Cohort) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or is_admin_of_programme(user, cohort.programme)))


def site_url(path: str) -> str:
    return settings.ACADEMY_SITE_URL + path


def format_deadline(moment) -> str:
    """'5 December 2026 at 5:00pm' in local time."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local.hour % 12 or 12}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def line_manager_email_context(application: Application) -> dict:
    user = application.applicant
    cohort = application.cohort
    return {
        "line_manager_name": application.line_manager_name,
        "applicant_name": user.get_full_name(),
        "cohort": cohort.title,
        "time_commitment": cohort.time_commitment,
        "url": site_url(reverse("programmes:line_manager", args=[line_manager_token(application)])),
    }


# --- the one state service ------------------------------------------------------------------------


# Plain-English words for refusing a move: what the application is now, and what the move would do.
STATE_NOW = {
    S.DRAFT: "still a draft", S.SUBMITTED: "submitted", S.AWAITING_LINE_MANAGER: "waiting for the line manager",
    S.UNDER_REVIEW: "under review", S.OFFERED: "offered a place", S.ACCEPTED: "an accepted place",
    S.DECLINED: "a declined offer", S.LAPSED: "an offer that lapsed", S.WITHDRAWN: "withdrawn",
    S.WAITING_LIST: "on the waiting list", S.UNSUCCESSFUL: "not offered a place", S.COMPLETED: "completed",
    S.SUSPENDED: "suspended", S.REMOVED: "removed from the cohort",
}
MOVE_WORDS = {
    S.DRAFT: "made a draft again", S.SUBMITTED: "submitted", S.AWAITING_LINE_MANAGER: "sent to the line manager",
    S.UNDER_REVIEW: "put under review", S.OFFERED: "offered a place", S.ACCEPTED: "accepted",
    S.DECLINED: "declined", S.LAPSED: "lapsed", S.WITHDRAWN: "withdrawn", S.WAITING_LIST: "put on the waiting list",
    S.UNSUCCESSFUL: "marked not offered a place", S.COMPLETED: "marked completed", S.SUSPENDED: "suspended",
    S.REMOVED: "removed",
}
ALREADY = {
    S.ACCEPTED: "You have already accepted this place.",
    S.DECLINED: "You have already declined this place.",
    S.WITHDRAWN: "This application has already been withdrawn.",
}


def refusal(state: str, to_state: str) -> str:
    """Why an application in ``state`` cannot move to ``to_state``, in words a person can act on."""
    if state == to_state:
        return ALREADY.get(state, f"This application is already {STATE_NOW[S(state)]}.")
    return f"This application is {STATE_NOW[S(state)]}, so it cannot be {MOVE_WORDS[S(to_state)]}."


def transition(
    actor,
    application: Application,
    to_state: str,
    *,
    note: str = "",
    actor_label: str = "",
    now=None,
) -> Application:
    """Move ``application`` to ``to_state`` if that move is allowed, keeping the cohort's held places
    within capacity. Locks the cohort row, then re-reads the application, so concurrent moves queue.
    Raises ValidationError for a move that is not allowed, NoPlaceLeft when the cohort is full."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
        current = Application.objects.select_for_update().get(pk=application.pk)
        if to_state not in ALLOWED[current.state]:
            raise ValidationError(refusal(current.state, to_state))
        was_holding = current.state in HOLDING_STATES
        holds = to_state in HOLDING_STATES
        if holds and not was_holding:
            if cohort.places_held >= cohort.capacity:
                raise NoPlaceLeft("There are no places left on this cohort.")
            # A queryset update: the count is kept by this service (the transitions are its audit
            # trail), so it does not add a row to the cohort's history on every booking.
            Cohort.objects.filter(pk=cohort.pk).update(places_held=F("places_held") + 1)
        elif was_holding and not holds:
            Cohort.objects.filter(pk=cohort.pk).update(places_held=F("places_held") - 1)
        from_state = current.state
        current.state = to_state
        fields = ["state", "updated_at"]
        if to_state == S.OFFERED:
            current.offer_expires_at = now + timedelta(days=cohort.offer_days)
            fields.append("offer_expires_at")
        elif from_state == S.OFFERED:
            current.offer_expires_at = None
            fields.append("offer_expires_at")
        if to_state == S.WAITING_LIST:
            current.waiting_since = now
            fields.append("waiting_since")
        if to_state == S.SUBMITTED:
            current.submitted_at = now
            fields.append("submitted_at")
        current.save(update_fields=fields)
        ApplicationTransition.objects.create(
            application=current,
            from_state=from_state,
            to_state=to_state,
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=actor_label or ("" if actor else "The Academy (automatic)"),
            note=note[:300],
        )
        _after_transition(current, from_state)
        if to_state in {S.WITHDRAWN, S.REMOVED}:
            drop_from_group(current)  # action learning sets: see the block at the end
        if was_holding and not holds:
            cascade(cohort.pk, now=now)
    application.refresh_from_db()
    return application


def _after_transition(application: Application, from_state: str) -> None:
    """Emails that follow a move (recorded now, sent after commit, once per key)."""
    user = application.applicant
    cohort = application.cohort
    context = {
        "first_name": user.first_name,
        "cohort": cohort.title,
        "url": site_url(reverse("programmes:application", args=[application.pk])),
    }
    if application.state == S.OFFERED:
        context["deadline"] = format_deadline(application.offer_expires_at)
        notifications.send_after_commit(
            f"offer:{application.pk}:{application.offer_expires_at.isoformat()}",
            "place_offered",
            user.email,
            context,
            user,
        )
    elif application.state == S.AWAITING_LINE_MANAGER:
        notifications.send_after_commit(
            f"line-manager-request:{application.pk}",
            "line_manager_request",
            application.line_manager_email,
            line_manager_email_context(application),
        )


def cascade(cohort_id: int, now=None) -> int:
    """Offer free places to the people at the front of the waiting list. Returns how many were offered."""
    offered = 0
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort_id)
        if cohort.ends_on < timezone.localdate(now):
            return 0
        free = cohort.capacity - cohort.places_held
        if free <= 0:
            return 0
        waiting = list(
            Application.objects.filter(cohort_id=cohort_id, state=S.WAITING_LIST)
            .select_related("applicant", "cohort")
            .order_by("waiting_since", "pk")[:free]
        )
        for application in waiting:
            transition(None, application, S.OFFERED, note="A place became free: offered from the waiting list", now=now)
            offered += 1
    return offered


# --- leaders ----------------------------------------------------------------------------------------


def _check_window(cohort: Cohort) -> None:
    if not cohort.window_open():
        raise ValidationError("This cohort is not taking applications or bookings now.")


def apply(
    actor,
    cohort: Cohort,
    *,
    answers: list[dict],
    applied_problem: str,
    priority_function=None,
    line_manager_name: str,
    line_manager_email: str,
) -> Application:
    """A leader applies to a cohort with selection. Their line manager is asked to approve protected time."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to apply.")
    if cohort.selection_method != SelectionMethod.SELECTION:
        raise ValidationError("This cohort is booked directly: book a place instead of applying.")
    if line_manager_email.strip().lower() == actor.email.lower():
        raise ValidationError({"line_manager_email": "Enter your line manager's email address, not your own"})
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        _check_application_window(cohort)
        draft = Application.objects.filter(cohort=cohort, applicant=actor, state=S.DRAFT).first()
        if draft is not None:  # application drafts: finishing a saved draft
            application = _fill_draft(
                draft, answers=answers, applied_problem=applied_problem, priority_function=priority_function,
                line_manager_name=line_manager_name, line_manager_email=line_manager_email,
            )
            transition(actor, application, S.SUBMITTED)
            transition(actor, application, S.AWAITING_LINE_MANAGER, note="Line manager asked to approve protected time")
            return application
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    cohort=cohort,
                    applicant=actor,
                    answers=answers,
                    applied_problem=applied_problem,
                    priority_function=priority_function,
                    line_manager_name=line_manager_name,
                    line_manager_email=line_manager_email,
                )
        except IntegrityError as exc:
            raise ValidationError("You have already applied to this cohort.") from exc
        transition(actor, application, S.SUBMITTED)
        transition(actor, application, S.AWAITING_LINE_MANAGER, note="Line manager asked to approve protected time")
    return application


# --- application drafts -------------------------------------------------------------------------------

DRAFT_FIELDS = ("answers", "applied_problem", "priority_function", "line_manager_name", "line_manager_email")


def _check_application_window(cohort: Cohort) -> None:
    """Like _check_window, but says when applications closed (a leader coming back to a draft)."""
    if cohort.applications_close and timezone.now() >= cohort.applications_close:
        raise ValidationError(
            "This cohort is not taking applications now: applications closed on "
            f"{format_deadline(cohort.applications_close)}, so this application can no longer be saved or sent."
        )
    _check_window(cohort)


def _fill_draft(application: Application, **fields) -> Application:
    for name in DRAFT_FIELDS:
        setattr(application, name, fields[name])
    application.save(update_fields=[*DRAFT_FIELDS, "updated_at"])
    return application


def save_draft(
    actor,
    cohort: Cohort,
    *,
    answers: list[dict],
    applied_problem: str = "",
    priority_function=None,
    line_manager_name: str = "",
    line_manager_email: str = "",
) -> Application:
    """Save a leader's unfinished application to a cohort with selection (creating or updating their
    draft). Nothing needs answering yet: the answers are checked when it is sent (:func:`apply`)."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to apply.")
    if cohort.selection_method != SelectionMethod.SELECTION:
        raise ValidationError("This cohort is booked directly: book a place instead of applying.")
    fields = {
        "answers": answers, "applied_problem": applied_problem, "priority_function": priority_function,
        "line_manager_name": line_manager_name, "line_manager_email": line_manager_email,
    }
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        _check_application_window(cohort)
        existing = Application.objects.select_for_update().filter(cohort=cohort, applicant=actor).first()
        if existing is not None:
            if existing.state != S.DRAFT:
                raise ValidationError("You have already sent your application for this cohort.")
            return _fill_draft(existing, **fields)
        return Application.objects.create(cohort=cohort, applicant=actor, state=S.DRAFT, **fields)


def book(actor, cohort: Cohort) -> Application:
    """Book a place on an open-booking cohort, first come first served; when full, join the waiting list."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to book.")
    if cohort.selection_method != SelectionMethod.OPEN_BOOKING:
        raise ValidationError("This cohort has selection: apply instead of booking.")
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        _check_window(cohort)
        existing = Application.objects.filter(cohort=cohort, applicant=actor).first()
        if existing is not None:
            raise ValidationError("You have already booked this, or are on its waiting list.")
        application = Application.objects.create(cohort=cohort, applicant=actor)
        target = S.ACCEPTED if cohort.places_held < cohort.capacity else S.WAITING_LIST
        transition(actor, application, target, note="Booked" if target == S.ACCEPTED else "Fully booked")
    return application


def accept(actor, application: Application, now=None) -> Application:
    _ensure_owner(actor, application)
    now = now or timezone.now()
    if application.state == S.OFFERED and application.offer_expires_at and application.offer_expires_at <= now:
        raise ValidationError("This offer has lapsed: the deadline to accept it has passed.")
    return transition(actor, application, S.ACCEPTED, now=now)


def decline(actor, application: Application) -> Application:
    _ensure_owner(actor, application)
    return transition(actor, application, S.DECLINED)


def withdraw(actor, application: Application) -> Application:
    _ensure_owner(actor, application)
    if application.state not in WITHDRAWABLE:
        raise ValidationError("There is nothing to withdraw from.")
    return transition(actor, application, S.WITHDRAWN)


def lapse_expired_offers(now=None) -> int:
    """Lapse offers past their deadline; each freed place goes to the next person waiting."""
    now = now or timezone.now()
    ids = list(
        Application.objects.filter(state=S.OFFERED, offer_expires_at__lte=now).values_list("pk", flat=True)
    )
    lapsed = 0
    for pk in ids:
        application = Application.objects.get(pk=pk)
        try:
            transition(None, application, S.LAPSED, note="Not accepted before the deadline", now=now)
        except ValidationError:
            continue  # accepted or declined in the meantime
        lapsed += 1
    return lapsed


# --- line manager (no account: a signed link) --------------------------------------------------------


def line_manager_token(application: Application) -> str:
    return signing.dumps({"a": application.pk}, salt=LINE_MANAGER_SALT, compress=True)


def application_from_line_manager_token(token: str) -> Application:
    """The application a line manager link is for. Raises signing.BadSignature (tampered) or
    signing.SignatureExpired (too old), and Application.DoesNotExist."""
    data = signing.loads(token, salt=LINE_MANAGER_SALT, max_age=LINE_MANAGER_MAX_AGE)
    return Application.objects.select_related("cohort", "applicant").get(pk=data["a"])


def line_manager_decide(token: str, approve: bool) -> Application:
    application = application_from_line_manager_token(token)
    if application.state != S.AWAITING_LINE_MANAGER:
        raise ValidationError("A decision has already been recorded for this application.")
    with transaction.atomic():
        transition(
            None,
            application,
            S.UNDER_REVIEW if approve else S.UNSUCCESSFUL,
            actor_label="Line manager",
            note="Line manager approved protected time" if approve else "Line manager did not approve protected time",
        )
        Application.objects.filter(pk=application.pk).update(line_manager_decided_at=timezone.now())
    application.refresh_from_db()
    return application


# --- programme admins -------------------------------------------------------------------------------

COHORT_FIELDS = (
    "title", "offer_type", "delivery_format", "summary", "time_commitment", "capacity", "starts_on", "ends_on",
    "selection_method", "applications_open", "applications_close", "criteria", "questions", "offer_days",
    "completion_percent", "requires_final_reflection", "cpd_hours", "published",
)


def save_cohort(actor, cohort: Cohort, data: Mapping, target_groups=(), priority_functions=()) -> Cohort:
    """Create (``cohort.pk`` None) or change a cohort, checking dates, window and capacity."""
    _ensure_admin(actor, cohort)
    errors = {}
    if data["ends_on"] < data["starts_on"]:
        errors["ends_on"] = "The end date must be the same as or after the start date"
    opens, closes = data.get("applications_open"), data.get("applications_close")
    if opens and closes and closes <= opens:
        errors["applications_close"] = "Applications must close after they open"
    elif not cohort.pk and closes and closes <= timezone.now():
        errors["applications_close"] = "That closing time has already passed. Enter a closing time in the future"
    if data["capacity"] < 1:
        errors["capacity"] = "Enter at least 1 place"
    with transaction.atomic():
        if cohort.pk:
            locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
            if data["capacity"] < locked.places_held:
                errors["capacity"] = (
                    f"Capacity cannot be below the {locked.places_held} places already offered or taken"
                )
            cohort.places_held = locked.places_held
        if errors:
            raise ValidationError(errors)
        for field in COHORT_FIELDS:
            setattr(cohort, field, data[field])
        cohort.save()
        cohort.target_groups.set(target_groups)
        cohort.priority_functions.set(priority_functions)
        if cohort.places_held < cohort.capacity:
            transaction.on_commit(lambda: cascade(cohort.pk))
    return cohort


SESSION_FIELDS = ("title", "starts_at", "ends_at", "delivery_format", "venue", "online_link", "faculty", "description")


def save_session(actor, session: Session, data: Mapping) -> Session:
    _ensure_admin(actor, session.cohort)
    errors = {}
    if data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = "The session must end after it starts"
    cohort = session.cohort
    day = timezone.localdate(data["starts_at"])
    if not (cohort.starts_on <= day <= cohort.ends_on):
        errors["starts_at"] = (
            f"The session must be within the cohort's dates, {cohort.starts_on:%-d %B %Y} to {cohort.ends_on:%-d %B %Y}"
        )
    if data["delivery_format"] in {"online", "hybrid"} and not data.get("online_link"):
        errors["online_link"] = "Enter the online link for an online or hybrid session"
    if data["delivery_format"] in {"in_person", "hybrid"} and not data.get("venue"):
        errors["venue"] = "Enter the venue for an in person or hybrid session"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for field in SESSION_FIELDS:
            optional = field in {"venue", "online_link", "faculty", "description"}
            setattr(session, field, (data.get(field) or "") if optional else data[field])
        session.save()
    return session


def decide_applications(actor, cohort: Cohort, application_ids: Iterable[int], decision: str) -> dict[str, int]:
    """Bulk decision on applications: "offer", "waiting_list" or "unsuccessful". Offers stop when the cohort
    is full; the rest are counted as not offered."""
    _ensure_admin(actor, cohort)
    target = {"offer": S.OFFERED, "waiting_list": S.WAITING_LIST, "unsuccessful": S.UNSUCCESSFUL}[decision]
    done = skipped = full = 0
    # All or nothing: one transaction (cohort row first, as transition locks it), so a request that dies
    # part way changes nobody, and the emails are queued once, after the whole decision commits.
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        applications = list(
            Application.objects.filter(cohort=cohort, pk__in=list(application_ids))
            .select_related("applicant", "cohort")
            .order_by("submitted_at", "pk")  # earlier applicants first, also onto the waiting list
        )
        for application in applications:
            try:
                transition(actor, application, target)
            except NoPlaceLeft:
                full += 1
            except ValidationError:
                skipped += 1
            else:
                done += 1
    return {"done": done, "skipped": skipped, "full": full}


# What an admin may do to a place, and from which states: offers are answered only by the person.
PLACE_CHANGES = {
    S.SUSPENDED: frozenset({S.ACCEPTED}),
    S.ACCEPTED: frozenset({S.SUSPENDED}),  # reinstate
    S.REMOVED: frozenset({S.ACCEPTED, S.SUSPENDED}),
    S.COMPLETED: frozenset({S.ACCEPTED}),
}


def change_place(actor, application: Application, to_state: str) -> Application:
    """Admin moves on a place: complete, suspend, reinstate (back to accepted) or remove. History stays."""
    _ensure_admin(actor, application.cohort)
    if application.state not in PLACE_CHANGES.get(to_state, ()):
        raise ValidationError(
            f"A place that is {application.get_state_display().lower()} cannot be changed to "
            f"“{S(to_state).label.lower()}”."
        )
    return transition(actor, application, to_state)


def set_alumni(actor, application: Application, alumni: bool) -> None:
    _ensure_admin(actor, application.cohort)
    if application.state != S.COMPLETED:
        raise ValidationError("Only people who completed the cohort can be marked as alumni.")
    Application.objects.filter(pk=application.pk).update(alumni=alumni)


def record_attendance(actor, session: Session, statuses: Mapping[int, str]) -> int:
    """Record attendance for many places at once (``application id -> status``)."""
    _ensure_admin(actor, session.cohort)
    valid = set(
        Application.objects.filter(
            cohort=session.cohort_id, pk__in=list(statuses), state__in=[S.ACCEPTED, S.COMPLETED]
        ).values_list("pk", flat=True)
    )
    saved = 0
    with transaction.atomic():
        for application_id, status in statuses.items():
            if application_id not in valid or status not in AttendanceStatus.values:
                continue
            Attendance.objects.update_or_create(
                session=session,
                application_id=application_id,
                defaults={"status": status, "recorded_by": actor, "self_checked_in": False},
            )
            saved += 1
    return saved


def check_in_code(session: Session, at=None) -> str:
    """A six-digit code for the room that changes every minute (HMAC of the session and the minute)."""
    minute = int((at or timezone.now()).timestamp() // CHECK_IN_WINDOW)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"check-in:{session.pk}:{minute}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{int(digest[:12], 16) % 1_000_000:06d}"


# Wrong check-in codes allowed in one minute, per person and per session, before codes are refused for the
# rest of that minute: enough for typing slips in a full room, far too few to guess a six-digit code.
CHECK_IN_WRONG_PER_PERSON = 5
CHECK_IN_WRONG_PER_SESSION = 50
CHECK_IN_TOO_MANY = (
    "Too many wrong codes. Wait a minute and try again, or ask the session's organiser to mark you present."
)


def _wrong_check_in_keys(actor, session: Session, now) -> dict[str, int]:
    minute = int(now.timestamp() // CHECK_IN_WINDOW)
    return {
        f"check-in-wrong:person:{actor.pk}:{session.pk}:{minute}": CHECK_IN_WRONG_PER_PERSON,
        f"check-in-wrong:session:{session.pk}:{minute}": CHECK_IN_WRONG_PER_SESSION,
    }


def _too_many_wrong_check_ins(actor, session: Session, now) -> bool:
    """Whether this person or this session has had its wrong codes for the minute. Fails open: if the cache
    cannot answer, nobody is held back (the code itself still has to be right)."""
    from django.core.cache import cache

    keys = _wrong_check_in_keys(actor, session, now)
    try:
        counts = cache.get_many(list(keys))
    except Exception:  # any cache failure: let people check in
        log.warning("check-in rate limit: cache unavailable, not limiting", exc_info=True)
        return False
    return any((counts.get(key) or 0) >= limit for key, limit in keys.items())


def _count_wrong_check_in(actor, session: Session, now) -> None:
    from django.core.cache import cache

    for key in _wrong_check_in_keys(actor, session, now):
        try:
            cache.add(key, 0, timeout=2 * CHECK_IN_WINDOW)
            cache.incr(key)
        except Exception:  # fail open: better uncounted than locked out
            log.warning("check-in rate limit: cache unavailable, not counting", exc_info=True)


def self_check_in(actor, session: Session, code: str, now=None) -> Attendance:
    """A participant marks themselves present with the code shown in the room (this or last minute's).
    Wrong codes are limited per person and per session each minute (see CHECK_IN_WRONG_PER_PERSON)."""
    now = now or timezone.now()
    application = Application.objects.filter(
        cohort=session.cohort_id, applicant=actor, state__in=[S.ACCEPTED, S.COMPLETED]
    ).first()
    if application is None:
        raise PermissionDenied("Only people with a place on this cohort can check in.")
    if _too_many_wrong_check_ins(actor, session, now):
        raise ValidationError({"code": CHECK_IN_TOO_MANY})
    code = "".join(code.split())
    expected = {check_in_code(session, now), check_in_code(session, now - timedelta(seconds=CHECK_IN_WINDOW))}
    if not any(hmac.compare_digest(code, candidate) for candidate in expected):
        _count_wrong_check_in(actor, session, now)
        raise ValidationError({"code": "That code is not right or has changed. Enter the code shown in the room now"})
    if not (session.starts_at - CHECK_IN_MARGIN <= now <= session.ends_at + CHECK_IN_MARGIN):
        raise ValidationError({"code": "Check-in is open from an hour before the session until an hour after it"})
    attendance, _ = Attendance.objects.update_or_create(
        session=session,
        application=application,
        defaults={"status": AttendanceStatus.PRESENT, "self_checked_in": True, "recorded_by": actor},
    )
    return attendance


def issue_certificate(actor, application: Application) -> Certificate:
    _ensure_admin(actor, application.cohort)
    if application.state != S.COMPLETED:
        raise ValidationError("Certificates are issued only to people who completed the cohort.")
    certificate, _ = Certificate.objects.get_or_create(
        application=application,
        defaults={
            "code": secrets.token_urlsafe(18),
            "cpd_hours": application.cohort.cpd_hours,
            "issued_by": actor,
        },
    )
    return certificate


def calendar_feed(user) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        feed, _ = CalendarFeed.objects.get_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    return feed


def renew_calendar_feed(actor) -> CalendarFeed:
    feed = calendar_feed(actor)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    return feed


def complete_places(actor, cohort: Cohort, application_ids: Iterable[int]) -> dict:
    """Mark places completed, and issue their certificates, for people who meet the cohort's rule: at
    least ``completion_percent`` of its sessions attended (rounded up; a cohort with no sessions cannot
    be completed) and, when the cohort requires it, a final reflection written in their learning log.
    Others are counted by what is missing, not changed."""
    _ensure_admin(actor, cohort)
    total = cohort.sessions.count()
    needed = -(-total * cohort.completion_percent // 100)  # round up
    done = skipped = 0
    missing = {"attendance": 0, "final": 0, "both": 0}
    applications = (
        Application.objects.filter(cohort=cohort, pk__in=list(application_ids))
        .select_related("applicant", "cohort__programme")
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            has_final=final_reflection_exists(),
        )
    )
    # All or nothing, as decide_applications: one transaction, the cohort row locked first.
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        for application in applications:
            short = total == 0 or application.attended < needed
            no_final = cohort.requires_final_reflection and not application.has_final
            if short or no_final:
                missing["both" if short and no_final else "attendance" if short else "final"] += 1
                continue
            try:
                if application.state != S.COMPLETED:
                    transition(actor, application, S.COMPLETED, note="Met the cohort's completion rule")
                    application.refresh_from_db()
                issue_certificate(actor, application)
            except ValidationError:
                skipped += 1
            else:
                done += 1
    return {
        "done": done, "not_met": sum(missing.values()), "missing": missing, "skipped": skipped,
        "needed": needed, "total": total,
    }


def final_reflection_exists():
    """An annotation for applications: has the applicant written their final reflection on the cohort?"""
    return Exists(
        Reflection.objects.filter(cohort=OuterRef("cohort"), author=OuterRef("applicant"), session__isnull=True)
    )


SCORABLE = frozenset({S.UNDER_REVIEW, S.WAITING_LIST})


def score_application(actor, application: Application, score: int, comment: str = "") -> ApplicationScore:
    """A panel member scores an application under review (1 to 5); scoring again replaces their score."""
    if not (actor and actor.has_perm("programmes.score_application", application.cohort)):
        raise PermissionDenied("Only panel members and the programme's admins score applications.")
    if application.applicant_id == actor.pk:
        raise PermissionDenied("You cannot score your own application.")
    if application.state not in SCORABLE:
        raise ValidationError("Only applications under review or on the waiting list can be scored.")
    if not 1 <= int(score) <= 5:
        raise ValidationError({"score": "Select a score from 1 to 5"})
    with transaction.atomic():
        result, _ = ApplicationScore.objects.update_or_create(
            application=application, reviewer=actor, defaults={"score": int(score), "comment": comment.strip()}
        )
    return result


MESSAGE_STATES = frozenset({S.ACCEPTED, S.SUSPENDED, S.COMPLETED})


def message_cohort(actor, cohort: Cohort, subject: str, body: str) -> CohortMessage:
    """Email everyone with a place on the cohort (accepted, suspended or completed), once each."""
    _ensure_admin(actor, cohort)
    subject, body = subject.strip(), body.strip()
    errors = {}
    if not subject:
        errors["subject"] = "Enter a subject"
    if not body:
        errors["body"] = "Enter the message"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        people = list(
            Application.objects.filter(cohort=cohort, state__in=MESSAGE_STATES).select_related("applicant")
        )
        if not people:
            raise ValidationError("No one has a place on this cohort yet, so there is no one to message.")
        message = CohortMessage.objects.create(
            cohort=cohort, sender=actor, subject=subject, body=body, recipients=len(people)
        )
        for application in people:
            user = application.applicant
            notifications.send_after_commit(
                f"cohort-message:{message.pk}:{user.pk}",
                "cohort_message",
                user.email,
                {"first_name": user.first_name, "cohort": cohort.title, "subject": subject, "body": body},
                user,
            )
    return message


# --- action learning sets and quads ---------------------------------------------------------------

# Participants who are grouped: people with a current place (accepted) or who completed.
GROUP_STATES = frozenset({S.ACCEPTED, S.COMPLETED})
# The biggest group for each kind; the number of groups is the fewest that keeps every group at or
# below it, so sets come out at about 6 to 8 and quads at 4 (or 3 when the numbers do not divide).
GROUP_MAX_SIZE = {"action_learning_set": 8, "quad": 4}
MIX_DIMENSIONS = ("organisation", "profession", "borough")


def group_count(people: int, max_size: int) -> int:
    """How many groups ``people`` make with groups of at most ``max_size``."""
    if max_size < 2:
        raise ValidationError({"size": "Groups must have at least 2 people"})
    return max(1, -(-people // max_size))


def repeats(members: Iterable[Mapping]) -> dict[str, int]:
    """For one group: how many members share an organisation, profession or borough with someone
    before them in the group (for each dimension, the sum over values of count - 1). Unknown values
    (None) never count as repeats."""
    result = {}
    for dimension in MIX_DIMENSIONS:
        seen: dict = {}
        for member in members:
            value = member.get(dimension)
            if value is not None:
                seen[value] = seen.get(value, 0) + 1
        result[dimension] = sum(count - 1 for count in seen.values())
    return result


def propose_groups(people: list[Mapping], max_size: int, max_passes: int = 20) -> list[list[Mapping]]:
    """Split ``people`` (mappings with "id", "organisation", "profession", "borough") into groups that
    mix organisations, professions and boroughs as much as possible.

    Objective: minimise the total number of repeats over all groups, where a group's repeats are, for
    each of organisation, profession and borough, the number of members who share that value with
    another member (count - 1 per value), all three weighted equally. Group sizes differ by at most one
    (the first ``len(people) % groups`` groups take one more).

    Method (deterministic: no randomness, ties broken by the order of ids): people whose values are
    the most common are placed first, each into the group with room where they add the fewest repeats
    (ties: the emptier group, then the lower number). Then improving swaps: passes over every pair of
    people in different groups, swapping any pair whose swap lowers the total, until a pass finds none
    (at most ``max_passes`` passes). Swaps keep the sizes."""
    people = sorted(people, key=lambda p: p["id"])
    total = len(people)
    if total == 0:
        return []
    count = group_count(total, max_size)
    base, extra = divmod(total, count)
    sizes = [base + (1 if index < extra else 0) for index in range(count)]
    frequency: dict[tuple, int] = {}
    for person in people:
        for dimension in MIX_DIMENSIONS:
            key = (dimension, person.get(dimension))
            frequency[key] = frequency.get(key, 0) + 1

    def weight(person) -> tuple:
        common = sorted(
            (frequency[(d, person.get(d))] for d in MIX_DIMENSIONS if person.get(d) is not None), reverse=True
        )
        return (tuple(-c for c in common), person["id"])

    counters: list[dict[tuple, int]] = [{} for _ in range(count)]
    groups: list[list[Mapping]] = [[] for _ in range(count)]

    def added(index: int, person) -> int:
        return sum(
            1 for d in MIX_DIMENSIONS if person.get(d) is not None and counters[index].get((d, person.get(d)), 0) > 0
        )

    def place(index: int, person, sign: int = 1) -> None:
        for d in MIX_DIMENSIONS:
            if person.get(d) is not None:
                key = (d, person.get(d))
                counters[index][key] = counters[index].get(key, 0) + sign

    for person in sorted(people, key=weight):
        options = [i for i in range(count) if len(groups[i]) < sizes[i]]
        best = min(options, key=lambda i: (added(i, person), len(groups[i]) / sizes[i], i))
        groups[best].append(person)
        place(best, person)

    def swap_gain(a: int, p, b: int, q) -> int:
        """How many repeats swapping p (in group a) with q (in group b) removes."""
        gain = 0
        for d in MIX_DIMENSIONS:
            pv, qv = p.get(d), q.get(d)
            if pv == qv:
                continue
            if pv is not None:
                gain += (counters[a][(d, pv)] > 1) - (counters[b].get((d, pv), 0) > 0)
            if qv is not None:
                gain += (counters[b][(d, qv)] > 1) - (counters[a].get((d, qv), 0) > 0)
        return gain

    for _ in range(max_passes):
        improved = False
        for a in range(count):
            for b in range(a + 1, count):
                for i in range(len(groups[a])):
                    for j in range(len(groups[b])):
                        p, q = groups[a][i], groups[b][j]
                        if swap_gain(a, p, b, q) > 0:
                            place(a, p, -1)
                            place(b, q, -1)
                            groups[a][i], groups[b][j] = q, p
                            place(a, q)
                            place(b, p)
                            improved = True
        if not improved:
            break
    return [sorted(group, key=lambda p: p["id"]) for group in groups]


def grouping_person(application: Application) -> dict:
    """What the grouping algorithm knows of a participant: ids of their organisation, profession and
    borough from their leader profile (None when not given)."""
    profile = getattr(application.applicant, "profile", None)
    return {
        "id": application.pk,
        "organisation": profile.organisation_id if profile else None,
        "profession": profile.profession_id if profile else None,
        "borough": profile.borough_id if profile else None,
    }


def save_groups(actor, cohort: Cohort, kind: str, assignment: Mapping[int, int]) -> list:
    """Replace the cohort's groups with ``assignment`` (application id -> group number, from 1). Every
    current participant must be in exactly one group and no group may be empty. The old groups are
    deleted; their history rows keep them. A new group keeps the shared problem of the old group of the
    same kind that most of its members came from (see ``carried_problems``)."""
    from programmes.core.models import LearningGroup, LearningGroupKind, LearningGroupMember

    _ensure_admin(actor, cohort)
    if kind not in LearningGroupKind.values:
        raise ValidationError({"kind": "Select action learning sets or quads"})
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        participants = set(
            Application.objects.filter(cohort=cohort, state__in=GROUP_STATES).values_list("pk", flat=True)
        )
        if not participants:
            raise ValidationError("No one has a place on this cohort yet, so there is no one to group.")
        given = {int(k): int(v) for k, v in assignment.items()}
        if set(given) != participants:
            raise ValidationError(
                "The participants have changed since this proposal was made. Make a new proposal and save again."
            )
        numbers = sorted(set(given.values()))
        if not numbers or numbers[0] < 1 or numbers != list(range(1, len(numbers) + 1)):
            raise ValidationError("Every group must have at least one person. Move someone into the empty group.")
        old_groups = {
            group.pk: group
            for group in LearningGroup.objects.filter(cohort=cohort, kind=kind).exclude(shared_problem="")
        }
        was_in = dict(
            LearningGroupMember.objects.filter(group__in=old_groups).values_list("application_id", "group_id")
        )
        carried = carried_problems(given, was_in)
        LearningGroup.objects.filter(cohort=cohort).delete()
        groups = {}
        for number in numbers:
            old = old_groups.get(carried.get(number))
            groups[number] = LearningGroup.objects.create(
                cohort=cohort, kind=kind, number=number, created_by=actor,
                shared_problem=old.shared_problem if old else "",
                priority_function_id=old.priority_function_id if old else None,
            )
        for application_id, number in sorted(given.items()):
            LearningGroupMember.objects.create(group=groups[number], application_id=application_id)
    return [groups[n] for n in numbers]


def carried_problems(assignment: Mapping[int, int], was_in: Mapping[int, int]) -> dict[int, int]:
    """Which old group's shared problem each new group keeps: new group number -> old group id.

    ``assignment`` is application id -> new group number; ``was_in`` is application id -> old group id,
    for old groups that had a shared problem. Each new group takes the old group most of its members came
    from, the largest overlaps first (ties: lower group number, then lower old id), and each old group's
    problem goes to one new group at most, so regrouping never copies a problem into two groups."""
    overlap: dict[tuple[int, int], int] = {}
    for application_id, number in assignment.items():
        old = was_in.get(application_id)
        if old is not None:
            overlap[number, old] = overlap.get((number, old), 0) + 1
    carried: dict[int, int] = {}
    used: set[int] = set()
    for (number, old), _count in sorted(overlap.items(), key=lambda item: (-item[1], item[0])):
        if number not in carried and old not in used:
            carried[number] = old
            used.add(old)
    return carried


def set_shared_problem(actor, group, shared_problem: str, priority_function=None):
    """The programme admin or a member of the group records the group's shared problem."""
    from programmes.core.models import LearningGroup

    is_member = group.memberships.filter(
        application__applicant=actor, application__state__in=GROUP_STATES
    ).exists()
    if not (is_member or can_manage_cohort(actor, group.cohort)):
        raise PermissionDenied("Only the group's members and the programme's admins can change this.")
    shared_problem = shared_problem.strip()
    if not shared_problem:
        raise ValidationError({"shared_problem": "Describe the problem or priority your group is working on"})
    with transaction.atomic():
        group = LearningGroup.objects.select_for_update().get(pk=group.pk)
        group.shared_problem = shared_problem
        group.priority_function = priority_function
        group.save(update_fields=["shared_problem", "priority_function"])
    return group


def drop_from_group(application: Application) -> None:
    """A participant who leaves or is removed drops out of their learning group (history keeps it)."""
    from programmes.core.models import LearningGroupMember

    for membership in LearningGroupMember.objects.filter(application=application):
        membership.delete()


# --- programme admins create programmes -------------------------------------------------------------

PROGRAMME_FIELDS = ("name", "core_area", "summary", "delivery_summary", "time_commitment", "position")


def save_programme(actor, programme, data: Mapping, target_groups=()):
    """Create (``programme.pk`` None) or change a programme. Any Programme admin (or a superuser) may
    create one and becomes its Programme admin (through the role service, kept in the role history);
    only its own admins change it. The slug is made from the title once, when it is created, so links
    to the programme keep working."""
    from django.utils.text import slugify

    from academy.accounts.models import Role
    from academy.accounts.services import grant_role
    from programmes.core.models import Programme

    creating = programme.pk is None
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to do this.")
    if creating and not actor.has_perm("programmes.administer"):
        raise PermissionDenied("Only Programme admins can create programmes.")
    if not creating and not (actor.is_superuser or is_admin_of_programme(actor, programme)):
        raise PermissionDenied("Only the programme's admins can change it.")
    name = (data.get("name") or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Enter a title"
    slug = slugify(name)[:50].strip("-") if creating else programme.slug
    if name and not slug:
        errors["name"] = "Enter a title with at least one letter or number"
    with transaction.atomic():
        if name and Programme.objects.filter(name__iexact=name).exclude(pk=programme.pk).exists():
            errors["name"] = f"There is already a programme called “{name}”. Enter a different title"
        elif creating and slug and Programme.objects.filter(slug=slug).exists():
            errors["name"] = (
                f"The web address for this title (/programmes/{slug}/) is taken by another programme. "
                "Enter a different title"
            )
        if errors:
            raise ValidationError(errors)
        for field in PROGRAMME_FIELDS:
            setattr(programme, field, data[field].strip() if isinstance(data[field], str) else data[field])
        programme.name = name
        if creating:
            programme.slug = slug
            programme.created_by = actor
        try:
            with transaction.atomic():
                programme.save()
        except IntegrityError as exc:  # created at the same moment by someone else
            raise ValidationError(
                {"name": "There is already a programme with this title. Enter a different title"}
            ) from exc
        programme.target_groups.set(target_groups)
        if creating:
            assignment = grant_role(None, actor, Role.PROGRAMME_ADMIN, programme=programme)
            assignment.granted_by = actor
            assignment._change_reason = "created the programme"
            assignment.save(update_fields=["granted_by"])
    return programme


# --- the learning log ---------------------------------------------------------------------------------

LOG_STATES = frozenset({S.ACCEPTED, S.COMPLETED})  # a place that may write in the cohort's learning log


def save_reflection(actor, cohort: Cohort, text: str, *, shared: bool, session: Session | None = None) -> Reflection:
    """Write, or change, the person's reflection on a session of their cohort (``session``), or their
    final reflection on it (no session). Shared reflections are read by the cohort's faculty and
    coaches; making one private again hides it, and its replies, from them."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to write in your learning log.")
    if not Application.objects.filter(cohort=cohort, applicant=actor, state__in=LOG_STATES).exists():
        raise PermissionDenied("Only people with a place on this cohort can write in its learning log.")
    errors = {}
    if session is not None:
        if session.cohort_id != cohort.pk:
            raise ValidationError("That session is not part of this cohort.")
        if session.starts_at > timezone.now():
            raise ValidationError("You can write about a session once it has started.")
    text = (text or "").strip()
    if not text:
        errors["text"] = "Enter your reflection"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update()
            .filter(cohort=cohort, author=actor, session=session)
            .first()
        )
        if reflection is None:
            try:
                with transaction.atomic():
                    reflection = Reflection.objects.create(
                        cohort=cohort, session=session, author=actor, text=text, shared=bool(shared)
                    )
            except IntegrityError as exc:  # written at the same moment in another tab
                raise ValidationError("You have already written this reflection. Open it again to change it.") from exc
        else:
            reflection.text = text
            reflection.shared = bool(shared)
            reflection.save(update_fields=["text", "shared", "updated_at"])
    return reflection


def reply_to_reflection(actor, reflection: Reflection, text: str) -> ReflectionReply:
    """A reply in a shared reflection's thread, by the cohort's faculty or coaches, or by the author back.
    A faculty reply emails the author a link (never the text); the author's reply back emails the faculty
    and coaches who have replied in the thread and still teach the cohort."""
    from programmes.core.rules import can_reply_to_reflection

    text = (text or "").strip()
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update(of=("self",))
            .select_related("author", "cohort__programme", "session")
            .get(pk=reflection.pk)
        )
        if not reflection.shared:
            raise ValidationError("This reflection is private, so no one can reply to it.")
        if not (actor and can_reply_to_reflection(actor, reflection)):
            raise PermissionDenied("Only the cohort's faculty and coaches, and the author, can reply.")
        if not text:
            raise ValidationError({"text": "Enter your reply"})
        reply = ReflectionReply.objects.create(reflection=reflection, author=actor, text=text)
        Reflection.objects.filter(pk=reflection.pk).update(updated_at=timezone.now())
        if actor.pk != reflection.author_id:
            to = [(reflection.author, "reflection_reply", f"reflection-reply:{reply.pk}")]
        else:
            to = [(member, "reflection_author_reply", f"reflection-author-reply:{reply.pk}:{member.pk}")
                  for member in _faculty_in_thread(reflection)]
        url = site_url(reverse("programmes:reflection", args=[reflection.pk]))
        for person, template, key in to:
            context = {"sender": actor.get_full_name(), "cohort": reflection.cohort.title, "url": url}
            notifications.email_user_after_commit(key, template, person, context)
    return reply


def _faculty_in_thread(reflection: Reflection) -> list:
    """The cohort's current faculty and coaches who have replied to this reflection, once each."""
    from academy.accounts.models import User

    return list(
        User.objects.filter(
            faculty_of__cohort_id=reflection.cohort_id,
            pk__in=ReflectionReply.objects.filter(reflection=reflection).values("author_id"),
        )
        .exclude(pk=reflection.author_id)
        .distinct()
        .order_by("pk")
    )


def add_faculty(actor, cohort: Cohort, email: str, role: str = FacultyRole.FACULTY) -> CohortFaculty:
    """Add a portal user, found by their account's email address, as faculty or a coach of the cohort."""
    from academy.accounts.models import User

    _ensure_admin(actor, cohort)
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": "Enter the email address of the person's Academy account"})
    if role not in FacultyRole.values:
        raise ValidationError({"role": "Select faculty or coach"})
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError(
            {"email": "There is no Academy account with that email address. Ask them to create an account first"}
        )
    if Application.objects.filter(cohort=cohort, applicant=user, state__in=HOLDING_STATES).exists():
        raise ValidationError({"email": "This person has a place on the cohort, so they cannot also teach or coach it"})
    with transaction.atomic():
        try:
            with transaction.atomic():
                member = CohortFaculty.objects.create(cohort=cohort, user=user, role=role, added_by=actor)
        except IntegrityError as exc:
            raise ValidationError({"email": "This person is already faculty or a coach on this cohort"}) from exc
    return member


def remove_faculty(actor, member: CohortFaculty) -> None:
    """Stop someone being faculty or a coach of a cohort. The row's history keeps that they were."""
    _ensure_admin(actor, member.cohort)
    with transaction.atomic():
        member.delete()

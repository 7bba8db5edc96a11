"""Leaders apply, book, save drafts, accept, decline and withdraw; the line manager decides; offers lapse."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from academy import workflow
from academy.ui.formats import nhs_datetime
from programmes.core.models import (
    Application,
    ApplicationState,
    Cohort,
    ReleaseRoute,
    SelectionMethod,
)
from programmes.core.rules import ensure_applicant
from programmes.core.services.access_needs import check_access_needs, store_access_needs
from programmes.core.services.confirmations import send_line_manager_answer
from programmes.core.services.line_manager_link import application_from_line_manager_token
from programmes.core.services.workflow import WITHDRAWABLE, transition

S = ApplicationState


# --- leaders ----------------------------------------------------------------------------------------


def _check_window(cohort: Cohort) -> None:
    if not cohort.window_open():
        raise ValidationError("This cohort is not taking applications or bookings now.")


def _has_no_line_manager(actor) -> bool:
    profile = getattr(actor, "profile", None)
    return bool(profile is not None and profile.no_line_manager_reason)


def _check_route(actor, route: str, *, line_manager_name: str, line_manager_email: str, sponsor_role: str,
                 declare_protected_time: bool) -> None:
    """The release route must fit the leader: a sponsor or a declaration only for someone whose profile
    says they have no line manager, with what that route needs."""
    if route not in ReleaseRoute.values:
        raise ValidationError({"release_route": "Select how your protected time will be confirmed"})
    if route != ReleaseRoute.LINE_MANAGER and not _has_no_line_manager(actor):
        raise ValidationError(
            {"release_route": "Your profile names a line manager: they are asked to support your time"}
        )
    if route == ReleaseRoute.DECLARATION:
        if not declare_protected_time:
            raise ValidationError(
                {"declare_protected_time": "Tick the box to confirm you can protect the time yourself"}
            )
        return
    who = "sponsor" if route == ReleaseRoute.SPONSOR else "line manager"
    if not line_manager_name.strip():
        raise ValidationError({"line_manager_name": f"Enter your {who}'s name"})
    if not line_manager_email.strip():
        raise ValidationError({"line_manager_email": f"Enter your {who}'s email address"})
    if line_manager_email.strip().lower() == actor.email.lower():
        raise ValidationError({"line_manager_email": f"Enter your {who}'s email address, not your own"})
    if route == ReleaseRoute.SPONSOR and not sponsor_role.strip():
        raise ValidationError({"sponsor_role": "Enter your sponsor's role"})


def apply(
    actor,
    cohort: Cohort,
    *,
    answers: list[dict],
    applied_problem: str,
    priority_function=None,
    line_manager_name: str = "",
    line_manager_email: str = "",
    release_route: str = ReleaseRoute.LINE_MANAGER,
    sponsor_role: str = "",
    declare_protected_time: bool = False,
    access_needs: str = "",
    access_needs_consent: bool = False,
) -> Application:
    """A leader applies to a cohort with selection. Their line manager, or for a leader with no line
    manager their sponsor, is asked to approve protected time; or the leader declares it themselves."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to apply.")
    if cohort.selection_method != SelectionMethod.SELECTION:
        raise ValidationError("This cohort is booked directly: book a place instead of applying.")
    _check_route(
        actor, release_route, line_manager_name=line_manager_name, line_manager_email=line_manager_email,
        sponsor_role=sponsor_role, declare_protected_time=declare_protected_time,
    )
    needs = check_access_needs(access_needs, access_needs_consent)
    if release_route == ReleaseRoute.DECLARATION:
        line_manager_name = line_manager_email = sponsor_role = ""
    elif release_route == ReleaseRoute.LINE_MANAGER:
        sponsor_role = ""
    fields = {
        "answers": answers, "applied_problem": applied_problem, "priority_function": priority_function,
        "line_manager_name": line_manager_name.strip(), "line_manager_email": line_manager_email.strip().lower(),
        "release_route": release_route, "sponsor_role": sponsor_role.strip(),
    }
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        _check_application_window(cohort)
        draft = Application.objects.filter(cohort=cohort, applicant=actor, state=S.DRAFT).first()
        if draft is not None:  # application drafts: finishing a saved draft
            application = _fill_draft(draft, **fields)
        else:
            try:
                with transaction.atomic():
                    application = Application.objects.create(cohort=cohort, applicant=actor, **fields)
            except IntegrityError as exc:
                raise ValidationError("You have already applied to this cohort.") from exc
        store_access_needs(application, needs)
        transition(actor, application, S.SUBMITTED)
        if release_route == ReleaseRoute.DECLARATION:
            Application.objects.filter(pk=application.pk).update(protected_time_declared_at=timezone.now())
            transition(actor, application, S.UNDER_REVIEW, note="Applicant declared they can protect the time")
        else:
            note = (
                "Sponsor asked to approve protected time" if release_route == ReleaseRoute.SPONSOR
                else "Line manager asked to approve protected time"
            )
            transition(actor, application, S.AWAITING_LINE_MANAGER, note=note)
    return application


# --- application drafts -------------------------------------------------------------------------------

DRAFT_FIELDS = (
    "answers", "applied_problem", "priority_function", "line_manager_name", "line_manager_email",
    "release_route", "sponsor_role",
)


def _check_application_window(cohort: Cohort) -> None:
    """Like _check_window, but says when applications closed (a leader coming back to a draft)."""
    if cohort.applications_close and timezone.now() >= cohort.applications_close:
        raise ValidationError(
            "This cohort is not taking applications now: applications closed on "
            f"{nhs_datetime(cohort.applications_close)}, so this application can no longer be saved or sent."
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
    release_route: str = ReleaseRoute.LINE_MANAGER,
    sponsor_role: str = "",
    declare_protected_time: bool = False,
    access_needs: str = "",
    access_needs_consent: bool = False,
) -> Application:
    """Save a leader's unfinished application to a cohort with selection (creating or updating their
    draft). Nothing needs answering yet: the answers are checked when it is sent (:func:`apply`)."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to apply.")
    if cohort.selection_method != SelectionMethod.SELECTION:
        raise ValidationError("This cohort is booked directly: book a place instead of applying.")
    if release_route not in ReleaseRoute.values:
        release_route = ReleaseRoute.LINE_MANAGER
    needs = check_access_needs(access_needs, access_needs_consent)  # nothing stored without consent
    fields = {
        "answers": answers, "applied_problem": applied_problem, "priority_function": priority_function,
        "line_manager_name": line_manager_name, "line_manager_email": line_manager_email,
        "release_route": release_route, "sponsor_role": sponsor_role,
    }
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        _check_application_window(cohort)
        existing = Application.objects.select_for_update().filter(cohort=cohort, applicant=actor).first()
        if existing is not None:
            if existing.state != S.DRAFT:
                raise ValidationError("You have already sent your application for this cohort.")
            application = _fill_draft(existing, **fields)
        else:
            application = Application.objects.create(cohort=cohort, applicant=actor, state=S.DRAFT, **fields)
        store_access_needs(application, needs)
        return application


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
    ensure_applicant(actor, application)
    now = now or timezone.now()
    if application.state == S.OFFERED and application.offer_expires_at and application.offer_expires_at <= now:
        raise ValidationError("This offer has lapsed: the deadline to accept it has passed.")
    return transition(actor, application, S.ACCEPTED, now=now)


def decline(actor, application: Application) -> Application:
    ensure_applicant(actor, application)
    return transition(actor, application, S.DECLINED)


def withdraw(actor, application: Application) -> Application:
    ensure_applicant(actor, application)
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
            transition(workflow.SYSTEM, application, S.LAPSED, note="Not accepted before the deadline", now=now)
        except ValidationError:
            continue  # accepted or declined in the meantime
        lapsed += 1
    return lapsed




def line_manager_decide(token: str, approve: bool) -> Application:
    application = application_from_line_manager_token(token)
    if application.state != S.AWAITING_LINE_MANAGER:
        raise ValidationError("A decision has already been recorded for this application.")
    who = "Sponsor" if application.release_route == ReleaseRoute.SPONSOR else "Line manager"
    with transaction.atomic():
        transition(
            workflow.SYSTEM,  # the signed link is the permission: no account acts
            application,
            S.UNDER_REVIEW if approve else S.UNSUCCESSFUL,
            actor_label=who,
            note=f"{who} approved protected time" if approve else f"{who} did not approve protected time",
        )
        Application.objects.filter(pk=application.pk).update(line_manager_decided_at=timezone.now())
        send_line_manager_answer(application, approved=approve)
    application.refresh_from_db()
    return application

"""Programme admins run their cohorts: cohorts, sessions, bulk decisions, changes to a place, messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications import services as notifications
from programmes.core.models import (
    Application,
    ApplicationState,
    Cohort,
    CohortMessage,
    Session,
)
from programmes.core.rules import ensure_cohort_admin
from programmes.core.selectors.cohorts import MESSAGE_STATES
from programmes.core.services.completion import ensure_cohort_ended
from programmes.core.services.workflow import NoPlaceLeft, cascade, transition

S = ApplicationState


# --- programme admins -------------------------------------------------------------------------------

COHORT_FIELDS = (
    "title", "offer_type", "delivery_format", "summary", "time_commitment", "capacity", "starts_on", "ends_on",
    "selection_method", "applications_open", "applications_close", "criteria", "questions", "offer_days",
    "completion_percent", "requires_final_reflection", "cpd_hours", "published",
)


def save_cohort(actor, cohort: Cohort, data: Mapping, target_groups=(), priority_functions=()) -> Cohort:
    """Create (``cohort.pk`` None) or change a cohort, checking dates, window and capacity."""
    ensure_cohort_admin(actor, cohort)
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
    ensure_cohort_admin(actor, session.cohort)
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
    ensure_cohort_admin(actor, cohort)
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
    ensure_cohort_admin(actor, application.cohort)
    if application.state == to_state:
        raise workflow.NotAllowed(f"This place is already {S(to_state).label.lower()}.")
    if application.state not in PLACE_CHANGES.get(to_state, ()):
        raise ValidationError(
            f"A place that is {application.display.name.lower()} cannot be changed to "
            f"“{S(to_state).label.lower()}”."
        )
    if to_state == S.COMPLETED:
        ensure_cohort_ended(application.cohort, "Places can be completed")
    return transition(actor, application, to_state)


def set_alumni(actor, application: Application, alumni: bool) -> None:
    ensure_cohort_admin(actor, application.cohort)
    if application.state != S.COMPLETED:
        raise ValidationError("Only people who completed the cohort can be marked as alumni.")
    Application.objects.filter(pk=application.pk).update(alumni=alumni)






def message_cohort(actor, cohort: Cohort, subject: str, body: str) -> CohortMessage:
    """Email everyone with a place on the cohort (accepted, suspended or completed), once each."""
    ensure_cohort_admin(actor, cohort)
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
                link=reverse("programmes:my_academy"),
            )
    return message

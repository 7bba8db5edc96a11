"""Every write after a Big Room: the attendance register (walk-ins included), the recording and slides
links, each attendee's feedback, and the feedback invitations the beat sends once the event has ended.

Nothing is recorded as having happened before it happened: the register opens when the event starts,
feedback when it ends. Writes lock the event row first, as the RSVP services do."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date
from programmes.core import uploads
from programmes.core.presenters import site_url
from programmes.network import followup_selectors
from programmes.network.models import (
    FEEDBACK_RATINGS,
    Attendance,
    Event,
    EventFeedback,
    EventSlides,
    Rsvp,
    RsvpStatus,
)
from programmes.network.rules import ensure_network_admin

# How long after a Big Room ends its attendees are still invited to give feedback.
FEEDBACK_INVITE_DAYS = 14


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _register_open(event: Event, now) -> None:
    if event.starts_at > now:
        raise ValidationError(
            "You can take the register once the event has started. Nothing has been recorded."
        )


def take_register(actor, event: Event, came_person_ids) -> dict:
    """Mark each person who said they were coming as came or did not come (those in ``came_person_ids``
    came). Walk-ins already on the register keep their line. Refused before the event starts. Returns the
    register's counts."""
    ensure_network_admin(actor)
    came = {int(pk) for pk in came_person_ids}
    now = timezone.now()
    with transaction.atomic():
        event = _lock(event)
        _register_open(event, now)
        going = set(Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).values_list("person_id", flat=True))
        walk_ins = set(Attendance.objects.filter(event=event, walk_in=True).values_list("person_id", flat=True))
        strangers = came - going - walk_ins
        if strangers:
            raise ValidationError("Some of the people ticked did not say they were coming: take the register again.")
        by = workflow.user_or_none(actor)
        for person_id in sorted(going - walk_ins):
            Attendance.objects.update_or_create(
                event=event, person_id=person_id,
                defaults={"attended": person_id in came, "recorded_by": by, "recorded_at": now},
            )
        for person_id in sorted(walk_ins):
            Attendance.objects.filter(event=event, person_id=person_id).update(
                attended=person_id in came, recorded_by=by, recorded_at=now
            )
    return followup_selectors.register_counts(event)


def add_walk_in(actor, event: Event, email: str) -> Attendance:
    """Add someone who came without a place, found by their account's email address, as came."""
    ensure_network_admin(actor)
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": "Enter the email address of the account of the person who came"})
    now = timezone.now()
    with transaction.atomic():
        event = _lock(event)
        _register_open(event, now)
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError({"email": "There is no account with that email address"})
        if Rsvp.objects.filter(event=event, person=person, status=RsvpStatus.GOING).exists():
            raise ValidationError({"email": "This person had a place: tick them in the register instead"})
        if Attendance.objects.filter(event=event, person=person).exists():
            raise ValidationError({"email": "This person is already on the register"})
        return Attendance.objects.create(
            event=event, person=person, attended=True, walk_in=True,
            recorded_by=workflow.user_or_none(actor), recorded_at=now,
        )


def give_feedback(person, event: Event, *, rating: int, met_other_organisation: bool, improve: str) -> EventFeedback:
    """An attendee's feedback, once, after the event has ended. Who may give it: see
    ``followup_selectors.may_give_feedback``."""
    if not person.is_authenticated:
        raise PermissionDenied
    if rating not in FEEDBACK_RATINGS:
        raise ValidationError({"rating": "Choose a rating from 1 to 5"})
    improve = (improve or "").strip()
    if len(improve) > 2000:
        raise ValidationError({"improve": "What would make it better must be 2,000 characters or fewer"})
    with transaction.atomic():
        event = _lock(event)
        if event.ends_at > timezone.now():
            raise ValidationError("You can give feedback once the event has ended.")
        if not followup_selectors.may_give_feedback(person, event):
            raise PermissionDenied("Only people who came can give feedback on this event.")
        try:
            with transaction.atomic():
                return EventFeedback.objects.create(
                    event=event, person=person, rating=rating,
                    met_other_organisation=met_other_organisation, improve=improve,
                )
        except IntegrityError as exc:
            raise ValidationError("You have already given feedback on this event. Thank you.") from exc


def invite_feedback(now=None) -> int:
    """Beat: email each attendee of every Big Room that ended in the last two weeks, once, inviting their
    feedback (the key names the event and the person). Returns how many were newly sent."""
    now = now or timezone.now()
    events = Event.objects.filter(ends_at__lte=now, ends_at__gte=now - dt.timedelta(days=FEEDBACK_INVITE_DAYS))
    sent = 0
    for event in events.order_by("pk"):
        link = reverse("network:event_feedback", args=[event.pk])
        for person in followup_selectors.feedback_invitees(event):
            with transaction.atomic():
                sent += email_user_after_commit(
                    f"network:event_feedback:{event.pk}:{person.pk}",
                    "network_event_feedback",
                    person,
                    {"event": event.title, "held_on": nhs_date(event.starts_at),
                     "url": site_url(link)},
                    link=link,
                )
    return sent


# --- slides --------------------------------------------------------------------------------------------

MAX_SLIDES_BYTES = 25 * 1024 * 1024
# Slides are a PDF or a PowerPoint file, checked by content through programmes.core.uploads.
SLIDES_TYPES = {extension: uploads.DOCUMENT_TYPES[extension] for extension in ("pdf", "pptx")}
WRONG_SLIDES_TYPE = "The slides must be a PDF or a PowerPoint file (.pptx)"


def upload_slides(actor, event: Event, upload) -> EventSlides:
    """The admins upload the slides once the event has started; a new file replaces the one before."""
    ensure_network_admin(actor)
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    extension = uploads.extension_of(name)
    if extension not in SLIDES_TYPES or not uploads.is_what_it_says(upload, extension):
        raise ValidationError({"file": WRONG_SLIDES_TYPE})
    if upload.size > MAX_SLIDES_BYTES:
        raise ValidationError({"file": "The slides must be smaller than 25 MB"})
    with transaction.atomic():
        event = _lock(event)
        if event.starts_at > timezone.now():
            raise ValidationError({"file": "Add the slides once the event has taken place."})
        slides = EventSlides.objects.filter(event=event).first() or EventSlides(event=event)
        old = slides.file.name if slides.pk else ""
        slides.original_name = name
        slides.content_type = SLIDES_TYPES[extension]
        slides.size = upload.size
        slides.uploaded_by = workflow.user_or_none(actor)
        slides.file.save(name, upload, save=False)
        slides.save()
        if old:
            storage = slides.file.storage
            transaction.on_commit(lambda: storage.delete(old))
    return slides

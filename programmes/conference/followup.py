"""Every write after the conference, and the co-speaker reminders: attendees' feedback on the day and on each
session (once each, after the edition's last day has ended, by people with a confirmed registration), the
speakers' slides and recording link, and the reminders to co-speakers who have not answered an invitation.

Nothing is recorded as having happened before it happened: feedback opens at the end of the edition's last day
(London time), and is refused before with a clear message and nothing saved."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from academy import workflow
from academy.notifications.services import email_user_after_commit, send_after_commit
from academy.ui.formats import nhs_date, nhs_datetime
from programmes.conference import followup_selectors
from programmes.conference.models import (
    FEEDBACK_RATINGS,
    DayFeedback,
    Edition,
    Proposal,
    ProposalSpeaker,
    SessionFeedback,
    SessionMaterial,
    SpeakerState,
)
from programmes.conference.services import invitation_path
from programmes.core import uploads

MAX_TEXT = 2000


def _rating(rating) -> int:
    if rating not in FEEDBACK_RATINGS:
        raise ValidationError({"rating": "Choose a rating from 1 to 5"})
    return rating


def _text(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise ValidationError({field: f"{what} must be 2,000 characters or fewer"})
    return value


def _feedback_open(person, edition: Edition) -> None:
    if not (person and person.is_authenticated):
        raise PermissionDenied
    if not followup_selectors.ended(edition):
        opens = nhs_datetime(followup_selectors.feedback_opens_at(edition))
        raise ValidationError(f"You can give feedback once the conference has ended, from {opens}. "
                              "Nothing has been saved.")
    if not followup_selectors.may_give_feedback(person, edition):
        raise PermissionDenied("Only people with a confirmed place at the conference can give feedback on it.")


def give_day_feedback(person, edition: Edition, *, rating: int, improve: str = "", comment: str = "") -> DayFeedback:
    """An attendee's feedback on the conference as a whole, once, after its last day has ended."""
    rating = _rating(rating)
    improve = _text(improve, "improve", "What would make it better")
    comment = _text(comment, "comment", "Anything else")
    _feedback_open(person, edition)
    try:
        with transaction.atomic():
            return DayFeedback.objects.create(edition=edition, person=person, rating=rating, improve=improve,
                                              comment=comment)
    except IntegrityError as exc:
        raise ValidationError("You have already given feedback on the conference. Thank you.") from exc


def give_session_feedback(person, proposal: Proposal, *, rating: int, comment: str = "") -> SessionFeedback:
    """An attendee's feedback on one session (an accepted proposal), once, after the edition has ended."""
    rating = _rating(rating)
    comment = _text(comment, "comment", "Your comment")
    if proposal.state not in followup_selectors.SESSION_STATES:
        raise ValidationError("This proposal is not a session of the conference.")
    _feedback_open(person, proposal.edition)
    try:
        with transaction.atomic():
            return SessionFeedback.objects.create(proposal=proposal, person=person, rating=rating, comment=comment)
    except IntegrityError as exc:
        raise ValidationError("You have already given feedback on this session. Thank you.") from exc


# --- slides and recordings ---------------------------------------------------------------------------------

MAX_SLIDES_BYTES = 25 * 1024 * 1024
# Slides are a PDF or a PowerPoint file, checked by content through programmes.core.uploads.
SLIDES_TYPES = {extension: uploads.DOCUMENT_TYPES[extension] for extension in ("pdf", "pptx")}
WRONG_SLIDES_TYPE = "The slides must be a PDF or a PowerPoint file (.pptx)"


def _check_https(value: str) -> str:
    """A recording link must be an https web address (never http, javascript: or data:)."""
    value = (value or "").strip()
    if value and (urlsplit(value).scheme != "https" or not urlsplit(value).netloc):
        raise ValidationError({"recording_url": "Enter the recording's web address, starting https://"})
    if len(value) > 500:
        raise ValidationError({"recording_url": "The recording's web address must be 500 characters or fewer"})
    return value


def save_material(actor, proposal: Proposal, *, upload=None, recording_url: str = "") -> SessionMaterial:
    """A speaker of an accepted session (the speaker or a co-speaker who accepted) uploads its slides (a new file
    replaces the one before) and sets its recording link (blank removes it). The proposal's row is locked so
    two speakers saving at once do not lose each other's change."""
    recording_url = _check_https(recording_url)
    name = extension = ""
    if upload is not None:
        name = (upload.name or "").rsplit("/", 1)[-1][:200]
        extension = uploads.extension_of(name)
        if extension not in SLIDES_TYPES or not uploads.is_what_it_says(upload, extension):
            raise ValidationError({"file": WRONG_SLIDES_TYPE})
        if upload.size > MAX_SLIDES_BYTES:
            raise ValidationError({"file": "The slides must be smaller than 25 MB"})
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("edition").get(pk=proposal.pk)
        if not followup_selectors.may_add_material(actor, proposal):
            raise PermissionDenied("Only the speakers of an accepted session can add its slides and recording.")
        material = SessionMaterial.objects.filter(proposal=proposal).first() or SessionMaterial(proposal=proposal)
        if upload is None and not recording_url and not material.has_slides:
            raise ValidationError("Choose a slides file or enter the link to the recording.")
        old = material.file.name if upload is not None and material.has_slides else ""
        material.recording_url = recording_url
        material.updated_by = workflow.user_or_none(actor)
        if upload is not None:
            material.original_name = name
            material.content_type = SLIDES_TYPES[extension]
            material.size = upload.size
            material.file.save(name, upload, save=False)
        material.save()
        if old:
            storage = material.file.storage
            transaction.on_commit(lambda: storage.delete(old))
    return material


# --- reminders to co-speakers who have not answered ----------------------------------------------------------

# Days after the invitation when a co-speaker who has not answered is reminded; never after the session type's
# deadline (after it the proposal can no longer change, so the invitation is moot).
CO_SPEAKER_REMINDER_DAYS = (3, 7)


def remind_co_speakers(now=None) -> int:
    """Remind each person invited to co-speak who has neither accepted nor declined, 3 and 7 days after the
    invitation, each reminder once (a run that finds both due sends one, the later), and only before the session
    type's deadline. Each invitation is handled in its own transaction with its row locked; rows another run
    holds are skipped. Returns the number of reminders sent."""
    now = now or timezone.now()
    first_due = now - timedelta(days=CO_SPEAKER_REMINDER_DAYS[0])
    candidates = list(
        ProposalSpeaker.objects.filter(
            state=SpeakerState.INVITED, invited_at__lte=first_due, proposal__session_type__deadline__gt=now,
            reminders_sent__lt=len(CO_SPEAKER_REMINDER_DAYS),
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in candidates:
        with transaction.atomic():
            invitation = (
                ProposalSpeaker.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "proposal__edition", "proposal__session_type", "proposal__speaker")
                .filter(pk=pk, state=SpeakerState.INVITED, proposal__session_type__deadline__gt=now).first()
            )
            if invitation is None:
                continue
            due = sum(1 for days in CO_SPEAKER_REMINDER_DAYS if now >= invitation.invited_at + timedelta(days=days))
            if due <= invitation.reminders_sent:
                continue
            proposal = invitation.proposal
            speaker = proposal.speaker
            context = {
                "speaker_name": speaker.get_full_name() or speaker.email,
                "title": proposal.title,
                "edition": proposal.edition.name,
                "session_type": proposal.session_type.get_kind_display().lower(),
                "invitation_path": invitation_path(invitation),
                "invited_on": nhs_date(timezone.localdate(invitation.invited_at)),
                "deadline": nhs_datetime(proposal.session_type.deadline),
                "final": due == len(CO_SPEAKER_REMINDER_DAYS),
            }
            key = f"conf-co-speaker-reminder-{invitation.pk}-{due}"
            if invitation.user_id is not None:
                email_user_after_commit(key, "conf_co_speaker_reminder", invitation.user, context,
                                        link=context["invitation_path"])
            else:
                send_after_commit(key, "conf_co_speaker_reminder", invitation.email, {"first_name": "", **context})
            invitation.reminders_sent = due
            invitation.save(update_fields=["reminders_sent"])
            sent += 1
    return sent

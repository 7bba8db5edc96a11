"""Writes for the schedule: the day's hours, placing, moving and unplacing accepted sessions, releasing the
schedule as a numbered version (with the speakers whose slot changed emailed their new .ics after commit), the
speaker's unavailable times, favourites and the private calendar feed of favourites.

Permission checks are here: the team (conference admins, or workflow.SYSTEM for demo data) changes the schedule;
the speaker of the proposal states their unavailability; any signed-in person keeps favourites."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date, nhs_datetime_range, nhs_time
from programmes.conference import schedule_selectors as selectors
from programmes.conference.calendar import sessions_calendar
from programmes.conference.models import (
    Edition,
    Favourite,
    Placement,
    ProgrammeFeed,
    Proposal,
    Room,
    ScheduleSettings,
    ScheduleVersion,
    SpeakerAvailability,
)
from programmes.conference.schedule_models import MIDDAY
from programmes.conference.services.common import require_admin
from programmes.conference.services.editions import _lock_edition
from programmes.conference.services.proposals import _lock_proposal
from programmes.conference.workshops import follow_rooms

SCHEDULE_EMAIL = "conf_schedule_changed"


def _hours_words(hours) -> str:
    return f"{nhs_time(hours.day_starts)} to {nhs_time(hours.day_ends)}"


# --- the team: the day's hours ------------------------------------------------------------------------------


@transaction.atomic
def save_hours(actor, edition: Edition, *, day_starts: dt.time, day_ends: dt.time, slot_minutes: int
               ) -> ScheduleSettings:
    """Change the hours of the edition's days. Refused if a placed session would fall outside them."""
    require_admin(actor)
    edition = _lock_edition(edition)
    if day_ends <= day_starts:
        raise ValidationError({"day_ends": "The day must end after it starts"})
    if slot_minutes not in (5, 10, 15, 20, 30, 45, 60):
        raise ValidationError({"slot_minutes": "Choose rows of 5, 10, 15, 20, 30, 45 or 60 minutes"})
    outside = [
        p for p in selectors._placements(edition)
        if timezone.localtime(p.starts_at).time() < day_starts or timezone.localtime(p.ends_at).time() > day_ends
        or timezone.localtime(p.ends_at).date() != timezone.localtime(p.starts_at).date()
    ]
    if outside:
        raise ValidationError(f"“{outside[0].proposal.title}” would fall outside those hours: move it first")
    hours, _ = ScheduleSettings.objects.get_or_create(edition=edition)
    hours.day_starts, hours.day_ends, hours.slot_minutes = day_starts, day_ends, slot_minutes
    hours.save()
    return hours


# --- the team: placing sessions -----------------------------------------------------------------------------


def _check_slot(edition: Edition, proposal: Proposal, room: Room, starts_at: dt.datetime, minutes: int) -> None:
    if room.edition_id != edition.pk:
        raise ValidationError({"room": "Choose one of this edition's rooms"})
    hours = selectors.hours_of(edition)
    local = timezone.localtime(starts_at)
    if local.date() not in selectors.edition_days(edition):
        raise ValidationError({"starts_at": f"Choose a time on the edition's days "
                                            f"({nhs_date(edition.starts_on)} to {nhs_date(edition.ends_on)})"})
    ends = local + dt.timedelta(minutes=minutes)
    if local.time() < hours.day_starts or ends > selectors.london(local.date(), hours.day_ends):
        raise ValidationError({"starts_at": f"“{proposal.title}” ({minutes} minutes) must fit in the day, "
                                            f"{_hours_words(hours)}"})


@transaction.atomic
def place_session(actor, proposal: Proposal, *, room: Room, starts_at: dt.datetime,
                  length_minutes: int | None = None) -> Placement:
    """Place an accepted session in a room at a time, or move it. Its length is its session type's unless
    ``length_minutes`` is given. Refused (nothing saved) outside the edition's days and hours, in another
    edition's room, or for a proposal that is not accepted. Clashes are warnings: see
    schedule_selectors.schedule_warnings."""
    require_admin(actor)
    proposal = _lock_proposal(proposal.pk)
    if proposal.state not in selectors.SCHEDULABLE_STATES:
        raise ValidationError(f"“{proposal.title}” is not accepted, so it cannot be placed")
    if length_minutes is not None and not 5 <= length_minutes <= 24 * 60:
        raise ValidationError({"length_minutes": "Enter a length from 5 minutes"})
    minutes = length_minutes or proposal.session_type.length_minutes
    _check_slot(proposal.edition, proposal, room, starts_at, minutes)
    placement = Placement.objects.filter(proposal=proposal).first() or Placement(
        edition=proposal.edition, proposal=proposal)
    placement.room, placement.starts_at, placement.length_minutes = room, starts_at, length_minutes
    placement.placed_by = None if workflow.is_system(actor) else actor
    placement.save()
    return placement


@transaction.atomic
def unplace_session(actor, proposal: Proposal) -> bool:
    """Take a session out of the schedule (it goes back to the sessions to place). False if it was not placed."""
    require_admin(actor)
    proposal = _lock_proposal(proposal.pk)
    deleted, _ = Placement.objects.filter(proposal=proposal).delete()
    return bool(deleted)


# --- the team: releasing a version --------------------------------------------------------------------------


@transaction.atomic
def release_schedule(actor, edition: Edition, *, expected_number: int, note: str = "", now=None
                     ) -> ScheduleVersion:
    """Release the schedule as it is now as the next numbered version, with its snapshot and its changelog
    against the last version. ``expected_number`` is the number the confirm page showed: if someone released
    meanwhile nothing happens. Each speaker (and accepted co-speaker) whose session was added or moved gets one
    email, after commit, with an .ics of those sessions; one whose session was removed is told too."""
    require_admin(actor)
    edition = _lock_edition(edition)
    now = now or timezone.now()
    latest = selectors.latest_version(edition)
    number = (latest.number if latest else 0) + 1
    if expected_number != number:
        raise ValidationError("The schedule was released by someone else meanwhile: check the changes again")
    placements = list(selectors._placements(edition))
    if not placements:
        raise ValidationError("Place at least one session before releasing the schedule")
    snapshot = selectors.snapshot_of(placements)
    changes = selectors.changelog(latest.snapshot if latest else {}, snapshot)
    if latest and not selectors.has_changes(changes):
        raise ValidationError(f"Nothing has changed since version {latest.number}")
    version = ScheduleVersion.objects.create(
        edition=edition, number=number, released_at=now, released_by=None if workflow.is_system(actor) else actor,
        note=note.strip(), snapshot=snapshot, changelog=changes,
    )
    _tell_speakers(edition, version, placements, latest.snapshot if latest else {})
    follow_rooms(version, now)
    return version


def _tell_speakers(edition: Edition, version: ScheduleVersion, placements: list[Placement], before: dict) -> None:
    changed_ids = {e["proposal"] for e in version.changelog["added"] + version.changelog["moved"]}
    removed = {e["proposal"]: e for e in version.changelog["removed"]}
    by_person: dict[int, dict] = {}
    for placement in placements:
        if placement.proposal_id not in changed_ids:
            continue
        session = selectors.ProgrammeSession(
            proposal=placement.proposal, room=placement.room.name, room_id=placement.room_id,
            starts_at=placement.starts_at, ends_at=placement.ends_at,
            speakers=selectors.speakers_of(placement.proposal),
        )
        for person in session.speakers:
            told = by_person.setdefault(person.pk, {"person": person, "sessions": [], "removed": []})
            told["sessions"].append(session)
    if removed:
        ids = {pk for pid, entry in removed.items() for pk in before[str(pid)]["speaker_ids"]}
        people = {u.pk: u for u in User.objects.filter(pk__in=ids, is_active=True)}
        for pid, entry in removed.items():
            for pk in before[str(pid)]["speaker_ids"]:
                if pk in people:
                    by_person.setdefault(pk, {"person": people[pk], "sessions": [], "removed": []})["removed"].append(
                        entry["title"])
    path = reverse("conference:programme", args=[edition.slug])
    for pk, told in sorted(by_person.items()):
        person, sessions = told["person"], told["sessions"]
        context = {
            "edition": edition.name, "venue": edition.venue_name, "version": version.number,
            "sessions": [{"title": s.proposal.title, "when": nhs_datetime_range(s.starts_at, s.ends_at),
                          "room": s.room} for s in sessions],
            "removed": told["removed"], "programme_path": path,
        }
        if sessions:
            context["attachments"] = [{
                "filename": "conference-sessions.ics", "mimetype": "text/calendar",
                "content": sessions_calendar([(s, edition) for s in sessions], edition.name,
                                             sequence=version.number),
            }]
        email_user_after_commit(f"conf-schedule:{version.pk}:{pk}", SCHEDULE_EMAIL, person, context, link=path)


# --- speakers: when they cannot speak -----------------------------------------------------------------------


def half_day_choices(edition: Edition) -> list[tuple[str, str]]:
    hours = selectors.hours_of(edition)
    choices = []
    for day in selectors.edition_days(edition):
        choices.append((f"{day.isoformat()} am", f"{nhs_date(day)}, morning ({nhs_time(hours.day_starts)} to "
                                                 f"{nhs_time(MIDDAY)})"))
        choices.append((f"{day.isoformat()} pm", f"{nhs_date(day)}, afternoon ({nhs_time(MIDDAY)} to "
                                                 f"{nhs_time(hours.day_ends)})"))
    return choices


@transaction.atomic
def save_unavailability(actor, proposal: Proposal, unavailable: list[str]) -> SpeakerAvailability:
    """The speaker of an accepted proposal says which parts of the edition's days they cannot speak."""
    if not (actor and actor.is_authenticated and actor.pk == proposal.speaker_id):
        raise PermissionDenied("Only the proposal's speaker can say when they cannot speak.")
    allowed = {value for value, _label in half_day_choices(proposal.edition)}
    if set(unavailable) - allowed:
        raise ValidationError({"unavailable": "Choose from the parts of the conference's days listed"})
    if allowed and set(unavailable) == allowed:
        raise ValidationError({"unavailable": "You cannot be unavailable for the whole conference: withdraw instead"})
    availability, _ = SpeakerAvailability.objects.get_or_create(proposal=proposal)
    availability.unavailable = sorted(set(unavailable))
    availability.save()
    return availability


# --- everyone signed in: favourites and the calendar feed ---------------------------------------------------


def _require_signed_in(actor) -> None:
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to keep favourites.")


@transaction.atomic
def add_favourite(actor, proposal: Proposal) -> Favourite:
    _require_signed_in(actor)
    version = selectors.latest_version(proposal.edition)
    in_programme = version is not None and str(proposal.pk) in version.snapshot
    if not in_programme or proposal.state not in selectors.SCHEDULABLE_STATES:
        raise ValidationError("This session is not in the programme")
    favourite, _ = Favourite.objects.get_or_create(user=actor, proposal=proposal)
    return favourite


@transaction.atomic
def remove_favourite(actor, proposal: Proposal) -> bool:
    _require_signed_in(actor)
    deleted, _ = Favourite.objects.filter(user=actor, proposal=proposal).delete()
    return bool(deleted)


def programme_feed(actor) -> ProgrammeFeed:
    """The person's feed, made on first use."""
    _require_signed_in(actor)
    feed, _ = ProgrammeFeed.objects.get_or_create(user=actor, defaults={"token": secrets.token_urlsafe(32)})
    return feed


@transaction.atomic
def renew_programme_feed(actor) -> ProgrammeFeed:
    """A new secret address; the old one stops working at once."""
    feed = programme_feed(actor)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    return feed


def stop_programme_feed(actor) -> bool:
    _require_signed_in(actor)
    deleted, _ = ProgrammeFeed.objects.filter(user=actor).delete()
    return bool(deleted)

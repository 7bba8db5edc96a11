"""Reads for the schedule: the editor's grid, sessions to place and warnings; released versions; the published
programme with its filters, speakers' pages, favourites and the calendar feed. Each reads in a fixed number of
queries whatever the number of sessions (the budgets are in tests/programmes/conference/test_schedule_views.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from academy.ui.formats import nhs_datetime_range, nhs_time
from programmes.conference.models import (
    Edition,
    EditionState,
    Favourite,
    Placement,
    ProgrammeFeed,
    Proposal,
    ProposalSpeaker,
    ProposalState,
    Room,
    ScheduleSettings,
    ScheduleVersion,
    SpeakerProfile,
    SpeakerState,
)
from programmes.conference.schedule_models import (
    DEFAULT_DAY_ENDS,
    DEFAULT_DAY_STARTS,
    DEFAULT_SLOT_MINUTES,
    MIDDAY,
)

# The proposals the schedule holds: accepted ones, whether or not the speaker has confirmed yet.
SCHEDULABLE_STATES = (ProposalState.ACCEPTED, ProposalState.CONFIRMED)


def london(day: dt.date, moment: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, moment), timezone.get_default_timezone())


def hours_of(edition: Edition) -> ScheduleSettings:
    """The edition's day hours (the defaults, unsaved, until the team changes them)."""
    found = ScheduleSettings.objects.filter(edition=edition).first()
    return found or ScheduleSettings(edition=edition, day_starts=DEFAULT_DAY_STARTS, day_ends=DEFAULT_DAY_ENDS,
                                     slot_minutes=DEFAULT_SLOT_MINUTES)


def edition_days(edition: Edition) -> list[dt.date]:
    days, day = [], edition.starts_on
    while day <= edition.ends_on:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def start_times(edition: Edition, hours: ScheduleSettings) -> list[dt.datetime]:
    """Every moment a session may start: each day's rows, from the day's start to its last row."""
    step = dt.timedelta(minutes=hours.slot_minutes)
    moments = []
    for day in edition_days(edition):
        moment, end = london(day, hours.day_starts), london(day, hours.day_ends)
        while moment < end:
            moments.append(moment)
            moment += step
    return moments


def _speaker_prefetch():
    return Prefetch("co_speakers", queryset=ProposalSpeaker.objects.filter(state=SpeakerState.ACCEPTED)
                    .select_related("user"), to_attr="accepted_co_speakers")


def speakers_of(proposal: Proposal) -> list:
    """The speaker and the co-speakers who accepted (from :func:`_speaker_prefetch`)."""
    return [proposal.speaker, *[s.user for s in proposal.accepted_co_speakers]]


def _placements(edition: Edition):
    return (
        Placement.objects.filter(edition=edition, proposal__state__in=SCHEDULABLE_STATES)
        .select_related("room", "proposal__session_type", "proposal__speaker", "proposal__availability")
        .prefetch_related(Prefetch("proposal__co_speakers", queryset=ProposalSpeaker.objects.filter(
            state=SpeakerState.ACCEPTED).select_related("user"), to_attr="accepted_co_speakers"))
        .order_by("starts_at", "room__name", "pk")
    )


@dataclass
class Warning:
    text: str
    proposal_ids: tuple = ()


def _overlap(a: Placement, b: Placement) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def _half_days(placement: Placement, hours: ScheduleSettings) -> set[str]:
    day = timezone.localtime(placement.starts_at).date()
    halves = set()
    if placement.starts_at < london(day, MIDDAY):
        halves.add(f"{day.isoformat()} am")
    if placement.ends_at > london(day, MIDDAY):
        halves.add(f"{day.isoformat()} pm")
    return halves


def schedule_warnings(placements: list[Placement], hours: ScheduleSettings) -> list[Warning]:
    """Problems the team should look at, none of which stops them: a room used twice, a speaker in two places,
    a session overrunning into the next in its room, a session longer than the slot given it, a session at a
    time its speaker said they cannot speak. Works on the placements already read (no queries)."""
    warnings: list[Warning] = []
    by_room = defaultdict(list)
    for placement in placements:
        by_room[placement.room_id].append(placement)
    for room_placements in by_room.values():
        for i, first in enumerate(room_placements):
            for second in room_placements[i + 1:]:
                if not _overlap(first, second):
                    continue
                if first.starts_at == second.starts_at:
                    text = (f"{first.room.name} is used twice at {nhs_time(first.starts_at)}: "
                            f"“{first.proposal.title}” and “{second.proposal.title}”.")
                else:
                    earlier, later = sorted((first, second), key=lambda p: p.starts_at)
                    minutes = int((earlier.ends_at - later.starts_at).total_seconds() // 60)
                    text = (f"“{earlier.proposal.title}” runs {minutes} minutes into “{later.proposal.title}” "
                            f"in {first.room.name}.")
                warnings.append(Warning(text, (first.proposal_id, second.proposal_id)))
    people = defaultdict(list)
    for placement in placements:
        for person in speakers_of(placement.proposal):
            people[person.pk].append((person, placement))
    for entries in people.values():
        for i, (person, first) in enumerate(entries):
            for _person, second in entries[i + 1:]:
                if _overlap(first, second):
                    warnings.append(Warning(
                        f"{person.get_full_name() or person.email} is in two places at {nhs_time(second.starts_at)}: "
                        f"“{first.proposal.title}” ({first.room.name}) and “{second.proposal.title}” "
                        f"({second.room.name}).", (first.proposal_id, second.proposal_id)))
    for placement in placements:
        needs = placement.proposal.session_type.length_minutes
        if placement.length_minutes and placement.length_minutes < needs:
            warnings.append(Warning(
                f"“{placement.proposal.title}” needs {needs} minutes but its slot is {placement.length_minutes}.",
                (placement.proposal_id,)))
        availability = getattr(placement.proposal, "availability", None)
        if availability and set(availability.unavailable) & _half_days(placement, hours):
            warnings.append(Warning(
                f"{placement.proposal.speaker.get_full_name()} said they cannot speak then: "
                f"“{placement.proposal.title}” at {nhs_time(placement.starts_at)}.", (placement.proposal_id,)))
    return warnings


@dataclass
class Row:
    starts_at: dt.datetime
    cells: list = field(default_factory=list)  # one list of placements per room


@dataclass
class Day:
    day: dt.date
    rows: list[Row]


def build_grid(edition: Edition, rooms: list[Room], placements: list[Placement], hours: ScheduleSettings) -> list[Day]:
    """Each day's rows (one per slot) by room: the sessions starting in that row."""
    step = dt.timedelta(minutes=hours.slot_minutes)
    days = []
    column = {room.pk: index for index, room in enumerate(rooms)}
    for day in edition_days(edition):
        rows = []
        moment, end = london(day, hours.day_starts), london(day, hours.day_ends)
        while moment < end:
            rows.append(Row(moment, [[] for _ in rooms]))
            moment += step
        days.append(Day(day, rows))
    for placement in placements:
        for day in days:
            for row in day.rows:
                if row.starts_at <= placement.starts_at < row.starts_at + step and placement.room_id in column:
                    row.cells[column[placement.room_id]].append(placement)
    return days


@dataclass
class Editor:
    edition: Edition
    hours: ScheduleSettings
    rooms: list
    placements: list
    unplaced: list
    warnings: list
    grid: list
    start_times: list
    latest: ScheduleVersion | None
    changes: dict

    @property
    def warned_ids(self) -> set:
        return {pk for warning in self.warnings for pk in warning.proposal_ids}


def editor(edition: Edition) -> Editor:
    """Everything the schedule editor shows, in a fixed number of queries."""
    hours = hours_of(edition)
    rooms = list(Room.objects.filter(edition=edition).order_by("name"))
    placements = list(_placements(edition))
    unplaced = list(
        Proposal.objects.filter(edition=edition, state__in=SCHEDULABLE_STATES, placement__isnull=True)
        .select_related("session_type", "speaker").order_by("title", "pk")
    )
    latest = latest_version(edition)
    return Editor(
        edition=edition, hours=hours, rooms=rooms, placements=placements, unplaced=unplaced,
        warnings=schedule_warnings(placements, hours), grid=build_grid(edition, rooms, placements, hours),
        start_times=start_times(edition, hours), latest=latest,
        changes=changelog(latest.snapshot if latest else {}, snapshot_of(placements)),
    )


# --- versions -----------------------------------------------------------------------------------------------


def snapshot_of(placements: list[Placement]) -> dict:
    """The placements as a version stores them (JSON: ISO moments, ids)."""
    return {
        str(p.proposal_id): {
            "title": p.proposal.title, "room": p.room.name, "room_id": p.room_id,
            "starts_at": p.starts_at.isoformat(), "ends_at": p.ends_at.isoformat(),
            "speaker_ids": [person.pk for person in speakers_of(p.proposal)],
        }
        for p in placements
    }


def _slot_words(entry: dict) -> str:
    starts, ends = parse_datetime(entry["starts_at"]), parse_datetime(entry["ends_at"])
    return f"{nhs_datetime_range(starts, ends)}, {entry['room']}"


def changelog(before: dict, after: dict) -> dict:
    """What was added, moved (another room, time or length) and removed between two snapshots."""
    added = [{"proposal": int(pk), "title": entry["title"], "was": "", "now": _slot_words(entry)}
             for pk, entry in after.items() if pk not in before]
    removed = [{"proposal": int(pk), "title": entry["title"], "was": _slot_words(entry), "now": ""}
               for pk, entry in before.items() if pk not in after]
    moved = [
        {"proposal": int(pk), "title": entry["title"], "was": _slot_words(before[pk]), "now": _slot_words(entry)}
        for pk, entry in after.items()
        if pk in before and any(before[pk][key] != entry[key] for key in ("room_id", "starts_at", "ends_at"))
    ]
    return {"added": sorted(added, key=lambda e: e["title"]), "moved": sorted(moved, key=lambda e: e["title"]),
            "removed": sorted(removed, key=lambda e: e["title"])}


def sections_of(changes: dict) -> list[tuple[str, list]]:
    """A changelog's parts with their headings, for display."""
    return [("Added", changes.get("added", [])), ("Moved", changes.get("moved", [])),
            ("Removed", changes.get("removed", []))]


def has_changes(changes: dict) -> bool:
    return any(changes.get(key) for key in ("added", "moved", "removed"))


def latest_version(edition: Edition) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()


def versions(edition: Edition) -> list[ScheduleVersion]:
    found = list(ScheduleVersion.objects.filter(edition=edition).select_related("released_by").order_by("-number"))
    for version in found:
        version.sections = sections_of(version.changelog)
    return found


# --- the published programme --------------------------------------------------------------------------------


def programme_editions() -> list[Edition]:
    """Published editions with a released schedule, the soonest first."""
    return list(Edition.objects.filter(state=EditionState.PUBLISHED, schedule_versions__isnull=False)
                .distinct().order_by("starts_on", "pk"))


def programme_edition(slug: str) -> tuple[Edition, ScheduleVersion]:
    edition = Edition.objects.filter(slug=slug, state=EditionState.PUBLISHED).first()
    version = latest_version(edition) if edition else None
    if version is None:
        raise Http404("No programme for this edition")
    return edition, version


@dataclass
class ProgrammeSession:
    proposal: Proposal
    room: str
    room_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    speakers: list

    @property
    def day(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()


def _released_proposals(version: ScheduleVersion):
    ids = [int(pk) for pk in version.snapshot]
    return (
        Proposal.objects.filter(pk__in=ids, edition_id=version.edition_id, state__in=SCHEDULABLE_STATES)
        .select_related("session_type", "speaker", "edition")
        .prefetch_related("themes", _speaker_prefetch())
    )


def programme_sessions(version: ScheduleVersion, *, theme: str = "", room: str = "", kind: str = "",
                       only_ids: set | None = None) -> list[ProgrammeSession]:
    """The released version's sessions (withdrawn since are left out), filtered, in time then room order. Three
    queries whatever the number of sessions."""
    proposals = _released_proposals(version)
    if theme.isdigit():
        proposals = proposals.filter(themes=int(theme))
    if kind:
        proposals = proposals.filter(session_type__kind=kind)
    if only_ids is not None:
        proposals = proposals.filter(pk__in=only_ids)
    sessions = []
    for proposal in proposals:
        entry = version.snapshot[str(proposal.pk)]
        if room.isdigit() and entry["room_id"] != int(room):
            continue
        sessions.append(ProgrammeSession(
            proposal=proposal, room=entry["room"], room_id=entry["room_id"],
            starts_at=parse_datetime(entry["starts_at"]), ends_at=parse_datetime(entry["ends_at"]),
            speakers=speakers_of(proposal),
        ))
    return sorted(sessions, key=lambda s: (s.starts_at, s.room, s.proposal.title))


def programme_session(version: ScheduleVersion, pk: int) -> ProgrammeSession:
    found = programme_sessions(version, only_ids={pk}) if str(pk) in version.snapshot else []
    if not found:
        raise Http404("No such session in the programme")
    return found[0]


def programme_filters(edition: Edition, version: ScheduleVersion) -> dict:
    rooms = {(entry["room_id"], entry["room"]) for entry in version.snapshot.values()}
    return {
        "themes": list(edition.themes.order_by("name")),
        "rooms": sorted(rooms, key=lambda r: r[1]),
        "kinds": [(st.kind, st.get_kind_display()) for st in edition.session_types.order_by("kind")],
    }


def favourite_ids(user, edition: Edition) -> set[int]:
    if not (user and user.is_authenticated):
        return set()
    return set(Favourite.objects.filter(user=user, proposal__edition=edition).values_list("proposal_id", flat=True))


@dataclass
class SpeakerPage:
    user: object
    profile: SpeakerProfile | None
    sessions: list


def speaker_page(version: ScheduleVersion, user_pk: int) -> SpeakerPage:
    """A speaker of a session in the released programme: their name, and the role, organisation and biography
    they chose to show there. Anyone else is not found."""
    sessions = [s for s in programme_sessions(version) if any(person.pk == user_pk for person in s.speakers)]
    if not sessions:
        raise Http404("No such speaker in the programme")
    user = next(person for person in sessions[0].speakers if person.pk == user_pk)
    return SpeakerPage(user=user, profile=SpeakerProfile.objects.filter(user_id=user_pk).first(), sessions=sessions)


def feed_of(user) -> ProgrammeFeed | None:
    return ProgrammeFeed.objects.filter(user=user).first()


def feed_sessions(token: str) -> list[ProgrammeSession]:
    """The favourite sessions, in each edition's latest released version, of the feed's owner."""
    feed = ProgrammeFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed")
    favourites = Favourite.objects.filter(user=feed.user).values_list("proposal_id", "proposal__edition_id")
    by_edition = defaultdict(set)
    for proposal_id, edition_id in favourites:
        by_edition[edition_id].add(proposal_id)
    sessions = []
    for edition_id, ids in sorted(by_edition.items()):
        version = ScheduleVersion.objects.filter(edition_id=edition_id).order_by("-number").first()
        if version is not None:
            sessions.extend(programme_sessions(version, only_ids=ids))
    return sessions


def site_url() -> str:
    return settings.ACADEMY_SITE_URL

"""Every write of the managed network: joining, applying to an intake, the supporter's answer, the
admins' decisions, Big Room events, RSVPs with the waiting list, and the table plan.

Each service takes the acting person, runs in one transaction and checks permission. Capacity is held
with row locks, parent first: the event, then its RSVPs."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.services import email_user_after_commit, send_after_commit
from academy.ui.formats import nhs_datetime
from programmes.core import selectors as core_selectors
from programmes.core.grouping import propose_groups
from programmes.core.presenters import site_url
from programmes.network import selectors
from programmes.network.models import (
    LIVE_MEMBERSHIP_STATES,
    Event,
    Intake,
    Membership,
    MembershipState,
    Rsvp,
    RsvpStatus,
    SupporterRole,
    Tier,
)
from programmes.network.rules import ensure_network_admin

SUPPORTER_SALT = "programmes.network.supporter"
SUPPORTER_MAX_AGE = timedelta(days=21)
INVITE_SALT = "programmes.network.invite"
INVITE_MAX_AGE = timedelta(days=60)
TABLE_DIMENSIONS = ("organisation", "profession")
ALUMNI_ONLY = (
    "This Big Room is for alumni only: people who have completed an Academy programme. "
    "You can come to any of the other Big Rooms."
)


# --- membership ------------------------------------------------------------------------------------


def _live(person, tier: str):
    return Membership.objects.filter(person=person, tier=tier, state__in=LIVE_MEMBERSHIP_STATES).first()


def join_open(person, *, interests) -> Membership:
    """Join the open tier at once: no application and no supporter."""
    if not person.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        if _live(person, Tier.OPEN) is not None or Membership.objects.filter(
            person=person, tier=Tier.INTAKE, state=MembershipState.ACCEPTED
        ).exists():
            raise ValidationError("You are already a member of the network.")
        membership = Membership.objects.create(
            person=person, tier=Tier.OPEN, state=MembershipState.ACCEPTED, decided_at=timezone.now()
        )
        membership.interests.set(interests)
        workflow.start(membership, person, note="Joined the open network")
    return membership


def apply_to_intake(
    person, intake: Intake, *, interests, hopes: str, supporter_role: str, supporter_name: str, supporter_email: str
) -> Membership:
    """Apply to an open intake, naming a line manager or sponsor who is emailed a signed link to say
    whether they support the person's time."""
    if not person.is_authenticated:
        raise PermissionDenied
    if supporter_role not in SupporterRole.values:
        raise ValidationError({"supporter_role": "Say whether they are your line manager or your sponsor."})
    if supporter_email.strip().lower() == (person.email or "").lower():
        raise ValidationError({"supporter_email": "Give your line manager's or sponsor's email address, not your own."})
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=intake.pk)
        if not selectors.intake_is_open(intake):
            raise ValidationError("This intake is not taking applications.")
        if _live(person, Tier.INTAKE) is not None:
            raise ValidationError("You have already applied to an intake, or you are a member of one.")
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    person=person,
                    tier=Tier.INTAKE,
                    intake=intake,
                    state=MembershipState.APPLIED,
                    hopes=hopes,
                    supporter_role=supporter_role,
                    supporter_name=supporter_name,
                    supporter_email=supporter_email,
                )
        except IntegrityError as exc:
            raise ValidationError("You have already applied to an intake.") from exc
        membership.interests.set(interests)
        workflow.start(membership, person, note=f"Applied to {intake.name}")
        send_after_commit(
            f"network:supporter:{membership.pk}",
            "network_supporter_request",
            supporter_email,
            {
                "supporter_name": supporter_name,
                "named_as": SupporterRole(supporter_role).label.lower(),
                "applicant_name": person.get_full_name() or person.email,
                "intake": intake.name,
                "url": site_url(reverse("network:supporter", args=[supporter_token(membership)])),
            },
        )
    return membership


def supporter_token(membership: Membership) -> str:
    return signing.dumps({"m": membership.pk}, salt=SUPPORTER_SALT, compress=True)


def membership_from_supporter_token(token: str) -> Membership:
    """Raises signing.BadSignature (also when expired) or Membership.DoesNotExist."""
    data = signing.loads(token, salt=SUPPORTER_SALT, max_age=SUPPORTER_MAX_AGE)
    return Membership.objects.select_related("person", "intake").get(pk=data["m"])


def supporter_answers(token: str, *, supports: bool) -> Membership:
    """The line manager or sponsor answers through their signed link (no account). Once only."""
    try:
        pk = membership_from_supporter_token(token).pk
    except (signing.BadSignature, Membership.DoesNotExist) as exc:
        raise ValidationError("This link is not valid any more.") from exc
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=pk)
        if membership.supporter_answered_at is not None:
            raise ValidationError("You have already answered. Thank you.")
        if membership.state != MembershipState.APPLIED:
            raise ValidationError("This application has already been decided.")
        membership.supporter_answered_at = timezone.now()
        membership.supporter_supports = supports
        membership.save(update_fields=["supporter_answered_at", "supporter_supports", "updated_at"])
    return membership


def decide(actor, memberships, decision: str) -> int:
    """Network admins accept or decline applications in bulk. Returns how many were decided; each
    applicant is emailed. Accepting someone in the open tier moves them to their intake."""
    ensure_network_admin(actor)
    if decision not in {MembershipState.ACCEPTED, MembershipState.DECLINED}:
        raise ValidationError("Choose whether to accept or decline.")
    ids = sorted(m.pk for m in memberships)
    if not ids:
        raise ValidationError("Choose at least one application.")
    decided = 0
    with transaction.atomic():
        rows = list(Membership.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if any(m.state != MembershipState.APPLIED for m in rows):
            raise ValidationError("Some of these applications have already been decided: choose again.")
        now = timezone.now()
        for membership in rows:
            membership.decided_at = now
            workflow.move(membership, decision, actor, update_fields=["decided_at"])
            if decision == MembershipState.ACCEPTED:
                for open_row in Membership.objects.select_for_update().filter(
                    person_id=membership.person_id, tier=Tier.OPEN, state=MembershipState.ACCEPTED
                ):
                    workflow.move(open_row, MembershipState.LEFT, actor, note="Moved to an intake")
            decided += 1
        people = {m.pk: m for m in Membership.objects.filter(pk__in=ids).select_related("person", "intake")}
        for pk in ids:
            membership = people[pk]
            email_user_after_commit(
                f"network:decided:{pk}",
                "network_membership_decided",
                membership.person,
                {
                    "accepted": decision == MembershipState.ACCEPTED,
                    "intake": membership.intake.name,
                    "url": site_url(reverse("network:membership")),
                },
                link=reverse("network:membership"),
            )
    return decided


def update_interests(person, membership: Membership, interests) -> Membership:
    if membership.person_id != person.pk:
        raise PermissionDenied
    if membership.state not in LIVE_MEMBERSHIP_STATES:
        raise ValidationError("This membership has ended.")
    membership.interests.set(interests)
    return membership


def leave(person, membership: Membership) -> Membership:
    """A member leaves (or withdraws an application). No-fault: nothing is asked."""
    if membership.person_id != person.pk:
        raise PermissionDenied
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        workflow.move(membership, MembershipState.LEFT, person)
    return membership


def create_intake(actor, *, name: str, opens_on, closes_on, starts_on) -> Intake:
    ensure_network_admin(actor)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The closing date must be on or after the opening date."})
    return Intake.objects.create(name=name, opens_on=opens_on, closes_on=closes_on, starts_on=starts_on)


def close_intake(actor, intake: Intake) -> Intake:
    ensure_network_admin(actor)
    intake.state = Intake.State.CLOSED
    intake.save(update_fields=["state"])
    return intake


# --- Big Room events -------------------------------------------------------------------------------

EVENT_FIELDS = ("title", "summary", "starts_at", "ends_at", "venue", "capacity", "table_size", "alumni_only")


def _check_https(value: str, field: str) -> None:
    """Recording and slides links must be https web addresses (never http, javascript: or data:)."""
    if value and (urlsplit(value).scheme != "https" or not urlsplit(value).netloc):
        raise ValidationError({field: "Enter a web address starting https://"})


def _check_event(fields: dict, event: Event | None, now) -> None:
    if fields["ends_at"] <= fields["starts_at"]:
        raise ValidationError({"ends_at": "The event must end after it starts."})
    if fields["capacity"] < 1:
        raise ValidationError({"capacity": "The event needs at least 1 place."})
    if fields["table_size"] < 2:
        raise ValidationError({"table_size": "A table needs at least 2 seats."})
    for name in ("recording_url", "slides_url"):
        _check_https(fields.get(name, ""), name)
    links = fields.get("recording_url") or fields.get("slides_url")
    if links and (event is None or event.starts_at > now):
        raise ValidationError({"recording_url": "Add the recording and slides once the event has taken place."})


def save_event(actor, event: Event | None, **fields) -> Event:
    """Create a Big Room, or change one. Lowering the capacity below the people coming is refused."""
    ensure_network_admin(actor)
    now = timezone.now()
    _check_event(fields, event, now)
    with transaction.atomic():
        if event is None:
            return Event.objects.create(created_by=workflow.user_or_none(actor), **fields)
        event = Event.objects.select_for_update().get(pk=event.pk)
        going = event.rsvps.filter(status=RsvpStatus.GOING).count()
        if fields["capacity"] < going:
            raise ValidationError({"capacity": f"{going} people are coming: the capacity cannot be lower."})
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()
        _fill_from_waiting_list(event)
    return event


def rsvp(person, event: Event, *, invited_by=None) -> Rsvp:
    """Take a place at a Big Room, or a place on its waiting list when it is full."""
    if not person.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.starts_at <= timezone.now():
            raise ValidationError("This event has already started.")
        if event.alumni_only and not core_selectors.is_alumnus(person):
            raise ValidationError(ALUMNI_ONLY)
        answer = Rsvp.objects.select_for_update().filter(event=event, person=person).first()
        if answer is not None and answer.status != RsvpStatus.CANCELLED:
            raise ValidationError("You have already answered for this event.")
        going = event.rsvps.filter(status=RsvpStatus.GOING).count()
        status = RsvpStatus.GOING if going < event.capacity else RsvpStatus.WAITING
        if answer is None:
            answer = Rsvp(event=event, person=person)
        answer.status = status
        answer.table_number = None
        answer.waiting_since = timezone.now() if status == RsvpStatus.WAITING else None
        if invited_by is not None and invited_by.pk != person.pk:
            answer.invited_by = invited_by
        answer.save()
    return answer


def cancel_rsvp(person, event: Event) -> Rsvp:
    """Say you are not coming after all: a place you held goes to the first on the waiting list."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.starts_at <= timezone.now():
            raise ValidationError("This event has already started.")
        answer = Rsvp.objects.select_for_update().filter(event=event, person=person).first()
        if answer is None or answer.status == RsvpStatus.CANCELLED:
            raise ValidationError("You have not said you are coming to this event.")
        answer.status = RsvpStatus.CANCELLED
        answer.table_number = None
        answer.waiting_since = None
        answer.save()
        _fill_from_waiting_list(event)
    return answer


def _fill_from_waiting_list(event: Event) -> list[Rsvp]:
    """Give free places to the waiting list in the order people joined it (the event is locked)."""
    going = event.rsvps.filter(status=RsvpStatus.GOING).count()
    free = event.capacity - going
    if free <= 0:
        return []
    promoted = list(
        Rsvp.objects.select_for_update()
        .filter(event=event, status=RsvpStatus.WAITING)
        .select_related("person")
        .order_by("waiting_since", "pk")[:free]
    )
    for answer in promoted:
        answer.status = RsvpStatus.GOING
        answer.waiting_since = None
        answer.save(update_fields=["status", "waiting_since", "updated_at"])
        email_user_after_commit(
            f"network:place:{answer.pk}:{answer.updated_at.timestamp():.0f}",
            "network_place_from_waiting_list",
            answer.person,
            {"event": event.title, "when": nhs_datetime(event.starts_at), "venue": event.venue,
             "url": site_url(reverse("network:event", args=[event.pk]))},
            link=reverse("network:event", args=[event.pk]),
        )
    return promoted


def invite_token(event: Event, inviter) -> str:
    return signing.dumps({"e": event.pk, "by": inviter.pk}, salt=INVITE_SALT, compress=True)


def read_invite(token: str) -> tuple[int, int]:
    """(event id, inviter id) of a colleague's invitation. Raises signing.BadSignature (also when expired)."""
    data = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
    return int(data["e"]), int(data["by"])


def make_table_plan(actor, event: Event) -> list[list[dict]]:
    """Seat everyone coming at tables of ``event.table_size``, mixing organisations and professions
    through the same engine that proposes action learning sets. Replaces any earlier plan."""
    ensure_network_admin(actor)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        people = selectors.seating_people(event)
        if not people:
            raise ValidationError("Nobody is coming yet, so there is nobody to seat.")
        tables = propose_groups(people, event.table_size, dimensions=TABLE_DIMENSIONS)
        Rsvp.objects.filter(event=event).update(table_number=None)
        for number, table in enumerate(tables, start=1):
            Rsvp.objects.filter(pk__in=[p["id"] for p in table]).update(table_number=number)
        event.table_plan_made_at = timezone.now()
        event.save(update_fields=["table_plan_made_at"])
    return tables

"""Objects the conference's tests share: a published edition with its call open, and proposals."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from academy import workflow
from programmes.conference.models import (
    Call,
    Edition,
    EditionState,
    Proposal,
    ProposalState,
    Room,
    SessionKind,
    SessionQuestion,
    SessionType,
    Theme,
)
from tests.factories.accounts import UserFactory

_numbers = itertools.count(1)


def make_edition(*, published=True, days_to_deadline=30, days_to_start=60) -> Edition:
    number = next(_numbers)
    today = timezone.localdate()
    edition = Edition.objects.create(
        name=f"Innovation in SEL System Leadership {number}", slug=f"edition-{number}",
        starts_on=today + dt.timedelta(days=days_to_start), ends_on=today + dt.timedelta(days=days_to_start),
        venue_name="Guy's Campus, London Bridge",
        state=EditionState.PUBLISHED if published else EditionState.DRAFT,
    )
    Call.objects.create(edition=edition, guidance="Tell us what you changed across organisations.")
    deadline = timezone.now() + dt.timedelta(days=days_to_deadline)
    talk = SessionType.objects.create(
        edition=edition, kind=SessionKind.TALK, length_minutes=20, deadline=deadline, max_co_speakers=1
    )
    SessionType.objects.create(
        edition=edition, kind=SessionKind.WORKSHOP, length_minutes=60, deadline=deadline, max_co_speakers=3
    )
    SessionQuestion.objects.create(session_type=talk, text="What will people take away?", position=1)
    Theme.objects.create(edition=edition, name="Population health")
    Room.objects.create(edition=edition, name="Great Hall", capacity=400)
    return edition


def talk_of(edition: Edition) -> SessionType:
    return edition.session_types.get(kind=SessionKind.TALK)


def make_proposal(edition: Edition | None = None, *, speaker=None, state=ProposalState.DRAFT, **values) -> Proposal:
    edition = edition or make_edition()
    proposal = Proposal.objects.create(
        edition=edition, session_type=values.pop("session_type", None) or talk_of(edition),
        speaker=speaker or UserFactory(), title=values.pop("title", "Frailty pathways across Lewisham"),
        abstract=values.pop("abstract", "How we joined up the frailty pathway."), state=state,
        submitted_at=timezone.now() if state != ProposalState.DRAFT else None, **values,
    )
    workflow.start(proposal, workflow.SYSTEM)
    return proposal


def make_ticket_type(edition: Edition | None = None, *, name="C&CP leader", capacity=100, needs_approval=False,
                     on_sale=True):
    from programmes.conference.models import TicketType  # noqa: PLC0415 - kept beside its one use

    edition = edition or make_edition()
    now = timezone.now()
    opens = now - dt.timedelta(days=1) if on_sale else now + dt.timedelta(days=5)
    return TicketType.objects.create(edition=edition, name=name, capacity=capacity, needs_approval=needs_approval,
                                     on_sale_from=opens, on_sale_until=opens + dt.timedelta(days=30))


def make_registration(ticket_type, *, user=None, state="confirmed", **values):
    """A registration made directly (tests of the services use services.register)."""
    from programmes.conference.models import PLACE_HOLDING_STATES, Registration  # noqa: PLC0415

    registration = Registration.objects.create(
        edition=ticket_type.edition, ticket_type=ticket_type, user=user or UserFactory(), state=state,
        organisation=values.pop("organisation", "Lewisham and Greenwich NHS Trust"),
        profession=values.pop("profession", "Nursing"), **values,
    )
    workflow.start(registration, workflow.SYSTEM)
    if state in PLACE_HOLDING_STATES:
        ticket_type.places_held += 1
        ticket_type.save(update_fields=["places_held"])
    return registration

"""Reads for the conference's pages and exports, each in a fixed number of queries whatever the number of
proposals."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from programmes.conference.models import (
    DECIDABLE_STATES,
    DECISION_STATES,
    CheckIn,
    Decision,
    Edition,
    EditionState,
    PendingDecision,
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    ProposalState,
    Registration,
    RegistrationState,
    Review,
    Reviewer,
    ReviewScore,
    SessionType,
    SpeakerState,
    Theme,
    TicketType,
)
from programmes.conference.rules import is_invitee, is_proposal_speaker
from programmes.core.evaluation import EvaluationSubject, Participant

PAGE_SIZE = 25
# How the admin's list may be ordered: key, label, the database ordering.
PROPOSAL_ORDERS = [
    ("newest", "newest first", ("-created_at", "-pk")),
    ("oldest", "oldest first", ("created_at", "pk")),
    ("title", "by title", ("title", "pk")),
    ("speaker", "by speaker's name", ("speaker__last_name", "speaker__first_name", "pk")),
]
DEFAULT_ORDER = "newest"


def admin_editions() -> QuerySet[Edition]:
    return Edition.objects.annotate(
        proposal_count=Count("proposals", filter=~Q(proposals__state=ProposalState.DRAFT), distinct=True)
    ).order_by("-starts_on", "name")


def edition_for_admin(pk: int) -> Edition:
    try:
        return Edition.objects.prefetch_related(
            "rooms", Prefetch("themes", queryset=Theme.objects.prefetch_related("priority_functions")),
            Prefetch("session_types", queryset=SessionType.objects.prefetch_related("questions")),
        ).select_related("call").get(pk=pk)
    except Edition.DoesNotExist:
        raise Http404("No such edition") from None


def open_editions(now=None) -> list[Edition]:
    """Published editions with a call and a session type still taking proposals, with those session types."""
    now = now or timezone.now()
    open_types = SessionType.objects.filter(deadline__gt=now).order_by("deadline")
    return list(
        Edition.objects.filter(state=EditionState.PUBLISHED, call__isnull=False, session_types__deadline__gt=now)
        .distinct()
        .select_related("call")
        .prefetch_related(Prefetch("session_types", queryset=open_types, to_attr="open_types"), "themes")
        .order_by("starts_on")
    )


def published_edition(slug: str) -> Edition:
    try:
        return (
            Edition.objects.filter(state=EditionState.PUBLISHED, call__isnull=False)
            .select_related("call")
            .prefetch_related(
                Prefetch("session_types", queryset=SessionType.objects.prefetch_related("questions")),
                Prefetch("themes", queryset=Theme.objects.prefetch_related("priority_functions")),
            )
            .get(slug=slug)
        )
    except Edition.DoesNotExist:
        raise Http404("No such edition") from None


def own_proposals(user) -> list[Proposal]:
    """The proposals a person speaks on: their own and those they accepted to co-speak on."""
    return list(
        Proposal.objects.filter(Q(speaker=user) | Q(co_speakers__user=user, co_speakers__state=SpeakerState.ACCEPTED))
        .distinct()
        .select_related("edition", "session_type")
        .order_by("-created_at", "-pk")
    )


def pending_invitations(user) -> list[ProposalSpeaker]:
    return list(
        ProposalSpeaker.objects.filter(user=user, state=SpeakerState.INVITED)
        .select_related("proposal__edition", "proposal__speaker")
        .order_by("invited_at")
    )


def _proposal_detail() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "edition", "edition__call", "session_type", "speaker", "speaker__conf_speaker"
    ).prefetch_related(
        "themes",
        Prefetch("answers", queryset=ProposalAnswer.objects.select_related("question")),
        Prefetch("co_speakers", queryset=ProposalSpeaker.objects.select_related("user")),
    )


def proposal_for_speaker(pk: int, user) -> Proposal:
    """A proposal for its speakers; not found for anyone else, superusers included."""
    proposal = _proposal_detail().filter(pk=pk).first()
    if proposal is None or not is_proposal_speaker(user, proposal):
        raise Http404("No such proposal")
    return proposal


def proposal_for_admin(pk: int) -> Proposal:
    """A proposal for the conference team: never a draft (a draft is its speaker's alone)."""
    proposal = _proposal_detail().exclude(state=ProposalState.DRAFT).filter(pk=pk).first()
    if proposal is None:
        raise Http404("No such proposal")
    return proposal


def invitation_for(pk: int, user) -> ProposalSpeaker:
    """An invitation for the person invited; not found for anyone else, superusers included."""
    invitation = (
        ProposalSpeaker.objects.select_related("proposal__edition", "proposal__session_type", "proposal__speaker")
        .filter(pk=pk)
        .first()
    )
    if invitation is None or not is_invitee(user, invitation):
        raise Http404("No such invitation")
    return invitation


def admin_proposals(edition: Edition, *, session_type: str = "", theme: str = "", state: str = "",
                    order: str = DEFAULT_ORDER) -> QuerySet[Proposal]:
    """An edition's proposals for the conference team, drafts left out, filtered and ordered."""
    proposals = Proposal.objects.filter(edition=edition).exclude(state=ProposalState.DRAFT)
    if session_type.isdigit():
        proposals = proposals.filter(session_type_id=int(session_type))
    if theme.isdigit():
        proposals = proposals.filter(themes__id=int(theme))
    if state in ProposalState.values and state != ProposalState.DRAFT:
        proposals = proposals.filter(state=state)
    orders = {key: fields for key, _label, fields in PROPOSAL_ORDERS}
    ordering = orders.get(order, orders[DEFAULT_ORDER])
    return proposals.select_related("session_type", "speaker").order_by(*ordering)


def with_people(proposals: list[Proposal]) -> list[Proposal]:
    """Attach themes and accepted co-speakers: two queries for any number of proposals."""

    prefetch_related_objects(
        proposals,
        "themes",
        Prefetch(
            "co_speakers",
            queryset=ProposalSpeaker.objects.filter(state=SpeakerState.ACCEPTED).select_related("user"),
            to_attr="accepted_co_speakers",
        ),
    )
    return proposals


def admin_proposal_page(edition: Edition, page_number, **filters) -> Page:
    page = Paginator(admin_proposals(edition, **filters), PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    with_people(page.object_list)
    return page


# --- review (issue 11, second slice) -------------------------------------------------------------------

REVIEWABLE_STATES = (ProposalState.SUBMITTED, ProposalState.WAITLISTED, ProposalState.ACCEPTED,
                     ProposalState.REJECTED, ProposalState.CONFIRMED)


def reviewer_editions(user) -> list[Reviewer]:
    return list(Reviewer.objects.filter(user=user).select_related("edition").order_by("-edition__starts_on"))


def reviewer_of(user, edition_pk: int) -> Reviewer:
    reviewer = (Reviewer.objects.filter(user=user, edition_id=edition_pk).select_related("edition")
                .prefetch_related("themes").first()) if user.is_authenticated else None
    if reviewer is None:
        raise Http404("You do not review this edition")
    return reviewer


def _in_scope(reviewer: Reviewer) -> QuerySet[Proposal]:
    """The proposals a reviewer may review: sent, on their themes (or all), not ones they speak on."""
    user = reviewer.user
    proposals = (Proposal.objects.filter(edition_id=reviewer.edition_id, state__in=REVIEWABLE_STATES)
                 .exclude(speaker=user).exclude(co_speakers__user=user))
    theme_ids = [theme.pk for theme in reviewer.themes.all()]
    if theme_ids:
        proposals = proposals.filter(themes__in=theme_ids).distinct()
    return proposals


def review_queue(reviewer: Reviewer) -> list[Proposal]:
    """The reviewer's proposals, each with ``my_review`` (or None) and ``review_count`` (submitted reviews);
    those they declared a conflict on are left out. Four queries whatever the number of proposals."""
    user = reviewer.user
    proposals = list(
        _in_scope(reviewer)
        .exclude(pk__in=Review.objects.filter(reviewer=user, conflicted=True).values("proposal"))
        .select_related("session_type", "speaker")
        .annotate(review_count=Count("reviews", filter=Q(reviews__submitted_at__isnull=False), distinct=True))
        .order_by("title", "pk")
    )
    mine = {review.proposal_id: review for review in Review.objects.filter(reviewer=user, proposal__in=proposals)}
    for proposal in proposals:
        proposal.my_review = mine.get(proposal.pk)
    return proposals


def next_for_review(reviewer: Reviewer) -> Proposal | None:
    """The proposal in the reviewer's scope with the fewest submitted reviews that they have not reviewed
    (nor declared a conflict on); ties go to the oldest."""
    return (
        _in_scope(reviewer).exclude(reviews__reviewer=reviewer.user)
        .annotate(review_count=Count("reviews", filter=Q(reviews__submitted_at__isnull=False), distinct=True))
        .order_by("review_count", "submitted_at", "pk").first()
    )


def proposal_for_reviewer(pk: int, user) -> tuple[Proposal, Reviewer, Review | None]:
    """A proposal for one of its reviewers, with their review. Not found for anyone else, and never again for a
    reviewer who declared a conflict of interest on it (superusers and conference admins included)."""
    proposal = _proposal_detail().filter(pk=pk).first()
    if proposal is None or not user.is_authenticated:
        raise Http404("No such proposal")
    reviewer = Reviewer.objects.filter(user=user, edition_id=proposal.edition_id).prefetch_related("themes").first()
    if reviewer is None or not _in_scope(reviewer).filter(pk=pk).exists():
        raise Http404("No such proposal")
    review = Review.objects.filter(proposal=proposal, reviewer=user).prefetch_related("scores").first()
    if review is not None and review.conflicted:
        raise Http404("No such proposal")
    return proposal, reviewer, review


def others_reviews(proposal: Proposal, user) -> list[Review]:
    """The other reviewers' submitted reviews, shown to a reviewer once their own is submitted. Names are not
    shown: each is 'Reviewer 1', 'Reviewer 2'... in the order they were written."""
    return list(
        Review.objects.filter(proposal=proposal, submitted_at__isnull=False).exclude(reviewer=user)
        .prefetch_related(Prefetch("scores", queryset=ReviewScore.objects.select_related("category")))
        .order_by("submitted_at", "pk")
    )


def weighted_mean(scores, categories) -> float | None:
    """The weighted mean of one review's scores over the categories that count towards the total."""
    by_category = {score.category_id: score.score for score in scores}
    counted = [c for c in categories if not c.independent and c.pk in by_category]
    total_weight = sum(c.weight for c in counted)
    if not total_weight:
        return None
    return sum(by_category[c.pk] * c.weight for c in counted) / total_weight


SPREAD_FLAG = 2  # a proposal whose reviewers' totals differ by this much or more is flagged


def ranked_proposals(edition: Edition, *, session_type: str = "", theme: str = "", flagged: bool = False) -> list:
    """The edition's sent proposals ranked by the mean of their reviews' weighted scores (unreviewed last),
    each with ``mean``, ``spread``, ``flagged``, ``review_count``, ``conflicts`` and ``independent`` (category,
    mean) pairs. Four queries whatever the number of proposals."""
    categories = list(edition.score_categories.all())
    proposals = Proposal.objects.filter(edition=edition, state__in=REVIEWABLE_STATES)
    if session_type.isdigit():
        proposals = proposals.filter(session_type_id=int(session_type))
    if theme.isdigit():
        proposals = proposals.filter(themes=int(theme))
    proposals = list(
        proposals.select_related("session_type", "speaker", "pending_decision").prefetch_related(
            Prefetch("reviews", queryset=Review.objects.prefetch_related("scores").order_by("pk"))
        )
    )
    for proposal in proposals:
        submitted = [r for r in proposal.reviews.all() if r.submitted_at]
        means = [m for m in (weighted_mean(r.scores.all(), categories) for r in submitted) if m is not None]
        proposal.review_count = len(submitted)
        proposal.conflicts = sum(1 for r in proposal.reviews.all() if r.conflicted)
        proposal.mean = sum(means) / len(means) if means else None
        proposal.spread = max(means) - min(means) if len(means) > 1 else 0
        proposal.flagged = proposal.spread >= SPREAD_FLAG
        proposal.independent = []
        for category in (c for c in categories if c.independent):
            values = [s.score for r in submitted for s in r.scores.all() if s.category_id == category.pk]
            proposal.independent.append((category, sum(values) / len(values) if values else None))
    if flagged:
        proposals = [p for p in proposals if p.flagged]
    proposals.sort(key=lambda p: (p.mean is None, -(p.mean or 0), p.title.lower(), p.pk))
    return proposals


# --- decisions, their outbox and speakers' confirmation (issue 11, third slice) -------------------------


@dataclass(frozen=True)
class OutboxMessage:
    """One email the outbox will send: to one person about one proposal, with its filled subject and body."""

    proposal: Proposal
    person: object
    decision: str
    subject: str
    body: str

    @property
    def decision_label(self) -> str:
        return Decision(self.decision).label


def outbox_messages(edition: Edition, *, lock: bool = False) -> list[OutboxMessage]:
    """Every email the edition's pending decisions would send now, ordered by decision then title. Three
    queries whatever the number of proposals. ``lock`` locks the pending decisions and their proposals (the
    send service, inside its transaction)."""
    from programmes.conference.services import decision_recipients, decision_template, fill_decision  # noqa: PLC0415

    pending = PendingDecision.objects.filter(
        proposal__edition=edition, proposal__state__in=DECIDABLE_STATES
    ).select_related("proposal__speaker", "proposal__session_type", "proposal__edition")
    if lock:
        pending = pending.select_for_update(of=("self", "proposal"))
    pending = list(pending.order_by("decision", "proposal__title", "proposal__pk"))
    prefetch_related_objects(
        [p.proposal for p in pending],
        Prefetch("co_speakers", queryset=ProposalSpeaker.objects.select_related("user").order_by("pk")),
    )
    saved = {t.decision: t for t in edition.decision_templates.all()}
    messages = []
    for row in pending:
        subject, body = decision_template(edition, row.decision, saved)
        for person in decision_recipients(row.proposal):
            messages.append(OutboxMessage(
                proposal=row.proposal, person=person, decision=row.decision,
                subject=fill_decision(subject, row.proposal, person), body=fill_decision(body, row.proposal, person),
            ))
    return messages


def decisions_overview(edition: Edition) -> dict:
    """Counts for the decisions page: sent proposals by state, and pending decisions by decision."""
    by_state = dict(
        Proposal.objects.filter(edition=edition).exclude(state=ProposalState.DRAFT)
        .values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    pending = dict(
        PendingDecision.objects.filter(proposal__edition=edition).values_list("decision")
        .annotate(n=Count("pk")).values_list("decision", "n")
    )
    return {
        "states": [(ProposalState(state).label, by_state.get(state, 0)) for state in ProposalState.values
                   if state != ProposalState.DRAFT],
        "pending": [(Decision(d).label, pending.get(d, 0), ProposalState(DECISION_STATES[Decision(d)]).label)
                    for d in Decision.values],
        "pending_total": sum(pending.values()),
    }


SPEAKER_FILTERS = {
    "outstanding": ("Waiting for an answer", Q(state=ProposalState.ACCEPTED)),
    "confirmed": ("Confirmed", Q(state=ProposalState.CONFIRMED)),
}


def accepted_speakers(edition: Edition, *, show: str = "", page=1) -> Page:
    """The edition's accepted proposals with their speakers, confirmed or still outstanding, 25 a page: the
    outstanding first (oldest decision first), then the confirmed. Four queries whatever the number."""
    proposals = Proposal.objects.filter(edition=edition, state__in=(ProposalState.ACCEPTED, ProposalState.CONFIRMED))
    if show in SPEAKER_FILTERS:
        proposals = proposals.filter(SPEAKER_FILTERS[show][1])
    proposals = proposals.select_related("speaker", "session_type", "decision_sent").prefetch_related(
        Prefetch("co_speakers", queryset=ProposalSpeaker.objects.filter(state=SpeakerState.ACCEPTED)
                 .select_related("user").order_by("pk"), to_attr="accepted_co_speakers")
    ).order_by("state", "decision_sent__sent_at", "title", "pk")
    return Paginator(proposals, PAGE_SIZE).get_page(page)


# --- registration -------------------------------------------------------------------------------------------

REGISTRATION_FILTERS = {
    "confirmed": ("Confirmed", Q(state=RegistrationState.CONFIRMED)),
    "awaiting": ("Awaiting approval", Q(state=RegistrationState.AWAITING_APPROVAL)),
    "waiting": ("On the waiting list", Q(state=RegistrationState.WAITING)),
    "ended": ("Cancelled or declined", Q(state__in=(RegistrationState.CANCELLED, RegistrationState.DECLINED))),
}


def ticket_types(edition: Edition) -> list[TicketType]:
    """The edition's ticket types with their counts (``sold``, ``awaiting``, ``waiting``). One query."""
    def count(state):
        return Count("registrations", filter=Q(registrations__state=state))

    return list(
        TicketType.objects.filter(edition=edition)
        .annotate(sold=count(RegistrationState.CONFIRMED), awaiting=count(RegistrationState.AWAITING_APPROVAL),
                  waiting=count(RegistrationState.WAITING))
        .order_by("name", "pk")
    )


def tickets_on_sale(edition: Edition, now=None) -> list[TicketType]:
    now = now or timezone.now()
    return list(TicketType.objects.filter(edition=edition, on_sale_from__lte=now, on_sale_until__gt=now)
                .order_by("name", "pk"))


def attendees(edition: Edition, *, show: str = "") -> QuerySet[Registration]:
    registrations = Registration.objects.filter(edition=edition)
    if show in REGISTRATION_FILTERS:
        registrations = registrations.filter(REGISTRATION_FILTERS[show][1])
    return registrations.select_related("user", "ticket_type").order_by(
        "user__last_name", "user__first_name", "pk"
    )


def attendee_page(edition: Edition, *, show: str = "", page=1) -> Page:
    """The attendee list, 25 a page: two queries whatever the number (the count and the page)."""
    return Paginator(attendees(edition, show=show), PAGE_SIZE).get_page(page)


def live_registration(edition: Edition, user) -> Registration | None:
    if not (user and user.is_authenticated):
        return None
    return (Registration.objects.filter(edition=edition, user=user,
                                        state__in=(RegistrationState.WAITING, RegistrationState.AWAITING_APPROVAL,
                                                   RegistrationState.CONFIRMED))
            .select_related("ticket_type").first())


def own_registration(pk: int, user) -> Registration:
    """The person's own registration; not found for anyone else, superusers included."""
    registration = (Registration.objects.select_related("edition", "ticket_type")
                    .filter(pk=pk, user_id=getattr(user, "pk", None)).first())
    if registration is None:
        raise Http404("No such registration")
    return registration


def my_registrations(user) -> list[Registration]:
    return list(Registration.objects.filter(user=user).select_related("edition", "ticket_type")
                .order_by("-created_at", "-pk"))


# --- for the evaluation layer's questionnaires (Kirkpatrick waves) -------------------------------------------


def _subject(edition: Edition) -> EvaluationSubject:
    return EvaluationSubject(
        pk=edition.pk, title=edition.name, starts_on=edition.starts_on, ends_on=edition.ends_on,
        last_day=edition.ends_on,
    )


CO_SPEAKERS = "conference_co_speakers"  # the evaluation's tie kind for people who present one session together
PRESENTED_STATES = (ProposalState.ACCEPTED, ProposalState.CONFIRMED)


def co_speaker_ties(start, end):
    """For the evaluation's network analysis: ``(person_a, person_b, "conference_co_speakers", date)`` with
    ``person_a < person_b`` for the speaker and each co-speaker who accepted, and co-speakers with each other,
    of an accepted or confirmed proposal at a published edition whose first day is in the period (start and
    end dates, inclusive; one query). Dated the edition's first day: presenting together is the shared work,
    and an edition still to come has made no tie yet."""
    rows = (
        ProposalSpeaker.objects.filter(
            state=SpeakerState.ACCEPTED, user__isnull=False, proposal__state__in=PRESENTED_STATES,
            proposal__edition__state=EditionState.PUBLISHED,
            proposal__edition__starts_on__gte=start, proposal__edition__starts_on__lte=end,
        )
        .order_by("proposal_id", "user_id")
        .values_list("proposal_id", "proposal__speaker_id", "proposal__edition__starts_on", "user_id")
    )
    people: dict[int, set[int]] = {}
    dated: dict[int, object] = {}
    for proposal_id, speaker_id, starts_on, person_id in rows:
        people.setdefault(proposal_id, {speaker_id}).add(person_id)
        dated[proposal_id] = starts_on
    for proposal_id, together in people.items():
        for a, b in combinations(sorted(together), 2):
            yield a, b, CO_SPEAKERS, dated[proposal_id]


def evaluation_editions(since=None, ids=None) -> list[EvaluationSubject]:
    """Published editions whose last day is on or after ``since``, newest first; or, with ``ids``, those
    editions whatever their state (to name the subjects of existing questionnaires). One query."""
    if ids is not None:
        editions = Edition.objects.filter(pk__in=list(ids))
    else:
        editions = Edition.objects.filter(state=EditionState.PUBLISHED, ends_on__gte=since)
    return [_subject(edition) for edition in editions.order_by("-starts_on", "pk")]


def evaluation_edition(pk: int) -> EvaluationSubject | None:
    """One published edition's dates, or None (one query)."""
    edition = Edition.objects.filter(pk=pk, state=EditionState.PUBLISHED).first()
    return _subject(edition) if edition else None


def edition_participants(edition_id: int, on) -> list[Participant]:
    """Who took part in an edition, with the line manager on their profile: the confirmed
    registrations; from the first day on, once anyone is checked in, only those checked in (who came).
    Three queries whatever the numbers."""
    registrations = Registration.objects.filter(edition_id=edition_id, state=RegistrationState.CONFIRMED)
    edition = Edition.objects.filter(pk=edition_id).values("starts_on").first()
    if edition and on >= edition["starts_on"]:
        came = CheckIn.objects.filter(registration__edition_id=edition_id, undone_at__isnull=True)
        if came.exists():
            registrations = registrations.filter(pk__in=came.values("registration_id"))
    rows = registrations.order_by("user_id").values_list(
        "user_id", "user__profile__line_manager_name", "user__profile__line_manager_email"
    )
    return [Participant(user_id, name or "", email or "") for user_id, name, email in rows]

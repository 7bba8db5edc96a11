"""Every write of the conference's first slice (issue 11): the conference team sets up an edition (rooms,
themes, session types with their questions, the call); leaders write proposals, invite co-speakers,
submit and withdraw. Each service takes the person acting, runs in one transaction, checks permission and
the rules (deadlines are moments, compared on the server; people read them as London time), records state
changes through the one workflow mechanism, and emails after commit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from academy import workflow
from academy.accounts.models import Role, User
from academy.notifications.services import email_user_after_commit, send_after_commit
from academy.ui.formats import nhs_date, nhs_datetime
from programmes.conference.calendar import edition_attachment
from programmes.conference.models import (
    DECIDABLE_STATES,
    DECISION_STATES,
    LIVE_REGISTRATION_STATES,
    LIVE_SPEAKER_STATES,
    PLACE_HOLDING_STATES,
    PROGRAMME_SLUG,
    PROPOSAL_WORKFLOW,
    REGISTRATION_WORKFLOW,
    SCORE_MAX,
    SCORE_MIN,
    SPEAKER_EDITABLE,
    SPEAKER_WORKFLOW,
    Call,
    Decision,
    DecisionSent,
    DecisionTemplate,
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
    ReviewPhase,
    ReviewScore,
    ReviewSettings,
    Room,
    ScoreCategory,
    SessionQuestion,
    SessionType,
    SpeakerProfile,
    SpeakerState,
    Theme,
    TicketType,
)
from programmes.conference.rules import is_conference_admin, is_invitee
from programmes.conference.workshops import release_choices

LONDON = ZoneInfo(settings.TIME_ZONE)


def require_admin(actor) -> None:
    """A conference admin, or workflow.SYSTEM (demo data). None raises: say who acts."""
    if not workflow.is_system(actor) and not is_conference_admin(actor):
        raise PermissionDenied("Only the conference's programme admins can change its editions.")


# --- the conference team: editions and what they hold -------------------------------------------------


def _check_edition_dates(starts_on, ends_on, edition: Edition | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The last day must be the same as or after the first day"})
    if edition is not None and starts_on:
        late = [st for st in edition.session_types.all() if _deadline_day(st.deadline) >= starts_on]
        if late:
            raise ValidationError(
                {"starts_on": f"The {late[0].get_kind_display().lower()} deadline is "
                 f"{nhs_datetime(late[0].deadline)}: the first day must come after every proposal deadline"}
            )


def _deadline_day(moment):
    return moment.astimezone(LONDON).date()


@transaction.atomic
def save_edition(actor, edition: Edition | None = None, *, name: str, starts_on, ends_on, venue_name: str,
                 description: str = "") -> Edition:
    """Create an edition (a draft: leaders do not see it until it is published) or change one."""
    require_admin(actor)
    if edition is not None:
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
    _check_edition_dates(starts_on, ends_on, edition)
    name = name.strip()
    if Edition.objects.filter(name__iexact=name).exclude(pk=getattr(edition, "pk", None)).exists():
        raise ValidationError({"name": "There is already an edition with this name"})
    if edition is None:
        base = slugify(name)[:70] or "edition"
        slug, number = base, 2
        while Edition.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        edition = Edition(slug=slug)
    edition.name = name
    edition.starts_on, edition.ends_on = starts_on, ends_on
    edition.venue_name, edition.description = venue_name.strip(), description.strip()
    edition.save()
    return edition


def publish_problems(edition: Edition) -> list[str]:
    """What an edition still needs before leaders can see its call for proposals."""
    problems = []
    if not Call.objects.filter(edition=edition).exists():
        problems.append("Write the call for proposals.")
    if not edition.session_types.exists():
        problems.append("Add at least one session type, with its deadline.")
    return problems


@transaction.atomic
def publish_edition(actor, edition: Edition) -> Edition:
    require_admin(actor)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.is_published:
        raise ValidationError("This edition is already published.")
    problems = publish_problems(edition)
    if problems:
        raise ValidationError(problems)
    edition.state = EditionState.PUBLISHED
    edition.save(update_fields=["state"])
    return edition


def _lock_edition(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


@transaction.atomic
def save_room(actor, edition: Edition, room: Room | None = None, *, name: str, capacity: int) -> Room:
    require_admin(actor)
    edition = _lock_edition(edition)
    if capacity is None or capacity <= 0:
        raise ValidationError({"capacity": "The capacity must be 1 or more"})
    name = name.strip()
    if edition.rooms.filter(name__iexact=name).exclude(pk=getattr(room, "pk", None)).exists():
        raise ValidationError({"name": "This edition already has a room with this name"})
    room = room or Room(edition=edition)
    if room.edition_id != edition.pk:
        raise PermissionDenied("This room is not in this edition.")
    room.name, room.capacity = name, capacity
    room.save()
    return room


@transaction.atomic
def save_theme(actor, edition: Edition, theme: Theme | None = None, *, name: str, priority_functions=()) -> Theme:
    require_admin(actor)
    edition = _lock_edition(edition)
    name = name.strip()
    if edition.themes.filter(name__iexact=name).exclude(pk=getattr(theme, "pk", None)).exists():
        raise ValidationError({"name": "This edition already has a theme with this name"})
    theme = theme or Theme(edition=edition)
    if theme.edition_id != edition.pk:
        raise PermissionDenied("This theme is not in this edition.")
    theme.name = name
    theme.save()
    theme.priority_functions.set(priority_functions)
    return theme


@transaction.atomic
def save_session_type(actor, edition: Edition, session_type: SessionType | None = None, *, kind: str,
                      length_minutes: int, deadline, max_co_speakers: int) -> SessionType:
    """A kind of session with its length and its own deadline, which must come before the first day."""
    require_admin(actor)
    edition = _lock_edition(edition)
    errors = {}
    if length_minutes is None or length_minutes <= 0:
        errors["length_minutes"] = "The length must be 1 minute or more"
    if max_co_speakers is None or max_co_speakers < 0:
        errors["max_co_speakers"] = "The number of co-speakers cannot be negative"
    if deadline is None:
        errors["deadline"] = "Enter the proposal deadline"
    elif _deadline_day(deadline) >= edition.starts_on:
        errors["deadline"] = (
            f"The proposal deadline must be before the conference's first day, {nhs_date(edition.starts_on)}"
        )
    if edition.session_types.filter(kind=kind).exclude(pk=getattr(session_type, "pk", None)).exists():
        errors["kind"] = "This edition already has this session type: change that one"
    if errors:
        raise ValidationError(errors)
    session_type = session_type or SessionType(edition=edition)
    if session_type.edition_id != edition.pk:
        raise PermissionDenied("This session type is not in this edition.")
    session_type.kind, session_type.length_minutes = kind, length_minutes
    session_type.deadline, session_type.max_co_speakers = deadline, max_co_speakers
    session_type.save()
    return session_type


@transaction.atomic
def save_question(actor, session_type: SessionType, question: SessionQuestion | None = None, *, text: str,
                  hint: str = "", required: bool = True) -> SessionQuestion:
    require_admin(actor)
    _lock_edition(session_type.edition)
    if question is None:
        question = SessionQuestion(session_type=session_type, position=session_type.questions.count() + 1)
    question.text, question.hint, question.required = text.strip(), hint.strip(), required
    question.save()
    return question


@transaction.atomic
def delete_question(actor, question: SessionQuestion) -> None:
    require_admin(actor)
    _lock_edition(question.session_type.edition)
    if question.answers.exclude(text="").exists():
        raise ValidationError("Proposals have answered this question, so it cannot be deleted. Change its words.")
    question.delete()


@transaction.atomic
def save_call(actor, edition: Edition, *, guidance: str, ask_accessibility: bool, ask_av: bool) -> Call:
    require_admin(actor)
    edition = _lock_edition(edition)
    call, _ = Call.objects.get_or_create(edition=edition, defaults={"guidance": guidance})
    call.guidance, call.ask_accessibility, call.ask_av = guidance.strip(), ask_accessibility, ask_av
    call.save()
    return call


# --- leaders: proposals -----------------------------------------------------------------------------------


def deadline_passed(session_type: SessionType, now=None) -> bool:
    return (now or timezone.now()) >= session_type.deadline


def _refuse_after_deadline(session_type: SessionType) -> None:
    if deadline_passed(session_type):
        raise ValidationError(
            f"The deadline for {session_type.get_kind_display().lower()} proposals was "
            f"{nhs_datetime(session_type.deadline)} (London time), so nothing was saved."
        )


def _check_call_open(edition: Edition) -> None:
    if not edition.is_published or not Call.objects.filter(edition=edition).exists():
        raise ValidationError("This edition is not taking proposals.")


def _check_choices(edition: Edition, session_type: SessionType, themes: Iterable[Theme]) -> list[Theme]:
    if session_type.edition_id != edition.pk:
        raise ValidationError({"session_type": "Choose a session type of this edition"})
    themes = list(themes)
    if any(theme.edition_id != edition.pk for theme in themes):
        raise ValidationError({"themes": "Choose themes of this edition"})
    return themes


def _save_answers(proposal: Proposal, answers: dict[int, str]) -> None:
    questions = {q.pk: q for q in proposal.session_type.questions.all()}
    for question_id, text in answers.items():
        if question_id in questions:
            ProposalAnswer.objects.update_or_create(
                proposal=proposal, question_id=question_id, defaults={"text": (text or "").strip()}
            )


def submission_problems(proposal: Proposal) -> dict[str, str]:
    """What a proposal still needs before it can be submitted (field name to message)."""
    problems = {}
    if not proposal.abstract.strip():
        problems["abstract"] = "Enter the abstract"
    if proposal.edition.themes.exists() and not proposal.themes.exists():
        problems["themes"] = "Choose at least one theme"
    answered = {a.question_id for a in proposal.answers.all() if a.text.strip()}
    for question in proposal.session_type.questions.all():
        if question.required and question.pk not in answered:
            problems[f"question_{question.pk}"] = f"Answer the question “{question.text}”"
    return problems


@transaction.atomic
def create_proposal(actor: User, edition: Edition, *, session_type: SessionType, title: str, abstract: str = "",
                    themes=(), answers: dict[int, str] | None = None, accessibility_needs: str = "",
                    av_needs: str = "") -> Proposal:
    """A leader starts a proposal: a draft only they see until they submit it."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to propose a session.")
    edition = Edition.objects.get(pk=edition.pk)
    _check_call_open(edition)
    themes = _check_choices(edition, session_type, themes)
    _refuse_after_deadline(session_type)
    proposal = Proposal.objects.create(
        edition=edition, session_type=session_type, title=title.strip(), abstract=abstract.strip(), speaker=actor,
        accessibility_needs=accessibility_needs.strip(), av_needs=av_needs.strip(),
    )
    workflow.start(proposal, actor, note="Draft started")
    proposal.themes.set(themes)
    _save_answers(proposal, answers or {})
    return proposal


def _lock_proposal(proposal_id: int) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("edition", "session_type", "speaker")
        .get(pk=proposal_id)
    )


def _lock_for_edit(actor: User, proposal: Proposal) -> Proposal:
    proposal = _lock_proposal(proposal.pk)
    if actor.pk != proposal.speaker_id:
        raise PermissionDenied("Only the proposal's speaker can change it.")
    if proposal.state not in SPEAKER_EDITABLE:
        raise ValidationError("This proposal can no longer be changed.")
    _refuse_after_deadline(proposal.session_type)
    return proposal


@transaction.atomic
def update_proposal(actor: User, proposal: Proposal, *, session_type: SessionType, title: str, abstract: str = "",
                    themes=(), answers: dict[int, str] | None = None, accessibility_needs: str = "",
                    av_needs: str = "") -> Proposal:
    """The speaker changes their proposal, until its session type's deadline (and the new type's, if they
    change it). A submitted proposal must stay complete."""
    proposal = _lock_for_edit(actor, proposal)
    themes = _check_choices(proposal.edition, session_type, themes)
    _refuse_after_deadline(session_type)
    accepted = proposal.co_speakers.filter(state=SpeakerState.ACCEPTED).count()
    if accepted > session_type.max_co_speakers:
        raise ValidationError({"session_type": f"A {session_type} has at most {session_type.max_co_speakers} "
                               f"co-speakers, and this proposal has {accepted}"})
    proposal.session_type = session_type
    proposal.title, proposal.abstract = title.strip(), abstract.strip()
    proposal.accessibility_needs, proposal.av_needs = accessibility_needs.strip(), av_needs.strip()
    proposal.save()
    proposal.themes.set(themes)
    _save_answers(proposal, answers or {})
    if proposal.state == ProposalState.SUBMITTED:
        problems = submission_problems(proposal)
        if problems:
            raise ValidationError(
                {field: f"Your proposal is submitted, so it must stay complete. {message}"
                 for field, message in problems.items()}
            )
    return proposal


def _speakers_to_tell(proposal: Proposal) -> list[User]:
    co = [s.user for s in proposal.co_speakers.filter(state=SpeakerState.ACCEPTED).select_related("user")]
    return [proposal.speaker, *co]


@transaction.atomic
def submit_proposal(actor: User, proposal: Proposal) -> Proposal:
    """The speaker sends their proposal to the conference team. They may still change it until the deadline."""
    proposal = _lock_for_edit(actor, proposal)
    problems = submission_problems(proposal)
    if problems:
        raise ValidationError(list(problems.values()))
    proposal.submitted_at = timezone.now()
    workflow.move(proposal, ProposalState.SUBMITTED, actor, at=proposal.submitted_at, update_fields=None)
    path = reverse("conference:proposal", args=[proposal.pk])
    for person in _speakers_to_tell(proposal):
        email_user_after_commit(
            f"conf-proposal-submitted-{proposal.pk}-{person.pk}",
            "conf_proposal_submitted",
            person,
            {
                "title": proposal.title,
                "edition": proposal.edition.name,
                "session_type": proposal.session_type.get_kind_display().lower(),
                "deadline": nhs_datetime(proposal.session_type.deadline),
                "proposal_path": path,
            },
            link=path,
        )
    return proposal


@transaction.atomic
def withdraw_proposal(actor: User, proposal: Proposal, reason: str = "") -> Proposal:
    """The speaker withdraws their proposal (at any time: the team is better told than left waiting)."""
    proposal = _lock_proposal(proposal.pk)
    if actor.pk != proposal.speaker_id:
        raise PermissionDenied("Only the proposal's speaker can withdraw it.")
    was = proposal.state
    workflow.move(proposal, ProposalState.WITHDRAWN, actor, note=reason, update_fields=None)
    PendingDecision.objects.filter(proposal=proposal).delete()  # a decision nobody will be sent
    _tell_team_of_withdrawal(proposal, was, reason)
    return proposal


def _tell_team_of_withdrawal(proposal: Proposal, was: str, reason: str = "") -> None:
    """When an accepted (or confirmed) speaker withdraws, email the conference team (the programme's admins)
    once each, after commit: the proposal, the reason, how many proposals wait on the waiting list and a link
    to the ranked list, where a place can be offered to one of them."""
    if was not in (ProposalState.ACCEPTED, ProposalState.CONFIRMED):
        return
    waiting = Proposal.objects.filter(edition_id=proposal.edition_id, state=ProposalState.WAITLISTED).count()
    team = (
        User.objects.filter(role_assignments__role=Role.PROGRAMME_ADMIN,
                            role_assignments__programme__slug=PROGRAMME_SLUG, is_active=True)
        .distinct()
        .order_by("pk")
    )
    ranking_path = reverse("conference:ranking", args=[proposal.edition_id])
    context = {
        "title": proposal.title,
        "speaker_name": proposal.speaker.get_full_name() or proposal.speaker.email,
        "session_type": proposal.session_type.get_kind_display().lower(),
        "edition": proposal.edition.name,
        "was_confirmed": was == ProposalState.CONFIRMED,
        "reason": reason.strip(),
        "waiting": waiting,
        "ranking_path": ranking_path,
        "proposal_path": reverse("conference:admin_proposal", args=[proposal.pk]),
    }
    for person in team:
        email_user_after_commit(f"conf-speaker-withdrew-{proposal.pk}-{person.pk}", "conf_speaker_withdrew", person,
                                context, link=ranking_path)


# --- co-speakers -------------------------------------------------------------------------------------------


def invitation_path(invitation: ProposalSpeaker) -> str:
    return reverse("conference:invitation", args=[invitation.pk])


@transaction.atomic
def invite_co_speaker(actor: User, proposal: Proposal, email: str) -> ProposalSpeaker:
    """The speaker invites a colleague by email, up to the session type's number of co-speakers (counting
    invitations waiting for an answer). The proposal's row is locked, so two invitations at once cannot both
    take the last place."""
    proposal = _lock_for_edit(actor, proposal)
    email = email.strip().lower()
    if email == proposal.speaker.email.lower():
        raise ValidationError({"email": "You are the proposal's speaker. Enter a colleague's email address"})
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise ValidationError({"email": "This account is deactivated. Invite a colleague with an active account"})
    live = proposal.co_speakers.filter(state__in=LIVE_SPEAKER_STATES)
    same = Q(email=email) | (Q(user=user) if user is not None else Q(pk__in=[]))
    if live.filter(same).exists():
        raise ValidationError({"email": "You have already invited this colleague"})
    limit = proposal.session_type.max_co_speakers
    if live.count() >= limit:
        raise ValidationError(
            {"email": f"A {proposal.session_type.get_kind_display().lower()} has at most {limit} co-speakers"
             + (", so you cannot invite anyone" if limit == 0 else ". Withdraw an invitation to invite someone else")}
        )
    try:
        with transaction.atomic():
            invitation = ProposalSpeaker.objects.create(proposal=proposal, user=user, email=email, invited_by=actor)
    except IntegrityError as exc:
        raise ValidationError({"email": "You have already invited this colleague"}) from exc
    workflow.start(invitation, actor, note="Invited")
    context = {
        "speaker_name": actor.get_full_name() or actor.email,
        "title": proposal.title,
        "edition": proposal.edition.name,
        "session_type": proposal.session_type.get_kind_display().lower(),
        "invitation_path": invitation_path(invitation),
        "invited_email": email,
        "has_account": user is not None,
        "signup_path": reverse("account_signup"),
    }
    key = f"conf-co-speaker-invitation-{invitation.pk}"
    if user is not None:
        email_user_after_commit(key, "conf_co_speaker_invited", user, context, link=context["invitation_path"])
    else:
        send_after_commit(key, "conf_co_speaker_invited", email, {"first_name": "", **context})
    return invitation


def _lock_invitation(invitation: ProposalSpeaker) -> tuple[Proposal, ProposalSpeaker]:
    """Lock the proposal, then the invitation (parent first)."""
    proposal = _lock_proposal(invitation.proposal_id)
    locked = ProposalSpeaker.objects.select_for_update(of=("self",)).select_related("user").get(pk=invitation.pk)
    return proposal, locked


@transaction.atomic
def withdraw_invitation(actor: User, invitation: ProposalSpeaker) -> ProposalSpeaker:
    """The speaker withdraws an invitation, or removes a co-speaker who had accepted."""
    proposal, invitation = _lock_invitation(invitation)
    if actor.pk != proposal.speaker_id:
        raise PermissionDenied("Only the proposal's speaker can withdraw an invitation.")
    workflow.move(invitation, SpeakerState.WITHDRAWN, actor, update_fields=None)
    return invitation


@transaction.atomic
def accept_invitation(actor: User, invitation: ProposalSpeaker) -> ProposalSpeaker:
    proposal, invitation = _lock_invitation(invitation)
    if not is_invitee(actor, invitation):
        raise PermissionDenied("Only the person invited can answer this invitation.")
    if invitation.state != SpeakerState.INVITED:
        raise workflow.NotAllowed(SPEAKER_WORKFLOW.refusal(invitation.state, SpeakerState.ACCEPTED))
    if actor.pk == proposal.speaker_id:
        raise ValidationError("You are this proposal's speaker, so you cannot also be its co-speaker.")
    if proposal.state in (ProposalState.WITHDRAWN, ProposalState.REJECTED):
        raise ValidationError("This proposal has been withdrawn, so it cannot take on a co-speaker.")
    taken = proposal.co_speakers.filter(state=SpeakerState.ACCEPTED).count()
    if taken >= proposal.session_type.max_co_speakers:
        raise ValidationError(
            f"This {proposal.session_type.get_kind_display().lower()} already has all the co-speakers it can take. "
            "Contact the proposal's speaker."
        )
    invitation.user = actor
    invitation.answered_at = timezone.now()
    workflow.move(invitation, SpeakerState.ACCEPTED, actor, at=invitation.answered_at, update_fields=None)
    return invitation


@transaction.atomic
def decline_invitation(actor: User, invitation: ProposalSpeaker) -> ProposalSpeaker:
    proposal, invitation = _lock_invitation(invitation)
    if not is_invitee(actor, invitation):
        raise PermissionDenied("Only the person invited can answer this invitation.")
    invitation.answered_at = timezone.now()
    workflow.move(invitation, SpeakerState.DECLINED, actor, at=invitation.answered_at, update_fields=None)
    return invitation


@transaction.atomic
def save_speaker_profile(actor: User, *, bio: str, share_bio: bool, role: str = "", organisation: str = "",
                         public_bio: bool = False) -> SpeakerProfile:
    """What the speaker shares: their biography with the team, and what the published programme's speaker
    page shows (role, organisation, and the biography only if they choose)."""
    profile, _ = SpeakerProfile.objects.get_or_create(user=actor)
    profile.bio, profile.share_bio = bio.strip(), share_bio
    profile.role, profile.organisation, profile.public_bio = role.strip(), organisation.strip(), public_bio
    profile.save()
    return profile


# --- review (issue 11, second slice) -------------------------------------------------------------------

REVIEWABLE_STATES = (ProposalState.SUBMITTED, ProposalState.WAITLISTED, ProposalState.ACCEPTED,
                     ProposalState.REJECTED, ProposalState.CONFIRMED)


@transaction.atomic
def save_review_settings(actor, edition: Edition, *, blind: bool) -> ReviewSettings:
    require_admin(actor)
    settings_row, _ = ReviewSettings.objects.select_for_update().get_or_create(edition=edition)
    settings_row.blind = blind
    settings_row.save()
    return settings_row


@transaction.atomic
def add_review_phase(actor, edition: Edition, *, name: str, opens_at, closes_at) -> ReviewPhase:
    require_admin(actor)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "The phase must close after it opens"})
    return ReviewPhase.objects.create(edition=edition, name=name.strip(), opens_at=opens_at, closes_at=closes_at)


@transaction.atomic
def add_score_category(actor, edition: Edition, *, name: str, weight: int, independent: bool = False,
                       description: str = "") -> ScoreCategory:
    require_admin(actor)
    if weight is None or weight < 1:
        raise ValidationError({"weight": "The weight must be 1 or more"})
    name = name.strip()
    if edition.score_categories.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a category with this name"})
    if edition.reviews_started():
        raise ValidationError("Reviewers have started scoring: the categories can no longer change.")
    return ScoreCategory.objects.create(edition=edition, name=name, weight=weight, independent=independent,
                                        description=description.strip())


@transaction.atomic
def add_reviewer(actor, edition: Edition, *, user: User, themes: Iterable[Theme] = ()) -> Reviewer:
    """Ask someone to review the edition's proposals: all of them, or only those on the themes given."""
    require_admin(actor)
    themes = list(themes)
    if any(theme.edition_id != edition.pk for theme in themes):
        raise ValidationError({"themes": "Choose themes of this edition"})
    if Reviewer.objects.filter(edition=edition, user=user).exists():
        raise ValidationError({"user": f"{user.get_full_name() or user.email} already reviews this edition"})
    reviewer = Reviewer.objects.create(edition=edition, user=user, added_by=actor if isinstance(actor, User) else None)
    reviewer.themes.set(themes)
    return reviewer


def open_phase(edition: Edition, now=None) -> ReviewPhase | None:
    now = now or timezone.now()
    return edition.review_phases.filter(opens_at__lte=now, closes_at__gt=now).first()


def _require_reviewer_of(actor, proposal: Proposal) -> Reviewer:
    reviewer = Reviewer.objects.filter(edition=proposal.edition_id, user=actor).prefetch_related("themes").first()
    if reviewer is None:
        raise PermissionDenied("You are not a reviewer of this edition.")
    if proposal.state not in REVIEWABLE_STATES:
        raise PermissionDenied("This proposal is not being reviewed.")
    if proposal.speaker_id == actor.pk or proposal.co_speakers.filter(user=actor).exists():
        raise PermissionDenied("You cannot review a proposal you speak on.")
    themes = {theme.pk for theme in reviewer.themes.all()}
    if themes and not themes & set(proposal.themes.values_list("pk", flat=True)):
        raise PermissionDenied("This proposal is not on the themes you review.")
    return reviewer


@transaction.atomic
def declare_interest(actor, proposal: Proposal, *, conflicted: bool, reason: str = "") -> Review:
    """The reviewer says whether they have a conflict of interest before they see the proposal. Declared once:
    a conflicted reviewer never sees it again."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_reviewer_of(actor, proposal)
    if Review.objects.filter(proposal=proposal, reviewer=actor).exists():
        raise ValidationError("You have already declared whether you have a conflict of interest.")
    if conflicted and not reason.strip():
        raise ValidationError({"reason": "Describe your conflict of interest, for example 'I work with the speaker'"})
    return Review.objects.create(proposal=proposal, reviewer=actor, conflicted=conflicted,
                                 conflict_reason=reason.strip() if conflicted else "")


@transaction.atomic
def submit_review(actor, proposal: Proposal, *, scores: dict[int, int], comment: str = "", now=None) -> Review:
    """Score every category of the edition (1 to 5) while a review phase is open. The reviewer may change
    their scores until the phase closes."""
    proposal = Proposal.objects.select_for_update().select_related("edition").get(pk=proposal.pk)
    _require_reviewer_of(actor, proposal)
    review = Review.objects.select_for_update().filter(proposal=proposal, reviewer=actor).first()
    if review is None:
        raise ValidationError("Declare whether you have a conflict of interest first.")
    if review.conflicted:
        raise PermissionDenied("You declared a conflict of interest on this proposal.")
    if open_phase(proposal.edition, now) is None:
        raise ValidationError("Reviewing is closed: no review phase is open now.")
    categories = list(proposal.edition.score_categories.all())
    if not categories:
        raise ValidationError("The conference team has not set the score categories yet.")
    errors = {}
    for category in categories:
        value = scores.get(category.pk)
        if value is None or not (SCORE_MIN <= value <= SCORE_MAX):
            errors[f"score_{category.pk}"] = f"Give {category.name} a score from {SCORE_MIN} to {SCORE_MAX}"
    if errors:
        raise ValidationError(errors)
    for category in categories:
        ReviewScore.objects.update_or_create(review=review, category=category,
                                             defaults={"score": scores[category.pk]})
    review.comment = comment.strip()
    review.submitted_at = now or timezone.now()
    review.save()
    return review


# --- decisions, their outbox and speakers' confirmation (issue 11, third slice) -------------------------

DECISION_PLACEHOLDERS = (
    "first_name", "speaker_name", "title", "session_type", "edition", "dates", "venue", "proposal_link",
    "confirm_link",
)
DEFAULT_DECISION_EMAILS = {
    Decision.ACCEPT: (
        "Your proposal to {edition} has been accepted",
        "Dear {first_name},\n\n"
        "Thank you for proposing \u201c{title}\u201d ({session_type}). We are delighted to tell you that it has been "
        "accepted for {edition}, on {dates} at {venue}.\n\n"
        "{speaker_name}, please confirm that you will speak, or tell us if you cannot, here:\n{confirm_link}\n\n"
        "We will send the schedule once it is ready.",
    ),
    Decision.REJECT: (
        "Your proposal to {edition}",
        "Dear {first_name},\n\n"
        "Thank you for proposing \u201c{title}\u201d ({session_type}) for {edition}. We received many strong "
        "proposals and we are sorry that we cannot include yours this time.\n\n"
        "Your proposal stays in your account:\n{proposal_link}",
    ),
    Decision.WAITLIST: (
        "Your proposal to {edition} is on the reserve list",
        "Dear {first_name},\n\n"
        "Thank you for proposing \u201c{title}\u201d ({session_type}) for {edition}. We cannot offer it a place "
        "yet, and we have put it on our reserve list: if a place comes free we will write to you again.\n\n"
        "You can follow it here:\n{proposal_link}",
    ),
}
# Chasing reminders to accepted speakers who have not answered: days after the decision was sent.
REMINDER_DAYS = (7, 14)


def check_decision_placeholders(text: str, field: str) -> None:
    unknown = sorted(set(re.findall(r"{([^{}]*)}", text)) - set(DECISION_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {field: "Use only these placeholders: " + ", ".join("{" + p + "}" for p in DECISION_PLACEHOLDERS)
             + f". Remove {{{unknown[0]}}}"}
        )


def decision_template(edition: Edition, decision: str, saved: dict | None = None) -> tuple[str, str]:
    """The subject and body of an edition's email for a decision: the team's own, or the default.
    ``saved`` is the edition's templates by decision, when the caller has read them already."""
    if saved is None:
        saved = {t.decision: t for t in edition.decision_templates.all()}
    template = saved.get(decision)
    return (template.subject, template.body) if template else DEFAULT_DECISION_EMAILS[Decision(decision)]


@transaction.atomic
def save_decision_template(actor, edition: Edition, decision: str, *, subject: str, body: str) -> DecisionTemplate:
    require_admin(actor)
    Decision(decision)
    check_decision_placeholders(subject, "subject")
    check_decision_placeholders(body, "body")
    template, _ = DecisionTemplate.objects.update_or_create(
        edition=edition, decision=decision, defaults={"subject": subject.strip(), "body": body.strip()}
    )
    return template


def fill_decision(text: str, proposal: Proposal, person: User) -> str:
    """The text with its {placeholders} filled for one recipient: plain text (templates escape it)."""
    edition = proposal.edition
    dates = nhs_date(edition.starts_on)
    if edition.ends_on != edition.starts_on:
        dates = f"{dates} to {nhs_date(edition.ends_on)}"
    site = settings.ACADEMY_SITE_URL
    values = {
        "first_name": person.first_name or "colleague",
        "speaker_name": proposal.speaker.get_full_name() or proposal.speaker.email,
        "title": proposal.title, "session_type": proposal.session_type.get_kind_display().lower(),
        "edition": edition.name, "dates": dates, "venue": edition.venue_name,
        "proposal_link": site + reverse("conference:proposal", args=[proposal.pk]),
        "confirm_link": site + reverse("conference:proposal_confirm", args=[proposal.pk]),
    }
    for name in DECISION_PLACEHOLDERS:
        text = text.replace("{" + name + "}", values[name])
    return text


@transaction.atomic
def set_pending_decisions(actor, edition: Edition, proposals: Iterable[Proposal], decision: str) -> int:
    """Record a decision (accept, reject, waiting list) on the proposals chosen, or clear it (``decision`` "").
    Nothing is sent: the team sees it, speakers do not, until the outbox is sent. All or nothing."""
    require_admin(actor)
    edition = _lock_edition(edition)  # the outbox's send locks it too, so the two never interleave
    if decision and decision not in Decision.values:
        raise ValidationError({"decision": "Choose accept, reject or waiting list"})
    ids = sorted({p.pk for p in proposals})
    if not ids:
        raise ValidationError({"proposals": "Select at least one proposal"})
    locked = list(Proposal.objects.select_for_update().filter(pk__in=ids, edition=edition).order_by("pk"))
    if len(locked) != len(ids):
        raise ValidationError({"proposals": "Select proposals of this edition"})
    if not decision:
        return PendingDecision.objects.filter(proposal__in=locked).delete()[0]
    target = DECISION_STATES[Decision(decision)]
    for proposal in locked:
        if proposal.state not in DECIDABLE_STATES or not PROPOSAL_WORKFLOW.allows(proposal.state, target):
            raise ValidationError(
                {"proposals": f"\u201c{proposal.title}\u201d {PROPOSAL_WORKFLOW.now[proposal.state]}, so it cannot "
                 f"{PROPOSAL_WORKFLOW.action[target]}. Nothing was changed."}
            )
    for proposal in locked:
        PendingDecision.objects.update_or_create(proposal=proposal, defaults={"decision": decision})
    return len(locked)


def decision_recipients(proposal: Proposal) -> list[User]:
    """The speaker and the co-speakers who accepted (from a prefetch of ``co_speakers``)."""
    co = [s.user for s in proposal.co_speakers.all() if s.state == SpeakerState.ACCEPTED and s.user_id]
    return [proposal.speaker, *co]


@transaction.atomic
def send_decisions(actor, edition: Edition, *, expected: int) -> int:
    """Send every pending decision of the edition: one email per speaker and accepted co-speaker, as the
    outbox shows it now, after commit; each proposal moves to its new state through the workflow and its
    pending decision is deleted. The edition's row is locked, so two sends at once send once: the second
    finds nothing pending. ``expected`` is the number of emails the confirm page showed; if the outbox has
    changed since, nothing is sent. Returns the number of emails sent."""
    from programmes.conference.selectors import outbox_messages  # noqa: PLC0415 - selectors import services

    require_admin(actor)
    edition = _lock_edition(edition)
    messages = outbox_messages(edition, lock=True)
    if not messages:
        raise ValidationError("There are no decisions waiting to be sent.")
    if len(messages) != expected:
        raise ValidationError(
            f"The outbox has changed since you checked it: it now holds {len(messages)} email"
            f"{'s' if len(messages) != 1 else ''}. Check it again, then send. Nothing was sent."
        )
    now = timezone.now()
    moved = set()
    for message in messages:
        proposal = message.proposal
        target = DECISION_STATES[Decision(message.decision)]
        if proposal.pk not in moved:
            workflow.move(proposal, target, actor, at=now, note=f"Decision sent: {message.decision}",
                          update_fields=None)
            DecisionSent.objects.update_or_create(
                proposal=proposal,
                defaults={"decision": message.decision, "sent_at": now, "reminders_sent": 0, "last_reminder_at": None},
            )
            moved.add(proposal.pk)
        email_user_after_commit(
            f"conf-decision-{proposal.pk}-{target}-{message.person.pk}", "conf_decision", message.person,
            {"subject": message.subject, "body": message.body},
            link=reverse("conference:proposal", args=[proposal.pk]),
        )
    PendingDecision.objects.filter(proposal_id__in=moved).delete()
    return len(messages)


def _lock_for_answer(actor, proposal: Proposal) -> Proposal:
    proposal = _lock_proposal(proposal.pk)
    if not (actor and actor.is_authenticated and actor.pk == proposal.speaker_id):
        raise PermissionDenied("Only the proposal's speaker can confirm it.")
    return proposal


@transaction.atomic
def confirm_session(actor: User, proposal: Proposal) -> Proposal:
    """The speaker of an accepted proposal confirms they will speak. Reminders stop."""
    proposal = _lock_for_answer(actor, proposal)
    workflow.move(proposal, ProposalState.CONFIRMED, actor, update_fields=None)
    return proposal


@transaction.atomic
def decline_session(actor: User, proposal: Proposal, reason: str = "") -> Proposal:
    """The speaker of an accepted (or confirmed) proposal says they cannot speak after all: it is withdrawn."""
    proposal = _lock_for_answer(actor, proposal)
    if proposal.state not in (ProposalState.ACCEPTED, ProposalState.CONFIRMED):
        raise workflow.NotAllowed(PROPOSAL_WORKFLOW.refusal(proposal.state, ProposalState.WITHDRAWN))
    was = proposal.state
    workflow.move(proposal, ProposalState.WITHDRAWN, actor, note=reason.strip() or "Cannot speak",
                  update_fields=None)
    _tell_team_of_withdrawal(proposal, was, reason)
    return proposal


def chase_confirmations(now=None) -> int:
    """Remind the speakers of accepted proposals who have neither confirmed nor withdrawn, 7 and 14 days after
    the decision was sent, each reminder once (a run that finds both due sends one, the later). Each proposal
    is handled in its own transaction with its row locked; rows another run holds are skipped. Returns the
    number of reminders sent."""
    now = now or timezone.now()
    first_due = now - timedelta(days=REMINDER_DAYS[0])
    candidates = list(
        DecisionSent.objects.filter(
            decision=Decision.ACCEPT, proposal__state=ProposalState.ACCEPTED, sent_at__lte=first_due,
            reminders_sent__lt=len(REMINDER_DAYS),
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in candidates:
        with transaction.atomic():
            row = (
                DecisionSent.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("proposal__edition", "proposal__speaker", "proposal__session_type")
                .filter(pk=pk, proposal__state=ProposalState.ACCEPTED).first()
            )
            if row is None:
                continue
            due = sum(1 for days in REMINDER_DAYS if now >= row.sent_at + timedelta(days=days))
            if due <= row.reminders_sent:
                continue
            proposal = row.proposal
            path = reverse("conference:proposal_confirm", args=[proposal.pk])
            email_user_after_commit(
                f"conf-confirm-reminder-{proposal.pk}-{due}", "conf_confirm_reminder", proposal.speaker,
                {
                    "title": proposal.title, "edition": proposal.edition.name,
                    "session_type": proposal.session_type.get_kind_display().lower(),
                    "decided_on": nhs_date(row.sent_at.astimezone(LONDON).date()), "confirm_path": path,
                    "final": due == len(REMINDER_DAYS),
                },
                link=path,
            )
            row.reminders_sent, row.last_reminder_at = due, now
            row.save(update_fields=["reminders_sent", "last_reminder_at"])
            sent += 1
    return sent


# --- registration: ticket types, registering, approval, cancelling, the waiting list ------------------------


def save_ticket_type(actor, edition: Edition, ticket_type: TicketType | None = None, *, name: str, capacity: int,
                     needs_approval: bool, on_sale_from, on_sale_until) -> TicketType:
    """Add or change a ticket type. A capacity below the places already taken is refused."""
    require_admin(actor)
    name = name.strip()
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": "The capacity must be 1 or more"})
    if on_sale_until <= on_sale_from:
        raise ValidationError({"on_sale_until": "The end of sales must be after their start"})
    with transaction.atomic():
        if ticket_type is None:
            ticket_type = TicketType(edition=edition)
        else:
            ticket_type = TicketType.objects.select_for_update().get(pk=ticket_type.pk)
            if capacity < ticket_type.places_held:
                raise ValidationError({"capacity": f"The capacity cannot be below the {ticket_type.places_held} "
                                                   "places already taken"})
        if TicketType.objects.filter(edition=edition, name__iexact=name).exclude(pk=ticket_type.pk).exists():
            raise ValidationError({"name": "This edition already has a ticket type with this name"})
        ticket_type.name, ticket_type.capacity, ticket_type.needs_approval = name, capacity, needs_approval
        ticket_type.on_sale_from, ticket_type.on_sale_until = on_sale_from, on_sale_until
        ticket_type.save()
        # More places may let people in from the waiting list.
        _fill_from_waiting_list(ticket_type)
    return ticket_type


def registration_path(registration: Registration) -> str:
    return reverse("conference:registration", args=[registration.pk])


def _registration_context(registration: Registration) -> dict:
    edition = registration.edition
    return {
        "edition": edition.name, "ticket_type": registration.ticket_type.name,
        "dates": nhs_date(edition.starts_on) if edition.starts_on == edition.ends_on
        else f"{nhs_date(edition.starts_on)} to {nhs_date(edition.ends_on)}",
        "venue": edition.venue_name, "registration_path": registration_path(registration),
    }


def _email_registration(registration: Registration, template: str, key: str) -> None:
    """One email per key, ever, sent after the transaction commits. An email that confirms the place carries
    the edition's day(s) as an .ics file."""
    context = _registration_context(registration)
    if registration.state == RegistrationState.CONFIRMED:
        context["attachments"] = [edition_attachment(registration.edition, registration)]
    email_user_after_commit(key, template, registration.user, context, link=registration_path(registration))


def _lock_ticket_type(pk: int) -> TicketType:
    return TicketType.objects.select_for_update().select_related("edition").get(pk=pk)


def _hold_place(ticket_type: TicketType) -> None:
    ticket_type.places_held += 1
    ticket_type.save(update_fields=["places_held"])


def _release_place(ticket_type: TicketType) -> None:
    ticket_type.places_held -= 1
    ticket_type.save(update_fields=["places_held"])


def register(actor: User, edition: Edition, *, ticket_type: TicketType, organisation: str, profession: str,
             dietary_needs: str = "", access_needs: str = "", now=None) -> Registration:
    """A signed-in person registers. Confirmed at once, or awaiting approval when the ticket type needs it, or
    on the waiting list when the type is full. One live registration per person per edition. The ticket
    type's row is locked, so its places are never exceeded however many register at once."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to register.")
    now = now or timezone.now()
    if not edition.is_published or edition.ends_on < timezone.localdate(now):
        raise ValidationError("Registration for this edition is closed")
    if not organisation.strip():
        raise ValidationError({"organisation": "Enter your organisation"})
    if not profession.strip():
        raise ValidationError({"profession": "Enter your profession"})
    with transaction.atomic():
        ticket_type = _lock_ticket_type(ticket_type.pk)
        if ticket_type.edition_id != edition.pk:
            raise ValidationError({"ticket_type": "Choose a ticket type of this edition"})
        if not ticket_type.on_sale(now):
            raise ValidationError({"ticket_type": f"{ticket_type.name} tickets are on sale from "
                                   f"{nhs_datetime(ticket_type.on_sale_from)} to "
                                   f"{nhs_datetime(ticket_type.on_sale_until)} (London time)"})
        if Registration.objects.filter(edition=edition, user=actor, state__in=LIVE_REGISTRATION_STATES).exists():
            raise ValidationError("You are already registered for this edition")
        if ticket_type.places_left:
            state = RegistrationState.AWAITING_APPROVAL if ticket_type.needs_approval else RegistrationState.CONFIRMED
            _hold_place(ticket_type)
        else:
            state = RegistrationState.WAITING
        registration = Registration(
            edition=edition, ticket_type=ticket_type, user=actor, state=state, organisation=organisation.strip(),
            profession=profession.strip(), dietary_needs=dietary_needs.strip(), access_needs=access_needs.strip(),
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:
            raise ValidationError("You are already registered for this edition") from exc
        workflow.start(registration, actor)
        if state == RegistrationState.CONFIRMED:
            _email_registration(registration, "conf_registration_confirmed", f"conf-reg-confirmed-{registration.pk}")
        elif state == RegistrationState.AWAITING_APPROVAL:
            _email_registration(registration, "conf_registration_awaiting", f"conf-reg-awaiting-{registration.pk}")
    return registration


def _lock_registration(registration: Registration) -> tuple[TicketType, Registration]:
    """The ticket type's row first, then the registration's (always this order, so no deadlock)."""
    ticket_type = _lock_ticket_type(registration.ticket_type_id)
    registration = (Registration.objects.select_for_update(of=("self",)).select_related("edition", "user")
                    .get(pk=registration.pk))
    registration.ticket_type = ticket_type
    return ticket_type, registration


def _refuse_unless(registration: Registration, *states: str, to: str) -> None:
    if registration.state not in states:
        raise workflow.NotAllowed(REGISTRATION_WORKFLOW.refusal(registration.state, to))


@transaction.atomic
def approve_registration(actor, registration: Registration) -> Registration:
    require_admin(actor)
    _ticket_type, registration = _lock_registration(registration)
    _refuse_unless(registration, RegistrationState.AWAITING_APPROVAL, to=RegistrationState.CONFIRMED)
    registration.decided_at, registration.decided_by = timezone.now(), workflow.user_or_none(actor)
    workflow.move(registration, RegistrationState.CONFIRMED, actor, update_fields=["decided_at", "decided_by"])
    _email_registration(registration, "conf_registration_approved", f"conf-reg-approved-{registration.pk}")
    return registration


@transaction.atomic
def decline_registration(actor, registration: Registration, reason: str = "") -> Registration:
    """The team declines a registration awaiting approval; its place goes to the waiting list."""
    require_admin(actor)
    ticket_type, registration = _lock_registration(registration)
    _refuse_unless(registration, RegistrationState.AWAITING_APPROVAL, to=RegistrationState.DECLINED)
    registration.decided_at, registration.decided_by = timezone.now(), workflow.user_or_none(actor)
    workflow.move(registration, RegistrationState.DECLINED, actor, note=reason.strip(),
                  update_fields=["decided_at", "decided_by"])
    _release_place(ticket_type)
    _email_registration(registration, "conf_registration_declined", f"conf-reg-declined-{registration.pk}")
    _fill_from_waiting_list(ticket_type)
    return registration


@transaction.atomic
def cancel_registration(actor: User, registration: Registration) -> Registration:
    """The attendee cancels. A place they held goes to the next person on the waiting list."""
    ticket_type, registration = _lock_registration(registration)
    if not (actor and actor.is_authenticated and actor.pk == registration.user_id):
        raise PermissionDenied("Only the person registered can cancel their registration.")
    held = registration.state in PLACE_HOLDING_STATES
    workflow.move(registration, RegistrationState.CANCELLED, actor)
    if held:
        _release_place(ticket_type)
        _fill_from_waiting_list(ticket_type)
    release_choices(registration.user, registration.edition_id, actor, note="Registration cancelled")
    return registration


def _fill_from_waiting_list(ticket_type: TicketType) -> int:
    """Give free places to the waiting list, oldest first (the caller holds the ticket type's lock). Each
    person moves once (the workflow refuses a second move) and is emailed once, after commit."""
    moved = 0
    while ticket_type.places_left:
        registration = (Registration.objects.select_for_update(of=("self",)).select_related("edition", "user")
                        .filter(ticket_type=ticket_type, state=RegistrationState.WAITING).order_by("created_at", "pk")
                        .first())
        if registration is None:
            break
        registration.ticket_type = ticket_type
        to = RegistrationState.AWAITING_APPROVAL if ticket_type.needs_approval else RegistrationState.CONFIRMED
        workflow.move(registration, to, workflow.SYSTEM, note="A place came free")
        _hold_place(ticket_type)
        _email_registration(registration, "conf_registration_place", f"conf-reg-place-{registration.pk}")
        moved += 1
    return moved


def release_for_erasure(user) -> None:
    """Before a person's registrations are erased: each place they held is released and goes to the waiting
    list (the erasure then deletes the rows)."""
    for registration in Registration.objects.filter(user=user, state__in=PLACE_HOLDING_STATES):
        ticket_type, registration = _lock_registration(registration)
        if registration.state in PLACE_HOLDING_STATES:
            workflow.move(registration, RegistrationState.CANCELLED, workflow.SYSTEM, note="Account erased")
            _release_place(ticket_type)
            _fill_from_waiting_list(ticket_type)
            release_choices(user, registration.edition_id, workflow.SYSTEM, note="Account erased")

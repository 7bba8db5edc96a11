"""Leaders write proposals, submit and withdraw them, and invite co-speakers, who accept or decline; a
speaker's profile."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role, User
from academy.notifications.services import email_user_after_commit, send_after_commit
from academy.ui.formats import nhs_datetime
from programmes.conference.models import (
    LIVE_SPEAKER_STATES,
    PROGRAMME_SLUG,
    SPEAKER_EDITABLE,
    SPEAKER_WORKFLOW,
    Call,
    Edition,
    PendingDecision,
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    ProposalState,
    SessionType,
    SpeakerProfile,
    SpeakerState,
    Theme,
)
from programmes.conference.rules import is_invitee


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

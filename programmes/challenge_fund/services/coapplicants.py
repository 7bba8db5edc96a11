"""Co-applicants (issue 10): the lead invites a colleague by email; the colleague accepts or declines; until
they accept they are not an applicant. The lead may withdraw an invitation waiting for an answer, send it
again, and remove a co-applicant. Every change of state goes through the one workflow mechanism and its
transition log (``coapplicant.transitions``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit, send_after_commit
from academy.ui.formats import nhs_datetime
from programmes.challenge_fund.models import (
    APPLICANT_EDITABLE,
    COAPPLICANT_WORKFLOW,
    Bid,
    CoApplicant,
    CoApplicantState,
)
from programmes.challenge_fund.rules import is_invitee
from programmes.challenge_fund.services.bids import _keep_submitted_complete, _profile, lock_for_edit
from programmes.challenge_fund.services.workflow import lock_bid


def _lock_coapplicant(coapplicant: CoApplicant) -> tuple[Bid, CoApplicant]:
    """Lock the round, the bid, then the invitation (parent first), and return them as now committed."""
    bid = lock_bid(coapplicant.bid_id)
    locked = CoApplicant.objects.select_for_update(of=("self",)).select_related("user").get(pk=coapplicant.pk)
    return bid, locked


def invitation_path(coapplicant: CoApplicant) -> str:
    return reverse("challenge_fund:invitation", args=[coapplicant.pk])


def _send_invitation(coapplicant: CoApplicant, bid: Bid, lead: User) -> None:
    """Email the invitation once for each sending: a resend is a new sending, so it has its own key."""
    account = coapplicant.user or User.objects.filter(email__iexact=coapplicant.email, is_active=True).first()
    context = {
        "bid_title": bid.title,
        "round_title": bid.round.title,
        "lead_name": lead.get_full_name(),
        "lead_organisation": bid.lead_organisation.name,
        "closes": nhs_datetime(bid.deadline),
        "invitation_path": invitation_path(coapplicant),
        "invited_email": coapplicant.email,
        "has_account": account is not None,
        "signup_path": reverse("account_signup"),
        "reminder": coapplicant.times_sent > 1,
    }
    key = f"cf-coapplicant-invitation-{coapplicant.pk}-{coapplicant.times_sent}"
    if account is not None:
        email_user_after_commit(key, "cf_coapplicant_invited", account, context, link=context["invitation_path"])
    else:
        send_after_commit(key, "cf_coapplicant_invited", coapplicant.email, {"first_name": "", **context})


@transaction.atomic
def invite_coapplicant(actor: User, bid: Bid, email: str) -> CoApplicant:
    """The lead invites a colleague by email. Nobody is added yet: the colleague is emailed a link to accept or
    decline (and told to create an account with this address first if they have none)."""
    bid = lock_for_edit(actor, bid)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can invite co-applicants.")
    email = email.strip().lower()
    if email == bid.lead.email.strip().lower():
        raise ValidationError({"email": "You are the bid's lead. Enter a colleague's email address"})
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and not user.is_active:
        raise ValidationError({"email": "This account is deactivated. Invite a colleague with an active account"})
    if user is not None and user.pk == bid.lead_id:
        raise ValidationError({"email": "You are the bid's lead. Enter a colleague's email address"})
    same_person = Q(email=email) | (Q(user=user) if user is not None else Q(pk__in=[]))
    existing = bid.coapplicants.live().filter(same_person).first()
    if existing is not None:
        if existing.state == CoApplicantState.ACCEPTED:
            raise ValidationError({"email": "This colleague is already a co-applicant"})
        raise ValidationError(
            {"email": "You have already invited this colleague. To remind them, send the invitation again"}
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            coapplicant = CoApplicant.objects.create(bid=bid, user=user, email=email, added_by=actor, last_sent_at=now)
    except IntegrityError as exc:
        raise ValidationError({"email": "You have already invited this colleague"}) from exc
    workflow.start(coapplicant, actor, note="Invited", at=now)
    _send_invitation(coapplicant, bid, actor)
    return coapplicant


@transaction.atomic
def resend_invitation(actor: User, coapplicant: CoApplicant) -> CoApplicant:
    """The lead sends an invitation waiting for an answer again (a new email, under a new key)."""
    bid = lock_for_edit(actor, coapplicant.bid)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can send an invitation again.")
    coapplicant = CoApplicant.objects.select_for_update(of=("self",)).select_related("user").get(pk=coapplicant.pk)
    if coapplicant.bid_id != bid.pk:
        raise PermissionDenied("This invitation is not to this bid.")
    if coapplicant.state != CoApplicantState.INVITED:
        raise workflow.NotAllowed(COAPPLICANT_WORKFLOW.refusal(coapplicant.state, CoApplicantState.INVITED))
    coapplicant.times_sent += 1
    coapplicant.last_sent_at = timezone.now()
    coapplicant.save(update_fields=["times_sent", "last_sent_at"])
    _send_invitation(coapplicant, bid, actor)
    return coapplicant


@transaction.atomic
def withdraw_invitation(actor: User, coapplicant: CoApplicant) -> CoApplicant:
    """The lead withdraws an invitation before it is answered: the link no longer works."""
    bid, coapplicant = _lock_coapplicant(coapplicant)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can withdraw an invitation.")
    workflow.move(coapplicant, CoApplicantState.WITHDRAWN, actor, update_fields=None)
    return coapplicant


def _require_invitee(actor: User, coapplicant: CoApplicant) -> None:
    if not is_invitee(actor, coapplicant):
        raise PermissionDenied("Only the person invited can answer this invitation.")


def can_still_join(bid: Bid, now=None) -> bool:
    """Whether an invitation to the bid can still be accepted: the applicants can still change the bid."""
    now = now or timezone.now()
    return bid.state in APPLICANT_EDITABLE and now < bid.deadline


@transaction.atomic
def accept_invitation(actor: User, coapplicant: CoApplicant) -> CoApplicant:
    """The person invited accepts: they become a co-applicant, and their organisation one of the bid's
    partners. They need a leader profile, which says which organisation they work for."""
    bid, coapplicant = _lock_coapplicant(coapplicant)
    _require_invitee(actor, coapplicant)
    if coapplicant.state != CoApplicantState.INVITED:
        raise workflow.NotAllowed(COAPPLICANT_WORKFLOW.refusal(coapplicant.state, CoApplicantState.ACCEPTED))
    if actor.pk == bid.lead_id:
        raise ValidationError("You lead this bid, so you cannot also be its co-applicant.")
    if not can_still_join(bid):
        raise ValidationError(
            "The applicants can no longer change this bid, so it cannot take on a co-applicant. Contact the bid's lead."
        )
    profile = _profile(actor)
    if profile is None:
        raise ValidationError(
            "Set up your leader profile before you accept: it tells the panel your profession and organisation."
        )
    coapplicant.user = actor
    coapplicant.answered_at = timezone.now()
    try:
        with transaction.atomic():
            workflow.move(coapplicant, CoApplicantState.ACCEPTED, actor, at=coapplicant.answered_at, update_fields=None)
    except IntegrityError as exc:
        raise ValidationError("You are already a co-applicant on this bid.") from exc
    if profile.organisation_id != bid.lead_organisation_id:
        bid.partners.add(profile.organisation)
    return coapplicant


@transaction.atomic
def decline_invitation(actor: User, coapplicant: CoApplicant) -> CoApplicant:
    """The person invited declines. The lead is told by email."""
    bid, coapplicant = _lock_coapplicant(coapplicant)
    _require_invitee(actor, coapplicant)
    coapplicant.answered_at = timezone.now()
    workflow.move(coapplicant, CoApplicantState.DECLINED, actor, at=coapplicant.answered_at, update_fields=None)
    email_user_after_commit(
        f"cf-coapplicant-declined-{coapplicant.pk}",
        "cf_coapplicant_declined",
        bid.lead,
        {
            "bid_title": bid.title,
            "round_title": bid.round.title,
            "invitee_name": actor.get_full_name() or coapplicant.email,
            "invited_email": coapplicant.email,
            "partners_path": reverse("challenge_fund:bid_partners", args=[bid.pk]),
        },
        link=reverse("challenge_fund:bid_partners", args=[bid.pk]),
    )
    return coapplicant


@transaction.atomic
def remove_coapplicant(actor: User, coapplicant: CoApplicant) -> CoApplicant:
    """The lead removes a co-applicant. They can no longer see or change the bid."""
    bid = lock_for_edit(actor, coapplicant.bid)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can remove co-applicants.")
    coapplicant = CoApplicant.objects.select_for_update(of=("self",)).select_related("user").get(pk=coapplicant.pk)
    workflow.move(coapplicant, CoApplicantState.REMOVED, actor, update_fields=None)
    _keep_submitted_complete(bid)
    return coapplicant

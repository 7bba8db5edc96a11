"""Reads of the applicants' own bids."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from programmes.challenge_fund.models import APPLICANT_EDITABLE, Bid, BidState, CoApplicant, CoApplicantState
from programmes.challenge_fund.rules import is_invitee

ACCEPTED = CoApplicantState.ACCEPTED


def applicant_q(user, prefix: str = "") -> Q:
    """Bids the person leads or is a co-applicant on (an invitation counts once accepted), as a filter on
    bids (or, with ``prefix`` such as ``"bid__"``, on rows that belong to a bid). One join: the user and the
    state are matched on the same co-applicant row."""
    return Q(**{f"{prefix}lead": user}) | Q(
        **{f"{prefix}coapplicants__user": user, f"{prefix}coapplicants__state": ACCEPTED}
    )


def own_bids(user):
    """The bids a person leads or is a co-applicant on, with their round."""
    return list(
        Bid.objects.filter(applicant_q(user))
        .select_related("round", "lead_organisation")
        .distinct()
        .order_by("-created_at")
    )


def live_bid_led_in_round(user, round_) -> Bid | None:
    """The bid a person leads in a round and has not withdrawn (a lead has at most one), or None."""
    if not (user and user.is_authenticated):
        return None
    return Bid.objects.filter(round=round_, lead=user).exclude(state=BidState.WITHDRAWN).first()


def other_organisations(bid: Bid) -> list:
    """The organisations taking part other than the lead's: the partners and the co-applicants' organisations
    who accepted (from their leader profiles), by name, each once. Two queries."""
    organisations = {org.pk: org for org in bid.partners.all()}
    for coapplicant in bid.coapplicants.accepted().select_related("user__profile__organisation"):
        profile = getattr(coapplicant.user, "profile", None)
        if profile is not None and profile.organisation_id:
            organisations.setdefault(profile.organisation_id, profile.organisation)
    organisations.pop(bid.lead_organisation_id, None)
    return sorted(organisations.values(), key=lambda org: org.name)


def bid_for_applicant(pk: int, user) -> Bid:
    """A bid for its lead and co-applicants' pages: not found for anyone else signed in, superusers included,
    so that a bid's number gives nothing away (someone signed out is sent to sign in)."""
    bids = Bid.objects.select_related("round", "lead", "lead_organisation").filter(pk=pk)
    if user.is_authenticated:
        bids = bids.filter(applicant_q(user)).distinct()
    bid = bids.first()
    if bid is None:
        raise Http404("No such bid")
    return bid


def is_editable(bid: Bid, now=None) -> bool:
    now = now or timezone.now()
    return bid.state in APPLICANT_EDITABLE and now < bid.deadline


def live_coapplicants(bid: Bid) -> list[CoApplicant]:
    """The bid's co-applicants and the invitations waiting for an answer, oldest first (one query)."""
    return list(bid.coapplicants.live().select_related("user__profile__organisation"))


def accepted_coapplicants(bid: Bid) -> list[CoApplicant]:
    """The people named on the bid as co-applicants: those who accepted (one query)."""
    return list(bid.coapplicants.accepted().select_related("user"))


def _invited_q(user) -> Q:
    """Invitations to the person: to their account, or to an address they have verified that had no account
    when the lead invited it."""
    verified = EmailAddress.objects.filter(user=user, verified=True).annotate(lower=Lower("email")).values("lower")
    return Q(user=user) | Q(user__isnull=True, email__in=verified)


def pending_invitations(user, now=None) -> list[CoApplicant]:
    """Invitations waiting for the person's answer on bids that can still take a co-applicant, soonest
    deadline first (one query)."""
    if not (user and user.is_authenticated):
        return []
    now = now or timezone.now()
    still_open = Q(bid__version=1, bid__round__closes_at__gt=now) | Q(
        bid__version__gt=1, bid__resubmit_by__gt=now
    )
    return list(
        CoApplicant.objects.filter(_invited_q(user), state=CoApplicantState.INVITED,
                                   bid__state__in=APPLICANT_EDITABLE)
        .filter(still_open)
        .select_related("bid__round", "bid__lead", "bid__lead_organisation")
        .order_by("bid__round__closes_at", "pk")
    )


def invitation_for(pk: int, user) -> CoApplicant:
    """An invitation for the page where it is answered: not found for anyone but the person invited,
    superusers included (someone signed out is sent to sign in first)."""
    invitation = (
        CoApplicant.objects.select_related("bid__round", "bid__lead", "bid__lead_organisation", "user")
        .filter(pk=pk).first()
    )
    if invitation is None or (user.is_authenticated and not is_invitee(user, invitation)):
        raise Http404("No such invitation")
    return invitation

"""Reads of the applicants' own bids."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from programmes.challenge_fund.models import APPLICANT_EDITABLE, Bid, BidState


def own_bids(user):
    """The bids a person leads or is a co-applicant on, with their round."""
    return list(
        Bid.objects.filter(Q(lead=user) | Q(coapplicants__user=user))
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
    (from their leader profiles), by name, each once. Two queries."""
    organisations = {org.pk: org for org in bid.partners.all()}
    for coapplicant in bid.coapplicants.select_related("user__profile__organisation"):
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
        bids = bids.filter(Q(lead=user) | Q(coapplicants__user=user)).distinct()
    bid = bids.first()
    if bid is None:
        raise Http404("No such bid")
    return bid


def is_editable(bid: Bid, now=None) -> bool:
    now = now or timezone.now()
    return bid.state in APPLICANT_EDITABLE and now < bid.deadline

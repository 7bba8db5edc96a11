"""Reads of the applicants' own bids."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from programmes.challenge_fund.models import APPLICANT_EDITABLE, Bid


def own_bids(user):
    """The bids a person leads or is a co-applicant on, with their round."""
    return list(
        Bid.objects.filter(Q(lead=user) | Q(coapplicants__user=user))
        .select_related("round", "lead_organisation")
        .distinct()
        .order_by("-created_at")
    )


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

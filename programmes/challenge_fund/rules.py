"""Who may do what in the Challenge Fund: every permission predicate of the app, and the `rules` permissions
built from them. Services and views import these; this module imports only models."""

from __future__ import annotations

import rules
from allauth.account.models import EmailAddress
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.rules import add_private_perm, is_signed_in
from programmes.challenge_fund.models import (
    PROGRAMME_SLUG,
    Attachment,
    Bid,
    BidState,
    CoApplicant,
    CoApplicantState,
    Round,
)


@rules.predicate
def is_fund_admin(user) -> bool:
    """A Programme admin of the Challenge Fund, or a superuser."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or PROGRAMME_SLUG in user.administered_programme_slugs)
    )


@rules.predicate
def is_applicant(user, bid: Bid | None) -> bool:
    """The bid's lead or one of its co-applicants: someone invited is one only once they have accepted."""
    if bid is None or not (user and user.is_authenticated):
        return False
    if bid.lead_id == user.pk:
        return True
    return bid.coapplicants.filter(user=user, state=CoApplicantState.ACCEPTED).exists()


@rules.predicate
def is_invitee(user, coapplicant: CoApplicant | None) -> bool:
    """The person an invitation to be a co-applicant was sent to: its account, or, when the address had no
    account when the lead invited it, the account that has verified that address. Nobody else, superusers
    included, may see or answer it."""
    if coapplicant is None or not (user and user.is_authenticated and user.is_active):
        return False
    if coapplicant.user_id is not None:
        return coapplicant.user_id == user.pk
    return EmailAddress.objects.filter(user=user, email__iexact=coapplicant.email, verified=True).exists()


@rules.predicate
def is_lead(user, bid) -> bool:
    return bool(bid is not None and user and user.is_authenticated and bid.lead_id == user.pk)


@rules.predicate
def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.REVIEWER))


@rules.predicate
def is_admin_of_round(user, round_) -> bool:
    """A programme admin of the round's programme. Every round belongs to the Challenge Fund's programme."""
    return round_ is not None and is_fund_admin(user)


def bids_hidden_from_staff(round_: Round, now=None) -> bool:
    """A sealed round shows staff no bid until it closes."""
    return round_.sealed and (now or timezone.now()) < round_.closes_at


def has_declared_conflict(user, bid: Bid) -> bool:
    """The person declared a conflict of interest on the bid, as a reviewer of any of its versions. They never
    see its scores, reviews or documents again, whatever other role they hold (a fund admin or a superuser
    included)."""
    if bid is None or not (user and user.is_authenticated):
        return False
    return bid.assignments.filter(reviewer=user, conflicted=True).exists()


def can_download(user, attachment: Attachment) -> bool:
    """The applicants; the fund's admins once staff may see the bid, unless they declared a conflict of
    interest on it; a reviewer assigned to the bid who has declared no conflict of interest."""
    bid = attachment.bid
    if is_applicant(user, bid):
        return True
    if bid.state == BidState.DRAFT:
        return False
    if is_fund_admin(user):
        return not bids_hidden_from_staff(bid.round) and not has_declared_conflict(user, bid)
    return bid.assignments.filter(
        reviewer=user, conflicted=False, declared_at__isnull=False, version=bid.version
    ).exists()


def can_see_changes(user, bid: Bid) -> bool:
    """Staff who assess the bid: the fund's admins, once staff may see the bid, and the reviewers assigned to
    its current version who declared no conflict of interest. Never the applicants or anyone else, nor an
    admin who declared a conflict of interest on the bid."""
    if is_fund_admin(user):
        return not bids_hidden_from_staff(bid.round) and not has_declared_conflict(user, bid)
    return bid.assignments.filter(
        reviewer=user, version=bid.version, conflicted=False, declared_at__isnull=False
    ).exists()


rules.add_perm("challenge_fund.manage_rounds", is_fund_admin)
rules.add_perm("challenge_fund.apply", is_signed_in)
# A bid is its lead's and co-applicants' (a draft theirs alone until submitted): superusers included.
add_private_perm("challenge_fund.edit_bid", is_applicant)
add_private_perm("challenge_fund.lead_bid", is_lead)
# An invitation to be a co-applicant is answered by the person invited, and by no one else.
add_private_perm("challenge_fund.answer_invitation", is_invitee)
rules.add_perm("challenge_fund.review", is_reviewer)
rules.add_perm("challenge_fund.round_report", is_admin_of_round)

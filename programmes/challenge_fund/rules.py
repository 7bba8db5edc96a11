"""Who may do what in the Challenge Fund (the `rules` package)."""

import rules

from academy.accounts.rules import add_private_perm, is_signed_in
from programmes.challenge_fund import services


@rules.predicate
def is_fund_admin(user) -> bool:
    return services.is_fund_admin(user)


@rules.predicate
def is_applicant(user, bid) -> bool:
    return bid is not None and services.is_applicant(user, bid)


@rules.predicate
def is_lead(user, bid) -> bool:
    return bool(bid is not None and user and user.is_authenticated and bid.lead_id == user.pk)


rules.add_perm("challenge_fund.manage_rounds", is_fund_admin)
rules.add_perm("challenge_fund.apply", is_signed_in)
# A bid is its lead's and co-applicants' (a draft theirs alone until submitted): superusers included.
add_private_perm("challenge_fund.edit_bid", is_applicant)
add_private_perm("challenge_fund.lead_bid", is_lead)


@rules.predicate
def is_reviewer(user) -> bool:
    return services.is_reviewer(user)


rules.add_perm("challenge_fund.review", is_reviewer)


@rules.predicate
def is_admin_of_round(user, round_) -> bool:
    """A programme admin of the round's programme. Every round belongs to the Challenge Fund's programme."""
    return round_ is not None and services.is_fund_admin(user)


rules.add_perm("challenge_fund.round_report", is_admin_of_round)

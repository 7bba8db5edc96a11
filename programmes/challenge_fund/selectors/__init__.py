"""Reads for the Challenge Fund's pages, exports, reports and upper layers, each in a fixed number of queries,
one module a sub-domain.

Callers read ``selectors.score_table(...)``, ``selectors.awards_total(...)``: this package gives the public names
of its modules in one place, as services does. Inside the package, modules import from each other directly.
"""

from programmes.challenge_fund.selectors.bids import (
    accepted_coapplicants,
    applicant_q,
    bid_for_applicant,
    invitation_for,
    is_editable,
    live_bid_led_in_round,
    live_coapplicants,
    other_organisations,
    own_bids,
    pending_invitations,
)
from programmes.challenge_fund.selectors.projects import (
    awards_by_function,
    awards_by_quarter,
    awards_total,
    funded_projects,
    portfolio,
    portfolio_page,
)
from programmes.challenge_fund.selectors.review import (
    REVIEWED_STATES,
    conflicted_bid_ids,
    export_rows,
    hide_conflicted_scores,
    money_at_a_glance,
    percent,
    reviewer_assignments,
    round_bid_rows,
    round_bids_page,
    score_table,
)
from programmes.challenge_fund.selectors.rounds import (
    LIVE_STATES,
    admin_rounds,
    round_figures,
    visible_round,
    visible_rounds,
)
from programmes.challenge_fund.selectors.versions import (
    TEXT_LABELS,
    bid_versions,
    decision_on_version,
    version_changes,
    version_pair,
    word_diff,
)

__all__ = [
    "LIVE_STATES",
    "REVIEWED_STATES",
    "TEXT_LABELS",
    "accepted_coapplicants",
    "admin_rounds",
    "applicant_q",
    "awards_by_function",
    "awards_by_quarter",
    "awards_total",
    "bid_for_applicant",
    "bid_versions",
    "decision_on_version",
    "conflicted_bid_ids",
    "export_rows",
    "hide_conflicted_scores",
    "funded_projects",
    "invitation_for",
    "is_editable",
    "live_bid_led_in_round",
    "live_coapplicants",
    "other_organisations",
    "money_at_a_glance",
    "own_bids",
    "pending_invitations",
    "percent",
    "portfolio",
    "portfolio_page",
    "reviewer_assignments",
    "round_bid_rows",
    "round_bids_page",
    "round_figures",
    "score_table",
    "version_changes",
    "version_pair",
    "visible_round",
    "visible_rounds",
    "word_diff",
]

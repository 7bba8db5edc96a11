"""Display decisions for governance that templates cannot make alone: the figures an email shows, as text.

Emails are queued with their context stored as JSON, so what they show is worked out here, in words and
numbers as the templates print them. Dates use the UI kit's NHS.UK style (academy.ui.formats).
"""

from __future__ import annotations

from datetime import date

from academy.ui.formats import nhs_date


def investment_summary(board, day: date) -> dict:
    """The monthly investment summary's figures for ``board`` (an investment dashboard) on ``day``."""
    totals = board.totals
    return {
        "month": f"{day:%B %Y}", "on": nhs_date(day), "roles": totals.roles,
        "filled": totals.filled, "vacant": totals.vacant, "wte": f"{totals.wte:.2f}",
        "days_per_week": f"{totals.days_per_week:.1f}", "cost": f"{totals.cost:,.0f}",
        "care_pathway_share": str(totals.care_pathway_share), "network_share": str(totals.network_share),
        "intended_care_pathway": str(board.intended_care_pathway), "intended_networks": str(board.intended_networks),
        "care_pathway_met": board.care_pathway_met, "network_met": board.network_met,
    }

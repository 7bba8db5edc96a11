"""Display decisions for governance that templates cannot make alone: what an applicant reads about where
their application is, the questions templates ask of a vacancy (so no template compares a state string),
and the figures an email shows, as text.

Emails are queued with their context stored as JSON, so what they show is worked out here, in words and
numbers as the templates print them. Dates use the UI kit's NHS.UK style (academy.ui.formats).
"""

from __future__ import annotations

from datetime import date

from academy.ui.formats import nhs_date
from governance.models import ApplicationState, Vacancy, VacancyApplication, VacancyState

S = ApplicationState

# What happens next, in the applicant's words, for each state (withdrawn: nothing more to say).
NEXT_STEPS = {
    S.APPLIED: "The secretariat will score every application against the person specification after the closing "
               "date and tell you whether you are shortlisted.",
    S.SHORTLISTED: "You have been shortlisted. The secretariat will contact you about the next step.",
    S.INTERVIEWED: "You have been shortlisted. The secretariat will contact you about the next step.",
    S.APPOINTED: "You have been appointed to this role. Congratulations.",
    S.UNSUCCESSFUL: "Your application was not successful this time. Thank you for applying.",
    S.NOT_SHORTLISTED: "Your application was not successful this time. Thank you for applying.",
}
# Applicants see one grey tag with the state's name (its label).
APPLICANT_TAG_CLASS = "nhsuk-tag--grey"


class VacancyApplicationDisplay:
    """What templates ask of a vacancy application: ``{{ application.display.next_step }}``."""

    def __init__(self, application: VacancyApplication) -> None:
        self.state = application.state

    @property
    def name(self) -> str:
        return str(S(self.state).label)

    @property
    def tag_class(self) -> str:
        return APPLICANT_TAG_CLASS

    @property
    def next_step(self) -> str:
        return NEXT_STEPS.get(self.state, "")


class VacancyDisplay:
    """What templates ask of a vacancy: ``{% if vacancy.display.is_filled %}``."""

    def __init__(self, vacancy: Vacancy) -> None:
        self.state = vacancy.state

    @property
    def is_filled(self) -> bool:
        return self.state == VacancyState.APPOINTED


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

"""Display decisions live in each app's presenters.py: no template compares a state string."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from governance.models import ApplicationState as VacancyState
from governance.presenters import NEXT_STEPS, VacancyApplicationDisplay
from programmes.challenge_fund.models import BidState, Outcome
from programmes.challenge_fund.presenters import BidDisplay
from programmes.core.models import ApplicationState
from programmes.core.presenters import ApplicationDisplay

ROOT = Path(__file__).resolve().parents[3]
# `x.state == "…"`, `!=`, and `in`/`not in` tests on a state, in any template.
STATE_TEST = re.compile(r"""\bstate\s*(==|!=|\bin\b|\bnot\s+in\b)|["'][a-z_]+["']\s+(in|not\s+in)\s+\S*\.state\b""")


def test_no_template_compares_a_state_string():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "{%" in line and STATE_TEST.search(line)
    ]
    assert offenders == []


class _Row:
    def __init__(self, **fields):
        self.__dict__.update(fields)


@pytest.mark.parametrize(("state", "tag"), [
    (ApplicationState.OFFERED, "nhsuk-tag--purple"), (ApplicationState.WITHDRAWN, "nhsuk-tag--grey"),
])
def test_application_tags_and_questions(state, tag):
    display = ApplicationDisplay(_Row(state=state))
    assert display.tag_class == tag
    assert display.awaits_answer is (state == ApplicationState.OFFERED)


def test_bid_names_and_tags_for_applicants():
    revising = BidDisplay(_Row(state=BidState.DRAFT, outcome="", version=2))
    assert (revising.applicant_state, revising.tag_class, revising.is_draft) == (
        "Revise and resubmit: revising", " nhsuk-tag--grey", True
    )
    panel = BidDisplay(_Row(state=BidState.PANEL, outcome="", version=1))
    assert (panel.applicant_state, panel.tag_class, panel.in_review) == ("Being reviewed", "", True)
    declined = BidDisplay(_Row(state=BidState.DETERMINED, outcome=Outcome.DECLINED, version=1))
    assert declined.applicant_state == "Not funded" and declined.is_determined


def test_vacancy_applicants_read_what_happens_next():
    assert VacancyApplicationDisplay(_Row(state="interviewed")).next_step.startswith("You have been shortlisted")
    assert VacancyApplicationDisplay(_Row(state="withdrawn")).next_step == ""
    assert set(NEXT_STEPS) < set(VacancyState.values)

"""The evaluation report's sections read from the other evaluation apps: the contribution log (counts by
stage, what was adopted or scaled in the quarter), escaped, within a fixed number of queries."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.scorecard.reports import TEMPLATE, report_context
from governance.investment.quarters import quarter_of
from tests.evaluation.contribution import helpers as contribution

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def _html(quarter=None):
    today = timezone.localdate()
    return render_to_string(TEMPLATE, report_context(quarter or quarter_of(today), today))


def _queries(quarter) -> int:
    with CaptureQueriesContext(connection) as captured:
        _html(quarter)
    return len(captured)


def _days_into_quarter() -> int:
    today = timezone.localdate()
    return (today - quarter_of(today).start).days


def test_the_contribution_section_counts_stages_and_lists_the_quarters_adoptions_escaped():
    contribution.identified(title="Shared discharge list")
    contribution.adopted(days_ago=0, title=f"Frailty huddle {HOSTILE}")
    contribution.adopted(days_ago=_days_into_quarter() + 5, title="Last quarter's innovation")
    html = _html()
    assert "Contribution: innovations identified, adopted and scaled" in html
    assert '<th scope="row">Identified</th><td class="num">1</td>' in html
    assert '<th scope="row">Adopted</th><td class="num">2</td>' in html
    assert "Frailty huddle &lt;script&gt;" in html and "<script>alert(1)" not in html
    assert "Lewisham and Greenwich NHS Trust" in html
    assert timezone.localdate().strftime("%B %Y") in html
    assert "Last quarter&#x27;s innovation" not in html and "Shared discharge list" not in html


def test_an_innovation_scaled_in_the_quarter_is_listed_with_its_further_organisations():
    contribution.scaled(days_ago=0, title="Virtual ward")
    html = _html()
    assert html.count("Virtual ward") == 2  # adopted and scaled in this quarter
    assert "Guy&#x27;s and St Thomas&#x27;" in html and "<td>Scaled</td>" in html


def test_a_quarter_without_adoptions_says_so():
    assert "No innovation was adopted or scaled in this quarter." in _html()


def test_the_report_reads_a_fixed_number_of_queries():
    quarter = quarter_of(timezone.localdate())
    contribution.adopted(days_ago=0)
    few = _queries(quarter)
    for number in range(8):
        contribution.scaled(title=f"Innovation {number}")
        contribution.identified(title=f"Idea {number}")
    assert _queries(quarter) == few

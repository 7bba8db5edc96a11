"""The evaluation report's sections read from the other evaluation apps: the contribution log (counts by
stage, what was adopted or scaled in the quarter), the questionnaires (response rates, paired before/after
results, small numbers suppressed) and consented quotes from stories (at most 5, none unconsented), all
escaped, within a fixed number of queries."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.scorecard.reports import TEMPLATE, report_context
from evaluation.surveys import services as survey_services
from governance.investment.quarters import quarter_of
from tests.evaluation.contribution import helpers as contribution
from tests.evaluation.stories import helpers as stories
from tests.evaluation.surveys.helpers import cohort_with_participants, live_version, open_wave
from tests.evaluation.surveys.test_services import _answered_pre_post

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
    _answered_pre_post(5, [2] * 5, [4] * 5)
    stories.collection_with_stories(5)
    few = _queries(quarter)
    for number in range(8):
        contribution.scaled(title=f"Innovation {number}")
        contribution.identified(title=f"Idea {number}")
    for _ in range(3):
        _answered_pre_post(6, [2] * 6, [3] * 6)
    more = stories.collection(title="Another collection")
    for number in range(12):
        stories.tell(more, title=f"More {number}", consent=number % 2 == 0)
    assert _queries(quarter) == few


def test_the_questionnaires_section_shows_rates_and_before_and_after_results():
    _answered_pre_post(10, [2] * 5 + [3] * 5, [4] * 5 + [3] * 5)
    html = _html()
    assert "Questionnaires: waves that opened in" in html
    assert '<td class="num">10</td><td class="num">10</td><td class="num">100%</td>' in html
    assert ('<th scope="row">Belonging</th><td class="num">10</td><td class="num">+25.0</td>'
            '<td class="num">50%</td>') in html


def test_the_questionnaires_section_suppresses_small_numbers():
    _answered_pre_post(3, [2, 2, 2], [4, 4, 4])
    html = _html()
    assert '<th scope="row">Belonging</th><td class="num">fewer than 5</td><td class="num">not shown</td>' in html
    assert "+50.0" not in html and ">100%<" not in html


def test_a_wave_with_a_hostile_name_is_escaped_and_a_quarter_without_waves_says_so():
    assert "No questionnaire wave opened in this quarter." in _html()
    cohort, _ = cohort_with_participants(6)
    open_wave(cohort, live_version(name=f"Capability {HOSTILE}"))
    survey_services.send_invitations_and_reminders()
    html = _html()
    assert "Capability &lt;script&gt;" in html and "<script>alert(1)" not in html
    assert '<td class="num">6</td><td class="num">0</td><td class="num">0%</td>' in html


def test_only_consented_stories_are_quoted_at_most_five_escaped():
    found = stories.collection()
    for number in range(7):
        stories.tell(found, title=f"Consented {number}", text=f"Quote {number} {HOSTILE}", consent=True)
    for number in range(3):
        stories.tell(found, title=f"Private {number}", text=f"Secret {number}", consent=False)
    html = _html()
    assert "Stories told in the quarter: 10." in html
    assert html.count("<blockquote>") == 5
    assert "Private" not in html and "Secret" not in html
    assert "Quote 6 &lt;script&gt;" in html and "Quote 1 " not in html  # the newest five
    assert "<script>alert(1)" not in html


def test_too_few_stories_in_the_quarter_are_not_quoted():
    found = stories.collection()
    for number in range(4):
        stories.tell(found, title=f"Consented {number}", text=f"Quote {number}", consent=True)
    html = _html()
    assert "Stories told in the quarter: fewer than 5." in html
    assert "<blockquote>" not in html and "Quote 0" not in html

"""The evaluation report's sections read from the other evaluation apps: the contribution log (counts by
stage, what was adopted or scaled in the quarter), the questionnaires (response rates, paired before/after
results, small numbers suppressed), inclusion's relative likelihoods (the very figures the inclusion
pages show, never a count by group) and consented quotes from stories (at most 5, none unconsented), all
escaped, within a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.inclusion import selectors as inclusion
from evaluation.scorecard.reports import TEMPLATE, report_context
from evaluation.surveys import services as survey_services
from governance.investment.quarters import quarter_of
from tests.evaluation.contribution import helpers as contribution
from tests.evaluation.inclusion.data import applications
from tests.evaluation.stories import helpers as stories
from tests.evaluation.surveys.helpers import cohort_with_participants, live_version, open_wave
from tests.evaluation.surveys.test_services import _answered_pre_post
from tests.factories.programmes import CohortFactory

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
    for number in range(3):
        applications(2, "offered", cohort=CohortFactory(), ethnicity="black_african",
                     sent=timezone.now() - timedelta(days=95 * number))
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


def _section(html: str) -> str:
    return html.split("<h2>Inclusion: relative likelihoods</h2>")[1].split("<h2>")[0]


@pytest.fixture
def pipeline():
    """This quarter: White 20 applied, 10 offered; Black 20 applied, 5 offered; Asian 7 applied, 2 offered;
    Mixed 8 applied, 3 offered (two small numbers, which hide each other)."""
    cohort = CohortFactory()
    applications(10, "applied", cohort=cohort)
    applications(10, "offered", cohort=cohort)
    applications(15, "applied", cohort=cohort, ethnicity="black_african")
    applications(5, "offered", cohort=cohort, ethnicity="black_caribbean")
    applications(5, "applied", cohort=cohort, ethnicity="asian_indian")
    applications(2, "offered", cohort=cohort, ethnicity="asian_indian")
    applications(5, "applied", cohort=cohort, ethnicity="mixed_other")
    applications(3, "offered", cohort=cohort, ethnicity="mixed_other")
    return cohort


def test_the_inclusion_section_shows_relative_likelihoods_and_never_a_count_by_group(pipeline):
    section = _section(_html())
    # White 10/20 offered, Black 5/20: 0.5 / 0.25 = 2.00, outside the usual range; for every application so far
    # (a row by group) and for this quarter's (a column by group).
    outside = '<td class="num"><strong>2.00</strong> <span class="note">(outside the usual range)</span></td>'
    assert f'<th scope="row">Black or Black British</th>{outside}' in section
    assert section.count(outside) == 2
    # Asian: 2 offered is under 5 (and Mixed's 3), so the likelihoods that rest on them are not shown.
    assert '<th scope="row">Asian or Asian British</th><td class="num">not shown</td>' in section
    # The quarter's applications (a total the inclusion page shows), and no count by group: no 20, 10, 5 or 7.
    assert f'<th scope="row">{quarter_of(timezone.localdate()).short_label}</th><td class="num">55</td>' in section
    for count in ("20", "10", "5", "7", "8", "3", "2", "fewer than 5"):
        assert f'<td class="num">{count}</td>' not in section
    assert "1.00 means equal likelihood" in section


def test_the_inclusion_section_shows_only_what_the_inclusion_page_shows(pipeline):
    """No new table, no new total: every figure is the all-programmes page's, from the same suppressed counts, so
    nothing hidden on one can be worked out from the other."""
    applications(6, "offered", cohort=pipeline, sent=timezone.now() - timedelta(days=100))
    applications(3, "applied", cohort=pipeline, ethnicity="black_african", sent=timezone.now() - timedelta(days=100))
    today = timezone.localdate()
    quarter = quarter_of(today)
    context = report_context(quarter, today)
    page = inclusion.report()
    headline = {h.grouping.key: h for h in inclusion.headlines()}
    for trend in context["inclusion"].trends:
        shown = {row.quarter: row for row in next(t for t in page.trends if t.grouping == trend.grouping).rows}
        assert [row.quarter for row in trend.rows] == context["quarters"]
        for row in trend.rows:
            assert row == shown[row.quarter]
    for figure in context["inclusion"].headlines:
        assert figure == headline[figure.grouping.key]
    # The quarter before: 6 White offered and 3 Black applied (fewer than 5): its likelihood is not shown.
    ethnicity = next(t for t in context["inclusion"].trends if t.grouping.key == "ethnicity")
    earlier = ethnicity.rows[-2]
    assert earlier.likelihoods[ethnicity.groups.index("Black or Black British")].text == "not shown"
    assert "<td class=\"num\">3</td>" not in _section(_html())


def test_quarters_before_the_trend_are_named_not_shown(pipeline):
    today = timezone.localdate()
    quarter = quarter_of(today)
    for _ in range(inclusion.TREND_QUARTERS + 1):
        quarter = quarter.previous()
    context = report_context(quarter, today)
    assert context["inclusion"].earlier == tuple(context["quarters"])
    assert all(not trend.rows for trend in context["inclusion"].trends)
    html = render_to_string(TEMPLATE, context)
    assert "before the inclusion measures' eight-quarter trend, so not shown here" in _section(html)
    assert "<strong>2.00</strong>" in _section(html)  # the headline is of every application so far


def test_the_inclusion_section_is_escaped():
    cohort = CohortFactory(title=f"Cohort {HOSTILE}")
    applications(6, "offered", cohort=cohort)
    html = _html()
    assert "<script>alert(1)" not in html
    assert "Inclusion: relative likelihoods" in html

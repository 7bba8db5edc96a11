"""The aggregate equality summary suppresses small numbers everywhere, on the page and in the CSV."""

import csv
import io

import pytest
from django.urls import reverse

from academy.directory.selectors import NOT_ANSWERED, equality_summary
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders():
    """12 leaders: 8 White British, 3 Black Caribbean, 1 prefers not to say; 3 more gave no answers;
    one deactivated person's answers and one answer without a profile are left out."""
    answers = ["white_british"] * 8 + ["black_caribbean"] * 3 + ["prefer_not_to_say"]
    for ethnicity in answers:
        profile = LeaderProfileFactory()
        EqualityMonitoringFactory(user=profile.user, ethnicity=ethnicity)
    for _ in range(3):
        LeaderProfileFactory()
    gone = LeaderProfileFactory(user__is_active=False)
    EqualityMonitoringFactory(user=gone.user, ethnicity="white_irish")
    EqualityMonitoringFactory(ethnicity="white_irish")


def test_selector_counts_and_suppresses(leaders, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        questions, overall = equality_summary()
    ethnicity = next(q for q in questions if q.field == "ethnicity").table
    shown = ethnicity.displays()
    assert shown["White: English, Welsh, Scottish, Northern Irish or British"] == "8"
    assert shown["Black or Black British: Caribbean"] == "fewer than 5"
    assert shown["Prefer not to say"] == "fewer than 5"
    assert shown[NOT_ANSWERED] == "fewer than 5"
    assert shown["White: Irish"] == "0"  # the deactivated person and the person without a profile
    assert ethnicity.total == 15
    # 3 not answered is small, so "Answered" (12) is hidden too; 15 in all can still be shown.
    assert overall.displays() == {"Answered": "not shown", NOT_ANSWERED: "fewer than 5"}
    assert overall.total == 15


def test_page_and_csv_show_only_suppressed_aggregates(client_as, leaders):
    client, _ = client_as("evaluator")
    body = client.get(reverse("directory:equality_summary")).content.decode()
    assert "<caption" in body and 'scope="col"' in body and 'scope="row"' in body
    assert "fewer than 5" in body
    response = client.get(reverse("directory:equality_summary_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "Number of leaders"]
    ethnic = {row[1]: row[2] for row in rows if row[0] == "Ethnic group"}
    assert ethnic["Black or Black British: Caribbean"] == "fewer than 5"
    assert ethnic["White: English, Welsh, Scottish, Northern Irish or British"] == "8"
    counts = [row[2] for row in rows[1:]]
    assert all(
        value.isdigit() and (value == "0" or int(value) >= 5) or value in ("fewer than 5", "not shown")
        for value in counts
    )

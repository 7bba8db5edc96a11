"""The cohort admin page's roster paginates (20 a page, NHS.UK pagination) with the same number of
queries whatever the size of the cohort; the composition is counted in the database and matches the
in-memory count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.core import selectors
from programmes.core.models import Application, ApplicationScore, ApplicationState, Cohort
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def enrol(cohort, count, state=S.ACCEPTED):
    profiles = LeaderProfileFactory.create_batch(count)
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=p.user, state=state, submitted_at=timezone.now()) for p in profiles]
    )
    if state in (S.ACCEPTED, S.OFFERED, S.COMPLETED):
        Cohort.objects.filter(pk=cohort.pk).update(places_held=count)


def test_the_roster_shows_20_a_page_with_pagination(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=1000)
    enrol(cohort, 120)
    url = reverse("programmes:cohort_manage", args=[cohort.pk])
    first = client.get(url)
    page = first.content.decode()
    assert len(first.context["applications"]) == 20
    assert "Showing 1 to 20 of 120" in page and 'class="nhsuk-pagination' in page
    assert 'aria-current="page">1<' in page and "page=6" in page
    last = client.get(url + "?page=6")
    assert len(last.context["applications"]) == 20 and "Showing 101 to 120 of 120" in last.content.decode()
    assert client.get(url + "?page=99").context["page_obj"].number == 6
    assert client.get(url + "?page=nonsense").context["page_obj"].number == 1
    everyone = {a.pk for n in range(1, 7) for a in client.get(f"{url}?page={n}").context["applications"]}
    assert len(everyone) == 120


def test_sorted_by_mean_score_and_filtered_by_state_across_pages(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=1000)
    enrol(cohort, 30, S.UNDER_REVIEW)
    enrol(cohort, 5, S.WAITING_LIST)
    reviewers = UserFactory.create_batch(2)
    under_review = list(Application.objects.filter(cohort=cohort, state=S.UNDER_REVIEW).order_by("pk"))
    scored = under_review[3:28]  # 25 scored, with means from 1.0 up; 5 not scored
    for index, application in enumerate(scored):
        for reviewer in reviewers:
            ApplicationScore.objects.create(
                application=application, reviewer=reviewer, score=1 + (index % 5), comment=""
            )
    url = reverse("programmes:cohort_manage", args=[cohort.pk])
    first = client.get(url + "?order=score&state=under_review")
    html = first.content.decode()
    assert "Showing 1 to 20 of 30 with status “Under review”, highest mean panel score first" in html
    means = [a.mean_score for a in first.context["applications"]]
    assert means == sorted(means, reverse=True) and means[0] == 5
    # the pagination links keep the sort and the filter
    assert "order=score&amp;state=under_review&amp;page=2" in html
    second = client.get(url + "?order=score&state=under_review&page=2").context["applications"]
    assert [a.mean_score for a in second][-5:] == [None] * 5  # unscored last
    assert all(a.state == S.UNDER_REVIEW for a in list(first.context["applications"]) + list(second))
    waiting = client.get(url + "?state=waiting_list").context["applications"]
    assert {a.state for a in waiting} == {S.WAITING_LIST} and len(waiting) == 5
    # nonsense falls back to everything, earliest first
    fallback = client.get(url + "?order=<script>&state=nonsense")
    assert fallback.context["order"] == "earliest" and fallback.context["state"] == ""
    assert "<script>" not in fallback.content.decode()


def test_sorting_and_filtering_keep_the_query_budget(client_as, django_assert_max_num_queries):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=1000)
    enrol(cohort, 60, S.UNDER_REVIEW)
    reviewer = UserFactory()
    for application in Application.objects.filter(cohort=cohort):
        ApplicationScore.objects.create(application=application, reviewer=reviewer, score=3, comment="")
    url = reverse("programmes:cohort_manage", args=[cohort.pk])
    client.get(url)  # warm the session and per-person caches
    with django_assert_max_num_queries(15):  # 14, and the access log's one insert for the applicants shown
        response = client.get(url + "?order=score&state=under_review&page=2")
    assert len(response.context["applications"]) == 20


def test_a_small_roster_has_no_pagination(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    enrol(cohort, 10)
    page = client.get(reverse("programmes:cohort_manage", args=[cohort.pk])).content.decode()
    assert 'class="nhsuk-pagination' not in page and "Showing" not in page


def test_the_roster_page_makes_the_same_number_of_queries_for_10_and_500(client_as):
    client, _ = client_as("programme_admin")
    counts = []
    for size in (10, 500):
        cohort = CohortFactory(capacity=1000)
        enrol(cohort, size)
        url = reverse("programmes:cohort_manage", args=[cohort.pk])
        client.get(url)  # warm the session and per-person caches
        for page in ("", "?page=2"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url + page)
            assert response.status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] == counts[3]  # 10 (page 1), 500 (pages 1 and 2)
    assert counts[0] <= 15  # 14, and the access log's one insert for the applicants shown


def test_composition_counted_in_the_database_matches_the_full_count():
    cohort = CohortFactory(capacity=100)
    enrol(cohort, 6, S.UNDER_REVIEW)
    offered = LeaderProfileFactory.create_batch(3, organisation=OrganisationFactory(name="Composition trust"))
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=p.user, state=S.ACCEPTED, submitted_at=timezone.now()) for p in offered]
    )
    no_profile = UserFactory()
    Application.objects.create(cohort=cohort, applicant=no_profile, state=S.UNDER_REVIEW, submitted_at=timezone.now())
    Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.DRAFT)
    Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.WITHDRAWN)
    expected = selectors.composition(selectors.cohort_applications(cohort))
    assert selectors.cohort_composition(cohort) == expected
    assert expected[0]["pool"] == 10 and expected[0]["proposed"] == 3


def test_composition_returns_a_row_per_category_not_per_application():
    """The composition once grouped by each applicant's profile (a row per application, tallied in
    Python); now each dimension is counted in the database, one row per category."""
    cohort = CohortFactory(capacity=100)
    enrol(cohort, 12, S.UNDER_REVIEW)
    with CaptureQueriesContext(connection) as queries:
        tables = selectors.cohort_composition(cohort)
    assert len(queries) == 1
    sql = queries.captured_queries[0]["sql"]
    assert '"directory_leaderprofile"."id"' not in sql and "UNION ALL" in sql
    assert [t["pool"] for t in tables] == [12, 12, 12, 12]
    assert tables == selectors.composition(selectors.cohort_applications(cohort))


def test_the_roster_order_has_an_index():
    from django.db import connection as conn

    with conn.cursor() as cursor:
        indexes = conn.introspection.get_constraints(cursor, Application._meta.db_table)
    assert any(
        spec["index"] and spec["columns"] == ["cohort_id", "submitted_at", "id"] for spec in indexes.values()
    )

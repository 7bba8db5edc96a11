"""The panel's review page for a cohort with many applicants: 20 a page, sorted by mean panel score, date
applied or name, filtered by state, with the sort and filter kept in the address (the same code as the
programme admin's cohort page), in the same number of queries whatever the size of the cohort."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.core.models import Application, ApplicationScore, ApplicationState
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def applicants(cohort, count, state=S.UNDER_REVIEW, start=0):
    """``count`` applications, the n-th sent n days after the first, named so name order differs."""
    first = timezone.now() - timedelta(days=100)
    profiles = LeaderProfileFactory.create_batch(count)
    applications = []
    for index, profile in enumerate(profiles, start=start):
        profile.user.first_name, profile.user.last_name = "Sam", f"Applicant {(97 * index) % 1000:03d}"
        profile.user.save(update_fields=["first_name", "last_name"])
        applications.append(
            Application(
                cohort=cohort,
                applicant=profile.user,
                state=state,
                applied_problem=f"Problem {index}",
                submitted_at=first + timedelta(days=index),
            )
        )
    return Application.objects.bulk_create(applications)


def url_of(cohort, query=""):
    return reverse("programmes:review_cohort", args=[cohort.pk]) + query


def test_25_applicants_are_shown_20_a_page_earliest_first(client_as):
    cohort = CohortFactory()
    made = applicants(cohort, 25)
    client, _ = client_as("reviewer")
    first = client.get(url_of(cohort))
    html = first.content.decode()
    assert [a.pk for a in first.context["applications"]] == [a.pk for a in made[:20]]
    assert "Showing 1 to 20 of 25, earliest first." in html and 'class="nhsuk-pagination' in html
    second = client.get(url_of(cohort, "?page=2")).context["applications"]
    assert [a.pk for a in second] == [a.pk for a in made[20:]]


def test_sorted_by_mean_score_and_filtered_by_state_with_both_kept_in_the_address(client_as):
    cohort = CohortFactory()
    scored = applicants(cohort, 24)
    applicants(cohort, 3, S.WAITING_LIST, start=50)
    panel = UserFactory.create_batch(2)
    for index, application in enumerate(scored[:22]):  # means 1.0 to 5.0; two not scored
        for reviewer in panel:
            ApplicationScore.objects.create(application=application, reviewer=reviewer, score=1 + index % 5)
    client, me = client_as("reviewer")
    for application in scored[:21]:  # the reviewer has scored all but one of the panel's 22
        ApplicationScore.objects.create(application=application, reviewer=me, score=2, comment="")
    response = client.get(url_of(cohort, "?order=score&state=under_review"))
    html = response.content.decode()
    assert "Showing 1 to 20 of 24 with status “Under review”, highest mean panel score first." in html
    means = [a.mean_score for a in response.context["applications"]]
    assert means == sorted(means, reverse=True) and means[0] == 4.0  # (5 + 5 + 2) / 3
    assert "order=score&amp;state=under_review&amp;page=2" in html  # the pagination keeps both
    assert 'value="score" selected' in html and 'value="under_review" selected' in html
    rest = client.get(url_of(cohort, "?order=score&state=under_review&page=2")).context["applications"]
    assert [a.mean_score for a in rest][-3:] == [None, None, None]  # unscored (by me) last
    everyone = list(response.context["applications"]) + list(rest)
    assert {a.state for a in everyone} == {S.UNDER_REVIEW} and len(everyone) == 24
    mine = next(a for a in everyone if a.pk == scored[0].pk)
    assert mine.my_score.score == 2 and mine.mean_score == 1.3  # (1 + 1 + 2) / 3
    waiting = client.get(url_of(cohort, "?state=waiting_list"))
    assert {a.state for a in waiting.context["applications"]} == {S.WAITING_LIST}
    assert "On the waiting list</strong>" in waiting.content.decode()


def test_the_panels_scores_are_hidden_and_do_not_rank_until_the_reviewer_has_scored(client_as):
    """Independent review, as pretalx does it: another panel member's high score neither shows nor lifts
    the application up the list until this reviewer has given their own."""
    cohort = CohortFactory()
    low, high = applicants(cohort, 2)
    other = UserFactory()
    ApplicationScore.objects.create(application=high, reviewer=other, score=5)
    ApplicationScore.objects.create(application=low, reviewer=other, score=1)
    client, me = client_as("reviewer")
    ApplicationScore.objects.create(application=low, reviewer=me, score=2)
    response = client.get(url_of(cohort, "?order=score"))
    listed = list(response.context["applications"])
    assert [a.pk for a in listed] == [low.pk, high.pk]  # high ranks as unscored for me
    hidden = listed[1]
    assert hidden.scores_hidden and hidden.mean_score is None and hidden.panel_scores == []
    html = response.content.decode()
    assert "Shown after you score" in html and ">5<" not in html.replace("5 of 5", "")


def test_sorted_by_name(client_as):
    cohort = CohortFactory()
    applicants(cohort, 22)
    client, _ = client_as("reviewer")
    names = [a.applicant.last_name for a in client.get(url_of(cohort, "?order=name")).context["applications"]]
    assert names == sorted(names) and len(names) == 20


def test_own_application_and_unscorable_states_are_never_listed_nor_filterable(client_as):
    cohort = CohortFactory()
    applicants(cohort, 2)
    applicants(cohort, 2, S.UNSUCCESSFUL, start=10)
    client, me = client_as("reviewer")
    Application.objects.create(cohort=cohort, applicant=me, state=S.UNDER_REVIEW, submitted_at=timezone.now())
    response = client.get(url_of(cohort, "?state=unsuccessful"))
    assert response.context["state"] == "" and len(response.context["applications"]) == 2
    assert me.pk not in {a.applicant_id for a in response.context["applications"]}
    assert [key for key, _ in response.context["states"]] == [S.UNDER_REVIEW, S.WAITING_LIST]


def test_nonsense_in_the_address_falls_back_and_is_not_shown(client_as):
    cohort = CohortFactory()
    applicants(cohort, 3)
    client, _ = client_as("reviewer")
    response = client.get(url_of(cohort, "?order=<script>alert(1)</script>&state=<b>x</b>&page=nonsense"))
    assert response.status_code == 200
    assert response.context["order"] == "earliest" and response.context["state"] == ""
    assert "<script>alert(1)" not in response.content.decode()


def test_an_empty_filter_says_so_with_a_way_back(client_as):
    cohort = CohortFactory()
    applicants(cohort, 2)
    client, _ = client_as("reviewer")
    html = client.get(url_of(cohort, "?state=waiting_list")).content.decode()
    assert "No applications to score have the status “On the waiting list”" in html
    assert f'href="{url_of(cohort)}"' in html


def test_the_review_page_makes_the_same_number_of_queries_for_5_and_60_applicants(client_as):
    client, me = client_as("reviewer")
    counts = []
    for size in (5, 60):
        cohort = CohortFactory()
        for application in applicants(cohort, size):
            ApplicationScore.objects.create(application=application, reviewer=UserFactory(), score=3)
            ApplicationScore.objects.create(application=application, reviewer=me, score=4)
        client.get(url_of(cohort))  # warm the session and per-person caches
        for query in ("", "?order=score&state=under_review&page=2"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url_of(cohort, query)).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    assert max(counts) <= 12

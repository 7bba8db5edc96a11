"""A panel member reviews a cohort of 25 applicants: 20 a page, sorted by mean panel score and filtered by
state, with both kept across the pages; and a sponsor's applicant reads "Waiting for sponsor" in My
Academy. axe-core and the layout check (1280 and 320 px) run on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.core import services
from programmes.core.models import Application, ApplicationScore, ApplicationState
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationState


def test_a_reviewer_sorts_filters_and_pages_a_long_cohort(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Developmental programme 2027", criteria="Brings a real system problem.")
    first = timezone.now() - timedelta(days=30)
    other = UserFactory()
    for index, profile in enumerate(LeaderProfileFactory.create_batch(25)):
        state = S.WAITING_LIST if index >= 22 else S.UNDER_REVIEW
        application = Application.objects.create(
            cohort=cohort,
            applicant=profile.user,
            state=state,
            submitted_at=first + timedelta(days=index),
            applied_problem=f"Discharge delays in Lewisham, case {index}",
        )
        if index < 15:
            ApplicationScore.objects.create(application=application, reviewer=other, score=1 + index % 5)
    visit.sign_in_as(client, make_person("reviewer"))

    visit.go(f"/programmes/review/cohorts/{cohort.pk}/")
    assert "Showing 1 to 20 of 25, earliest first." in page.locator("main").inner_text()
    visit.check("review-first-page")

    page.get_by_label("Sort by").select_option("score")
    page.get_by_label("Status").select_option("under_review")
    page.get_by_role("button", name="Show applications").click()
    text = page.locator("main").inner_text()
    assert "Showing 1 to 20 of 22 with status “Under review”, highest mean panel score first." in text
    assert "order=score" in page.url and "state=under_review" in page.url
    visit.check("review-sorted")

    page.get_by_role("link", name="Next").click()
    assert "order=score" in page.url and "state=under_review" in page.url and "page=2" in page.url
    assert page.get_by_label("Sort by").input_value() == "score"
    assert page.locator("tbody tr").count() == 2
    visit.check("review-second-page")


def test_a_leader_waiting_for_their_sponsor_reads_so(visit, client):
    page = visit.page
    profile = LeaderProfileFactory(line_manager_name="", line_manager_email="", no_line_manager_reason="locum")
    cohort = CohortFactory(title="Core programme 2027")
    services.apply(
        profile.user,
        cohort,
        answers=[],
        applied_problem="Same-day access in Bexley",
        release_route="sponsor",
        line_manager_name="Ada Senior",
        line_manager_email="ada@example.nhs.uk",
        sponsor_role="Clinical director, Bexley PCN",
    )
    visit.sign_in_as(client, profile.user)
    visit.go("/programmes/my-academy/")
    main = page.locator("main").inner_text()
    assert "Waiting for sponsor" in main and "Waiting for line manager" not in main
    visit.check("my-academy-sponsor")

"""The home page and My Academy in a browser: a leader who also runs a programme and sits on panels sees
what needs them now, follows an item, and finds their CPD, alumni status, bids and vacancy applications on
My Academy. axe-core checks every page, at 1280 px and at 320 px, where nothing may scroll sideways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from governance.recruitment import services as recruitment
from programmes.core.models import Application, ApplicationState, Certificate
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.governance import leadership_role
from tests.factories.programmes import CohortFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationState


def no_sideways_scroll(visit, label: str) -> None:
    visit.page.set_viewport_size({"width": 320, "height": 800})
    visit.page.reload()
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{label} scrolls sideways at 320 px ({width} px)"
    visit.page.set_viewport_size({"width": 1280, "height": 900})
    visit.page.reload()  # axe and the layout check (tests/browser/layout.py, at both widths) run at 1280 px


def test_home_page_and_my_academy(visit, client):
    page = visit.page
    now = timezone.now()
    person = LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor")).user
    grant_role(None, person, Role.REVIEWER)
    give_mfa(person)
    offered = CohortFactory(title="Systems leadership core programme, spring cohort with a long name")
    Application.objects.create(cohort=offered, applicant=person, state=S.OFFERED,
                               offer_expires_at=now + timedelta(days=4))
    placed = CohortFactory(title="Quality improvement workshop")
    Application.objects.create(cohort=placed, applicant=person, state=S.ACCEPTED)
    SessionFactory(cohort=placed, title="Measuring for improvement", starts_at=now + timedelta(days=2))
    Application.objects.create(cohort=CohortFactory(title="Waiting cohort"), applicant=UserFactory(),
                               state=S.UNDER_REVIEW)
    today = timezone.localdate()
    done = CohortFactory(title="Core programme 2025", starts_on=today - timedelta(days=200),
                         ends_on=today - timedelta(days=20), applications_open=None, applications_close=None)
    finished = Application.objects.create(cohort=done, applicant=person, state=S.COMPLETED)
    Certificate.objects.create(application=finished, code="journey-cert", cpd_hours=36)
    BidFactory(lead=person, title="Falls & frailty across Lewisham")
    role = leadership_role(title="Frailty lead, ICS")
    vacancy = recruitment.publish_vacancy(
        workflow.SYSTEM, role, about="Leads frailty.", how_to_apply="Write a statement.",
        closes_on=today + timedelta(days=14), essential="Registered clinician", desirable="",
    )
    recruitment.apply(person, vacancy, "I lead the frailty network.")

    visit.sign_in_as(client, person)
    visit.go("/")
    content = page.content()
    assert "What needs you now" in content
    assert "Answer your offer of a place on Systems leadership core programme" in content
    assert "Measuring for improvement" in content
    assert "Applications you have not scored" in content
    assert "Complete your leader profile" not in content
    visit.check("home")
    no_sideways_scroll(visit, "home")

    page.get_by_role("link", name="Answer your offer of a place on Systems leadership core programme").click()
    assert "Accept" in page.content()
    visit.check("offer")

    visit.go("/programmes/my-academy/")
    content = page.content()
    assert "36 hours, from 1 certificate" in content
    assert "Alumni of the Systems leadership development curriculum (Core programme 2025" in content
    assert "Falls &amp; frailty across Lewisham" in content
    assert "Frailty lead, ICS" in content
    visit.check("my-academy")
    no_sideways_scroll(visit, "my-academy")
    with page.expect_download() as download:
        page.get_by_role("link", name="spreadsheet (CSV) of your CPD record").click()
    assert download.value.suggested_filename == "academy-cpd-record.csv"

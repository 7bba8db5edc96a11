"""Revise and resubmit in the browser: the admin decides "revise", the applicant revises and resubmits,
and the admin reads what changed. Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.challenge_fund import services
from programmes.challenge_fund.models import Answer, BidState, Outcome
from programmes.core.models import Programme
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, CriterionFactory, QuestionFactory, RoundFactory, complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()


def test_admin_invites_a_revision_the_applicant_resubmits_and_the_admin_sees_what_changed(visit, client):
    page = visit.page
    now = timezone.now()
    round_ = RoundFactory(title="SEL Challenge Fund 2025/26", opens_at=now - dt.timedelta(days=60),
                          closes_at=now - dt.timedelta(days=1))
    CriterionFactory(round=round_, title="System benefit", weight=3)
    question = QuestionFactory(round=round_, text="What happens when the funding ends?")
    bid = complete(BidFactory(round=round_, title="Frailty at home"), Decimal("20000"))
    Answer.objects.create(bid=bid, question=question, text="The team will look for more funding.")
    services.transition(bid, BidState.SUBMITTED, bid.lead)
    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    give_mfa(admin)
    reviewer = UserFactory(first_name="Tom", last_name="Brennan")
    grant_role(None, reviewer, Role.REVIEWER)
    give_mfa(reviewer)
    services.open_review(admin, bid)
    assignment = services.assign_reviewer(admin, bid, reviewer)
    services.declare_interest(reviewer, assignment, conflicted=False)
    services.submit_scores(reviewer, assignment, {c.pk: (3, "") for c in round_.criteria.all()}, "Promising.")

    # The admin decides "revise and resubmit": the deadline is required.
    visit.sign_in_as(client, admin)
    visit.go(f"/challenge-fund/manage/bids/{bid.pk}/")
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Revise and resubmit", exact=True).check()
    page.get_by_label("Feedback for the applicants", exact=True).fill("Say how the service continues after the pilot.")
    submit(page)
    expect_title_starting(page, "Error: ")
    assert page.get_by_text("Enter the date by which the revised bid must be resubmitted").count() >= 1
    visit.check("decide-revise-needs-deadline")
    deadline = timezone.localdate() + dt.timedelta(days=21)
    fill_date(page, "Resubmission deadline: date", deadline.isoformat())
    submit(page)
    bid.refresh_from_db()
    assert bid.outcome == Outcome.REVISE and bid.resubmit_by is not None
    visit.go(f"/challenge-fund/manage/rounds/{round_.pk}/release-feedback/")
    submit(page)

    # The applicant revises and resubmits.
    visit.sign_in_as(client, bid.lead)
    visit.go(f"/challenge-fund/bids/{bid.pk}/")
    assert page.get_by_text("Revise and resubmit: invited").count() >= 1
    visit.check("bid-invited")
    page.get_by_role("link", name="Revise and resubmit").click()
    visit.check("revise-confirm")
    submit(page)
    assert page.get_by_text("Revise and resubmit: revising").count() >= 1
    visit.check("bid-revising")
    page.get_by_role("link", name="The round's questions").click()
    page.get_by_label("What happens when the funding ends?", exact=True).fill(
        "The borough team will fund the service from April."
    )
    submit(page)
    page.get_by_role("link", name="Budget").click()
    page.get_by_label("Line 1: what the money is for", exact=True).fill("")
    page.get_by_label("Line 1: amount (£)", exact=True).fill("")
    page.get_by_label("Line 3: what the money is for", exact=True).fill("Carers' reference group")
    page.get_by_label("Line 3: amount (£)", exact=True).fill("15000")
    submit(page)
    page.get_by_role("link", name="Check your answers and submit").click()
    visit.check("check-revised")
    submit(page)
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED and bid.version == 2
    visit.check("resubmitted")
    page.get_by_role("link", name="Version 1").click()
    assert page.get_by_text("Say how the service continues after the pilot.").count() == 1
    visit.check("version-1")

    # The admin sends it back to review with the same reviewer and reads what changed.
    visit.sign_in_as(client, admin)
    visit.go(f"/challenge-fund/manage/bids/{bid.pk}/")
    page.get_by_role("link", name="Send to review").click()
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("open-review-needs-choice")
    page.get_by_label("Yes, send it to review").check()
    page.get_by_label("Ask the last version's reviewers again (those without a conflict of interest)").check()
    submit(page)
    visit.check("admin-bid-version-2")
    assert page.get_by_text("Version 1's scores").count() == 1
    page.get_by_role("link", name="what changed in version 2").click()
    assert page.get_by_role("heading", name="What changed in version 2").count() == 1
    assert page.locator("ins", has_text="borough").count() >= 1
    assert page.locator("del", has_text="look for more funding").count() == 1
    assert page.get_by_text("Carers' reference group").count() == 1
    visit.check("what-changed")
    page.get_by_text("About the project (unchanged)").click()
    visit.check("what-changed-unchanged-open")

    # The reviewer, asked again, declares and reads what changed from the review page.
    visit.sign_in_as(client, reviewer)
    visit.go("/challenge-fund/reviews/")
    page.get_by_role("link", name="Frailty at home").click()
    page.get_by_label("No, I have no conflict of interest", exact=True).check()
    submit(page)
    visit.check("review-version-2")
    page.get_by_role("link", name="See what changed since version 1").click()
    assert page.get_by_role("heading", name="What changed in version 2").count() == 1
    visit.check("what-changed-reviewer")

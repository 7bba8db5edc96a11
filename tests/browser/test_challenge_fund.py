"""The Challenge Fund in the browser: an admin sets up and publishes a round; a leader bids on it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.challenge_fund.models import Bid, BidState, Round
from programmes.core.models import Programme
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()


def test_admin_sets_up_a_round_and_a_leader_submits_a_bid(visit, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = visit.page
    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)

    visit.go("/challenge-fund/manage/")
    visit.check("manage")
    page.get_by_role("link", name="Create a funding round").click()
    visit.check("round-form")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("round-form-errors")

    today = timezone.localdate()
    page.get_by_label("Title", exact=True).fill("SEL Challenge Fund test round")
    page.get_by_label("Summary", exact=True).fill("Funding for system improvement projects.")
    page.get_by_label("Guidance for applicants", exact=True).fill("We fund projects that cross boundaries.")
    page.get_by_label("Eligibility rules", exact=True).fill("Clinical and care professionals working in SEL.")
    page.get_by_label("Budget (£)", exact=True).fill("100000")
    page.get_by_label("Minimum award (£)", exact=True).fill("20000")
    page.get_by_label("Maximum award (£)", exact=True).fill("10000")
    fill_date(page, "Opening date", (today - dt.timedelta(days=1)).isoformat())
    fill_date(page, "Closing date", (today + dt.timedelta(days=30)).isoformat())
    submit(page)
    expect_title_starting(page, "Error: ")
    assert page.get_by_text("The maximum award must be the same as or more than the minimum award").count() >= 1
    visit.check("round-form-money-error")
    page.get_by_label("Minimum award (£)", exact=True).fill("5000")
    page.get_by_label("Maximum award (£)", exact=True).fill("25000")
    submit(page)
    visit.check("round-manage")
    round_ = Round.objects.get()

    page.get_by_role("link", name="Add a review criterion").click()
    visit.check("criterion-form")
    page.get_by_label("Criterion", exact=True).fill("System benefit")
    page.get_by_label("Score guidance", exact=True).fill("0: one team; 5: the whole system.")
    page.get_by_label("Weight", exact=True).fill("3")
    submit(page)
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Question", exact=True).fill("What happens when the funding ends?")
    submit(page)
    page.get_by_role("link", name="Publish round").click()
    visit.check("publish-confirm")
    submit(page)
    visit.check("round-published")
    round_.refresh_from_db()
    assert round_.published and round_.criteria.count() == 1

    # A leader finds the round and bids.
    page.context.clear_cookies()
    leader = LeaderProfileFactory(user__first_name="Amara", user__last_name="Okafor").user
    partner = OrganisationFactory(name="Oxleas NHS Foundation Trust")
    visit.sign_in_as(client, leader)
    visit.go("/challenge-fund/")
    visit.check("fund-index")
    page.get_by_role("link", name="SEL Challenge Fund test round").click()
    visit.check("round")
    page.get_by_role("link", name="Start a bid").click()
    visit.check("start")
    page.get_by_label("Project title", exact=True).fill("Frailty at home")
    submit(page)
    visit.check("task-list")
    bid = Bid.objects.get()

    page.get_by_role("link", name="About the project").click()
    visit.check("about")
    page.get_by_label("Summary", exact=True).fill("A shared frailty pathway.")
    page.get_by_label("The problem", exact=True).fill("Older people bounce between services.")
    page.get_by_label("The proposed change", exact=True).fill("One multidisciplinary team.")
    submit(page)
    page.get_by_role("link", name="Priority functions").click()
    visit.check("functions")
    page.get_by_label("Care pathway transformation and innovation", exact=True).check()
    submit(page)
    page.get_by_role("link", name="Partners and co-applicants").click()
    visit.check("partners")
    page.get_by_label(partner.name, exact=True).check()
    page.get_by_role("button", name="Save and return to your bid").click()
    page.get_by_role("link", name="Involvement, outcomes and measures").click()
    page.get_by_label("Patient and public involvement", exact=True).fill("Co-designed with carers.")
    page.get_by_label("Expected outcomes", exact=True).fill("Fewer admissions.")
    page.get_by_label("How you will measure the outcomes", exact=True).fill("Admissions per month.")
    submit(page)
    page.get_by_role("link", name="Budget").click()
    visit.check("budget")
    page.get_by_label("Amount requested (£)", exact=True).fill("12000")
    page.get_by_label("Line 1: what the money is for", exact=True).fill("Backfill")
    page.get_by_label("Line 1: amount (£)", exact=True).fill("10000")
    submit(page)
    page.get_by_role("link", name="Supporting documents (optional)").click()
    page.get_by_label("Upload a supporting document", exact=True).set_input_files(
        files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not allowed"}]
    )
    page.get_by_role("button", name="Upload document").click()
    expect_title_starting(page, "Error: ")
    visit.check("documents-error")
    page.get_by_label("Upload a supporting document", exact=True).set_input_files(
        files=[{"name": "letter-of-support.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    page.get_by_role("button", name="Upload document").click()
    visit.check("documents")
    assert page.get_by_role("link", name="letter-of-support.pdf", exact=True).count() == 1
    page.get_by_role("link", name="Return to your bid").click()
    page.get_by_role("link", name="Check your answers and submit").click()
    assert page.get_by_text("Your budget lines add up to £10,000 but you are asking for £12,000").count() == 1
    visit.check("check-with-problems")
    page.get_by_role("link", name="Change amount requested").click()
    page.get_by_label("Line 2: what the money is for", exact=True).fill("Carer engagement")
    page.get_by_label("Line 2: amount (£)", exact=True).fill("2000")
    submit(page)
    page.get_by_role("link", name="The round's questions").click()
    page.get_by_label("What happens when the funding ends?", exact=True).fill("The LCP takes it on.")
    submit(page)
    page.get_by_role("link", name="Check your answers and submit").click()
    visit.check("check-answers")
    page.get_by_role("button", name="Submit bid").click()
    visit.check("submitted")
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED
    visit.go("/challenge-fund/bids/")
    visit.check("own-bids")
    assert page.get_by_text("Submitted").count() >= 1


def test_reviewer_scores_and_admin_awards(visit, client):
    from decimal import Decimal

    from programmes.challenge_fund import services
    from programmes.challenge_fund.models import Outcome
    from tests.factories.challenge_fund import BidFactory, CriterionFactory, RoundFactory, complete

    page = visit.page
    now = timezone.now()
    round_ = RoundFactory(title="SEL Challenge Fund 2025/26", opens_at=now - dt.timedelta(days=60),
                          closes_at=now - dt.timedelta(days=1))
    CriterionFactory(round=round_, title="System benefit", weight=3)
    CriterionFactory(round=round_, title="Feasibility", weight=1)
    bid = complete(BidFactory(round=round_, title="Frailty at home"), Decimal("20000"))
    services.transition(bid, BidState.SUBMITTED, bid.lead)
    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    give_mfa(admin)
    reviewer = UserFactory(first_name="Tom", last_name="Brennan")
    grant_role(None, reviewer, Role.REVIEWER)
    give_mfa(reviewer)

    visit.sign_in_as(client, admin)
    visit.go(f"/challenge-fund/manage/rounds/{round_.pk}/bids/")
    visit.check("round-bids")
    page.get_by_role("link", name="Frailty at home").click()
    visit.check("admin-bid")
    page.get_by_role("link", name="Send to review").click()
    page.get_by_label("Yes, send it to review").check()
    submit(page)
    page.get_by_label("Reviewer", exact=True).select_option(label=f"Tom Brennan ({reviewer.email})")
    page.get_by_role("button", name="Assign reviewer").click()
    visit.check("admin-bid-assigned")

    visit.sign_in_as(client, reviewer)
    visit.go("/challenge-fund/reviews/")
    visit.check("reviews")
    page.get_by_role("link", name="Frailty at home").click()
    visit.check("declare")
    page.get_by_label("No, I have no conflict of interest", exact=True).check()
    submit(page)
    visit.check("score-form")
    page.get_by_label("System benefit: score from 0 to 5", exact=True).fill("7")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("score-errors")
    page.get_by_label("System benefit: score from 0 to 5", exact=True).fill("4")
    page.get_by_label("Feasibility: score from 0 to 5", exact=True).fill("5")
    submit(page)
    visit.check("scores-submitted")

    visit.sign_in_as(client, admin)
    visit.go(f"/challenge-fund/manage/bids/{bid.pk}/")
    visit.check("admin-bid-scored")
    page.get_by_role("link", name="Record the decision").click()
    visit.check("decide")
    page.get_by_label("Funded", exact=True).check()
    page.get_by_label("Amount awarded (£)", exact=True).fill("18000")
    page.get_by_label("Feedback for the applicants", exact=True).fill("A strong, well-partnered bid.")
    submit(page)
    visit.check("round-bids-after-award")
    bid.refresh_from_db()
    assert bid.outcome == Outcome.FUNDED and bid.awarded_amount == Decimal("18000")
    page.get_by_role("link", name="Decision emails outbox").click()
    visit.check("outbox")
    page.get_by_role("link", name=re.compile("Check and change")).first.click()
    visit.check("outbox-message")
    submit(page)
    page.get_by_role("link", name="Send 1 email").click()
    submit(page)
    visit.check("outbox-sent")
    from academy.notifications.models import Notification

    assert Notification.objects.filter(template="cf_outbox", to_email=bid.lead.email).count() == 1

    # The admin plans the project's milestones and starts it.
    visit.go(f"/challenge-fund/manage/bids/{bid.pk}/")
    page.get_by_role("link", name="Follow the funded project: milestones, payments and reports").click()
    visit.check("project-admin")
    page.get_by_label("Milestone", exact=True).fill("Pilot live")
    due = timezone.localdate() + dt.timedelta(days=30)
    fill_date(page, "Progress report due", due.isoformat())
    page.get_by_label("Payment released at this milestone (£)", exact=True).fill("9000")
    page.get_by_role("button", name="Add milestone").click()
    page.get_by_role("link", name="Start project").click()
    submit(page)
    visit.check("project-started")

    visit.sign_in_as(client, bid.lead)
    visit.go(f"/challenge-fund/bids/{bid.pk}/")
    visit.check("applicant-sees-decision")
    assert page.get_by_text("A strong, well-partnered bid.").count() == 1
    page.get_by_role("link", name="Submit a progress report").click()
    visit.check("progress-report-form")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("progress-report-errors")
    page.get_by_label("Pilot live", exact=True).check()
    page.get_by_label("What was done", exact=True).fill("Recruited the team.")
    page.get_by_label("Outcomes so far", exact=True).fill("Referral routes agreed.")
    page.get_by_label("What you have learnt", exact=True).fill("Involve carers early.")
    page.get_by_label("Risks and issues", exact=True).fill("Backfill is slow.")
    page.get_by_label("Spent to date on 'Project manager' (£)", exact=True).fill("4000")
    page.get_by_label("Spent to date on 'Backfill' (£)", exact=True).fill("1000")
    submit(page)
    visit.check("progress-report-in")
    assert bid.reports.count() == 1

    page.context.clear_cookies()
    visit.go("/challenge-fund/funded/")
    visit.check("funded-projects-public")
    assert page.get_by_text("Frailty at home").count() == 1

"""Conference review in headless Chromium, with axe-core and the layout check on every page: a reviewer opens their
list of proposals, declares no conflict and scores one (a missing score first), sees the other reviewer's scores
only once their own is sent, uses "Review the next proposal" and declares a conflict of interest on it; the
conference team's ranked list flags the proposal its reviewers disagree on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.conference import services
from programmes.conference.models import ProposalState, Review
from programmes.core.models import Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_scores_sees_others_after_uses_next_declares_a_conflict_and_the_team_sees_the_spread(
        visit, client):
    page = visit.page
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    reviewer = UserFactory(first_name="Priya", last_name="Ramanathan")
    colleague = UserFactory(first_name="Tomasz", last_name="Wisniewski")
    edition = make_edition()
    now = timezone.now()
    services.add_review_phase(workflow.SYSTEM, edition, name="First review", opens_at=now - dt.timedelta(days=1),
                              closes_at=now + dt.timedelta(days=14))
    relevance = services.add_score_category(workflow.SYSTEM, edition, name="Relevance to SEL", weight=2)
    clarity = services.add_score_category(workflow.SYSTEM, edition, name="Clarity", weight=1)
    for person in (reviewer, colleague):
        services.add_reviewer(workflow.SYSTEM, edition, user=person)
    libraries = make_proposal(edition, state=ProposalState.SUBMITTED,
                              title="Diabetes clinics in Bexley libraries <script>alert(1)</script>")
    peers = make_proposal(edition, state=ProposalState.SUBMITTED, title="Peer support for new PCN clinical directors")
    services.declare_interest(colleague, libraries, conflicted=False)
    services.submit_review(colleague, libraries, scores={relevance.pk: 5, clarity.pk: 5},
                           comment="A model other boroughs could copy tomorrow.")

    # The reviewer's list; they open the first proposal and declare no conflict.
    visit.sign_in_as(client, reviewer)
    visit.go("/conference/review/")
    visit.check("review-index")
    page.get_by_role("link", name=edition.name, exact=True).first.click()
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_contain_text("Proposals to review")
    expect(main.get_by_text("You have reviewed 0 of 2")).to_be_visible()
    visit.check("review-queue")
    main.get_by_role("link", name=libraries.title).click()
    expect(main.get_by_role("heading", level=1)).to_contain_text("<script>alert(1)</script>")
    visit.check("declare")
    main.get_by_role("group", name="Do you have a conflict of interest with this proposal?").get_by_label("No").check()
    main.get_by_role("button", name="Continue").click()

    # The score form: no one else's scores yet; a missing score is an error; then the review is sent.
    expect(main.get_by_role("heading", name="Your scores")).to_be_visible()
    expect(main.get_by_role("heading", name="Other reviewers' scores")).to_have_count(0)
    expect(main.get_by_text("A model other boroughs could copy tomorrow.")).to_have_count(0)
    visit.check("score")
    main.get_by_role("group", name="Relevance to SEL (weight 2)").get_by_label("1", exact=True).check()
    main.get_by_role("button", name="Send your review").click()
    expect_title_starting(page, "Error: ")
    expect(page.get_by_role("link", name="Give Clarity a score from 1 to 5")).to_be_visible()
    visit.check("score-errors")
    main.get_by_role("group", name="Relevance to SEL (weight 2)").get_by_label("1", exact=True).check()
    main.get_by_role("group", name="Clarity (weight 1)").get_by_label("2", exact=True).check()
    main.get_by_role("button", name="Send your review").click()
    expect(page.get_by_text("Your review has been saved.")).to_be_visible()
    expect(main.get_by_role("heading", name="Other reviewers' scores")).to_be_visible()
    expect(main.get_by_text("A model other boroughs could copy tomorrow.")).to_be_visible()
    expect(main).not_to_contain_text("Wisniewski")  # the others' reviews are anonymous
    visit.check("scored")

    # "Review the next proposal" opens the one left; the reviewer declares a conflict and never sees it again.
    page.get_by_role("link", name=edition.name, exact=True).first.click()
    expect(main.get_by_text("You have reviewed 1 of 2")).to_be_visible()
    main.get_by_role("link", name="Review the next proposal").click()
    expect(main.get_by_role("heading", level=1)).to_have_text(peers.title)
    main.get_by_role("group", name="Do you have a conflict of interest with this proposal?").get_by_label("Yes").check()
    main.get_by_label("If yes, describe it").fill("I mentor one of the speakers.")
    main.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You will not review this proposal or see it again.")).to_be_visible()
    expect(main.get_by_role("link", name=peers.title)).to_have_count(0)
    visit.check("queue-after-conflict")
    assert Review.objects.get(proposal=peers, reviewer=reviewer).conflicted

    # The team's ranked list: the reviewers disagree on the libraries proposal (5 and 1.33), so it is flagged.
    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/ranking/")
    row = page.locator("main tr", has_text="Diabetes clinics in Bexley libraries")
    expect(row.get_by_text("Reviewers disagree")).to_be_visible()
    expect(page.locator("main tr", has_text=peers.title).get_by_text("Reviewers disagree")).to_have_count(0)
    visit.check("ranking-flagged")
    page.get_by_label("Only flagged proposals").check()
    page.get_by_role("button", name="Show proposals").click()
    expect(page.locator("main tbody tr")).to_have_count(1)
    visit.check("ranking-only-flagged")

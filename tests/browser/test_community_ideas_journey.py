"""Idea challenges in headless Chromium, with axe-core and the layout check on every page: a leader submits
an idea (a blank one is refused), a colleague supports it with the htmx button and comments, the challenge
owner moves the challenge to evaluating and names an evaluator, who scores the idea and reads the ranking,
and the owner takes the idea forward into the register of system problems."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from programmes.community.models import ChallengeStage, Idea, IdeaAnswer, IdeaChallenge
from tests.browser.titles import expect_title_starting
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_support_evaluate_and_take_forward(visit, client):
    page = visit.page
    owner = UserFactory(first_name="Grace", last_name="Adeyemi")
    evaluator = UserFactory(first_name="Eve", last_name="Okafor", email="eve.okafor@example.org")
    challenge = make_challenge(
        owner=owner, title="Cutting waits for community physiotherapy",
        question="Waits for community physiotherapy are **18 weeks** in some boroughs. How might we cut them?",
    )
    leader = UserFactory(first_name="Ama", last_name="Mensah")
    colleague = UserFactory(first_name="Tomas", last_name="Novak")

    # A leader finds the challenge and submits an idea; a blank one is refused with an error summary.
    visit.sign_in_as(client, leader)
    visit.go("/communities/challenges/")
    visit.check("challenges")
    page.get_by_role("link", name="Cutting waits for community physiotherapy").click()
    visit.check("challenge")
    page.get_by_role("link", name="Submit an idea").click()
    page.get_by_role("button", name="Submit idea").click()
    expect_title_starting(page, "Error: ")
    visit.check("idea-errors")
    page.get_by_label("Your idea in a line").fill("Phone triage within two days")
    page.get_by_label("Your idea", exact=True).fill("A physio calls each person back within **two days**.")
    page.get_by_role("button", name="Submit idea").click()
    expect(page.get_by_text("Your idea is submitted.")).to_be_visible()
    visit.check("idea")
    idea = Idea.objects.get()

    # A colleague supports it from the board (htmx swaps the button) and comments.
    visit.sign_in_as(client, colleague)
    visit.go(f"/communities/challenges/{challenge.pk}/")
    page.get_by_role("button", name="Support Phone triage within two days").click()
    page.get_by_role("button", name="Take back support for Phone triage within two days").wait_for()
    expect(page.get_by_text("You have 2 supports left in this challenge.")).to_be_visible()
    visit.check("board-supported")
    page.get_by_role("link", name="Phone triage within two days").click()
    page.get_by_label("Your comment").fill("We tried this in Bexley: <script>alert(1)</script> it **worked**.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("<script>alert(1)</script>")).to_be_visible()
    visit.check("idea-commented")

    # The owner moves the challenge on through confirm pages and names the evaluator.
    visit.sign_in_as(client, owner)
    visit.go(f"/communities/challenges/{challenge.pk}/")
    page.get_by_role("link", name="Move to discussing ideas").click()
    visit.check("move-confirm")
    page.get_by_role("button", name="Move to discussing ideas").click()
    page.get_by_role("link", name="Move to evaluating ideas").click()
    page.get_by_role("button", name="Move to evaluating ideas").click()
    assert IdeaChallenge.objects.get().stage == ChallengeStage.EVALUATE
    page.get_by_role("link", name="Name the evaluators").click()
    page.get_by_label("Evaluators' email addresses").fill("eve.okafor@example.org")
    visit.check("evaluators")
    page.get_by_role("button", name="Save evaluators").click()
    expect(page.get_by_text("The evaluators are saved.")).to_be_visible()

    # The evaluator scores the idea and reads the ranking.
    visit.sign_in_as(client, evaluator)
    visit.go(f"/communities/challenges/{challenge.pk}/ranking/")
    visit.check("ranking-unscored")
    page.get_by_role("link", name="Score Phone triage within two days").click()
    page.get_by_label("Impact").fill("8")
    page.get_by_label("Confidence").fill("7")
    page.get_by_label("Ease").fill("6")
    visit.check("score")
    page.get_by_role("button", name="Save score").click()
    expect(page.get_by_text("ICE 336").first).to_be_visible()
    visit.check("ranking")

    # The owner takes the idea forward: a problem is made in the register.
    visit.sign_in_as(client, owner)
    visit.go(f"/communities/ideas/{idea.pk}/")
    page.get_by_role("link", name="Take this idea forward").click()
    page.get_by_label("Why it is taken forward").fill("The board will fund a six-month pilot in two boroughs.")
    visit.check("take-forward")
    page.get_by_role("button", name="Take forward").click()
    expect(page.get_by_text("Official answer: taken forward")).to_be_visible()
    visit.check("answered")
    idea.refresh_from_db()
    assert idea.answer == IdeaAnswer.TAKEN_FORWARD and idea.system_problem is not None

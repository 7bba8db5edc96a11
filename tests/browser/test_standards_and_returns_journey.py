"""The care standards register and progress returns in headless Chromium, with axe-core on every page: a lead
sends their progress return and it appears on the next C&CPLG agenda; the secretariat approves a standard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy import workflow
from academy.directory.models import PriorityFunction
from governance.meetings import services as meetings_services
from governance.models import CareStandard, ClinicalNetwork, ProgressReturn, ReturnState, StandardState
from governance.returns import services as returns_services
from governance.standards import services as standards_services
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def past_meeting_with_decision():
    meeting = meetings_services.create_meeting(None, timezone.now() - timedelta(days=7), "Tower Bridge Room")
    decision = meetings_services.save_agenda_item(
        None,
        meeting,
        None,
        {
            "function": PriorityFunction.objects.get(number=10),
            "title": "Care standards for approval",
            "purpose": "decision",
            "ask": "Approve the diabetes foot care standard.",
            "minutes": 15,
            "lead": "",
            "paper_url": "",
            "outcome": "Approved, with benchmarking by Local Care Partnership.",
        },
    )
    return meeting, decision


def test_a_lead_sends_a_return_and_it_appears_on_the_next_agenda(visit, client):
    page = visit.page
    lead = make_person("leader", first_name="Amara", last_name="O'Kafor & Co")
    past_meeting_with_decision()
    upcoming = meetings_services.create_meeting(None, timezone.now() + timedelta(days=10), "Microsoft Teams")
    returns_services.save_schedule(
        workflow.SYSTEM,
        None,
        {
            "programme": "Falls & frailty",
            "role": None,
            "person": lead,
            "first_due_on": timezone.localdate() + timedelta(days=5),
            "every_months": 3,
            "ends_on": None,
        },
    )

    visit.sign_in_as(client, lead)
    visit.go("/")
    page.get_by_role("link", name="Progress returns to send").click()
    visit.check("my-returns")
    page.get_by_role("link", name="Falls & frailty progress return").click()
    visit.check("return-form")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("return-form-errors")
    page.get_by_label("Progress since the last return").fill("The falls response runs in Bromley & Southwark.")
    page.get_by_label("Risks and issues").fill("Winter pressures <may> pause the roll-out.")
    page.get_by_label("Asks of the group").fill("Decide whether to champion one frailty score across SEL.")
    submit(page)
    assert ProgressReturn.objects.get().state == ReturnState.RECEIVED
    expect(page.get_by_text("Your return has been sent")).to_be_visible()
    visit.check("return-sent")

    visit.sign_in_as(client, make_person("governance"))
    visit.go(f"/governance/meetings/{upcoming.pk}/")
    expect(page.get_by_text("Decide whether to champion one frailty score across SEL.")).to_be_visible()
    expect(page.get_by_text("Winter pressures <may> pause the roll-out.")).to_be_visible()
    visit.check("agenda-with-return")
    visit.go("/governance/returns/")
    visit.check("returns-overview")
    page.get_by_role("link", name="Set a progress return").click()
    visit.check("schedule-add")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("schedule-add-errors")


def test_the_secretariat_approves_a_standard(visit, client):
    page = visit.page
    _, decision = past_meeting_with_decision()
    network = ClinicalNetwork.objects.get_or_create(name="Diabetes")[0]
    standard = standards_services.propose_standard(
        workflow.SYSTEM,
        {
            "network": network,
            "title": "Diabetes foot care standard",
            "document_url": "",
            "summary": "Every person with diabetes has an annual foot check.",
        },
    )
    standards_services.send_for_approval(workflow.SYSTEM, standard)

    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/")
    page.get_by_role("link", name="Care standards register").click()
    visit.check("register")
    page.get_by_role("link", name="Diabetes foot care standard").click()
    visit.check("standard-for-approval")
    page.get_by_role("link", name="Record the approval").click()
    visit.check("approve")
    page.get_by_label("The C&CPLG decision that approved it").select_option(index=1)
    submit(page)
    expect_title_starting(page, "Error: ")  # the ICS Executive's consultation comes first
    visit.check("approve-errors")
    visit.go(f"/governance/standards/{standard.pk}/consultation/")
    visit.check("consultation")
    fill_date(page, "Date of the ICS Executive's consultation", (timezone.localdate() - timedelta(days=10)).isoformat())
    page.get_by_label("Who was consulted").fill("ICS Executive meeting")
    page.get_by_label("Outcome of the consultation").fill("Supported, with benchmarking by borough.")
    submit(page)
    page.get_by_role("link", name="Record the approval").click()
    page.get_by_label("The C&CPLG decision that approved it").select_option(index=1)
    submit(page)
    standard.refresh_from_db()
    assert standard.state == StandardState.APPROVED and standard.decision_id == decision.pk
    visit.check("standard-approved")
    page.get_by_role("link", name="Start a new version").click()
    visit.check("new-version")
    submit(page)
    assert CareStandard.objects.filter(version=2, state=StandardState.DRAFT).exists()
    visit.check("new-version-draft")

    visit.sign_in_as(client, make_person("leader"))
    visit.go("/governance/standards/")
    assert page.get_by_role("link", name="Diabetes foot care standard").count() == 1  # the approved one only
    visit.check("register-as-leader")

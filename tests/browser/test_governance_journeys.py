"""Governance journeys in headless Chromium, with axe-core on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import ClinicalNetwork, Seat
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_containing, expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def test_secretariat_keeps_reference_data(visit, client):
    page = visit.page
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/")
    visit.check("reference-index")
    page.get_by_role("link", name="Clinical networks", exact=True).click()
    visit.check("networks")
    page.get_by_role("link", name="Add a clinical network").click()
    visit.check("network-add")
    page.get_by_label("Name of the clinical network").fill("Dementia")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("network-add-errors")
    page.get_by_label("Name of the clinical network").fill("Sickle cell")
    submit(page)
    assert ClinicalNetwork.objects.filter(name="Sickle cell").exists()
    visit.check("networks-after-add")
    page.get_by_role("link", name="History of changes to the clinical networks").click()
    expect(page.get_by_text("Sickle cell").first).to_be_visible()
    visit.check("networks-history")
    visit.go("/governance/levels/")
    visit.check("levels")


def test_secretariat_appoints_to_a_ccplg_seat(visit, client):
    page = visit.page
    holder = LeaderProfileFactory().user
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/ccplg/")
    visit.check("ccplg")
    seat = Seat.objects.get(title="People Board lead")
    page.locator(f"a[href='/governance/ccplg/seats/{seat.pk}/']").click()
    visit.check("seat-edit")
    page.get_by_label("Email address of the person who holds the seat").fill("nobody@example.nhs.uk")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("seat-edit-errors")
    today = timezone.localdate()
    page.get_by_label("Email address of the person who holds the seat").fill(holder.email)
    fill_date(page, "Term of office starts", today.isoformat())
    fill_date(page, "Term of office ends", (today + timedelta(days=30)).isoformat())
    submit(page)
    seat.refresh_from_db()
    assert seat.holder_id == holder.pk
    expect(page.get_by_text("Term ends soon").first).to_be_visible()
    visit.check("ccplg-after-appointment")
    page.get_by_role("link", name="The group's make-up by profession, organisation type and borough").click()
    visit.check("ccplg-makeup")
    visit.go(f"/governance/ccplg/seats/{seat.pk}/vacate/")
    visit.check("seat-vacate")
    submit(page)
    seat.refresh_from_db()
    assert seat.holder_id is None
    visit.go("/governance/ccplg/history/")
    visit.check("seat-history")


def test_executive_reads_the_ccplg(visit, client):
    visit.sign_in_as(client, make_person("executive"))
    visit.go("/governance/ccplg/")
    assert visit.page.get_by_text("Appoint a holder").count() == 0
    visit.check("ccplg-executive")
    visit.go("/governance/functions/")
    visit.check("functions-executive")


def test_secretariat_records_a_leadership_role(visit, client):
    from decimal import Decimal

    from governance.models import LeadershipRole, RoleType

    page = visit.page
    RoleType.objects.create(name="Nursing system lead", annual_rate_per_wte=Decimal("95000"))
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/roles/")
    visit.check("roles-empty")
    page.get_by_role("link", name="Add a leadership role").click()
    visit.check("role-add")
    page.get_by_label("Title of the role").fill("Workforce resilience lead, Bexley Local Care Partnership")
    page.get_by_label("Priority function").select_option(label="Clinical and care workforce resilience")
    page.get_by_label("Local Care Partnership", exact=True).check()
    page.get_by_label("Role type on the rate card").select_option(label="Nursing system lead")
    page.get_by_label("Sessional", exact=True).check()
    page.get_by_label("Funded by").select_option(label="Local Care Partnership")
    fill_date(page, "Start date", "2026-04-01")
    submit(page)
    expect_title_starting(page, "Error: ")
    expect(page.get_by_text("Select the borough whose Local Care Partnership the role is in").first).to_be_visible()
    visit.check("role-add-errors")
    page.get_by_label("Borough (Local Care Partnership)").select_option(label="Bexley")
    submit(page)
    role = LeadershipRole.objects.get()
    assert role.wte == Decimal("0.20") and role.annual_cost == Decimal("19000.00")
    visit.check("roles-after-add")
    page.get_by_role("link", name="History of changes to the roles").click()
    visit.check("roles-history")


def test_executive_reads_the_investment_dashboard(visit, client):
    from decimal import Decimal

    from academy.directory.models import PriorityFunction, SpatialLevel
    from governance.investment.quarters import past_quarters
    from governance.models import FundingSource, RoleType
    from governance.roles import services as roles_services

    rate = RoleType.objects.create(name="Flat rate", annual_rate_per_wte=Decimal("100000"))
    roles_services.save_role(None, None, {
        "title": "Cancer programme clinical lead, ICS", "function": PriorityFunction.objects.get(number=2),
        "spatial_level": SpatialLevel.ICS, "role_type": rate, "pay_basis": "sessional", "wte": Decimal("0.4"),
        "funding_source": FundingSource.ICB, "start_date": timezone.localdate() - timedelta(days=30),
        "holder": LeaderProfileFactory().user,
    })
    page = visit.page
    visit.sign_in_as(client, make_person("executive"))
    visit.go("/")
    page.get_by_role("link", name="Investment").first.click()
    expect(page.get_by_text("£40,000").first).to_be_visible()
    # The headline figures first, then two server-drawn charts, each with an accessible name.
    expect(page.get_by_role("heading", name="Headline figures")).to_be_visible()
    expect(page.get_by_role("img", name="Protected time at the end of each quarter, in days a week")).to_be_visible()
    assert page.locator("main svg[role=img]").count() == 2
    visit.check("dashboard-today")  # with the layout check: nothing scrolls sideways at 320 px
    quarter = past_quarters(timezone.localdate())[0]
    page.get_by_label("Show").select_option(quarter.key)
    page.get_by_role("button", name="Show").click()
    expect_title_containing(page, quarter.label)
    visit.check("dashboard-past-quarter")
    with page.expect_download() as download:
        page.locator("a[href*='table=function']").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_secretariat_runs_a_ccplg_meeting(visit, client):
    from governance.meetings import services as meetings_services
    from governance.models import Action, AgendaItem, Meeting

    page = visit.page
    owner = LeaderProfileFactory().user
    earlier = meetings_services.create_meeting(None, timezone.now() - timedelta(days=30), "Room 1")
    due = timezone.localdate() - timedelta(days=2)
    meetings_services.add_action(None, earlier, "Send the falls pilot evaluation plan.", owner, due)
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/meetings/")
    visit.check("meetings")
    page.get_by_role("link", name="Add a meeting").click()
    visit.check("meeting-add")
    day = timezone.localdate() + timedelta(days=14)
    fill_date(page, "Date", day.isoformat())
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Where").fill("Microsoft Teams")
    submit(page)
    meeting = Meeting.objects.get(location="Microsoft Teams")
    expect(page.get_by_text("Send the falls pilot evaluation plan.").first).to_be_visible()  # carried over
    visit.check("meeting-new")
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Priority function").select_option(label="Care pathway transformation and innovation")
    page.get_by_label("Title of the item").fill("Frailty pathway: falls response")
    page.get_by_label("Decision", exact=True).check()
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("item-add-errors")
    page.get_by_label("Decision or action sought").fill("Endorse the shared falls response model.")
    submit(page)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
    visit.check("meeting-with-item")
    # Attendance, decisions and actions open when the meeting starts: the last meeting's, not this one's.
    expect(page.get_by_text("You can record attendance, decisions and actions from")).to_be_visible()
    assert page.get_by_role("link", name="Add an action").count() == 0
    visit.go(f"/governance/meetings/{earlier.pk}/")
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action").fill("Share the falls model with each LCP.")
    page.get_by_label("Email address of the owner").fill(owner.email)
    fill_date(page, "Due date", (day + timedelta(days=14)).isoformat())
    submit(page)
    assert Action.objects.filter(meeting=earlier).count() == 2
    visit.check("meeting-with-action")
    carried = Action.objects.get(meeting=earlier, description="Send the falls pilot evaluation plan.")
    visit.go(f"/governance/meetings/{earlier.pk}/actions/{carried.pk}/done/")
    visit.check("action-done")
    submit(page)
    carried.refresh_from_db()
    assert carried.completed_at is not None


def test_executive_makes_the_board_pack(visit, client, monkeypatch):
    from academy.reports import services as report_services
    from governance.investment.quarters import past_quarters

    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    page = visit.page
    visit.sign_in_as(client, make_person("executive"))
    quarter = past_quarters(timezone.localdate())[0]
    visit.go(f"/governance/investment/?quarter={quarter.key}")
    page.get_by_role("button", name="Download the board pack (PDF)").click()
    page.get_by_role("heading", name="Board pack").wait_for()
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    visit.check("board-pack-waiting")
    assert len(queued) == 1
    report_services.run(queued[0])  # what the Celery worker does; the page polls for the progress
    page.get_by_role("link", name="Download board-pack.pdf").wait_for()
    visit.check("board-pack-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download board-pack.pdf").click()
    assert download.value.suggested_filename == "board-pack.pdf"

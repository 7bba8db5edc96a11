"""Meetings that stay action, not update: the chair sees the warnings and everyone's attendance, the
secretariat changes the limits, and a member answers the anonymous pulse from their home page. axe-core
checks every page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from academy.directory.models import PriorityFunction
from governance.ccplg import services as ccplg_services
from governance.meetings import services as meetings_services
from governance.models import MeetingSettings, PulseAnswered, PulseTally, Seat
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def seat(person, co_chair=False):
    chosen = Seat.objects.filter(holder__isnull=True, is_co_chair=co_chair, invited_ad_hoc=False).order_by("position")
    today = timezone.localdate()
    ccplg_services.assign_seat(None, chosen.first(), person, date(2025, 1, 1), today + timedelta(days=365))
    return person


def test_the_chair_sees_the_warnings_and_a_member_answers_the_pulse(visit, client):
    page = visit.page
    chair = seat(LeaderProfileFactory().user, co_chair=True)
    member = seat(LeaderProfileFactory().user)
    others = [seat(LeaderProfileFactory().user) for _ in range(3)]
    # A meeting that ended yesterday, which the member attended.
    held_at = timezone.now() - timedelta(days=1, hours=3)
    with time_machine.travel(held_at + timedelta(minutes=30)):
        held = meetings_services.create_meeting(None, held_at, "Microsoft Teams", 60)
        meetings_services.record_attendance(None, held, [chair, member, *others])
    # The next meeting: a long paper with no summary, and half its items updates only.
    upcoming = meetings_services.create_meeting(None, timezone.now() + timedelta(days=10), "Room 1", 120)
    for number, title, purpose, ask, pages in [
        (2, "Frailty pathway: falls response", "decision", "Endorse the model.", 11),
        (4, "Wellbeing survey", "update", "", None),
    ]:
        meetings_services.save_agenda_item(
            None,
            upcoming,
            None,
            {
                "function": PriorityFunction.objects.get(number=number),
                "title": title,
                "purpose": purpose,
                "ask": ask,
                "minutes": 20,
                "lead": "",
                "paper_url": "https://example.nhs.uk/paper" if pages else "",
                "paper_summary": "",
                "paper_pages": pages,
                "outcome": "",
            },
        )

    # The chair: the warnings on the agenda, and everyone's attendance.
    visit.sign_in_as(client, chair)
    visit.go(f"/governance/meetings/{upcoming.pk}/")
    callout = page.locator(".nhsuk-warning-callout")
    expect(callout.get_by_text("runs to 11 pages, over the limit of 4")).to_be_visible()
    expect(callout.get_by_text("1 of 2 items (50%) are updates only")).to_be_visible()
    visit.check("chair-meeting-warnings")
    visit.go("/governance/meetings/")
    page.get_by_role("link", name="Attendance over the last 12 months").click()
    expect(page.get_by_text(member.get_full_name())).to_be_visible()
    visit.check("chair-attendance-rates")

    # The secretariat raises the page limit: the paper warning goes.
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/meetings/")
    page.get_by_role("link", name="Meeting settings: the limits for warnings").click()
    visit.check("meeting-settings")
    page.get_by_label("Longest paper, in pages").fill("500")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("meeting-settings-errors")
    page.get_by_label("Longest paper, in pages").fill("12")
    submit(page)
    assert MeetingSettings.objects.get().max_paper_pages == 12
    visit.go(f"/governance/meetings/{upcoming.pk}/")
    assert page.get_by_text("runs to 11 pages").count() == 0
    expect(page.get_by_text("has no summary").first).to_be_visible()

    # The member: the pulse is on their home page; they answer it once.
    visit.sign_in_as(client, member)
    visit.go("/")
    page.get_by_role("link", name="How did the meeting on").click()
    visit.check("pulse")
    page.get_by_role("group", name="Were all voices heard?").get_by_label("Yes").check()
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("pulse-errors")
    page.get_by_role("group", name="Was it action, not update?").get_by_label("Partly").check()
    page.get_by_role("group", name="Would you keep this meeting in your diary?").get_by_label("Yes").check()
    submit(page)
    expect(page.get_by_text("Your answers have been recorded without your name")).to_be_visible()
    assert PulseTally.objects.get(question="action_not_update", count=1).answer == "partly"
    assert PulseAnswered.objects.get().person == member
    assert page.get_by_role("link", name="How did the meeting on").count() == 0
    visit.check("home-after-pulse")
    visit.go(f"/governance/meetings/{held.pk}/pulse/")
    expect(page.get_by_text("You have answered the pulse for this meeting")).to_be_visible()

"""The learning log in a browser: the programme admin adds a faculty member to a cohort, a leader writes a
shared reflection on a session (and keeps it past the usual two years), the faculty member finds it from My
Academy and replies, and the leader reads the reply. axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.core.models import Application, ApplicationState
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def test_shared_reflection_faculty_reply_and_leader_reads_it(visit, client):
    page = visit.page
    ended = timezone.now() - timedelta(hours=20)
    session = SessionFactory(title="Systems thinking: seeing the whole", starts_at=ended - timedelta(hours=6),
                             ends_at=ended)
    cohort = session.cohort
    leader = UserFactory(first_name="Amara", last_name="Okafor")
    Application.objects.create(cohort=cohort, applicant=leader, state=ApplicationState.ACCEPTED)
    faculty = UserFactory(first_name="Ayesha", last_name="Khan")

    # The programme admin adds the faculty member by their account's email address.
    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/")
    page.get_by_label("Email address of their Academy account").fill("nobody@example.nhs.uk")
    page.get_by_role("button", name="Add them").click()
    expect_title_starting(page, "Error: ")
    assert "No one with this email address has an account on the portal" in page.content()
    visit.check("faculty-error")
    page.get_by_label("Email address of their Academy account").fill(faculty.email)
    page.get_by_role("button", name="Add them").click()
    assert "Ayesha Khan added as faculty" in page.content()
    visit.check("faculty-added")

    visit.sign_in_as(client, leader)
    visit.go("/programmes/my-academy/")
    visit.check("my-academy")
    page.get_by_role("link", name="Write a reflection on Systems thinking: seeing the whole").click()
    visit.check("write")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("write-errors")
    page.get_by_label("Your reflection").fill("Mapping discharge as a whole system showed me where delays start.")
    page.get_by_label("Shared with your faculty and coaches").check()
    page.get_by_label("Keep this reflection after the usual two years").check()
    submit(page)
    assert "Reflection saved and shared" in page.content()
    visit.check("reflection")

    visit.sign_in_as(client, faculty)
    visit.go("/programmes/my-academy/")
    visit.check("faculty-my-academy")
    page.get_by_role("link", name="Read and reply to the reflections shared with you").click()
    visit.check("shared-with-you")
    page.get_by_role("link", name="Systems thinking: seeing the whole by Amara Okafor").click()
    visit.check("faculty-reads")
    page.get_by_label("Your reply").fill("Who would you need in the room to change that?")
    submit(page)
    assert "Reply sent." in page.content()
    visit.check("faculty-replied")

    visit.sign_in_as(client, leader)
    visit.go("/programmes/my-academy/")
    assert "1 reply" in page.content()
    assert page.locator("main .nhsuk-tag", has_text="Kept").count() == 1  # kept past the usual two years
    visit.check("my-academy-kept")
    page.get_by_role("link", name="Read your reflection on Systems thinking: seeing the whole").click()
    assert "Who would you need in the room to change that?" in page.content()
    visit.check("leader-reads-reply")

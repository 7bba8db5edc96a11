"""The check-in code full screen, for projecting in the room, in a real browser with axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmes.core import services
from programmes.core.services.attendance import CHECK_IN_WINDOW
from tests.conftest import make_person
from tests.factories.programmes import CohortFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_projects_the_check_in_code_full_screen(visit, client):
    page = visit.page
    session = SessionFactory(
        cohort=CohortFactory(), title="Opening day",
        starts_at=timezone.now() - timedelta(minutes=10), ends_at=timezone.now() + timedelta(hours=2),
    )
    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go(f"/programmes/admin/sessions/{session.pk}/code/")
    page.get_by_role("link", name="Show the code full screen, with a QR code").click()
    visit.check("check-in-full-screen")
    shown = page.locator("#check-in-code-live").inner_text()
    # The code changes every minute, so the page may have drawn the code of the minute that has just ended.
    now = timezone.now()
    codes = {services.check_in_code(session, at=now - timedelta(seconds=s)) for s in (0, CHECK_IN_WINDOW)}
    assert any(f"{code[:3]} {code[3:]}" in shown for code in codes), shown
    expect(page.locator(".academy-check-in-qr svg")).to_be_visible()

"""The check-in code full screen with a QR code of the check-in link, and the live region outside the poller."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from programmes.core import presenters, services
from programmes.core.models import Application, ApplicationState, Attendance
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

pytestmark = pytest.mark.django_db

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def early_in_a_minute():
    """The code changes every minute: start each test 5 seconds into one, so a slow run cannot see two codes."""
    now = timezone.now()
    with time_machine.travel(now.replace(second=5, microsecond=0) + timedelta(minutes=1), tick=True):
        yield


@pytest.fixture(autouse=True)
def own_cache():
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def room():
    cohort = CohortFactory()
    session = SessionFactory(
        cohort=cohort,
        title="Opening day <script>alert(1)</script>",
        starts_at=timezone.now() - timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    leader = UserFactory()
    Application.objects.create(cohort=cohort, applicant=leader, state=ApplicationState.ACCEPTED)
    return session, leader


def _full_screen(client, session):
    response = client.get(reverse("programmes:check_in_code_full", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_full_screen_shows_the_code_large_and_a_qr_code_of_the_check_in_link(client, room):
    session, _ = room
    client.force_login(make_person("programme_admin"))
    page = _full_screen(client, session)
    code = services.check_in_code(session)
    assert f"{code[:3]} {code[3:]}" in page
    assert 'class="academy-full-screen__code" id="check-in-code-live" aria-live="polite"' in page
    assert "nhsuk-header" not in page  # only the code: no header, menu or footer
    link = unescape(re.search(r'Or go to <a href="([^"]+)"', page).group(1))
    assert link == f"http://testserver{reverse('programmes:check_in', args=[session.pk])}?code={code}"
    # The SVG is the QR code of exactly that link (segno, made on the server).
    assert '<svg role="img" aria-label="QR code of the check-in link"' in page
    assert str(presenters.qr_code_svg(link)) in page
    # The session's title is a person's text: escaped.
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_check_in_code_page_links_to_the_full_screen(client, room):
    session, _ = room
    client.force_login(make_person("programme_admin"))
    page = client.get(reverse("programmes:check_in_code", args=[session.pk])).content.decode()
    assert reverse("programmes:check_in_code_full", args=[session.pk]) in page


def test_the_live_region_sits_outside_the_poller_and_changes_only_with_the_code(client, room):
    session, _ = room
    client.force_login(make_person("programme_admin"))
    for url_name in ("programmes:check_in_code", "programmes:check_in_code_full"):
        page = client.get(reverse(url_name, args=[session.pk])).content.decode()
        poller = re.search(
            r'<div id="check-in-code".*?(Back to the check-in code page|Check-in is open from)', page, re.S
        )
        assert poller and "aria-live" not in poller.group(0)
        assert page.index('id="check-in-code-live"') < page.index('<div id="check-in-code"')
        assert page.count('id="check-in-code-live"') == 1
        assert "hx-swap-oob" not in page
    code = services.check_in_code(session)
    now = reverse("programmes:check_in_code_now", args=[session.pk])
    changed = client.get(now, {"shown": "000000" if code != "000000" else "111111"}).content.decode()
    assert 'id="check-in-code-live" hx-swap-oob="innerHTML"' in changed and f"{code[:3]} {code[3:]}" in changed
    same = client.get(now, {"shown": code}).content.decode()
    assert "hx-swap-oob" not in same and 'hx-trigger="every 10s"' in same
    full = client.get(now, {"shown": code, "full": "1"}).content.decode()
    assert "<svg" in full and "full=1" in full


def test_the_check_in_link_works_for_a_booked_leader(client, room):
    session, leader = room
    client.force_login(make_person("programme_admin"))
    page = _full_screen(client, session)
    link = unescape(re.search(r'Or go to <a href="([^"]+)"', page).group(1)).removeprefix("http://testserver")

    client.force_login(leader)
    form_page = client.get(link)
    assert form_page.status_code == 200
    code = services.check_in_code(session)
    assert re.search(rf'name="code"[^>]*value="{code}"', form_page.content.decode())
    response = client.post(link, {"code": code})
    assert response.status_code == 302
    assert Attendance.objects.get(application__applicant=leader, session=session).self_checked_in


def test_a_code_in_the_link_is_only_a_starting_value_and_escaped(client, room):
    session, leader = room
    client.force_login(leader)
    url = reverse("programmes:check_in", args=[session.pk])
    page = client.get(url, {"code": '"><script>x</script>'}).content.decode()
    assert "<script>x" not in page
    assert not Attendance.objects.filter(session=session).exists()


def test_signed_out_people_scanning_the_code_come_back_to_the_link(client, room):
    session, _ = room
    url = reverse("programmes:check_in", args=[session.pk]) + "?code=123456"
    response = client.get(url)
    assert response.status_code == 302
    assert "code%3D123456" in response["Location"] or "code=123456" in response["Location"]

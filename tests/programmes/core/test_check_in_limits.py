"""Wrong check-in codes are limited per person and per session, and the limit fails open in a cache outage."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from programmes.core import services
from programmes.core.models import Application, ApplicationState, Attendance
from programmes.core.services import attendance
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

pytestmark = pytest.mark.django_db

# A cache of this test's own (the shared Redis test database is used by other test runs at the same time).
LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "check-in"}}
TOO_MANY = "Too many wrong codes. Wait a minute and try again, or ask the session&#x27;s organiser to mark you present."


@pytest.fixture(autouse=True)
def own_cache():
    with override_settings(CACHES=LOCAL_CACHE):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def room():
    """A session happening now, and three people with a place on its cohort."""
    cohort = CohortFactory()
    session = SessionFactory(
        cohort=cohort, starts_at=timezone.now() - timedelta(minutes=30), ends_at=timezone.now() + timedelta(hours=1)
    )
    people = [UserFactory() for _ in range(3)]
    for person in people:
        Application.objects.create(cohort=cohort, applicant=person, state=ApplicationState.ACCEPTED)
    return session, people


def wrong(session, now) -> str:
    right = {services.check_in_code(session, now), services.check_in_code(session, now - timedelta(seconds=60))}
    return next(code for code in ("000000", "111111", "222222") if code not in right)


def test_a_person_who_keeps_guessing_is_refused_even_the_right_code(room):
    session, (guesser, neighbour, _) = room
    now = timezone.now()
    for _ in range(attendance.CHECK_IN_WRONG_PER_PERSON):
        with pytest.raises(ValidationError, match="not right"):
            services.self_check_in(guesser, session, wrong(session, now), now=now)
    with pytest.raises(ValidationError, match="Too many wrong codes"):
        services.self_check_in(guesser, session, services.check_in_code(session, now), now=now)
    assert not Attendance.objects.filter(application__applicant=guesser).exists()
    # Someone else in the room is not held back by the guesser, and the guesser may try again next minute.
    services.self_check_in(neighbour, session, services.check_in_code(session, now), now=now)
    later = now + timedelta(seconds=60)
    services.self_check_in(guesser, session, services.check_in_code(session, later), now=later)
    assert Attendance.objects.filter(session=session, status="present").count() == 2


def test_wrong_codes_are_limited_per_session_across_people(room):
    session, (first, second, third) = room
    now = timezone.now()
    with mock.patch.object(attendance, "CHECK_IN_WRONG_PER_SESSION", 4):
        for person in (first, first, second, second):
            with pytest.raises(ValidationError, match="not right"):
                services.self_check_in(person, session, wrong(session, now), now=now)
        with pytest.raises(ValidationError, match="Too many wrong codes"):
            services.self_check_in(third, session, services.check_in_code(session, now), now=now)


def test_the_page_says_so_with_the_error_summary(client, room):
    session, (guesser, _, _) = room
    client.force_login(guesser)
    url = reverse("programmes:check_in", args=[session.pk])
    for _ in range(attendance.CHECK_IN_WRONG_PER_PERSON):
        assert client.post(url, {"code": "999999x"}).status_code == 400
    response = client.post(url, {"code": services.check_in_code(session)})
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>\s*Error: ", page)
    assert "nhsuk-error-summary" in page and TOO_MANY in page
    assert not Attendance.objects.exists()


def test_the_limit_fails_open_when_the_cache_is_down(room):
    session, (guesser, _, _) = room
    now = timezone.now()
    broken = ConnectionError("cache down")
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    with mock.patch(f"{locmem}.get_many", side_effect=broken), mock.patch(f"{locmem}.add", side_effect=broken), \
            mock.patch(f"{locmem}.incr", side_effect=broken):
        for _ in range(attendance.CHECK_IN_WRONG_PER_PERSON * 2):
            with pytest.raises(ValidationError, match="not right"):
                services.self_check_in(guesser, session, wrong(session, now), now=now)
        services.self_check_in(guesser, session, services.check_in_code(session, now), now=now)
    assert Attendance.objects.get(application__applicant=guesser).self_checked_in

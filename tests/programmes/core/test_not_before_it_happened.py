"""Nothing is recorded before it happened: attendance opens when a session starts; completion, certificates
and the final reflection when the cohort's last session has ended. Each is refused before (nothing saved,
not offered on the page) and works after."""

import datetime as dt
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes.core import services
from programmes.core.models import Application, ApplicationState, Attendance, Certificate, Reflection
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db

# A workshop on Wednesday 13 January 2027, 10am to 1pm London time (GMT), and the cohort's last session
# on Wednesday 10 February 2027, 10am to 1pm.
FIRST = dt.datetime(2027, 1, 13, 10, 0, tzinfo=dt.UTC)
LAST = dt.datetime(2027, 2, 10, 10, 0, tzinfo=dt.UTC)
LAST_ENDS = LAST + timedelta(hours=3)


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


@pytest.fixture
def cohort():
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        cohort = CohortFactory(completion_percent=50, cpd_hours=6, requires_final_reflection=False)
        first = SessionFactory(cohort=cohort, starts_at=FIRST, ends_at=FIRST + timedelta(hours=3))
        last = SessionFactory(cohort=cohort, starts_at=LAST, ends_at=LAST_ENDS)
        places = [Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.ACCEPTED)
                  for _ in range(3)]
    return cohort, first, last, places


@pytest.fixture
def admin(person, cohort):
    return person("programme_admin")


def test_attendance_is_refused_before_the_session_starts(client, admin, cohort):
    _, first, _, places = cohort
    url = reverse("programmes:attendance", args=[first.pk])
    with time_machine.travel(FIRST - timedelta(minutes=1), tick=False):
        with pytest.raises(ValidationError, match="once the session has started, from 13 January 2027 at 10am"):
            services.record_attendance(admin, first, {places[0].pk: "present"})
        with pytest.raises(ValidationError, match="from 13 January 2027 at 10am"):
            services.mark_everyone_present(admin, first)
        client.force_login(admin)
        page = client.get(url).content.decode()
        assert "You can take attendance from 13 January 2027 at 10am, when the session starts." in page
        assert "Save attendance" not in page and "Mark everyone present" not in page
        refused = client.post(url, {f"status_{places[0].pk}": "present"})
        assert refused.status_code == 400 and title(refused).startswith("Error: ")
        assert 'href="#attendance-opens"' in refused.content.decode()
        assert client.post(url, {"action": "everyone"}).status_code == 400
    assert not Attendance.objects.exists()


def test_attendance_opens_when_the_session_starts(client, admin, cohort):
    _, first, _, places = cohort
    with time_machine.travel(FIRST, tick=False):
        assert services.record_attendance(admin, first, {places[0].pk: "apologies"}) == 1
        client.force_login(admin)
        page = client.get(reverse("programmes:attendance", args=[first.pk])).content.decode()
        assert "Save attendance" in page and "Mark everyone present" in page
    assert Attendance.objects.get().status == "apologies"


def test_check_in_keeps_its_window_before_the_start(admin, cohort):
    """Participants may still check themselves in from an hour before (the room's code)."""
    _, first, _, places = cohort
    before = FIRST - timedelta(minutes=30)
    code = services.check_in_code(first, before)
    services.self_check_in(places[0].applicant, first, code, now=before)
    assert Attendance.objects.get().self_checked_in


def test_mark_everyone_present_keeps_recorded_statuses(client, admin, cohort, django_assert_max_num_queries):
    _, first, _, places = cohort
    with time_machine.travel(FIRST + timedelta(minutes=5), tick=False):
        services.record_attendance(admin, first, {places[0].pk: "apologies"})
        client.force_login(admin)
        url = reverse("programmes:attendance", args=[first.pk])
        response = client.post(url, {"action": "everyone"}, follow=True)
        assert "Marked 2 people present." in response.content.decode()
    statuses = dict(Attendance.objects.values_list("application_id", "status"))
    assert statuses == {places[0].pk: "apologies", places[1].pk: "present", places[2].pk: "present"}
    # With history, as every attendance change, recorded by the admin.
    assert Attendance.history.filter(status="present", history_user=admin).count() == 2
    assert set(Attendance.objects.filter(status="present").values_list("recorded_by", flat=True)) == {admin.pk}
    # Again: nothing more to mark.
    with time_machine.travel(FIRST + timedelta(minutes=6), tick=False):
        assert services.mark_everyone_present(admin, first) == 0


@pytest.mark.parametrize("people", [3, 30])
def test_mark_everyone_present_has_a_fixed_query_count(admin, cohort, django_assert_max_num_queries, people):
    cohort_, first, _, _ = cohort
    for _ in range(people):
        Application.objects.create(cohort=cohort_, applicant=UserFactory(), state=S.ACCEPTED)
    with time_machine.travel(FIRST + timedelta(minutes=5), tick=False), django_assert_max_num_queries(10):
        marked = services.mark_everyone_present(admin, first)
    assert marked == people + 3


def test_mark_everyone_present_is_for_the_cohorts_admins_only(person, cohort):
    from django.core.exceptions import PermissionDenied

    _, first, _, _ = cohort
    with time_machine.travel(FIRST + timedelta(minutes=5), tick=False), pytest.raises(PermissionDenied):
        services.mark_everyone_present(person("leader"), first)
    assert not Attendance.objects.exists()


def test_error_summary_links_to_the_first_radio(client, admin, cohort):
    _, first, _, places = cohort
    with time_machine.travel(FIRST + timedelta(minutes=5), tick=False):
        client.force_login(admin)
        response = client.post(reverse("programmes:attendance", args=[first.pk]), {})
    body = response.content.decode()
    assert response.status_code == 400
    first_radio = re.search(r'<input class="nhsuk-radios__input" id="([^"]+)"', body).group(1)
    assert first_radio.endswith("-present")
    assert f'<a href="#{first_radio}">' in body and 'href="#attendance"' not in body


def _attend_all(admin, cohort):
    _, first, last, places = cohort
    with time_machine.travel(LAST + timedelta(minutes=5), tick=False):
        for session in (first, last):
            services.record_attendance(admin, session, {place.pk: "present" for place in places})


def test_completion_waits_for_the_last_session_to_end(client, admin, cohort):
    cohort_, _, _, places = cohort
    _attend_all(admin, cohort)
    url = reverse("programmes:completion", args=[cohort_.pk])
    with time_machine.travel(LAST_ENDS - timedelta(minutes=1), tick=False):
        with pytest.raises(ValidationError, match="last session has ended, from 10 February 2027 at 1pm"):
            services.complete_places(admin, cohort_, [places[0].pk])
        with pytest.raises(ValidationError, match="last session has ended"):
            services.change_place(admin, places[0], S.COMPLETED)
        client.force_login(admin)
        page = client.get(url).content.decode()
        assert "You can complete places and issue certificates from 10 February 2027 at 1pm" in page
        assert "Complete and issue certificates" not in page and 'name="applications"' not in page
        refused = client.post(url, {"applications": [places[0].pk]})
        assert refused.status_code == 400 and "last session has ended" in refused.content.decode()
    assert not Certificate.objects.exists()
    assert not Application.objects.filter(state=S.COMPLETED).exists()

    with time_machine.travel(LAST_ENDS, tick=False):
        client.force_login(admin)
        assert "Complete and issue certificates" in client.get(url).content.decode()
        result = services.complete_places(admin, cohort_, [places[0].pk])
    assert result["done"] == 1 and Certificate.objects.get().application == places[0]


def test_certificate_waits_for_the_last_session_to_end(admin, cohort):
    """A place already completed (by an older rule, or by hand) still gets no certificate dated before."""
    _, _, _, places = cohort
    Application.objects.filter(pk=places[0].pk).update(state=S.COMPLETED)
    places[0].refresh_from_db()
    with (
        time_machine.travel(LAST_ENDS - timedelta(minutes=1), tick=False),
        pytest.raises(ValidationError, match="Certificates can be issued once the cohort's last session has ended"),
    ):
        services.issue_certificate(admin, places[0])
    assert not Certificate.objects.exists()
    with time_machine.travel(LAST_ENDS + timedelta(days=1), tick=False):
        assert services.issue_certificate(admin, places[0]).cpd_hours == 6


def test_a_cohort_without_sessions_completes_no_one(admin):
    cohort = CohortFactory()
    place = Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.ACCEPTED)
    with pytest.raises(ValidationError, match="once the cohort has sessions"):
        services.complete_places(admin, cohort, [place.pk])


def test_final_reflection_waits_for_the_last_session_to_end(client, cohort):
    cohort_, first, _, places = cohort
    leader = places[0].applicant
    url = reverse("programmes:final_reflection", args=[cohort_.pk])
    with time_machine.travel(LAST_ENDS - timedelta(minutes=1), tick=False):
        with pytest.raises(ValidationError, match="You can write your final reflection once the cohort's last session"):
            services.save_reflection(leader, cohort_, "It changed how I lead.", shared=False)
        # A session reflection opens when that session starts.
        services.save_reflection(leader, cohort_, "The first workshop.", shared=False, session=first)
        client.force_login(leader)
        my_academy = client.get(reverse("programmes:my_academy")).content.decode()
        assert f'href="{url}"' not in my_academy
        assert "From 10 February 2027, after the last session" in my_academy
        page = client.get(url).content.decode()
        assert "once the cohort's last session has ended, from 10 February 2027 at 1pm" in page
        assert "Save your reflection" not in page
        refused = client.post(url, {"text": "Too soon.", "sharing": "private"})
        assert refused.status_code == 400
    assert not Reflection.objects.filter(session__isnull=True).exists()

    with time_machine.travel(LAST_ENDS, tick=False):
        client.force_login(leader)
        assert f'href="{url}"' in client.get(reverse("programmes:my_academy")).content.decode()
        response = client.post(url, {"text": "It changed how I lead.", "sharing": "private"})
        assert response.status_code == 302
    assert Reflection.objects.filter(session__isnull=True, author=leader).count() == 1


def test_session_reflection_waits_for_the_session_to_start(cohort):
    cohort_, _, last, places = cohort
    with (
        time_machine.travel(LAST - timedelta(minutes=1), tick=False),
        pytest.raises(ValidationError, match="once it has started"),
    ):
        services.save_reflection(places[0].applicant, cohort_, "Too soon.", shared=False, session=last)
    assert not Reflection.objects.exists()

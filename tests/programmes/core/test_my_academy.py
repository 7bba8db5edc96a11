"""My Academy's sessions, .ics files (RFC 5545) and the private calendar feed."""

from datetime import UTC, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from programmes.core import ics, services
from programmes.core.models import Application, ApplicationState, Cohort, Session
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def place(user, cohort, state=S.ACCEPTED):
    return Application.objects.create(cohort=cohort, applicant=user, state=state)


def test_ics_lines_are_escaped_folded_and_crlf():
    session = SessionFactory(
        title="Leading across boundaries; relational leadership, part 1",
        venue="Academy room, 160 Tooley Street, London SE1 2TZ",
        description="Bring your applied problem.\nRead the pre-reading. Ünïcödé " * 3,
    )
    body = ics.calendar([session])
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    for line in body.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY:Leading across boundaries\\; relational leadership\\, part 1" in unfolded
    assert "Bring your applied problem.\\nRead the pre-reading." in unfolded
    assert f"DTSTART:{session.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in unfolded
    assert f"UID:session-{session.pk}@" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 1


def test_session_ics_only_for_people_with_a_place(client_as):
    client, user = client_as("leader")
    session = SessionFactory()
    url = reverse("programmes:session_ics", args=[session.pk])
    place(user, session.cohort, S.WAITING_LIST)
    assert client.get(url).status_code == 404
    for step in (S.OFFERED, S.ACCEPTED):
        services.transition(workflow.SYSTEM, Application.objects.get(applicant=user), step)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert b"BEGIN:VEVENT" in response.content


def test_calendar_feed_works_by_token_and_renewing_stops_the_old_one(client_as, client):
    signed_in, user = client_as("leader")
    cohort = CohortFactory()
    SessionFactory(cohort=cohort, title="First day")
    SessionFactory(cohort=cohort, title="Second day", starts_at=timezone.now() + timedelta(days=90))
    place(user, cohort)
    signed_in.post(reverse("programmes:calendar_feed_manage"))
    token = user.calendar_feed.token
    signed_in.logout()
    response = client.get(reverse("programmes:calendar_feed", args=[token]))
    assert response.status_code == 200 and response.content.count(b"BEGIN:VEVENT") == 2
    services.renew_calendar_feed(user)
    assert client.get(reverse("programmes:calendar_feed", args=[token])).status_code == 404
    assert client.get(reverse("programmes:calendar_feed", args=["guess"])).status_code == 404


def test_my_academy_shows_upcoming_sessions_with_calendar_links(client_as):
    client, user = client_as("leader")
    cohort = CohortFactory()
    upcoming = SessionFactory(cohort=cohort, title="Systems thinking day")
    SessionFactory(cohort=cohort, title="Already happened", starts_at=timezone.now() - timedelta(days=3))
    place(user, cohort)
    page = client.get(reverse("programmes:my_academy")).content.decode()
    upcoming_section = page.split("Your upcoming sessions")[1].split("Your learning log")[0]
    assert "Systems thinking day" in upcoming_section and "Already happened" not in upcoming_section
    assert reverse("programmes:session_ics", args=[upcoming.pk]) in page
    assert "Set up your calendar feed" in page


@pytest.mark.parametrize("enrolments", [10, 500])
def test_my_academy_query_count_does_not_grow(client_as, django_assert_max_num_queries, enrolments):
    client, user = client_as("leader")
    template = CohortFactory()
    cohorts = Cohort.objects.bulk_create(
        [Cohort(**{f.attname: getattr(template, f.attname) for f in Cohort._meta.concrete_fields if f.attname != "id"}
                | {"title": f"Cohort {n}"}) for n in range(enrolments)]
    )
    Application.objects.bulk_create([Application(cohort=c, applicant=user, state=S.ACCEPTED) for c in cohorts])
    start = timezone.now() + timedelta(days=5)
    Session.objects.bulk_create(
        [Session(cohort=c, title="Day", starts_at=start, ends_at=start + timedelta(hours=2), delivery_format="online",
                 online_link="https://example.nhs.uk/meet") for c in cohorts]
    )
    services.calendar_feed(user)
    # 20: 13, then the CPD record, the sections of the Challenge Fund (bids), governance (vacancy
    # applications, C&CPLG attendance), the contribution log (innovations proposed) and the network's
    # quarterly survey (answered this quarter or not), one query each, and the header's unread notifications
    # count.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programmes:my_academy"))
    assert response.status_code == 200
    assert response.content.decode().count("(.ics file)") == enrolments

"""Programme admins run the cohorts of their own programmes: create and change cohorts and sessions
(bad input rejected, nothing saved), review applications with the cohort's composition, make offers in
bulk, and export the roster."""

import csv
import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core import services
from programmes.core.models import Application, ApplicationState, Cohort, Programme, SelectionMethod, Session
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


def cohort_post(**overrides):
    today = timezone.localdate()
    data = {
        "programme": Programme.objects.get(slug="curriculum").pk,
        "title": "Core programme 2028",
        "offer_type": "core",
        "summary": "For leaders in ICS roles.",
        "delivery_format": "hybrid",
        "time_commitment": "Six days",
        "target_groups": [],
        "priority_functions": [],
        "capacity": 20,
        "starts_on": (today + timedelta(days=90)).isoformat(),
        "ends_on": (today + timedelta(days=200)).isoformat(),
        "selection_method": "selection",
        "applications_open": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "applications_close": (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "criteria": "In an ICS role.",
        "offer_days": 7,
        "completion_percent": 75,
        "cpd_hours": "42",
        "published": "on",
        "questions_text": "Why now?\nWhat problem will you bring?",
    }
    return data | overrides


def test_admin_creates_a_cohort(client_as):
    client, _ = client_as("programme_admin")
    response = client.post(reverse("programmes:cohort_create"), cohort_post())
    cohort = Cohort.objects.get(title="Core programme 2028")
    assert response.status_code == 302 and response["Location"] == reverse("programmes:cohort_manage", args=[cohort.pk])
    assert cohort.questions == ["Why now?", "What problem will you bring?"]
    assert cohort.published and cohort.offer_type == "core"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": (timezone.localdate() + timedelta(days=10)).isoformat()}, "ends_on", "same as or after the start"),
        ({"applications_close": (timezone.localtime() - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")},
         "applications_close", "close after they open"),
        ({"applications_open": "", "applications_close": (timezone.localtime() - timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M")}, "applications_close", "already passed"),
        ({"capacity": 0}, "capacity", "at least 1 place"),
        ({"title": ""}, "title", "Enter a title"),
        ({"starts_on": "2027-02-31"}, "starts_on", "Start date must be a real date"),
        ({"offer_type": "conference-track"}, "offer_type", "Select a valid choice"),
    ],
)
def test_bad_cohort_input_is_rejected_and_nothing_is_saved(client_as, changes, field, message):
    client, _ = client_as("programme_admin")
    response = client.post(reverse("programmes:cohort_create"), cohort_post(**changes))
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    assert message in response.content.decode().replace("&#x27;", "'")
    assert f'href="#id_{field}' in response.content.decode()
    assert not Cohort.objects.exists()


def test_capacity_cannot_go_below_places_taken(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=3, selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    for _ in range(2):
        services.book(UserFactory(), cohort)
    data = cohort_post(title=cohort.title, capacity=1, selection_method="open_booking", offer_type="modular",
                       starts_on=cohort.starts_on.isoformat(), ends_on=cohort.ends_on.isoformat())
    response = client.post(reverse("programmes:cohort_edit", args=[cohort.pk]), data)
    assert response.status_code == 400
    assert "Capacity cannot be below the 2 places already offered or taken" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.capacity == 3


def test_raising_capacity_offers_places_to_the_waiting_list(client_as, django_capture_on_commit_callbacks):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=1, selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    services.book(UserFactory(), cohort)
    waiting = services.book(UserFactory(), cohort)
    data = cohort_post(title=cohort.title, capacity=2, selection_method="open_booking", offer_type="modular",
                       starts_on=cohort.starts_on.isoformat(), ends_on=cohort.ends_on.isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programmes:cohort_edit", args=[cohort.pk]), data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == S.OFFERED  # the new place goes to the waiting list once the save commits


def test_another_programmes_admin_is_refused(client):
    admin = UserFactory()
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(admin)
    client.force_login(admin)
    cohort = CohortFactory()
    session = SessionFactory(cohort=cohort)
    for url in (
        reverse("programmes:cohort_manage", args=[cohort.pk]),
        reverse("programmes:cohort_edit", args=[cohort.pk]),
        reverse("programmes:roster_export", args=[cohort.pk]),
        reverse("programmes:session_create", args=[cohort.pk]),
        reverse("programmes:session_edit", args=[session.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("programmes:cohort_edit", args=[cohort.pk]), cohort_post()).status_code == 403
    # Creating: only their own programmes are offered, and a curriculum cohort is refused.
    response = client.post(reverse("programmes:cohort_create"), cohort_post())
    assert response.status_code == 400 and not Cohort.objects.filter(title="Core programme 2028").exists()


def test_sessions_must_be_in_order_and_within_the_cohort(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    start = timezone.make_aware(datetime.combine(cohort.starts_on, time.min))
    url = reverse("programmes:session_create", args=[cohort.pk])
    base = {"title": "Day one", "delivery_format": "in_person", "venue": "Guy's Hospital",
            "starts_at": (start + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=16)).strftime("%Y-%m-%dT%H:%M")}
    wrong_order = client.post(url, base | {"ends_at": (start + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M")})
    assert wrong_order.status_code == 400 and "must end after it starts" in wrong_order.content.decode()
    outside = client.post(url, base | {"starts_at": (start - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
                                       "ends_at": (start - timedelta(days=5, hours=-2)).strftime("%Y-%m-%dT%H:%M")})
    assert outside.status_code == 400 and "within the cohort&#x27;s dates" in outside.content.decode()
    no_link = client.post(url, base | {"delivery_format": "online"})
    assert no_link.status_code == 400 and "Enter the online link" in no_link.content.decode()
    assert not Session.objects.exists()
    done = client.post(url, base)
    assert done.status_code == 302 and Session.objects.get().title == "Day one"


def _pool(cohort, count):
    applications = []
    for _ in range(count):
        profile = LeaderProfileFactory()
        application = Application.objects.create(cohort=cohort, applicant=profile.user, state=S.UNDER_REVIEW,
                                                 submitted_at=timezone.now(), applied_problem="Discharge")
        applications.append(application)
    return applications


def test_bulk_offers_stop_at_capacity_and_composition_shows_no_equality_data(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=2)
    applications = _pool(cohort, 3)
    url = reverse("programmes:cohort_manage", args=[cohort.pk])
    page = client.get(url).content.decode()
    assert "Composition" in page and "Profession" in page and "Leader group" in page
    for word in ("Ethnicity", "Sexual orientation", "Religion", "Disability"):
        assert word not in page
    empty = client.post(url, {})
    assert empty.status_code == 400 and title(empty).startswith("Error: ")
    response = client.post(url, {"applications": [a.pk for a in applications], "decision": "offer"}, follow=True)
    assert "2 done; 1 not offered because the cohort is full" in response.content.decode()
    assert Application.objects.filter(cohort=cohort, state=S.OFFERED).count() == 2
    cohort.refresh_from_db()
    assert cohort.places_held == 2


def test_roster_export_csv_and_xlsx(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    applications = _pool(cohort, 3)
    services.transition(workflow.SYSTEM, applications[0], S.OFFERED)
    services.transition(workflow.SYSTEM, applications[0], S.ACCEPTED)
    response = client.get(reverse("programmes:roster_export", args=[cohort.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "Status"]
    assert len(rows) == 2 and rows[1][1] == applications[0].applicant.email
    xlsx = client.get(reverse("programmes:roster_export", args=[cohort.pk]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 2


@pytest.mark.parametrize("enrolments", [10, 500])
def test_cohort_roster_query_count_does_not_grow(client_as, django_assert_max_num_queries, enrolments):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory(capacity=1000)
    profiles = LeaderProfileFactory.create_batch(enrolments)
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=p.user, state=S.ACCEPTED, submitted_at=timezone.now()) for p in profiles]
    )
    SessionFactory.create_batch(3, cohort=cohort)
    # 16: one more than before, for the cohort's access needs (one query, whatever the cohort's size);
    # 17: the header's unread notifications count; 18: the access log's one insert for the applicants shown
    with django_assert_max_num_queries(18):
        response = client.get(reverse("programmes:cohort_manage", args=[cohort.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        export = client.get(reverse("programmes:roster_export", args=[cohort.pk]))
    assert export.content.decode("utf-8-sig").count("\n") == enrolments + 1


def test_suspend_reinstate_remove_and_alumni_keep_the_history(client_as):
    client, admin = client_as("programme_admin")
    cohort = CohortFactory(capacity=1, selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    place = services.book(UserFactory(), cohort)
    waiting = services.book(UserFactory(), cohort)
    url = reverse("programmes:admin_application", args=[place.pk])
    page = client.get(url).content.decode()
    assert "Suspend" in page and "Remove from the cohort" in page
    client.post(url, {"action": "suspend"})
    place.refresh_from_db()
    cohort.refresh_from_db()
    assert place.state == S.SUSPENDED and cohort.places_held == 1  # a suspended person keeps their place
    client.post(url, {"action": "reinstate"})
    place.refresh_from_db()
    assert place.state == S.ACCEPTED
    bad = client.post(url, {"action": "alumni"})
    assert bad.status_code == 400 and "Only people who completed" in bad.content.decode()
    nonsense = client.post(url, {"action": "delete"})
    assert nonsense.status_code == 400
    client.post(url, {"action": "remove"})
    place.refresh_from_db()
    waiting.refresh_from_db()
    assert place.state == S.REMOVED and waiting.state == S.OFFERED
    assert list(place.transitions.values_list("to_state", flat=True)) == [
        S.ACCEPTED, S.SUSPENDED, S.ACCEPTED, S.REMOVED
    ]
    assert Application.objects.filter(pk=place.pk).exists()
    done = Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.COMPLETED)
    client.post(reverse("programmes:admin_application", args=[done.pk]), {"action": "alumni"})
    done.refresh_from_db()
    assert done.alumni


def test_an_admin_cannot_accept_an_offer_for_someone(client_as):
    client, admin = client_as("programme_admin")
    cohort = CohortFactory()
    offered = Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.UNDER_REVIEW)
    services.transition(workflow.SYSTEM, offered, S.OFFERED)
    url = reverse("programmes:admin_application", args=[offered.pk])
    page = client.get(url).content.decode()
    assert "Reinstate" not in page and "Suspend" not in page
    response = client.post(url, {"action": "reinstate"})
    assert response.status_code == 400 and "cannot be changed" in response.content.decode()
    offered.refresh_from_db()
    assert offered.state == S.OFFERED


def test_message_the_cohort_once_each(client_as):
    from academy.notifications.models import Notification

    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    url = reverse("programmes:cohort_message", args=[cohort.pk])
    nobody = client.post(url, {"subject": "Welcome", "body": "See you on day one.", "action": "send"})
    assert nobody.status_code == 400 and "no one to message" in nobody.content.decode()
    places = [Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.ACCEPTED) for _ in range(3)]
    Application.objects.create(cohort=cohort, applicant=UserFactory(), state=S.WAITING_LIST)
    empty = client.post(url, {"subject": "", "body": ""})
    assert empty.status_code == 400 and title(empty).startswith("Error: ")
    response = client.post(url, {"subject": "Welcome", "body": "See you on day one.", "action": "send"}, follow=True)
    assert "Message sent to 3 people." in response.content.decode()
    sent = Notification.objects.filter(template="cohort_message")
    assert sorted(sent.values_list("to_email", flat=True)) == sorted(p.applicant.email for p in places)

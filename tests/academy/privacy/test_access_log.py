"""The access log: a row for each staff read of another person's page or export (one insert, however many
people), none for a person reading their own data or for a leader using the directory; a person sees who
opened their data; the secretariat searches it by person, reader and date, a page at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.privacy import services
from academy.privacy.models import AccessLogEntry
from programmes.core.models import Application, ApplicationState, Cohort
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db


def listed_leader():
    return LeaderProfileFactory(listed_in_directory=True)


def test_staff_reading_a_directory_profile_is_logged_and_a_leader_or_the_person_is_not(client):
    leader = listed_leader()
    url = reverse("directory:leader", args=[leader.pk])
    secretariat = make_person("governance", first_name="Sam", last_name="Secretariat")
    client.force_login(secretariat)
    assert client.get(url).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.reader, entry.subject, entry.path) == (secretariat, leader.user, url)
    assert "Sam Secretariat" in entry.reader_label and entry.what == "Leaders directory: their profile"

    client.force_login(leader.user)  # their own page
    client.get(url)
    client.force_login(make_person("leader"))  # a colleague using the directory, not staff
    client.get(url)
    assert AccessLogEntry.objects.count() == 1


def test_record_access_writes_one_insert_for_a_list_and_skips_the_reader():
    reader = make_person("programme_admin")
    people = [LeaderProfileFactory().user for _ in range(30)]
    with CaptureQueriesContext(connection) as queries:
        written = services.record_access(reader, [*people, reader, None], "Cohort roster export: Spring")
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert written == 30 and len(inserts) == 1
    assert set(AccessLogEntry.objects.values_list("people_in_export", flat=True)) == {31}
    assert not AccessLogEntry.objects.filter(subject=reader).exists()
    assert services.record_access(make_person("leader"), people, "Not staff") == 0
    assert services.record_access(reader, [reader], "Their own") == 0


def test_the_roster_export_and_an_application_page_are_logged(client_as):
    client, admin = client_as("programme_admin")
    cohort = CohortFactory(capacity=10)
    profiles = LeaderProfileFactory.create_batch(3)
    Application.objects.bulk_create(
        [
            Application(cohort=cohort, applicant=p.user, state=ApplicationState.ACCEPTED, submitted_at=timezone.now())
            for p in profiles
        ]
    )
    Cohort.objects.filter(pk=cohort.pk).update(places_held=3)
    assert client.get(reverse("programmes:roster_export", args=[cohort.pk])).status_code == 200
    assert AccessLogEntry.objects.filter(reader=admin, what__startswith="Cohort roster export").count() == 3
    application = Application.objects.filter(cohort=cohort).first()
    assert client.get(reverse("programmes:admin_application", args=[application.pk])).status_code == 200
    assert AccessLogEntry.objects.filter(
        reader=admin, subject=application.applicant, what__startswith="Programme application"
    ).exists()


def test_a_person_sees_who_opened_their_data_escaped(client):
    person = make_person("leader")
    reader = make_person("governance", first_name="<script>alert(1)</script>", last_name="Reader")
    services.record_access(reader, [person], "Leaders directory: their profile")
    services.record_access(make_person("governance"), [make_person("leader")], "Someone else's")
    client.force_login(person)
    page = client.get(reverse("privacy:who_opened_my_data")).content.decode()
    assert "Leaders directory: their profile" in page and "Someone else" not in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_the_secretariat_searches_by_person_reader_and_date(client_as):
    client, _ = client_as("governance")
    alice = make_person("leader", first_name="Alice", last_name="Ashby")
    bob = make_person("leader", first_name="Bob", last_name="Brown")
    admin = make_person("programme_admin", first_name="Priya", last_name="Admin")
    reviewer = make_person("reviewer", first_name="Rory", last_name="Reviewer")
    services.record_access(admin, [alice, bob], "Cohort roster export: Spring")
    services.record_access(reviewer, [alice], "Application to score: Spring")
    AccessLogEntry.objects.filter(reader=reviewer).update(at=timezone.now() - timedelta(days=40))
    url = reverse("privacy:access_log")

    def found(**params):
        return {(e.subject.first_name, e.reader_id) for e in client.get(url, params).context["page_obj"]}

    assert found() == {("Alice", admin.pk), ("Bob", admin.pk), ("Alice", reviewer.pk)}
    assert found(person="ashby") == {("Alice", admin.pk), ("Alice", reviewer.pk)}
    assert found(reader="Rory") == {("Alice", reviewer.pk)}
    since = timezone.localdate() - timedelta(days=7)
    assert found(since_0=since.day, since_1=since.month, since_2=since.year) == {("Alice", admin.pk), ("Bob", admin.pk)}
    bad = client.get(url, {"since_0": "31", "since_1": "2", "since_2": "2026"})
    assert "must be a real date" in bad.content.decode() and "<title>Error: " in bad.content.decode()


@pytest.mark.parametrize("size", [3, 60])
def test_the_access_log_pages_read_in_a_fixed_number_of_queries(client_as, django_assert_max_num_queries, size):
    client, _ = client_as("governance")
    admin = make_person("programme_admin")
    services.record_access(admin, [LeaderProfileFactory().user for _ in range(size)], "Cohort roster export")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("privacy:access_log"))
    assert response.status_code == 200


def test_only_the_secretariat_and_superusers_see_the_access_log(client):
    url = reverse("privacy:access_log")
    for role, status in [
        ("leader", 403),
        ("programme_admin", 403),
        ("reviewer", 403),
        ("governance", 200),
        ("superuser", 200),
    ]:
        client.force_login(make_person(role))
        assert client.get(url).status_code == status, role

"""An application whose protected time a sponsor confirms is "Waiting for sponsor" wherever it is named (My
Academy, the cohort pages, the admin roster and its download, the emails), never "Waiting for line manager"."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from academy import workflow
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.core import services
from programmes.core.models import ApplicationState
from programmes.core.selectors import roster_rows
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def sponsored(cohort=None):
    profile = LeaderProfileFactory(line_manager_name="", line_manager_email="", no_line_manager_reason="locum")
    return services.apply(
        profile.user,
        cohort or CohortFactory(title="Systems leadership core programme"),
        answers=[],
        applied_problem="Same-day access in Bexley",
        release_route="sponsor",
        line_manager_name="Ada Senior",
        line_manager_email="ada@example.nhs.uk",
        sponsor_role="Clinical director, Bexley PCN",
    )


def managed(cohort):
    return services.apply(
        LeaderProfileFactory().user,
        cohort,
        answers=[],
        applied_problem="Discharge delays",
        line_manager_name="Helen Manager",
        line_manager_email="helen@example.nhs.uk",
    )


def test_my_academy_and_the_cohort_page_say_waiting_for_sponsor(client):
    application = sponsored()
    assert application.state == S.AWAITING_LINE_MANAGER
    client.force_login(application.applicant)
    for url in (
        reverse("programmes:my_academy"),
        reverse("programmes:cohort", args=[application.cohort_id]),
        reverse("programmes:apply", args=[application.cohort_id]),
    ):
        html = client.get(url).content.decode()
        assert "aiting for sponsor" in html, url
        assert "aiting for line manager" not in html, url


def test_a_line_managed_application_still_says_waiting_for_line_manager(client):
    application = managed(CohortFactory())
    client.force_login(application.applicant)
    html = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Waiting for line manager" in html and "Waiting for sponsor" not in html


def test_the_admin_roster_and_its_download_follow_the_route(client_as):
    cohort = CohortFactory()
    sponsored(cohort)
    managed(cohort)
    client, _ = client_as("programme_admin")
    html = client.get(reverse("programmes:cohort_manage", args=[cohort.pk])).content.decode()
    assert html.count("Waiting for sponsor</strong>") == 1 and html.count("Waiting for line manager</strong>") == 1
    assert ">Waiting for line manager or sponsor</option>" in html  # the filter holds both
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("programmes:roster_export", args=[cohort.pk])).content.decode()))
    )
    assert rows[0][2] == "Status"
    # the download lists the proposed cohort only: its status column comes from the same presenter
    states = {row[2] for row in roster_rows(list(cohort.applications.all()))}
    assert states == {"Waiting for sponsor", "Waiting for line manager"}


def test_the_emails_name_the_sponsor(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = sponsored()
    received = Notification.objects.get(template="application_received")
    _subject, text, html = render_email(received.template, received.context)
    assert "Ada Senior, your sponsor, to ask" in text and "your sponsor" in html and "line manager" not in text
    request = Notification.objects.get(template="line_manager_request", to_email="ada@example.nhs.uk")
    _subject, text, html = render_email(request.template, request.context)
    assert "named you as their sponsor when they applied" in html and "line manager" not in html
    assert application.display.name == "Waiting for sponsor"


def test_the_line_managed_applications_emails_still_name_the_line_manager(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        managed(CohortFactory())
    received = Notification.objects.get(template="application_received")
    _subject, text, _html = render_email(received.template, received.context)
    assert "Helen Manager, your line manager, to ask" in text


def test_a_refusal_names_the_sponsor_route_too():
    application = sponsored()
    with pytest.raises(ValidationError, match="is waiting for the line manager or sponsor, so it cannot"):
        services.transition(workflow.SYSTEM, application, S.ACCEPTED)

"""Leaders' own application pages and the line manager's signed link, in the browser's shoes."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse

from academy import workflow
from programmes.core import services
from programmes.core.models import ApplicationState
from programmes.core.services import line_manager_link
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


def applied(user, cohort=None):
    return services.apply(
        user,
        cohort or CohortFactory(),
        answers=[{"question": "Why?", "answer": "To lead across boundaries."}],
        applied_problem="Discharge delays",
        line_manager_name="Helen Whitfield",
        line_manager_email="helen@example.nhs.uk",
    )


def offered(user):
    application = applied(user)
    services.line_manager_decide(services.line_manager_token(application), approve=True)
    services.transition(workflow.SYSTEM, application, S.OFFERED)
    application.refresh_from_db()
    return application


def test_my_academy_lists_own_applications_only(client_as):
    client, user = client_as("leader")
    mine = applied(user)
    theirs = applied(UserFactory())
    response = client.get(reverse("programmes:my_academy"))
    assert response.status_code == 200
    assert mine.cohort.title in response.content.decode()
    assert theirs.cohort.title not in response.content.decode()
    assert "Waiting for line manager" in response.content.decode()


def test_accept_an_offer_through_the_confirmation_page(client_as):
    client, user = client_as("leader")
    application = offered(user)
    page = client.get(reverse("programmes:application", args=[application.pk]))
    assert "Accept this place" in page.content.decode()
    confirm = client.get(reverse("programmes:accept", args=[application.pk]))
    assert confirm.status_code == 200 and title(confirm).startswith("Accept your place")
    response = client.post(reverse("programmes:accept", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.ACCEPTED
    # Accepting again: a clear message, nothing changes.
    again = client.post(reverse("programmes:accept", args=[application.pk]))
    assert again.status_code == 400 and title(again).startswith("Error: ")
    assert "You have already accepted this place" in again.content.decode()


def test_decline_and_withdraw(client_as):
    client, user = client_as("leader")
    application = offered(user)
    client.post(reverse("programmes:decline", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == S.DECLINED
    other = applied(user)
    client.post(reverse("programmes:withdraw", args=[other.pk]))
    other.refresh_from_db()
    assert other.state == S.WITHDRAWN


def test_someone_elses_application_is_not_found(client_as):
    client, _ = client_as("leader")
    application = offered(UserFactory())
    for name in ("programmes:application", "programmes:accept", "programmes:decline", "programmes:withdraw"):
        assert client.get(reverse(name, args=[application.pk])).status_code == 404
    assert client.post(reverse("programmes:accept", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.state == S.OFFERED


def test_line_manager_approves_without_an_account(client):
    application = applied(UserFactory())
    url = reverse("programmes:line_manager", args=[services.line_manager_token(application)])
    page = client.get(url)
    assert page.status_code == 200
    assert application.applicant.get_full_name() in page.content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 400 and title(empty).startswith("Error: ")
    assert "Select whether you support their protected time" in empty.content.decode()
    done = client.post(url, {"decision": "approve"})
    assert done.status_code == 200 and "Thank you" in done.content.decode()
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW
    assert application.transitions.last().actor_label == "Line manager"
    # The link cannot be used twice.
    again = client.post(url, {"decision": "decline"})
    assert "already been recorded" in again.content.decode()
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW


def test_forged_and_expired_links_are_refused(client, monkeypatch):
    application = applied(UserFactory())
    token = services.line_manager_token(application)
    forged = signing.dumps({"a": application.pk}, salt="not-ours", compress=True)
    for bad in (forged, token[:-3] + "xyz", "nonsense"):
        response = client.post(reverse("programmes:line_manager", args=[bad]), {"decision": "approve"})
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    monkeypatch.setattr(line_manager_link, "LINE_MANAGER_MAX_AGE", timedelta(seconds=-1))
    expired = client.post(reverse("programmes:line_manager", args=[token]), {"decision": "approve"})
    assert expired.status_code == 410 and "This link has expired" in expired.content.decode()
    application.refresh_from_db()
    assert application.state == S.AWAITING_LINE_MANAGER
    assert application.line_manager_decided_at is None

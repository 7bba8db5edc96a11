"""A cohort message is previewed, with the number of people it will reach, before it is sent."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from academy.notifications.models import Notification
from programmes.core.models import Application, ApplicationState, CohortMessage
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

S = ApplicationState
pytestmark = pytest.mark.django_db

SUBJECT = "Day one & <b>venue</b>"
BODY = "Meet at Guy's & St Thomas'.\nBring <script>alert(1)</script> nothing."


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.fixture
def cohort_with_places():
    cohort = CohortFactory(title="Core & cohort")
    for state in (S.ACCEPTED, S.ACCEPTED, S.SUSPENDED, S.COMPLETED, S.WAITING_LIST, S.UNDER_REVIEW):
        Application.objects.create(cohort=cohort, applicant=UserFactory(), state=state)
    return cohort


def test_preview_shows_the_count_and_sends_nothing(client_as, cohort_with_places):
    client, _ = client_as("programme_admin")
    url = reverse("programmes:cohort_message", args=[cohort_with_places.pk])
    response = client.post(url, {"subject": SUBJECT, "body": BODY})
    page = response.content.decode()
    assert response.status_code == 200 and _title(response).startswith("Check your message")
    assert "It will be emailed to <strong>4 people</strong>" in page
    assert "Send the message to 4 people" in page
    # What they typed is shown escaped, never as markup.
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Day one &amp; &lt;b&gt;venue&lt;/b&gt; (Core &amp; cohort)" in page
    assert not Notification.objects.exists() and not CohortMessage.objects.exists()


def test_change_goes_back_to_the_form_with_what_was_written(client_as, cohort_with_places):
    client, _ = client_as("programme_admin")
    url = reverse("programmes:cohort_message", args=[cohort_with_places.pk])
    response = client.post(url, {"subject": SUBJECT, "body": BODY, "action": "change"})
    page = response.content.decode()
    assert response.status_code == 200 and "Preview the message" in page
    assert "Day one &amp; &lt;b&gt;venue&lt;/b&gt;" in page and not _title(response).startswith("Error")
    assert not Notification.objects.exists()


def test_confirming_sends_once_to_everyone_with_a_place(client_as, cohort_with_places):
    client, _ = client_as("programme_admin")
    url = reverse("programmes:cohort_message", args=[cohort_with_places.pk])
    response = client.post(url, {"subject": SUBJECT, "body": BODY, "action": "send"}, follow=True)
    assert "Message sent to 4 people." in response.content.decode()
    sent = Notification.objects.filter(template="cohort_message")
    assert sent.count() == 4 and sent.first().context["body"] == BODY


def test_an_empty_message_is_not_previewed(client_as, cohort_with_places):
    client, _ = client_as("programme_admin")
    url = reverse("programmes:cohort_message", args=[cohort_with_places.pk])
    response = client.post(url, {"subject": "", "body": ""})
    assert response.status_code == 400 and _title(response).startswith("Error: ")
    assert "Enter a subject" in response.content.decode()


def test_a_cohort_without_places_previews_with_no_send_button(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    response = client.post(reverse("programmes:cohort_message", args=[cohort.pk]), {"subject": "Hi", "body": "Hello"})
    page = response.content.decode()
    assert "no one to message" in page and "Send the message" not in page


def test_a_leader_cannot_preview(client_as, cohort_with_places):
    client, _ = client_as("leader")
    response = client.post(
        reverse("programmes:cohort_message", args=[cohort_with_places.pk]), {"subject": "Hi", "body": "Hello"}
    )
    assert response.status_code == 403

"""A programme admin writes a message to a cohort, checks it (with how many people it will reach), changes
it, and sends it. axe-core checks every page; at 320 px the preview does not scroll sideways."""

from __future__ import annotations

import pytest

from academy.notifications.models import Notification
from programmes.core.models import Application, ApplicationState
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_preview_then_send_a_cohort_message(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Core programme 2027")
    for _ in range(3):
        Application.objects.create(cohort=cohort, applicant=UserFactory(), state=ApplicationState.ACCEPTED)
    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/message/")
    visit.check("write")
    page.get_by_label("Subject").fill("Day one & venue")
    page.get_by_label("Message").fill("Meet at Guy's.\nBring a <pen>.")
    page.get_by_role("button", name="Preview the message").click()
    expect_title_starting(page, "Check your message")
    assert "It will be emailed to 3 people" in page.inner_text("main")
    assert "Bring a <pen>." in page.inner_text("main")
    assert not Notification.objects.exists()
    visit.check("preview")  # with the layout check: nothing scrolls sideways at 320 px
    page.get_by_role("button", name="Change the message").click()
    assert page.get_by_label("Subject").input_value() == "Day one & venue"
    page.get_by_label("Subject").fill("Day one: the venue")
    page.get_by_role("button", name="Preview the message").click()
    page.get_by_role("button", name="Send the message to 3 people").click()
    assert "Message sent to 3 people." in page.inner_text("main")
    visit.check("sent")
    sent = Notification.objects.filter(template="cohort_message")
    assert sent.count() == 3
    assert {n.context["subject"] for n in sent} == {"Day one: the venue"}
    assert all(n.context["body"].replace("\r\n", "\n") == "Meet at Guy's.\nBring a <pen>." for n in sent)

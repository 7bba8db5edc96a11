"""A leader opens their notifications from the header, reads a message, marks the rest read, changes how they
get reminders, and follows an email's one-click unsubscribe link. axe-core and the layout check (1280 and
320 px) run on every page."""

from __future__ import annotations

import pytest

from academy.notifications import services
from academy.notifications.models import Delivery, Notification, NotificationPreference
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_the_inbox_read_a_message_and_change_a_preference(visit, client):
    page = visit.page
    leader = make_person("leader", first_name="Amara")
    services.record(
        "b:1",
        "cohort_message",
        leader.email,
        {
            "first_name": "Amara",
            "cohort": "Core programme 2027",
            "subject": "Room change & lunch <today>",
            "body": "Day 4 is in the Hodgkin Room.\nLunch is provided.",
        },
        recipient=leader,
        link="/programmes/my-academy/",
    )
    services.record(
        "b:2",
        "profile_reminder",
        leader.email,
        {"first_name": "Amara", "profile_path": "/directory/profile/edit/"},
        recipient=leader,
        link="/directory/profile/edit/",
    )
    visit.sign_in_as(client, leader)
    visit.go("/")
    header = page.get_by_role("navigation", name="Account")
    header.get_by_role("link", name="Notifications 2 unread").click()
    expect_title_starting(page, "Notifications")
    assert "You have 2 unread messages." in page.inner_text("main")
    visit.check("inbox")

    page.get_by_role("link", name="Room change & lunch <today> (Core programme 2027)").click()
    expect_title_starting(page, "Room change & lunch <today>")
    assert "Day 4 is in the Hodgkin Room." in page.inner_text("main")
    visit.check("message")
    assert Notification.objects.get(key="b:1").read_at is not None
    page.get_by_role("link", name="Back to your notifications").click()
    assert "You have 1 unread message." in page.inner_text("main")
    page.get_by_role("button", name="Mark all as read").click()
    assert "All your messages are marked as read." in page.inner_text("main")
    assert "You have read them all." in page.inner_text("main")

    page.get_by_role("link", name="Choose how you get each kind of message").click()
    expect_title_starting(page, "How you get messages")
    assert "You cannot turn these off" in page.inner_text("main")
    visit.check("preferences")
    reminders = page.get_by_role("group", name="Reminders")
    reminders.get_by_label("One email a day with all of them (a daily digest)").check()
    page.get_by_role("button", name="Save your choices").click()
    assert "Your choices are saved." in page.inner_text("main")
    assert NotificationPreference.objects.get(user=leader, kind="reminders").delivery == Delivery.DIGEST


def test_one_click_unsubscribe_without_signing_in(visit):
    page = visit.page
    leader = make_person("leader")
    token = services.unsubscribe_token(leader.pk, "programme_news")
    visit.go(f"/notifications/unsubscribe/{token}/")
    expect_title_starting(page, "Stop emails")
    visit.check("confirm")
    assert not NotificationPreference.objects.exists()
    page.get_by_role("button", name="Stop these emails").click()
    assert "You will not get emails about programme news" in page.inner_text("main")
    visit.check("done")
    assert NotificationPreference.objects.get(user=leader, kind="programme_news").delivery == Delivery.INBOX

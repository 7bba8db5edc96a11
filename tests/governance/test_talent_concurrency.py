"""Vacancy alerts under a race: the hourly catch-up running twice at once (beat firing twice, or a retry
alongside a run) queues each member's alert for a vacancy once; two first saves of one member's talent
pool entry at once leave one entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from academy.directory.models import PriorityFunction
from academy.notifications.models import Notification
from governance import tasks
from governance.models import Vacancy
from programmes.network import talent_services
from programmes.network.models import Aspiration, Readiness, TalentEntry
from tests.concurrency import at_once, raised
from tests.factories.directory import LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.network import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _entry(person):
    return talent_services.save_entry(
        person, aspirations=[Aspiration.ICS], functions=[PriorityFunction.objects.get(number=4)], boroughs=[],
        ics_wide=True, readiness=Readiness.NOW, statement="", secretariat_consent=True, alerts_consent=True,
    )


def test_two_catch_ups_at_once_send_each_alert_once(monkeypatch):
    monkeypatch.setattr("academy.notifications.tasks.deliver_notification.delay", lambda *args: None)
    people = [LeaderProfileFactory().user for _ in range(4)]
    role = leadership_role(role_type())
    # The vacancy is made without the publishing service, so only the catch-ups send its alerts.
    Vacancy.objects.create(role=role, about="Leads frailty.", how_to_apply="Write a statement.",
                           closes_on=timezone.localdate() + timedelta(days=14), published_by=None)
    for person in people:
        MembershipFactory(person=person)
        _entry(person)
    outcomes = at_once(tasks.send_vacancy_alerts, tasks.send_vacancy_alerts)
    assert not raised(outcomes)
    assert sum(outcomes) == 4
    assert Notification.objects.filter(template="talent_vacancy_alert").count() == 4


def test_two_first_saves_at_once_leave_one_entry():
    person = LeaderProfileFactory().user
    MembershipFactory(person=person)
    outcomes = at_once(lambda: _entry(person), lambda: _entry(person))
    assert not raised(outcomes)
    assert TalentEntry.objects.filter(person=person).count() == 1

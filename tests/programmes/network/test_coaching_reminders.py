"""Coaching emails added for issue 13: the coachee is told (after commit, in plain text, naming no coach)
when the coach offered their request declines; the coaching lead is reminded, once per request and period,
of requests left waiting for a coach for five working days."""

import datetime as dt

import pytest
from celery.schedules import crontab
from django.core import mail
from django.db import transaction
from django.utils import timezone

from academy.celery import WORKING_HOURS
from academy.notifications.models import Notification
from academy.notifications.services import deliver, render_email
from programmes.network import coaching_services as services
from programmes.network.models import CoachingRequest
from programmes.network.schedule import BEAT_SCHEDULE
from programmes.network.tasks import coaching_requests_waiting
from tests.factories import coaching

pytestmark = pytest.mark.django_db


def deliver_all():
    for pk in Notification.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True):
        deliver(pk)


def test_the_coachee_is_told_another_coach_is_being_found_without_the_coachs_name(network_admin):
    req = coaching.request()
    coach = coaching.coach()
    coach.person.first_name, coach.person.last_name = "Zebedee", "Quartermain"
    coach.person.save()
    services.assign(network_admin, req, coach)
    services.decline(coach.person, req)
    note = Notification.objects.get(template="network_coaching_finding_another")
    assert note.recipient == req.requester
    subject, text, html = render_email(note.template, note.context)
    assert subject == "We are finding you another coach"
    assert "coaching lead, who will find another coach" in text and f"/network/coaching/{req.pk}/" in text
    for part in (text, html):
        assert "Zebedee" not in part and "Quartermain" not in part and coach.person.email not in part
    assert "&#x27;" not in text and "&amp;" not in text  # the plain-text part is never HTML-escaped
    deliver_all()
    # The coach was offered it; then the coachee and the lead are told of the decline.
    assert [m.to[0] for m in mail.outbox][-2:] == [req.requester.email, network_admin.email]


@pytest.mark.django_db(transaction=True)
def test_the_coachee_email_waits_for_the_commit():
    from academy.accounts.models import Role
    from academy.accounts.services import grant_role
    from programmes.core.models import Programme
    from tests.factories.accounts import UserFactory

    lead = UserFactory()
    grant_role(None, lead, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    req = coaching.request()
    coach = coaching.coach()
    services.assign(lead, req, coach)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.decline(coach.person, req)
        raise RuntimeError("rolled back")
    assert not Notification.objects.filter(template="network_coaching_finding_another").exists()


def _waited_since(req, day: dt.date):
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    CoachingRequest.objects.filter(pk=req.pk).update(created_at=when)
    req.transitions.update(at=when)


def test_the_lead_is_reminded_once_per_request_and_period_of_requests_left_waiting(network_admin):
    monday = dt.date(2026, 11, 2)  # no bank holidays in the next weeks
    old, fresh = coaching.request(), coaching.request()
    _waited_since(old, monday)
    _waited_since(fresh, monday + dt.timedelta(days=3))
    # Four working days on: nothing yet.
    assert services.remind_lead_of_waiting(today=monday + dt.timedelta(days=4)) == 0
    # Monday to the next Monday is five working days: one reminder, for the old request only, and only once.
    next_monday = monday + dt.timedelta(days=7)
    assert services.remind_lead_of_waiting(today=next_monday) == 1
    assert services.remind_lead_of_waiting(today=next_monday) == 0
    assert services.remind_lead_of_waiting(today=next_monday + dt.timedelta(days=1)) == 0
    note = Notification.objects.get(template="network_coaching_waiting")
    assert note.recipient == network_admin and note.context["since"] == "2 November 2026"
    subject, text, _html = render_email(note.template, note.context)
    assert subject == "A coaching request is waiting for a coach"
    assert f"/network/manage/coaching/requests/{old.pk}/assign/" in text
    assert old.requester.email not in text and old.requester.get_full_name() not in text
    # The fresh one reaches five working days on the Thursday; the old one's second period two weeks on.
    assert services.remind_lead_of_waiting(today=monday + dt.timedelta(days=10)) == 1
    assert services.remind_lead_of_waiting(today=monday + dt.timedelta(days=14)) == 1
    assert Notification.objects.filter(template="network_coaching_waiting").count() == 3


def test_a_request_offered_to_a_coach_is_not_waiting_and_a_decline_starts_the_wait_again(network_admin):
    monday = dt.date(2026, 11, 2)
    req = coaching.request()
    _waited_since(req, monday)
    coach = coaching.coach()
    services.assign(network_admin, req, coach)
    assert services.remind_lead_of_waiting(today=monday + dt.timedelta(days=14)) == 0
    services.decline(coach.person, req)
    # It waits again from today: no reminder until five working days from now.
    assert services.remind_lead_of_waiting(today=timezone.localdate()) == 0


def test_working_days_skip_weekends_and_bank_holidays():
    assert services.working_days_after(dt.date(2026, 12, 24), dt.date(2026, 12, 31)) == 3  # 25, 28 off
    assert services.working_days_after(dt.date(2026, 11, 6), dt.date(2026, 11, 9)) == 1


def test_the_reminder_runs_in_working_hours_through_a_thin_task(network_admin):
    entry = BEAT_SCHEDULE["network-coaching-requests-waiting"]
    assert entry["task"] == "programmes.network.tasks.coaching_requests_waiting"
    assert entry["schedule"].hour == crontab(hour=WORKING_HOURS).hour
    assert coaching_requests_waiting() == 0

"""Beat through a broker outage: it keeps running, and reminders make up a run they missed.

Before, a daily (or monthly) reminder whose one slot fell in a Redis outage was skipped until its next
slot, a day (or a month) later; and beat stopped ("Retry limit exceeded ... must be restarted") because
each publish also talked to the result backend."""

import pytest
from celery.schedules import crontab

from academy.accounts.models import Role
from academy.celery import app as celery_app
from tests.conftest import make_person

REMINDER_WORDS = ("remind", "summar", "chase", "prompt")


def reminder_entries():
    celery_app.loader.import_default_modules()
    return {
        name: entry for name, entry in celery_app.conf.beat_schedule.items()
        if any(word in entry["task"] for word in REMINDER_WORDS)
    }


def test_there_are_reminders_to_check():
    assert len(reminder_entries()) >= 10


@pytest.mark.parametrize("name", sorted(reminder_entries()))
def test_a_missed_reminder_run_is_made_up_within_hours_not_days(name):
    schedule = reminder_entries()[name]["schedule"]
    if not isinstance(schedule, crontab):
        assert schedule.run_every.total_seconds() <= 3 * 3600
        return
    # Each day it runs, it runs several times (at most three hours apart in the working day) ...
    hours = sorted(schedule.hour)
    assert len(hours) >= 3, f"{name} runs once a day: a run lost in an outage waits a whole day"
    assert max(b - a for a, b in zip(hours, hours[1:], strict=False)) <= 3
    # ... and a monthly one runs on several days, so a lost first of the month is made up.
    assert len(schedule.day_of_month) >= 7


@pytest.mark.django_db
def test_a_monthly_summary_made_up_later_in_the_month_is_still_sent_once():
    """The catch-up relies on keys: every run in a month uses the same one."""
    from governance.tasks import send_investment_summaries

    make_person(Role.EXECUTIVE)
    assert send_investment_summaries("2026-12-03") == 1  # the run on the 1st was lost in an outage
    assert send_investment_summaries("2026-12-03") == 0
    assert send_investment_summaries("2026-12-04") == 0
    assert send_investment_summaries("2027-01-01") == 1


def test_beat_and_workers_reconnect_for_as_long_as_an_outage_lasts():
    assert celery_app.conf.broker_connection_max_retries is None
    assert celery_app.conf.broker_connection_retry_on_startup is True
    # Beat never talks to the result backend (what gave up and stopped it).
    assert celery_app.conf.task_ignore_result is True

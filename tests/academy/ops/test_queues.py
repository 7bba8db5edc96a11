"""Queues by kind of work: emails and reminders on one queue, reports on another, the short sweeps on
the default queue, so that a long report never delays an offer email. Every task has a time limit."""

from __future__ import annotations

import pytest
from django.conf import settings

from academy.celery import app

app.loader.import_default_modules()  # autodiscovery is lazy: register every app's tasks now
EMAIL, REPORTS, DEFAULT = settings.CELERY_EMAIL_QUEUE, settings.CELERY_REPORTS_QUEUE, settings.CELERY_TASK_DEFAULT_QUEUE


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


@pytest.mark.parametrize(("task", "queue"), [
    ("academy.notifications.tasks.deliver_notification", EMAIL),
    ("academy.notifications.tasks.resend_unsent_notifications", EMAIL),
    ("academy.directory.tasks.send_profile_reminders", EMAIL),
    ("programmes.core.tasks.send_offer_expiring_reminders", EMAIL),
    ("programmes.core.tasks.send_session_reminders", EMAIL),
    ("programmes.challenge_fund.tasks.chase_overdue_reports", EMAIL),
    ("governance.tasks.send_term_reminders", EMAIL),
    ("governance.tasks.send_investment_summaries", EMAIL),
    ("academy.reports.tasks.run_report", REPORTS),
    ("academy.reports.tasks.fail_stale_report_jobs", DEFAULT),
    ("programmes.core.tasks.lapse_expired_offers", DEFAULT),
    ("academy.accounts.tasks.clear_expired_sessions", DEFAULT),
    ("academy.beat_heartbeat", DEFAULT),
])
def test_each_kind_of_work_has_its_queue(task, queue):
    assert task in app.tasks, f"{task} is not a registered task"
    assert queue_of(task) == queue


def test_the_three_queues_are_distinct_and_a_worker_for_all_of_them_is_what_tests_and_dev_start():
    assert len({EMAIL, REPORTS, DEFAULT}) == 3
    assert settings.CELERY_ALL_QUEUES == [DEFAULT, EMAIL, REPORTS]


def test_every_task_has_a_time_limit_under_the_brokers_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for name, task in app.tasks.items():
        if name.startswith("celery."):
            continue
        limit = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        soft = task.soft_time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT
        assert soft < limit < visibility, name
    assert app.tasks["academy.reports.tasks.run_report"].time_limit == 25 * 60

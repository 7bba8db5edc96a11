"""The Celery app. Tasks are thin: they take ids and call services; beat starts the reminders.

Each app may keep its beat entries in ``<app>/schedule.py`` as a dict named ``BEAT_SCHEDULE`` (the same
shape as Celery's ``beat_schedule``); they are merged into the schedule below when Celery configures.
"""

import importlib
import importlib.util
import os
import time

import redis
from celery import Celery
from celery.schedules import crontab
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

# Reminders run every working hour, not once a day: they pick what is due by its own date and send
# each reminder once (its notification key), so a run lost in a broker outage is made up an hour later
# rather than the next day (or the next month). See docs/operations.md.
WORKING_HOURS = "8-17"

BEAT_HEARTBEAT_KEY = "academy:beat:last-run"

app = Celery("academy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "profile-completion-reminders": {
        "task": "academy.directory.tasks.send_profile_reminders",
        "schedule": crontab(minute=15, hour=WORKING_HOURS),
    },
    # Beat's heartbeat: /healthz/ready reports the last one, so a stopped beat shows (needs a worker too).
    "beat-heartbeat": {
        "task": "academy.beat_heartbeat",
        "schedule": 5 * 60,
    },
    "clear-expired-sessions": {
        "task": "academy.accounts.tasks.clear_expired_sessions",
        "schedule": crontab(minute=0, hour="3"),
    },
}


def app_beat_schedules() -> dict:
    """The ``BEAT_SCHEDULE`` dicts of every installed app that has a ``schedule`` module."""

    merged = {}
    for name in settings.INSTALLED_APPS:
        module_name = f"{name}.schedule"
        try:
            found = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            merged.update(getattr(importlib.import_module(module_name), "BEAT_SCHEDULE", {}))
    return merged


@app.on_after_configure.connect
def add_app_schedules(sender, **kwargs):
    sender.conf.beat_schedule.update(app_beat_schedules())


@app.task(name="academy.beat_heartbeat", ignore_result=True)
def beat_heartbeat() -> None:
    """Record when beat last started a task (read by /healthz/ready). Kept in Redis for a day."""
    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).set(
        BEAT_HEARTBEAT_KEY, str(time.time()), ex=24 * 60 * 60
    )

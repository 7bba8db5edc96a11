"""The Celery app. Tasks are thin: they take ids and call services; beat starts the reminders.

Each app may keep its beat entries in ``<app>/schedule.py`` as a dict named ``BEAT_SCHEDULE`` (the same
shape as Celery's ``beat_schedule``); they are merged into the schedule below when Celery configures.
"""

import importlib
import importlib.util
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")

app = Celery("academy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "profile-completion-reminders": {
        "task": "academy.directory.tasks.send_profile_reminders",
        "schedule": crontab(minute=15, hour="9"),
    },
    "clear-expired-sessions": {
        "task": "academy.accounts.tasks.clear_expired_sessions",
        "schedule": crontab(minute=0, hour="3"),
    },
}


def app_beat_schedules() -> dict:
    """The ``BEAT_SCHEDULE`` dicts of every installed app that has a ``schedule`` module."""
    from django.conf import settings

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

"""Celery beat entries for privacy (merged by academy/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "privacy-apply-retention": {
        "task": "academy.privacy.tasks.apply_retention",
        "schedule": crontab(minute=30, hour="2"),
    },
}

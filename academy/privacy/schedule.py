"""Celery beat entries for privacy (merged by academy/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "privacy-apply-retention": {
        "task": "academy.privacy.tasks.apply_retention",
        "schedule": crontab(minute=30, hour="2"),
    },
    "privacy-expire-data-downloads": {
        "task": "academy.privacy.tasks.expire_data_downloads",
        "schedule": crontab(minute=20, hour="3"),
    },
}

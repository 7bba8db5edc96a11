"""Celery beat entries for notifications (merged by academy/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "notifications-resend-unsent": {
        "task": "academy.notifications.tasks.resend_unsent_notifications",
        "schedule": crontab(minute="*/15"),
    },
}

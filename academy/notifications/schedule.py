"""Celery beat entries for notifications (merged by academy/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "notifications-resend-unsent": {
        "task": "academy.notifications.tasks.resend_unsent_notifications",
        "schedule": crontab(minute="*/15"),
    },
}
BEAT_SCHEDULE["notifications-daily-digest"] = {
    # Hourly: the first run at or after 7am (local time) sends each person's digest; later runs catch up
    # a missed one and send nothing twice (one digest per person per day, by its key).
    "task": "academy.notifications.tasks.send_daily_digests",
    "schedule": crontab(minute=5),
}

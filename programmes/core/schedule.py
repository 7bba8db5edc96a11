"""Celery beat entries for the cohort engine (merged by academy/celery.py)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "cohort-lapse-expired-offers": {
        "task": "programmes.core.tasks.lapse_expired_offers",
        "schedule": crontab(minute="*/5"),
    },
    "cohort-offer-expiring-reminders": {
        "task": "programmes.core.tasks.send_offer_expiring_reminders",
        "schedule": crontab(minute=5),
    },
    "cohort-line-manager-reminders": {
        "task": "programmes.core.tasks.send_line_manager_reminders",
        "schedule": crontab(minute=30, hour="9"),
    },
    "cohort-application-deadline-reminders": {
        "task": "programmes.core.tasks.send_application_deadline_reminders",
        "schedule": crontab(minute=15, hour="*/3"),
    },
    "cohort-session-reminders": {
        "task": "programmes.core.tasks.send_session_reminders",
        "schedule": crontab(minute=0, hour="8"),
    },
    "cohort-reflection-prompts": {
        "task": "programmes.core.tasks.send_reflection_prompts",
        "schedule": crontab(minute=15, hour="*/2"),
    },
}

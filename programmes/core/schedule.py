"""Celery beat entries for the cohort engine (merged by academy/celery.py)."""

from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Reminders run every working hour, not once a day: they pick what is due by its own date and send
# each reminder once (its notification key), so a run lost in a broker outage is made up an hour later
# rather than the next day (or the next month). See docs/operations.md.

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
        "schedule": crontab(minute=30, hour=WORKING_HOURS),
    },
    "cohort-application-deadline-reminders": {
        "task": "programmes.core.tasks.send_application_deadline_reminders",
        "schedule": crontab(minute=15, hour="*/3"),
    },
    "cohort-session-reminders": {
        "task": "programmes.core.tasks.send_session_reminders",
        "schedule": crontab(minute=0, hour=WORKING_HOURS),
    },
    "cohort-reflection-prompts": {
        "task": "programmes.core.tasks.send_reflection_prompts",
        "schedule": crontab(minute=15, hour="*/2"),
    },
}

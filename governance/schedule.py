from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Reminders run every working hour, not once a day: they pick what is due by its own date and send
# each reminder once (its notification key), so a run lost in a broker outage is made up an hour later
# rather than the next day (or the next month). See docs/operations.md.

BEAT_SCHEDULE = {
    "governance-seat-term-reminders": {
        "task": "governance.tasks.send_term_reminders",
        "schedule": crontab(minute=30, hour=WORKING_HOURS),
    },
    # The talent pool's vacancy alerts, caught up (each is also queued when its vacancy is published).
    "governance-talent-vacancy-alerts": {
        "task": "governance.tasks.send_vacancy_alerts",
        "schedule": crontab(minute=35, hour=WORKING_HOURS),
    },
    "governance-ccplg-action-reminders": {
        "task": "governance.tasks.send_action_reminders",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
    "governance-monthly-investment-summary": {
        "task": "governance.tasks.send_investment_summaries",
        "schedule": crontab(minute=0, hour=WORKING_HOURS, day_of_month="1-7"),
    },
    "governance-framework-review-reminders": {
        "task": "governance.tasks.send_framework_review_reminders",
        "schedule": crontab(minute=50, hour=WORKING_HOURS),
    },
    # Progress returns to the C&CPLG: opened as they fall due, owners reminded and chased (issue 17).
    "governance-progress-return-reminders": {
        "task": "governance.tasks.send_return_reminders",
        "schedule": crontab(minute=20, hour=WORKING_HOURS),
    },
    # The C&CPLG meetings' anonymous pulse: attendees invited once the meeting has ended (issue 17).
    "governance-meeting-pulses": {
        "task": "governance.tasks.send_meeting_pulses",
        "schedule": crontab(minute=25, hour=WORKING_HOURS),
    },
}

from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Reminders run every working hour, not once a day: they pick what is due by its own date and send
# each reminder once (its notification key), so a run lost in a broker outage is made up an hour later
# rather than the next day (or the next month). See docs/operations.md.

BEAT_SCHEDULE = {
    "challenge-fund-chase-overdue-reports": {
        "task": "programmes.challenge_fund.tasks.chase_overdue_reports",
        "schedule": crontab(minute=30, hour=WORKING_HOURS),
    },
}

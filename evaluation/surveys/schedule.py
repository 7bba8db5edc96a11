from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Every working hour: each invitation and reminder has its own notification key per person per wave, so a
# run lost in a broker outage is made up an hour later and nothing is sent twice.
BEAT_SCHEDULE = {
    "evaluation-surveys-invitations-and-reminders": {
        "task": "evaluation.surveys.tasks.send_invitations_and_reminders",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
}

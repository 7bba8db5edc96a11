from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Each reminder is recorded under a key naming the proposal and the reminder's number, and the count is kept
# on the decision sent, so the first run that finds one due sends it and every later run sends nothing.
BEAT_SCHEDULE = {
    "conference-chase-confirmations": {
        "task": "programmes.conference.tasks.chase_confirmations",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
}

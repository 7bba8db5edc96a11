from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Each invitation is recorded under a key naming the pair, the check-in and the person, so the first run that
# finds it due sends it and every later run sends nothing.
BEAT_SCHEDULE = {
    "network-mentoring-checkins-due": {
        "task": "programmes.network.tasks.mentoring_checkins_due",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
}

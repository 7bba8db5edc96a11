from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Each reminder is recorded under a key naming the visit, its date and the side, so the first run that finds it
# sends it and every later run sends nothing (a run lost in a broker outage is made up an hour later).
BEAT_SCHEDULE = {
    "shadowing-visits-due": {
        "task": "programmes.shadowing.tasks.visits_due",
        "schedule": crontab(minute=25, hour=WORKING_HOURS),
    },
    # A follow-up is invited once (invited_at is set under a lock), so a repeated run sends nothing more.
    "shadowing-follow-ups-due": {
        "task": "programmes.shadowing.tasks.follow_ups_due",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
}

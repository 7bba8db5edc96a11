from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# The weekly digest runs every working hour on Mondays: each person's digest is recorded under a key naming
# them and the ISO week, so the first run that finds them sends it and every later run that week sends nothing
# (a run lost in a broker outage is made up an hour later).
BEAT_SCHEDULE = {
    "community-weekly-digest": {
        "task": "programmes.community.tasks.send_weekly_digests",
        "schedule": crontab(minute=45, hour=WORKING_HOURS, day_of_week="mon"),
    },
}

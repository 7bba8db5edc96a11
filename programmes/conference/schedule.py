from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Each reminder is recorded under a key naming the proposal and the reminder's number, and the count is kept
# on the decision sent, so the first run that finds one due sends it and every later run sends nothing.
BEAT_SCHEDULE = {
    "conference-chase-confirmations": {
        "task": "programmes.conference.tasks.chase_confirmations",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
    # The same for co-speakers who have not answered an invitation: the count is on the invitation.
    "conference-remind-co-speakers": {
        "task": "programmes.conference.tasks.remind_co_speakers",
        "schedule": crontab(minute=43, hour=WORKING_HOURS),
    },
}

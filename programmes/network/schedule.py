from celery.schedules import crontab

from academy.celery import WORKING_HOURS

# Each invitation is recorded under a key naming the pair, the check-in and the person, so the first run that
# finds it due sends it and every later run sends nothing.
BEAT_SCHEDULE = {
    "network-mentoring-checkins-due": {
        "task": "programmes.network.tasks.mentoring_checkins_due",
        "schedule": crontab(minute=40, hour=WORKING_HOURS),
    },
    # Each hour of the working day; the key names the request, when it began to wait, the period and the lead,
    # so each reminder goes once.
    "network-coaching-requests-waiting": {
        "task": "programmes.network.tasks.coaching_requests_waiting",
        "schedule": crontab(minute=50, hour=WORKING_HOURS),
    },
    # Feedback invitations: the key names the event and the person, so each goes once.
    "network-event-feedback-due": {
        "task": "programmes.network.tasks.event_feedback_due",
        "schedule": crontab(minute=55, hour=WORKING_HOURS),
    },
}

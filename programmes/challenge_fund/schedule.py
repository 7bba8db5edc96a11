from celery.schedules import crontab

BEAT_SCHEDULE = {
    "challenge-fund-chase-overdue-reports": {
        "task": "programmes.challenge_fund.tasks.chase_overdue_reports",
        "schedule": crontab(minute=30, hour="9"),
    },
}

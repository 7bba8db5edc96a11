from celery.schedules import crontab

BEAT_SCHEDULE = {
    "governance-seat-term-reminders": {
        "task": "governance.tasks.send_term_reminders",
        "schedule": crontab(minute=30, hour="8"),
    },
    "governance-ccplg-action-reminders": {
        "task": "governance.tasks.send_action_reminders",
        "schedule": crontab(minute=40, hour="8"),
    },
    "governance-monthly-investment-summary": {
        "task": "governance.tasks.send_investment_summaries",
        "schedule": crontab(minute=0, hour="8", day_of_month="1"),
    },
    "governance-framework-review-reminders": {
        "task": "governance.tasks.send_framework_review_reminders",
        "schedule": crontab(minute=50, hour="8"),
    },
}

"""Celery beat entries for report jobs (merged by academy/celery.py)."""

BEAT_SCHEDULE = {
    "reports-fail-stale-jobs": {
        "task": "academy.reports.tasks.fail_stale_report_jobs",
        "schedule": 5 * 60,
    },
}

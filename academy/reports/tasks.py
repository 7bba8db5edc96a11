from celery import shared_task
from django.db import InterfaceError, OperationalError

from academy.reports import services

# The longest report (a board pack at ten times SEL's size) takes a few minutes. The hard limit stays well
# under the broker's visibility timeout (an hour, academy/settings.py), so a task still running is never
# handed to a second worker; acks_late with reject_on_worker_lost puts back a task whose worker died.
REPORT_SOFT_TIME_LIMIT = 20 * 60
REPORT_TIME_LIMIT = 25 * 60


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),  # a dropped database connection: try again
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=REPORT_SOFT_TIME_LIMIT,
    time_limit=REPORT_TIME_LIMIT,
)
def run_report(job_id: int) -> None:
    services.run(job_id)


@shared_task
def fail_stale_report_jobs() -> int:
    return services.fail_stale_jobs()

from celery import shared_task

from programmes.challenge_fund import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def chase_overdue_reports() -> int:
    """Daily: mark projects with an overdue report and remind their leads (once per milestone)."""
    return services.chase_overdue_reports()

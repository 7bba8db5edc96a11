from celery import shared_task

from programmes.conference import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def chase_confirmations() -> int:
    """Daily: remind accepted speakers who have not confirmed or withdrawn, 7 and 14 days after their decision
    was sent (each reminder once, however often this runs)."""
    return services.chase_confirmations()

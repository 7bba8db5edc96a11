from celery import shared_task

from programmes.community import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_weekly_digests() -> int:
    """Weekly: one digest per person of what is new in their communities (once per person per ISO week)."""
    return services.send_weekly_digests()

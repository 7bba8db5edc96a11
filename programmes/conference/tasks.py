from celery import shared_task

from programmes.conference import followup, services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def chase_confirmations() -> int:
    """Daily: remind accepted speakers who have not confirmed or withdrawn, 7 and 14 days after their decision
    was sent (each reminder once, however often this runs)."""
    return services.chase_confirmations()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def remind_co_speakers() -> int:
    """Hourly in the working day: remind people invited to co-speak who have not answered, 3 and 7 days after
    the invitation, until the session type's deadline (each reminder once, however often this runs)."""
    return followup.remind_co_speakers()

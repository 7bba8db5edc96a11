from celery import shared_task

from programmes.shadowing import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def visits_due() -> int:
    """Hourly in working hours: agreed placements whose first visit has passed are under way, and both sides
    are reminded of each visit coming up (once per visit, however often this runs)."""
    return services.visits_due()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def follow_ups_due() -> int:
    """Daily: each shadow whose last visit was three months ago is invited to the follow-up, once."""
    return services.follow_ups_due()

from celery import shared_task

from programmes.shadowing import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def visits_due() -> int:
    """Hourly in working hours: agreed placements whose first visit has passed are under way, and both sides
    are reminded of each visit coming up (once per visit, however often this runs)."""
    return services.visits_due()

from celery import shared_task

from programmes.network import mentoring_services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mentoring_checkins_due() -> int:
    """Daily: invite each side of a mentoring pair to its 1, 3 or 6-month check-in once it is due (once per
    check-in and person, however often this runs)."""
    return mentoring_services.invite_checkins()

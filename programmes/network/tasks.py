from celery import shared_task

from programmes.network import coaching_services, followup_services, mentoring_services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mentoring_checkins_due() -> int:
    """Daily: invite each side of a mentoring pair to its 1, 3 or 6-month check-in once it is due (once per
    check-in and person, however often this runs)."""
    return mentoring_services.invite_checkins()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def coaching_requests_waiting() -> int:
    """Each working day: remind the coaching lead of requests waiting for a coach for five working days (and
    each five more), once per request and period however often this runs."""
    return coaching_services.remind_lead_of_waiting()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def event_feedback_due() -> int:
    """Invite each person who came to a Big Room that has ended to give feedback (once per event and person,
    however often this runs)."""
    return followup_services.invite_feedback()

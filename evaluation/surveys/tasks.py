from celery import shared_task

from evaluation.surveys import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitations_and_reminders() -> int:
    """Hourly in working hours: invite and remind for open waves (each email once per person per wave)."""
    return services.send_invitations_and_reminders()

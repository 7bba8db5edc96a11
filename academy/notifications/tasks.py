from celery import shared_task

from academy.notifications import services


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_notification(self, notification_id: int) -> bool:
    return services.deliver(notification_id)


@shared_task
def resend_unsent_notifications() -> int:
    return services.resend_unsent()


@shared_task(acks_late=True)
def send_daily_digests() -> int:
    return services.send_daily_digests()

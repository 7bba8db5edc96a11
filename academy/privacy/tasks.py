from celery import shared_task

from academy.privacy import retention


@shared_task
def apply_retention() -> dict[str, int]:
    return retention.apply()

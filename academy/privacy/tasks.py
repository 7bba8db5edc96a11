from celery import shared_task

from academy.privacy import retention, services


@shared_task
def expire_data_downloads() -> int:
    return services.expire_data_downloads()


@shared_task
def apply_retention() -> dict[str, int]:
    return retention.apply()

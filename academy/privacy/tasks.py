from celery import shared_task

from academy.privacy import services


@shared_task
def expire_data_downloads() -> int:
    return services.expire_data_downloads()

from celery import shared_task

from academy.reports import services


@shared_task(acks_late=True)
def run_report(job_id: int) -> None:
    services.run(job_id)

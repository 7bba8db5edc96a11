from celery import shared_task

from evaluation.network import services
from governance.investment.quarters import Quarter


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def compute_snapshot(year: int, quarter: int) -> None:
    """Compute one quarter's network snapshot (idempotent: running it twice stores the same figures)."""
    services.compute_snapshot(Quarter(year, quarter))


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def refresh_snapshots() -> int:
    """Nightly: this quarter and the last, and any recompute an evaluator asked for."""
    return services.refresh_recent()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def compute_waiting_snapshots() -> int:
    """Every quarter of an hour: recomputes asked for while the broker was down."""
    return services.compute_waiting()

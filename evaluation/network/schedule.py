from celery.schedules import crontab

# The network's figures are heavy to compute (see bench/README.md): once a night for the quarters that can
# still change, and a quarter-hourly sweep for recomputes an evaluator asked for that the broker missed.
BEAT_SCHEDULE = {
    "evaluation-network-refresh-snapshots": {
        "task": "evaluation.network.tasks.refresh_snapshots",
        "schedule": crontab(minute=40, hour="2"),
    },
    "evaluation-network-compute-waiting": {
        "task": "evaluation.network.tasks.compute_waiting_snapshots",
        "schedule": crontab(minute="*/15"),
    },
}

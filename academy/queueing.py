"""Handing work to Celery from a web request, without ever making the request wait on the broker.

A request that queues an email or a report must answer promptly even while Redis is down. The settings
(the Celery section of academy/settings.py) make every publish quick to fail, wherever it is called:
one attempt (``CELERY_TASK_PUBLISH_RETRY_POLICY``: no retries), a 2 s connect timeout, and no result
asked for (``CELERY_TASK_IGNORE_RESULT``; subscribing to the result backend is what waited about 20 s
per task during an outage). If the publish fails, the caller's ``on_failure`` runs: the work itself
is already recorded in the database (a pending notification, a waiting report job), and beat's sweeps
pick it up later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from django.db import transaction

log = logging.getLogger("academy.queueing")


def publish(task, *args, on_failure: Callable[[Exception], None] | None = None) -> bool:
    """Publish ``task(*args)`` now, once. Returns False (after ``on_failure``) if the broker refused."""
    try:
        task.delay(*args)
    except Exception as error:  # the broker is down or full
        log.warning("could not queue %s%s (%s); it waits for beat's sweep", task.name, args, type(error).__name__)
        if on_failure is not None:
            on_failure(error)
        return False
    return True


def publish_after_commit(task, *args, on_failure: Callable[[Exception], None] | None = None) -> None:
    """:func:`publish` once the current transaction commits (nothing if it rolls back)."""
    transaction.on_commit(partial(publish, task, *args, on_failure=on_failure))

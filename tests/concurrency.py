"""Run service calls at the same moment, each in its own thread and database connection, to prove that
capacity, money and one-of-a-kind rules hold under a race (tests marked ``django_db(transaction=True)``)."""

from __future__ import annotations

import contextlib
import fcntl
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from django.db import connection

# A race of this many connections or more waits for any other such race in another pytest-xdist worker, so two
# never hold PostgreSQL's connections at once (max_connections is 100 by default, and a rush takes 64).
MANY = 10
LOCK_FILE = Path(tempfile.gettempdir()) / "academy-tests-connection-rush.lock"


@contextlib.contextmanager
def _one_rush_at_a_time(threads: int):
    if threads < MANY:
        yield
        return
    with open(LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def at_once(*calls: Callable[[], object]) -> list:
    """Start every call together (a barrier releases them at once) and wait for all of them. Returns, in
    the order given, what each call returned or the exception it raised, so a test can assert on both."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    with _one_rush_at_a_time(len(threads)):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return outcomes


def raised(outcomes: list, kind: type[BaseException] = Exception) -> list:
    """The exceptions of type ``kind`` among ``outcomes``."""
    return [outcome for outcome in outcomes if isinstance(outcome, kind)]


def in_a_rush(calls: list[Callable[[], object]], *, threads: int) -> list:
    """Run many calls through ``threads`` threads released together (a barrier), each with its own database
    connection, taking the next call as soon as it finishes its last: for rushes larger than the database's
    connections allow at once (PostgreSQL's ``max_connections`` is 100, shared with other test runs). Returns,
    in the order given, what each call returned or the exception it raised."""
    threads = min(threads, len(calls))
    barrier = threading.Barrier(threads)
    outcomes: list = [None] * len(calls)
    pending = iter(enumerate(calls))
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait()
            while True:
                with lock:
                    index, call = next(pending, (None, None))
                if call is None:
                    return
                try:
                    outcomes[index] = call()
                except Exception as exc:  # noqa: BLE001 - handed back to the test
                    outcomes[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    with _one_rush_at_a_time(threads):
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    return outcomes

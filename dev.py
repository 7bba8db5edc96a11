#!/usr/bin/env python3
"""Run or test the portal with nothing installed but Python 3.11.

    python3 dev.py run     install, start PostgreSQL and Redis (embedded unless DATABASE_URL/REDIS_URL
                           are set), migrate, load the demo data, and run web + Celery worker + beat
    python3 dev.py test    install and run every test (browser tests too, when Chromium is installed)
    python3 dev.py lint    ruff, the import contracts (layers) and the missing-migrations check
    python3 dev.py manage ARGS   manage.py with the same servers as run (e.g. `manage seed_scale --factor 10`)
    python3 dev.py stop    stop the embedded PostgreSQL and Redis servers
    python3 dev.py backup [FOLDER]       back up the database and media files (docs/operations.md)
    python3 dev.py restore FOLDER --yes  restore such a backup, replacing the current data

Only the standard library is used here: this script makes the virtual environment (.venv) that has the rest.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
LOCAL = ROOT / ".local"
CHROMIUM = os.environ.get("ACADEMY_CHROMIUM", "/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[academy] {message}", flush=True)


def ensure_venv() -> None:
    """Create .venv and install the project's pinned dependencies when pyproject.toml changes."""
    if sys.version_info[:2] != (3, 11):
        say(f"Warning: the portal is built for Python 3.11; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("Installing dependencies (the first time takes a minute or two)")
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{ROOT}[dev]"],
        check=True,
        cwd=ROOT,
    )
    stamp.write_text(digest)


def venv_python(*args: str, env=None, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env, check=check, **kwargs)


def service_environment(*, redis_db: int = 0) -> dict[str, str]:
    """The environment with DATABASE_URL and REDIS_URL set, starting the embedded servers if needed (the
    tests use another Redis database than the running portal, ``redis_db``). Settings never start them."""
    env = dict(os.environ)
    wanted = [name for name in ("DATABASE_URL", "REDIS_URL") if not env.get(name)]
    if wanted:
        say("Starting the embedded " + " and ".join(
            {"DATABASE_URL": "PostgreSQL", "REDIS_URL": "Redis"}[name] for name in wanted
        ) + " (data in .local/)")
        code = (
            "from academy import embedded\n"
            "import os\n"
            "if not os.environ.get('DATABASE_URL'): print('DATABASE_URL=' + embedded.postgres_url())\n"
            f"if not os.environ.get('REDIS_URL'): print('REDIS_URL=' + embedded.redis_url(db={redis_db}))\n"
        )
        result = venv_python("-c", code, env=env, capture_output=True, text=True)
        for line in result.stdout.splitlines():
            name, _, value = line.partition("=")
            if name in ("DATABASE_URL", "REDIS_URL"):
                env[name] = value
    return env


def demo_password() -> str:
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    path = LOCAL / "demo-password"
    if not path.exists():
        LOCAL.mkdir(exist_ok=True)
        path.write_text("academy-" + secrets.token_urlsafe(9))
        path.chmod(0o600)
    return path.read_text().strip()


DEMO_ACCOUNTS = [
    ("leader", "a leader with a complete profile"),
    ("linemanager", "leader@'s line manager"),
    ("programme-admin", "Programme admin of the curriculum and the Challenge Fund"),
    ("reviewer", "Reviewer (panel member)"),
    ("governance", "Governance secretariat: manages roles"),
    ("exec", "ICS Executive"),
    ("evaluator", "Evaluator"),
    ("superuser", "superuser"),
]


def run() -> int:
    ensure_venv()
    env = service_environment()
    production = env.get("ACADEMY_ENV", "development") == "production"
    password = None if production else demo_password()
    if password:
        env["DEMO_PASSWORD"] = password
    port = env.get("ACADEMY_PORT", "8000")
    venv_python("manage.py", "migrate", "--no-input", env=env)
    if password:
        venv_python("manage.py", "seed_demo", env=env)
    children = [
        subprocess.Popen([str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env),
        subprocess.Popen(
            [str(PYTHON), "-m", "celery", "-A", "academy", "worker", "--loglevel", "INFO", "--concurrency", "2",
             # one worker for every queue in development (production runs a pool per queue)
             "--queues", "academy,academy.email,academy.reports"],
            cwd=ROOT, env=env,
        ),
        subprocess.Popen(
            [str(PYTHON), "-m", "celery", "-A", "academy", "beat", "--loglevel", "INFO",
             "--schedule", str(LOCAL / "celerybeat-schedule")],
            cwd=ROOT, env=env,
        ),
    ]
    time.sleep(2)
    lines = [
        "",
        f"The portal is running at http://127.0.0.1:{port}/ (health: http://127.0.0.1:{port}/healthz)",
        "Web server, Celery worker and Celery beat are running. Press Ctrl+C to stop them.",
    ]
    if password:
        lines += ["", f"Demo accounts (password: {password}):"]
        lines += [f"  {name}@demo.academy.test  {what}" for name, what in DEMO_ACCOUNTS]
        lines += ["Emails are printed here, in this terminal (the console email backend)."]
    print("\n".join(lines) + "\n", flush=True)

    def stop(*_args):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    finally:
        stop()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
    return 0


def test(args: list[str]) -> int:
    ensure_venv()
    env = service_environment(redis_db=1)
    if not Path(CHROMIUM).exists():
        if env.get("REQUIRE_BROWSER_TESTS"):
            say(f"No Chromium at {CHROMIUM}, and REQUIRE_BROWSER_TESTS is set: the browser tests will fail.")
        else:
            say(f"No Chromium at {CHROMIUM}: the browser tests are skipped. Install Debian's 'chromium' "
                "package to run them.")
    return venv_python("-m", "pytest", *test_workers(args, env), *args, env=env, check=False).returncode


def test_workers(args: list[str], env: dict[str, str]) -> list[str]:
    """pytest-xdist options: one worker per core, at most four, each with its own PostgreSQL test database
    and Redis database (academy/settings.py), unless the arguments choose (``-n 0`` runs in one process,
    as ``--pdb`` needs) or ACADEMY_TEST_WORKERS says how many. On one core the suite runs in one process."""
    if any(arg in {"-n", "--numprocesses"} or arg.startswith(("-n", "--numprocesses=")) for arg in args):
        return []
    if "no:xdist" in args or "--pdb" in args:
        return []
    workers = int(env.get("ACADEMY_TEST_WORKERS") or min(os.cpu_count() or 1, 4))
    if workers < 2:
        return []
    # worksteal: a worker that runs out takes tests queued for the other, so a slow module does not
    # leave one core idle at the end.
    return ["-n", str(workers), "--dist", "worksteal"]


def lint() -> int:
    ensure_venv()
    env = service_environment()
    status = venv_python("-m", "ruff", "check", ".", env=env, check=False).returncode
    # Layers point down only, and programme apps are independent (pyproject's [tool.importlinter]).
    status |= subprocess.run(
        [str(VENV / "bin" / "lint-imports"), "--no-cache"], cwd=ROOT, env=env, check=False
    ).returncode
    status |= venv_python("manage.py", "makemigrations", "--check", "--dry-run", env=env, check=False).returncode
    return status


def manage(args: list[str]) -> int:
    """``manage.py`` with the same servers as ``run`` (the embedded ones unless DATABASE_URL/REDIS_URL)."""
    ensure_venv()
    return venv_python("manage.py", *args, env=service_environment(), check=False).returncode


def stop_embedded() -> int:
    ensure_venv()
    venv_python("-c", "from academy import embedded; embedded.stop_redis(); embedded.stop_postgres()")
    say("Stopped the embedded PostgreSQL and Redis.")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "run":
        return run()
    if command == "test":
        return test(rest)
    if command == "lint":
        return lint()
    if command == "manage":
        return manage(rest)
    if command == "stop":
        return stop_embedded()
    if command in {"backup", "restore"}:  # the logic is in academy/backup.py
        ensure_venv()
        return venv_python("manage.py", command, *rest, env=service_environment(), check=False).returncode
    if command == "clean":
        stop_embedded()
        shutil.rmtree(LOCAL, ignore_errors=True)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

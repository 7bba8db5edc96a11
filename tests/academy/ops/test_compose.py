"""The compose deployment, checked without Docker (CI has none): the file parses, every reference in it
points at something that exists, and its shape is the one docs/deploy.md describes: a proxy in front of
two web replicas, a worker pool per queue that together consume every queue, exactly one beat, Redis
with persistence, the object store for files, and health checks on the liveness endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
PRODUCTION_QUEUES = {
    queue.replace(settings.CELERY_TASK_DEFAULT_QUEUE, "academy", 1) for queue in settings.CELERY_ALL_QUEUES
}


def command(service: str) -> list[str]:
    return [str(part) for part in SERVICES[service].get("command", [])]


def option(words: list[str], name: str) -> str | None:
    return words[words.index(name) + 1] if name in words else None


def test_every_service_has_an_image_and_its_dependencies_exist():
    for name, service in SERVICES.items():
        assert "image" in service or "build" in service, name
        for dependency in service.get("depends_on", {}):
            assert dependency in SERVICES, f"{name} depends on a missing service {dependency}"
    for name, service in SERVICES.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists() or source == "./deploy/certs", f"{name} mounts missing {source}"
            else:
                assert source in COMPOSE["volumes"], f"{name} uses an undeclared volume {source}"


def test_web_is_two_stateless_replicas_behind_the_proxy_checked_on_liveness():
    web = SERVICES["web"]
    assert web["deploy"]["replicas"] >= 2
    assert "ports" not in web  # reached only through the proxy
    assert web["healthcheck"]["test"][-1].endswith("/healthz")  # liveness, not /healthz/ready
    assert option(command("web"), "--timeout") == "30"
    assert "web" in SERVICES["proxy"]["depends_on"]
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000" in nginx and "proxy_pass http://academy_web" in nginx
    assert "X-Forwarded-Proto $scheme" in nginx  # overwritten, never passed on from the client
    environment = web["environment"]
    assert environment["ACADEMY_TRUSTED_PROXY_COUNT"] == "1"  # the one proxy in front


def test_worker_pools_consume_every_queue_and_beat_runs_once():
    consumed = set()
    pools = [name for name in SERVICES if command(name)[:4] == ["celery", "-A", "academy", "worker"]]
    assert len(pools) >= 2
    for name in pools:
        queues = option(command(name), "--queues")
        assert queues, f"{name} must name its queues"
        assert set(queues.split(",")) <= PRODUCTION_QUEUES, name
        consumed |= set(queues.split(","))
    assert consumed == PRODUCTION_QUEUES
    # Reports have a pool of their own: no pool serves both emails and reports.
    for name in pools:
        queues = set(option(command(name), "--queues").split(","))
        assert not {"academy.email", "academy.reports"} <= queues, name
    beats = [name for name in SERVICES if command(name)[:4] == ["celery", "-A", "academy", "beat"]]
    assert beats == ["beat"] and "deploy" not in SERVICES["beat"]


def test_redis_persists_and_files_go_to_the_object_store():
    assert option(command("redis"), "--appendonly") == "yes"
    environment = SERVICES["web"]["environment"]
    assert environment["ACADEMY_S3_BUCKET"] and environment["ACADEMY_S3_ENDPOINT_URL"].startswith("http://minio")
    assert "media" in " ".join(SERVICES["minio"]["volumes"])
    assert SERVICES["migrate"]["depends_on"]["media-bucket"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", ["web", "worker-email", "worker-reports", "beat", "migrate"])
def test_the_portal_containers_share_one_configuration(name):
    environment = SERVICES[name]["environment"]
    assert environment["ACADEMY_ENV"] == "production"
    assert environment["DATABASE_URL"].startswith("postgres://") and environment["REDIS_URL"].startswith("redis://")

"""Computing snapshots: stored per quarter, idempotent, never for a quarter not yet begun; asking for a
recompute records it and queues the work after commit; beat's sweep computes what the broker missed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from evaluation.network import services, tasks
from evaluation.network.models import NetworkSnapshot
from governance.investment.quarters import quarter_of
from tests.conftest import make_person
from tests.evaluation.network.helpers import running_cohort

pytestmark = pytest.mark.django_db


def test_snapshot_is_computed_and_stored_once_per_quarter():
    running_cohort(8)
    quarter = quarter_of(timezone.localdate())
    first = services.compute_snapshot(quarter)
    second = services.compute_snapshot(quarter)
    assert NetworkSnapshot.objects.count() == 1
    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.figures["people"] == 8
    assert second.figures["ties"] == 28  # 8 * 7 / 2
    assert second.figures["density"] == 1.0
    assert second.figures["crossing"]["sector"]["external"] == 16  # 4 trust people x 4 charity people
    assert {k: v for k, v in second.figures.items() if k != "seconds"} == {
        k: v for k, v in first.figures.items() if k != "seconds"
    }
    assert second.svg.startswith("<svg") and second.svg.count("<circle") == 8
    assert second.up_to == timezone.localdate()


def test_a_quarter_not_yet_begun_is_not_computed():
    future = quarter_of(timezone.localdate()).next()
    assert services.compute_snapshot(future) is None
    assert not NetworkSnapshot.objects.exists()


def test_the_picture_has_no_names_and_greys_small_sectors():
    running_cohort(6, name="Zebedee Uniquename")  # 3 and 3: both sectors under 5
    snapshot = services.compute_snapshot(quarter_of(timezone.localdate()))
    assert "Zebedee" not in snapshot.svg and "Uniquename" not in snapshot.svg
    assert "#005eb8" not in snapshot.svg and "#007f3b" not in snapshot.svg  # NHS blue and VCSE green hidden
    # The text alternative gives the sector counts through the suppression helper too.
    assert any(f"NHS trusts and the ICB: {words}" in snapshot.svg for words in ("fewer than 5", "not shown"))
    assert ": 3" not in snapshot.svg


def test_only_evaluators_and_superusers_may_ask_for_a_recompute(monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(tasks.compute_snapshot, "delay", lambda *args: queued.append(args))
    quarter = quarter_of(timezone.localdate())
    for role in ("executive", "programme_admin", "leader"):
        with pytest.raises(PermissionDenied):
            services.request_recompute(make_person(role), quarter)
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = services.request_recompute(make_person("evaluator"), quarter)
    assert queued == [(quarter.year, quarter.number)]
    assert snapshot.is_waiting
    with pytest.raises(ValidationError):
        services.request_recompute(make_person("evaluator"), quarter.next())


def test_a_request_the_broker_refused_is_computed_by_the_sweep(monkeypatch, django_capture_on_commit_callbacks):
    def refuse(*args):
        raise OSError("broker down")

    monkeypatch.setattr(tasks.compute_snapshot, "delay", refuse)
    running_cohort(5)
    quarter = quarter_of(timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        services.request_recompute(make_person("superuser"), quarter)  # the page does not fail
    assert services.compute_waiting() == 0  # not yet: the queued task has ten minutes
    NetworkSnapshot.objects.update(requested_at=timezone.now() - timedelta(minutes=11))
    assert services.compute_waiting() == 1
    snapshot = NetworkSnapshot.objects.get()
    assert not snapshot.is_waiting and snapshot.figures["people"] == 5
    assert services.compute_waiting() == 0  # once


def test_beat_refresh_computes_this_quarter_and_the_last():
    running_cohort(4)
    services.refresh_recent(timezone.localdate())
    services.refresh_recent(timezone.localdate())
    current = quarter_of(timezone.localdate())
    assert set(NetworkSnapshot.objects.values_list("year", "quarter")) == {
        (current.year, current.number), (current.previous().year, current.previous().number)
    }


def test_recent_quarters_are_oldest_first():
    quarters = services.recent_quarters(date(2026, 12, 3))
    assert [q.short_label for q in quarters] == ["2025/26 Q4", "2026/27 Q1", "2026/27 Q2", "2026/27 Q3"]


def test_the_demo_builder_computes_the_last_four_quarters_in_place():
    from academy.directory.demo import SeedContext
    from evaluation.network.demo import build_network_snapshots

    running_cohort(6)
    ctx = SeedContext(password="unused")
    build_network_snapshots(ctx)
    build_network_snapshots(ctx)
    assert NetworkSnapshot.objects.count() == 4
    this = quarter_of(timezone.localdate())
    assert NetworkSnapshot.objects.get(year=this.year, quarter=this.number).figures["people"] == 6

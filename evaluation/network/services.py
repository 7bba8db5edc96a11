"""Computing and asking for network snapshots. Computing is system work (beat and the worker); asking is an
evaluator's action: it records the request, then queues the work after commit without waiting on the
broker (academy.queueing). A request the broker refused is computed by beat's sweep. And a person's answer to
the quarterly name-generator survey (saved or withdrawn, this quarter only)."""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy import queueing
from academy.directory.attributes import SECTOR_LABELS, network_attributes
from academy.reports.suppression import suppress
from evaluation.network import metrics, picture, selectors
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName, NetworkSnapshot
from evaluation.network.sources import TIE_SOURCES, read_ties
from governance.investment.quarters import Quarter, quarter_of

QUARTERS_SHOWN = 4  # the quarters beat keeps fresh and the demo computes: this one and the three before


def recent_quarters(today: date, count: int = QUARTERS_SHOWN) -> list[Quarter]:
    """This quarter (so far) and the ``count - 1`` before it, oldest first."""
    quarters = [quarter_of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def sector_label(sector: str) -> str:
    return SECTOR_LABELS.get(sector, "No leader profile")


def _description(figures: dict, legend, drawn: int) -> str:
    people, ties = figures["people"], figures["ties"]
    sectors = "; ".join(f"{sector_label(cell.label)}: {cell.display}" for cell in legend)
    shown = (f"The {drawn} best connected of {people} people are drawn." if drawn < people
             else f"All {people} people are drawn.")
    return (f"{people} people joined by {ties} ties; {figures['components']['count']} separate groups. {shown} "
            f"Each dot is a person, coloured by the sector of their organisation ({sectors}; grey where a "
            "sector has too few people to show); each line a tie. "
            "No one is named. The figures are in the table beside the picture.")


def compute_snapshot(quarter: Quarter, today: date | None = None, sources=TIE_SOURCES) -> NetworkSnapshot | None:
    """Compute one quarter's figures and picture from the ties up to today, and store them (idempotent:
    the same ties give the same snapshot, however often it runs). A quarter not yet begun is left alone."""
    today = today or timezone.localdate()
    if quarter.start > today:
        return None
    began, started = time.monotonic(), timezone.now()
    up_to = min(quarter.end, today)
    graph = metrics.build_graph(read_ties(quarter.start, up_to, sources))
    attributes = network_attributes(graph.nodes()) if graph.number_of_nodes() else {}
    figures = metrics.figures(graph, attributes)
    # A sector whose count the page hides is not coloured either: counting dots must not undo suppression.
    legend = suppress(figures["people_by_sector"], total_known=True)
    hidden = {cell.label for cell in legend if cell.suppressed}
    sectors = {}
    for person in graph.nodes():
        sector = attributes[person].sector if person in attributes else metrics.UNKNOWN
        sectors[person] = picture.HIDDEN if sector in hidden else sector
    drawn = picture.drawn_subgraph(graph).number_of_nodes()
    svg = picture.render_svg(graph, sectors, f"The network in {quarter.label}", _description(figures, legend, drawn))
    figures["drawn"] = drawn
    seconds = round(time.monotonic() - began, 3)
    with transaction.atomic():
        snapshot, _ = NetworkSnapshot.objects.select_for_update().get_or_create(
            year=quarter.year, quarter=quarter.number
        )
        snapshot.up_to, snapshot.figures, snapshot.svg = up_to, figures, svg
        snapshot.computed_at, snapshot.seconds = started, seconds
        snapshot.save()
    return snapshot


def may_recompute(user) -> bool:
    return bool(user.has_perm("evaluation_network.recompute"))


def request_recompute(actor, quarter: Quarter) -> NetworkSnapshot:
    """Ask for one quarter to be computed again: recorded now, queued once the request commits."""
    from evaluation.network import tasks  # noqa: PLC0415 - tasks import this module

    if not may_recompute(actor):
        raise PermissionDenied
    if quarter.start > timezone.localdate():
        raise ValidationError("That quarter has not begun yet.")
    with transaction.atomic():
        snapshot, _ = NetworkSnapshot.objects.select_for_update().get_or_create(
            year=quarter.year, quarter=quarter.number
        )
        snapshot.requested_at = timezone.now()
        snapshot.save(update_fields=["requested_at"])
        queueing.publish_after_commit(tasks.compute_snapshot, quarter.year, quarter.number)
    return snapshot


SWEEP_AFTER = timedelta(minutes=10)  # a queued recompute has had its chance by then


def compute_waiting(today: date | None = None) -> int:
    """Compute every snapshot an evaluator asked for more than ten minutes ago and not computed since
    (beat's sweep: the broker refused the request, or the worker lost it)."""
    asked_before = timezone.now() - SWEEP_AFTER
    waiting = [
        snapshot for snapshot in NetworkSnapshot.objects.filter(requested_at__lt=asked_before) if snapshot.is_waiting
    ]
    for snapshot in waiting:
        compute_snapshot(Quarter(snapshot.year, snapshot.quarter), today)
    return len(waiting)


def refresh_recent(today: date | None = None) -> int:
    """Beat, nightly: this quarter so far and the one before (late records of an ended quarter), then any
    waiting request."""
    today = today or timezone.localdate()
    current = quarter_of(today)
    for quarter in (current.previous(), current):
        compute_snapshot(quarter, today)
    return 2 + compute_waiting(today)


# --- the name-generator survey ---------------------------------------------------------------------------

MAX_NAMES = 10


def _refuse(message: str) -> ValidationError:
    return ValidationError({"person": message})


def answer_name_generator(actor, person_ids: list, today: date | None = None) -> NameGeneratorAnswer:
    """Save the actor's answer for this quarter ("who did you work with across boundaries this quarter?"):
    from 1 to 10 different people listed in the directory, never themselves. It replaces the answer they
    gave earlier this quarter. Bad input is refused whole: nothing is saved."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    ids = []
    for value in person_ids:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise _refuse("Choose people from the directory search.") from None
    if not ids:
        raise _refuse("Name at least one person you worked with across boundaries this quarter.")
    if len(ids) > MAX_NAMES:
        raise _refuse(f"Name up to {MAX_NAMES} people (you named {len(ids)}).")
    if actor.pk in ids:
        raise _refuse("Name other people, not yourself.")
    names = selectors.nameable_people(ids)
    unknown = [pk for pk in ids if pk not in names]
    if unknown:
        raise _refuse("Choose people from the directory search: someone you chose is not in the directory.")
    seen = set()
    for pk in ids:
        if pk in seen:
            raise _refuse(f"You named {names[pk]} more than once. Name each person once.")
        seen.add(pk)
    quarter = quarter_of(today or timezone.localdate())
    with transaction.atomic():
        # One answer a person a quarter: lock the person's row so two saves at once cannot interleave.
        get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
        answer, created = NameGeneratorAnswer.objects.get_or_create(
            respondent=actor, year=quarter.year, quarter=quarter.number)
        if not created:
            answer.names.all().delete()
            answer.save(update_fields=["updated_at"])
        NameGeneratorName.objects.bulk_create(NameGeneratorName(answer=answer, person_id=pk) for pk in ids)
    return answer


def withdraw_name_generator(actor, today: date | None = None) -> bool:
    """Delete the actor's answer for this quarter (its ties go with it). Answers of past quarters cannot be
    changed: they are part of those quarters' networks. Returns whether there was one."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    quarter = quarter_of(today or timezone.localdate())
    deleted, _ = NameGeneratorAnswer.objects.filter(respondent=actor, year=quarter.year,
                                                    quarter=quarter.number).delete()
    return bool(deleted)

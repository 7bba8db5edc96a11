"""Writes to the register of real system problems: programme admins and the governance secretariat create
and change problems, move them through their states (the one workflow mechanism) and record report-backs
to boards with the adoption decision. Each write takes the acting person and runs in one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from academy import workflow
from programmes.core.models import (
    AdoptionDecision,
    ReportBack,
    SystemProblem,
    SystemProblemState,
)
from programmes.core.rules import ensure_problem_manager

PROBLEM_TEXT_FIELDS = ("title", "description", "board")


@transaction.atomic
def save_problem(
    actor, problem: SystemProblem, *, title: str, description: str, board: str, owner=None,
    priority_functions=(), boroughs=(), spatial_level: str = "",
) -> SystemProblem:
    """Create a problem (``problem`` unsaved; it starts as proposed) or change one's details."""
    ensure_problem_manager(actor)
    creating = problem.pk is None
    if not creating:
        problem = SystemProblem.objects.select_for_update().get(pk=problem.pk)
    values = {"title": title, "description": description, "board": board}
    errors = {}
    for name, value in values.items():
        value = (value or "").strip()
        if not value:
            errors[name] = {
                "title": "Enter a title", "description": "Describe the problem",
                "board": "Enter the board or network the problem belongs to",
            }[name]
        setattr(problem, name, value)
    if errors:
        raise ValidationError(errors)
    problem.owner = owner
    problem.spatial_level = spatial_level or ""
    if creating:
        problem.created_by = workflow.user_or_none(actor)
    problem.save()
    problem.priority_functions.set(priority_functions)
    problem.boroughs.set(boroughs)
    if creating:
        workflow.start(problem, actor)
    return problem


@transaction.atomic
def move_problem(actor, problem: SystemProblem, to_state: str, *, note: str = "") -> SystemProblem:
    """Move a problem to another state, if its machine allows it (refusals say why in plain words)."""
    ensure_problem_manager(actor)
    problem = SystemProblem.objects.select_for_update().get(pk=problem.pk)
    workflow.move(problem, to_state, actor, note=note.strip(), update_fields=())
    return problem


@transaction.atomic
def record_report_back(
    actor, problem: SystemProblem, *, board: str, reported_on, summary: str, decision: str, decided_by: str = "",
) -> ReportBack:
    """Record that the problem's work was reported to a board, and what the board decided.

    Nothing is recorded as happened before it happened: a date after today (in London) is refused. An
    open problem or one being worked on moves to "reported back"; an adopted or adapted decision then
    moves a problem to "adopted".
    """
    ensure_problem_manager(actor)
    errors = {}
    if reported_on is None:
        errors["reported_on"] = "Enter the date it was reported"
    elif reported_on > timezone.localdate():
        errors["reported_on"] = "The date it was reported must be today or in the past"
    if not (board or "").strip():
        errors["board"] = "Enter the board or network it was reported to"
    if not (summary or "").strip():
        errors["summary"] = "Enter a summary of what was reported"
    if decision not in AdoptionDecision.values:
        errors["decision"] = "Select the adoption decision"
    if errors:
        raise ValidationError(errors)
    problem = SystemProblem.objects.select_for_update().get(pk=problem.pk)
    if problem.state in (SystemProblemState.PROPOSED, SystemProblemState.CLOSED):
        raise ValidationError(
            f"{problem.get_state_display()} problems have no report-backs. Open the problem first."
        )
    report_back = ReportBack.objects.create(
        problem=problem, board=board.strip(), reported_on=reported_on, summary=summary.strip(), decision=decision,
        decided_by=(decided_by or "").strip(), recorded_by=workflow.user_or_none(actor),
    )
    note = f"Reported to {report_back.board}: {report_back.get_decision_display().lower()}"
    if SystemProblemState.REPORTED_BACK in workflow.allowed_moves(problem):
        workflow.move(problem, SystemProblemState.REPORTED_BACK, actor, note=note, update_fields=())
    if decision in (AdoptionDecision.ADOPTED, AdoptionDecision.ADAPTED) and (
        SystemProblemState.ADOPTED in workflow.allowed_moves(problem)
    ):
        workflow.move(problem, SystemProblemState.ADOPTED, actor, note=note, update_fields=())
    return report_back

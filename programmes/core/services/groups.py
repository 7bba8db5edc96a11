"""Action learning sets and quads: saving groups, the shared problem, leaving a group."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from programmes.core.grouping import GROUP_STATES, carried_problems
from programmes.core.models import (
    Application,
    Cohort,
    LearningGroup,
    LearningGroupKind,
    LearningGroupMember,
)
from programmes.core.rules import can_edit_learning_group, ensure_cohort_admin


def save_groups(actor, cohort: Cohort, kind: str, assignment: Mapping[int, int]) -> list:
    """Replace the cohort's groups with ``assignment`` (application id -> group number, from 1). Every
    current participant must be in exactly one group and no group may be empty. The old groups are
    deleted; their history rows keep them. A new group keeps the shared problem of the old group of the
    same kind that most of its members came from (see ``carried_problems``)."""
    ensure_cohort_admin(actor, cohort)
    if kind not in LearningGroupKind.values:
        raise ValidationError({"kind": "Select action learning sets or quads"})
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        participants = set(
            Application.objects.filter(cohort=cohort, state__in=GROUP_STATES).values_list("pk", flat=True)
        )
        if not participants:
            raise ValidationError("No one has a place on this cohort yet, so there is no one to group.")
        given = {int(k): int(v) for k, v in assignment.items()}
        if set(given) != participants:
            raise ValidationError(
                "The participants have changed since this proposal was made. Make a new proposal and save again."
            )
        numbers = sorted(set(given.values()))
        if not numbers or numbers[0] < 1 or numbers != list(range(1, len(numbers) + 1)):
            raise ValidationError("Every group must have at least one person. Move someone into the empty group.")
        old_groups = {
            group.pk: group
            for group in LearningGroup.objects.filter(cohort=cohort, kind=kind).exclude(shared_problem="")
        }
        was_in = dict(
            LearningGroupMember.objects.filter(group__in=old_groups).values_list("application_id", "group_id")
        )
        carried = carried_problems(given, was_in)
        LearningGroup.objects.filter(cohort=cohort).delete()
        groups = {}
        for number in numbers:
            old = old_groups.get(carried.get(number))
            groups[number] = LearningGroup.objects.create(
                cohort=cohort, kind=kind, number=number, created_by=actor,
                shared_problem=old.shared_problem if old else "",
                priority_function_id=old.priority_function_id if old else None,
            )
        for application_id, number in sorted(given.items()):
            LearningGroupMember.objects.create(group=groups[number], application_id=application_id)
    return [groups[n] for n in numbers]




def set_shared_problem(actor, group, shared_problem: str, priority_function=None, system_problem=None):
    """The programme admin or a member of the group records the group's shared problem."""
    if not can_edit_learning_group(actor, group):
        raise PermissionDenied("Only the group's members and the programme's admins can change this.")
    shared_problem = shared_problem.strip()
    if not shared_problem:
        raise ValidationError({"shared_problem": "Describe the problem or priority your group is working on"})
    with transaction.atomic():
        group = LearningGroup.objects.select_for_update().get(pk=group.pk)
        group.shared_problem = shared_problem
        group.priority_function = priority_function
        group.system_problem = system_problem
        group.save(update_fields=["shared_problem", "priority_function", "system_problem"])
    return group


def drop_from_group(application: Application) -> None:
    """A participant who leaves or is removed drops out of their learning group (history keeps it)."""
    for membership in LearningGroupMember.objects.filter(application=application):
        membership.delete()

"""Reads for action learning sets and quads."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from programmes.core.grouping import GROUP_STATES, grouping_person, repeats
from programmes.core.models import (
    Application,
    Cohort,
    LearningGroup,
    LearningGroupMember,
)

# --- action learning sets and quads ---------------------------------------------------------------

GROUP_MEMBER_RELATED = (
    "applicant__profile__organisation", "applicant__profile__profession", "applicant__profile__borough"
)


def group_participants(cohort: Cohort) -> list[Application]:
    """The cohort's current participants (accepted or completed), with what grouping needs (one query)."""
    return list(
        Application.objects.filter(cohort=cohort, state__in=GROUP_STATES)
        .select_related(*GROUP_MEMBER_RELATED)
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )


def _group_members_prefetch():
    return Prefetch(
        "memberships",
        queryset=LearningGroupMember.objects.filter(application__state__in=GROUP_STATES)
        .select_related(*(f"application__{path}" for path in GROUP_MEMBER_RELATED))
        .order_by("application__applicant__last_name", "application__applicant__first_name", "pk"),
        to_attr="current_members",
    )


def cohort_groups(cohort: Cohort) -> list:
    """The cohort's saved learning groups with their current members and each group's mix (two queries)."""
    groups = list(
        LearningGroup.objects.filter(cohort=cohort)
        .select_related("priority_function")
        .prefetch_related(_group_members_prefetch())
        .order_by("number")
    )
    for group in groups:
        group.mix = group_mix([m.application for m in group.current_members])
    return groups


def own_groups(user) -> list:
    """The learning groups a person is in through a current place, with the other members (two queries)."""
    return list(
        LearningGroup.objects.filter(
            memberships__application__applicant=user, memberships__application__state__in=GROUP_STATES
        )
        .select_related("cohort", "priority_function")
        .prefetch_related(_group_members_prefetch())
        .order_by("cohort__starts_on", "number")
    )


def learning_group(pk: int):
    return get_object_or_404(
        LearningGroup.objects.select_related("cohort__programme", "priority_function"), pk=pk
    )


def group_mix(applications: list[Application]) -> dict:
    """A group's mix: the people, and how many share an organisation, profession or borough."""
    counts = repeats([grouping_person(a) for a in applications])
    return {
        "size": len(applications),
        "organisation": counts["organisation"],
        "profession": counts["profession"],
        "borough": counts["borough"],
        "total": sum(counts.values()),
    }


def proposal_groups(participants: list[Application], assignment: dict[int, int], count: int) -> list[dict]:
    """An unsaved proposal laid out for the page: for each group number, its members and mix."""
    groups = [{"number": n, "members": []} for n in range(1, count + 1)]
    for application in participants:
        groups[assignment[application.pk] - 1]["members"].append(application)
    for group in groups:
        group["mix"] = group_mix(group["members"])
    return groups

"""Reads for the care standards register, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone

from academy.workflow.models import Transition
from governance.models import AgendaItem, CareStandard, ClinicalNetwork, Purpose, StandardState

PUBLISHED = (StandardState.APPROVED, StandardState.RETIRED)


@dataclass(frozen=True)
class Register:
    approved: list
    in_progress: list  # drafts and standards waiting for approval the person may see
    retired: list


def _base():
    return CareStandard.objects.select_related("network", "decision", "decision__meeting", "proposed_by", "supersedes")


def visible_in_progress(user):
    """Drafts and standards for approval ``user`` may read: all of them for the secretariat and the ICS
    Executive; their own and their networks' for network leads; none for anyone else."""
    pending = _base().exclude(state__in=PUBLISHED)
    if user.has_perm("governance.view_pending_standards"):  # the secretariat, the ICS Executive
        return pending
    return pending.filter(Q(proposed_by=user) | Q(network_id__in=_led(user)))


def _led(user):
    today = timezone.localdate()
    return (
        user.leadership_roles.filter(clinical_network__isnull=False, start_date__lte=today)
        .exclude(end_date__lt=today)
        .values("clinical_network_id")
    )


def register(user, network: ClinicalNetwork | None = None) -> Register:
    """The register as ``user`` may read it, optionally for one network (three queries)."""
    published = _base().filter(state__in=PUBLISHED)
    pending = visible_in_progress(user)
    if network is not None:
        published, pending = published.filter(network=network), pending.filter(network=network)
    published = list(published.order_by("network__name", "title", "-version"))
    return Register(
        approved=[s for s in published if s.state == StandardState.APPROVED],
        in_progress=list(pending.order_by("network__name", "title", "-version")),
        retired=[s for s in published if s.state == StandardState.RETIRED],
    )


def standard_with_history(pk: int) -> CareStandard:
    """One standard with its moves (oldest first) and the versions after it (three queries)."""
    return (
        _base()
        .prefetch_related(
            Prefetch("transitions", queryset=Transition.objects.select_related("actor").order_by("at", "pk")),
            Prefetch("successors", queryset=CareStandard.objects.order_by("version")),
        )
        .get(pk=pk)
    )


def decision_choices():
    """Agenda items a standard can be approved at: decisions at meetings that have started, with the
    decision recorded, latest meeting first."""
    return (
        AgendaItem.objects.filter(meeting__starts_at__lte=timezone.now(), purpose=Purpose.DECISION)
        .exclude(outcome="")
        .select_related("meeting")
        .order_by("-meeting__starts_at", "pk")
    )


def networks_for(user):
    """The clinical networks ``user`` may propose a standard for."""
    if user.has_perm("governance.manage_standards"):
        return ClinicalNetwork.objects.order_by("name")
    return ClinicalNetwork.objects.filter(pk__in=_led(user)).order_by("name")

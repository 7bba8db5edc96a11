"""A community's events: cohorts of the cohort engine (an inspiration session open to managerial and executive
leaders, a workshop) that the community's leads or the programme's admins show on the community's page. Places,
waiting lists, booking, attendance and reminders stay `programmes.core`'s; the community only lists the event and
links to its page in the catalogue. A cohort can be added while it is published and has not ended, once per
community."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from academy.directory.models import LeaderGroup
from programmes.community import rules
from programmes.community.models import Community, CommunityEvent
from programmes.core.models import Cohort


def _require(actor, community: Community) -> None:
    if not rules.allowed(actor, "community.manage_events", community):
        raise PermissionDenied("Only the community's leads and the programme's admins change its events.")


def _live_cohorts():
    return Cohort.objects.filter(published=True, ends_on__gte=timezone.localdate())


def add_event(actor, community: Community, cohort: Cohort) -> CommunityEvent:
    _require(actor, community)
    if community.is_archived:
        raise ValidationError("This community is archived: bring it back before adding events.")
    if cohort is None:
        raise ValidationError({"cohort": "Choose the event to show"})
    if not _live_cohorts().filter(pk=cohort.pk).exists():
        raise ValidationError({"cohort": "Choose an event that is published and has not ended"})
    try:
        with transaction.atomic():
            return CommunityEvent.objects.create(community=community, cohort=cohort, added_by=actor)
    except IntegrityError:
        raise ValidationError({"cohort": f"{cohort.title} is already one of {community.name}'s events"}) from None


def remove_event(actor, event: CommunityEvent) -> None:
    _require(actor, event.community)
    event.delete()


def _cohorts_with_groups():
    return Prefetch("cohort__target_groups", queryset=LeaderGroup.objects.order_by("pk"))


def upcoming_events(community: Community) -> list[CommunityEvent]:
    """The community's events that are published and have not ended, soonest first, with who each is for
    (2 queries)."""
    return list(
        CommunityEvent.objects.filter(community=community, cohort__published=True,
                                      cohort__ends_on__gte=timezone.localdate())
        .select_related("cohort__programme").prefetch_related(_cohorts_with_groups())
        .order_by("cohort__starts_on", "cohort__title", "pk")
    )


def all_events(community: Community) -> list[CommunityEvent]:
    """Every event of the community, past ones too, for its leads' page (2 queries)."""
    return list(
        CommunityEvent.objects.filter(community=community).select_related("cohort__programme")
        .prefetch_related(_cohorts_with_groups()).order_by("-cohort__starts_on", "pk")
    )


def addable_cohorts(community: Community):
    """Published cohorts that have not ended and are not yet the community's events, soonest first."""
    taken = CommunityEvent.objects.filter(community=community).values("cohort_id")
    return _live_cohorts().exclude(pk__in=taken).select_related("programme").order_by("starts_on", "title")


def event_for(community: Community, pk: int) -> CommunityEvent:
    return get_object_or_404(CommunityEvent.objects.select_related("cohort", "community"), community=community, pk=pk)

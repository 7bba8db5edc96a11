"""The one state service of the cohort engine.

Every change of an application's state goes through :func:`transition`, which knows the allowed moves,
keeps the cohort's count of held places right under a row lock (the database also refuses more held
places than the capacity), records who moved it and when, and offers a freed place to the next person
on the waiting list.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications import services as notifications
from academy.ui.formats import nhs_datetime
from programmes.core.models import (
    APPLICATION_WORKFLOW,
    HOLDING_STATES,
    Application,
    ApplicationState,
    Cohort,
)
from programmes.core.presenters import site_url
from programmes.core.services.confirmations import send_place_confirmed, tell_reviewers
from programmes.core.services.groups import drop_from_group
from programmes.core.services.line_manager_link import line_manager_email_context

S = ApplicationState

# The only moves an application may make: declared once, on the machine.
ALLOWED = APPLICATION_WORKFLOW.moves
# What a person may withdraw from themselves.
WITHDRAWABLE = frozenset(
    {S.SUBMITTED, S.AWAITING_LINE_MANAGER, S.UNDER_REVIEW, S.WAITING_LIST, S.OFFERED, S.ACCEPTED}
)


class NoPlaceLeft(ValidationError):
    pass



# --- the one state service ------------------------------------------------------------------------


def transition(
    actor,
    application: Application,
    to_state: str,
    *,
    note: str = "",
    actor_label: str = "",
    now=None,
) -> Application:
    """Move ``application`` to ``to_state`` if that move is allowed, keeping the cohort's held places
    within capacity. Locks the cohort row, then re-reads the application, so concurrent moves queue.
    Raises ValidationError for a move that is not allowed, NoPlaceLeft when the cohort is full."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not APPLICATION_WORKFLOW.allows(current.state, to_state):
            raise workflow.NotAllowed(APPLICATION_WORKFLOW.refusal(current.state, to_state))
        was_holding = current.state in HOLDING_STATES
        holds = to_state in HOLDING_STATES
        if holds and not was_holding:
            if cohort.places_held >= cohort.capacity:
                raise NoPlaceLeft("There are no places left on this cohort.")
            # A queryset update: the count is kept by this service (the transitions are its audit
            # trail), so it does not add a row to the cohort's history on every booking.
            Cohort.objects.filter(pk=cohort.pk).update(places_held=F("places_held") + 1)
        elif was_holding and not holds:
            Cohort.objects.filter(pk=cohort.pk).update(places_held=F("places_held") - 1)
        from_state = current.state
        fields = []
        if to_state == S.OFFERED:
            current.offer_expires_at = now + timedelta(days=cohort.offer_days)
            fields.append("offer_expires_at")
        elif from_state == S.OFFERED:
            current.offer_expires_at = None
            fields.append("offer_expires_at")
        if to_state == S.WAITING_LIST:
            current.waiting_since = now
            fields.append("waiting_since")
        if to_state == S.SUBMITTED:
            current.submitted_at = now
            fields.append("submitted_at")
        workflow.move(current, to_state, actor, note=note, actor_label=actor_label, update_fields=fields)
        _after_transition(current, from_state)
        if to_state in {S.WITHDRAWN, S.REMOVED}:
            drop_from_group(current)  # action learning sets: see the block at the end
        if was_holding and not holds:
            cascade(cohort.pk, now=now)
    application.refresh_from_db()
    return application


def _after_transition(application: Application, from_state: str) -> None:
    """Emails that follow a move (recorded now, sent after commit, once per key)."""
    user = application.applicant
    cohort = application.cohort
    context = {
        "first_name": user.first_name,
        "cohort": cohort.title,
        "url": site_url(reverse("programmes:application", args=[application.pk])),
    }
    if application.state == S.OFFERED:
        context["deadline"] = nhs_datetime(application.offer_expires_at)
        notifications.send_after_commit(
            f"offer:{application.pk}:{application.offer_expires_at.isoformat()}",
            "place_offered",
            user.email,
            context,
            user,
            link=context["url"],
        )
    elif application.state == S.AWAITING_LINE_MANAGER:
        notifications.send_after_commit(
            f"line-manager-request:{application.pk}",
            "line_manager_request",
            application.line_manager_email,
            line_manager_email_context(application),
        )
    elif application.state == S.SUBMITTED:
        context["line_manager_name"] = application.line_manager_name if application.line_manager_email else ""
        context["confirmer"] = application.display.confirmer
        notifications.send_after_commit(f"application-received:{application.pk}", "application_received",
                                        user.email, context, user, link=context["url"])
    elif application.state == S.ACCEPTED and from_state in {S.DRAFT, S.OFFERED}:  # booked, or offer accepted
        send_place_confirmed(application, booked=from_state == S.DRAFT)
    elif application.state == S.UNDER_REVIEW:
        tell_reviewers(application)


def cascade(cohort_id: int, now=None) -> int:
    """Offer free places to the people at the front of the waiting list. Returns how many were offered."""
    offered = 0
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort_id)
        if cohort.ends_on < timezone.localdate(now):
            return 0
        free = cohort.capacity - cohort.places_held
        if free <= 0:
            return 0
        waiting = list(
            Application.objects.filter(cohort_id=cohort_id, state=S.WAITING_LIST)
            .select_related("applicant", "cohort")
            .order_by("waiting_since", "pk")[:free]
        )
        for application in waiting:
            transition(
                workflow.SYSTEM, application, S.OFFERED, note="A place became free: offered from the waiting list",
                now=now,
            )
            offered += 1
    return offered

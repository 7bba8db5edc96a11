"""Retention for programmes (docs/retention.md).

- Line-manager and sponsor details: the application stays (it is the applicant's record and counts in cohort
  figures), but the name, email and role of the person asked to confirm protected time are blanked, in the
  row, its history and the emails about it, 30 days after they answered, or 30 days after their link expired
  unanswered. The link is signed, not stored: it lasts 21 days from the last email that carried it, and the
  last one is the reminder 3 days after the application was sent.
- Reflections: deleted, with their history and replies, 2 years after the cohort's last session ended, unless
  their author chose to keep them.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery

from academy.notifications import services as notifications
from academy.privacy import erasure, retention
from academy.ui.formats import nhs_date
from programmes.core.models import Application, Reflection, ReflectionReply, Session
from programmes.core.services.line_manager_link import LINE_MANAGER_MAX_AGE
from programmes.core.tasks import LINE_MANAGER_REMINDER_AFTER

LINE_MANAGER_DAYS = 30
# The last link (in the reminder) expires this long after the application was sent.
LINK_EXPIRES_AFTER = LINE_MANAGER_REMINDER_AFTER + LINE_MANAGER_MAX_AGE
REFLECTION_YEARS = 2
REFLECTION_AGE = timedelta(days=365 * REFLECTION_YEARS + 1)  # two years, a leap day included


# --- line managers' and sponsors' details ---------------------------------------------------------------


def line_manager_due(now):
    grace = timedelta(days=LINE_MANAGER_DAYS)
    answered = Q(line_manager_decided_at__lt=now - grace)
    expired = Q(line_manager_decided_at__isnull=True, submitted_at__lt=now - LINK_EXPIRES_AFTER - grace)
    has_details = ~Q(line_manager_name="") | ~Q(line_manager_email="") | ~Q(sponsor_role="")
    return Application.objects.filter(answered | expired).filter(has_details).order_by("submitted_at", "pk")


def line_manager_remove(queryset) -> int:
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    keys = [f"{prefix}:{pk}" for pk in ids for prefix in ("line-manager-request", "line-manager-reminder")]
    told = [f"{prefix}:{pk}" for pk in ids for prefix in ("line-manager-answer", "application-received")]
    with transaction.atomic():
        count = erasure.scrub(
            Application, {"id__in": ids}, line_manager_name="", line_manager_email="", sponsor_role=""
        )
        notifications.forget_details(keys, context_fields=("line_manager_name", "url"), recipient=True)
        notifications.forget_details(told, context_fields=("line_manager_name",))
    return count


def describe_line_manager(application) -> str:
    when = application.line_manager_decided_at
    if when:
        return f"Application {application.pk}: answered on {nhs_date(when)}"
    return f"Application {application.pk}: link sent on {nhs_date(application.submitted_at)}, not answered"


retention.register(
    "line_manager_links",
    label="Line managers' and sponsors' details",
    rule=(
        f"Name, email and role blanked on the application {LINE_MANAGER_DAYS} days after they answered, or "
        f"{LINE_MANAGER_DAYS} days after their link expired unanswered"
    ),
    due=line_manager_due,
    remove=line_manager_remove,
    describe=describe_line_manager,
)


# --- reflections ----------------------------------------------------------------------------------------


def reflection_due(now):
    last_session_end = (
        Session.objects.filter(cohort_id=OuterRef("cohort_id"))
        .order_by()
        .values("cohort_id")
        .annotate(last=Max("ends_at"))
        .values("last")
    )
    return (
        Reflection.objects.filter(kept_by_author=False)
        .annotate(cohort_ended_at=Subquery(last_session_end))
        .filter(cohort_ended_at__lt=now - REFLECTION_AGE)
        .order_by("cohort_ended_at", "pk")
    )


def reflection_remove(queryset) -> int:
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        erasure.delete_with_history(ReflectionReply, {"reflection_id__in": ids})
        return erasure.delete_with_history(Reflection, {"id__in": ids})


retention.register(
    "reflections",
    label="Reflections",
    rule=(
        f"Deleted with their replies {REFLECTION_YEARS} years after the cohort's last session ended, unless "
        "the author chose to keep them"
    ),
    due=reflection_due,
    remove=reflection_remove,
    describe=lambda reflection: f"Reflection {reflection.pk}, cohort ended {nhs_date(reflection.cohort_ended_at)}",
)

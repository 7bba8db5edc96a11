"""Reads for the evaluation's inclusion measures: how many applications reached each step (applied, offered,
completed), by programme, by the quarter they were made in and by the applicant's consented equality answers
and profession. Counts only, in one query; never a person. The caller suppresses small numbers."""

from __future__ import annotations

from django.db.models import Count, DateField, F, Q
from django.db.models.functions import Coalesce, TruncQuarter

from programmes.core.models import Application, Programme
from programmes.core.states import ApplicationState

S = ApplicationState

# Applications that were offered a place at some point: still offered, or taken up, turned down, lapsed,
# completed, suspended or removed. A booking (no selection: draft straight to a place) is offered at once.
OFFERED_STATES = (S.OFFERED, S.ACCEPTED, S.DECLINED, S.LAPSED, S.COMPLETED, S.SUSPENDED, S.REMOVED)
STEP_FIELDS = ("applied", "offered", "completed")
EQUALITY_FIELDS = {
    "ethnicity": "applicant__equality__ethnicity",
    "sex": "applicant__equality__sex",
    "disability": "applicant__equality__disability",
    "profession": "applicant__profile__profession__name",
}


def inclusion_programmes() -> list[Programme]:
    """The programmes that have had an application, in their usual order (one query)."""
    return list(Programme.objects.filter(cohorts__applications__isnull=False).distinct().order_by("position", "name"))


def application_steps(programme_ids=None) -> list[dict]:
    """Counts of applications at each step, one dict per combination of cohort, quarter and answers.

    Keys: ``cohort_id``; ``programme`` (its id); ``quarter``: the first day of the calendar quarter the
    application was sent in (made in, for a booking); ``ethnicity``, ``sex``, ``disability``: None when the
    applicant gave no consented equality answers (withdrawing consent deletes them); ``profession``: the
    profession's name on the applicant's profile, None without one; the counts ``applied``, ``offered``
    and ``completed``. Drafts never sent are not counted; an application withdrawn after an offer counts
    as applied only (its state no longer says it was offered). One query.
    """
    applications = Application.objects.filter(Q(submitted_at__isnull=False) | Q(state__in=OFFERED_STATES))
    if programme_ids is not None:
        applications = applications.filter(cohort__programme_id__in=list(programme_ids))
    return list(
        applications.annotate(quarter=TruncQuarter(Coalesce("submitted_at", "created_at"), output_field=DateField()))
        .values("quarter", "cohort_id", programme=F("cohort__programme_id"),
                **{key: F(field) for key, field in EQUALITY_FIELDS.items()})
        .annotate(
            applied=Count("pk"),
            offered=Count("pk", filter=Q(state__in=OFFERED_STATES)),
            completed=Count("pk", filter=Q(state=S.COMPLETED)),
        )
        .order_by()
    )



def applicant_ids() -> list[int]:
    """The people who have sent an application or been given a place (for demo data; one query)."""
    return list(
        Application.objects.filter(Q(submitted_at__isnull=False) | Q(state__in=OFFERED_STATES))
        .values_list("applicant_id", flat=True).distinct()
    )

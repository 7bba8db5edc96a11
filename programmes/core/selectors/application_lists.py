"""Long lists of a cohort's applications, shared by the programme admin's cohort page and the panel's
review page: sorted (earliest applied, highest mean panel score, name), filtered by state and paginated 20
a page, each page read in the same number of queries whatever the size of the cohort."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Case, Exists, F, OuterRef, Prefetch, QuerySet, When, prefetch_related_objects

from programmes.core.models import Application, ApplicationScore

ROSTER_PAGE_SIZE = 20

# How a list of applications may be ordered: (key, label for the page and the caption).
APPLICATION_ORDERS = [
    ("earliest", "earliest first"),
    ("score", "highest mean panel score first"),
    ("name", "by applicant's name"),
]
DEFAULT_ORDER = "earliest"


def with_scores(applications: list[Application]) -> list[Application]:
    """Attach every panel member's score (``panel_scores``) and their mean (``mean_score``): one query."""
    prefetch_related_objects(
        applications,
        Prefetch("scores", queryset=ApplicationScore.objects.select_related("reviewer"), to_attr="panel_scores"),
    )
    for application in applications:
        scores = [s.score for s in application.panel_scores]
        application.mean_score = round(sum(scores) / len(scores), 1) if scores else None
    return applications


def ordered_page(
    applications: QuerySet[Application],
    page_number,
    *,
    order: str = DEFAULT_ORDER,
    state: str = "",
    states: list[tuple[str, str]],
    per_page: int = ROSTER_PAGE_SIZE,
    scores_after_own_by=None,
) -> Page:
    """One page of ``applications`` with their panel scores (:func:`with_scores`): a count query, the
    page's rows, and their scores. ``order`` is a key of :data:`APPLICATION_ORDERS` (the mean panel score is
    worked out in the database, unscored applications last; ties and "earliest" by the date applied);
    ``state`` keeps only applications in that state if it is one of ``states``. Unknown values fall back
    to every application, earliest first.

    ``scores_after_own_by`` (a panel member) keeps review independent, as pretalx does: the mean counts for
    the order only on applications that person has scored, so the others sort as unscored and their place
    in the list does not give away what the rest of the panel thought."""
    if state in dict(states):
        applications = applications.filter(state=state)
    if order == "score":
        applications = applications.annotate(mean=Avg("scores__score"))
        if scores_after_own_by is not None:
            own = ApplicationScore.objects.filter(application=OuterRef("pk"), reviewer=scores_after_own_by)
            applications = applications.annotate(
                mean=Case(When(Exists(own), then=F("mean")), default=None)
            )
        applications = applications.order_by(F("mean").desc(nulls_last=True), "submitted_at", "pk")
    elif order == "name":
        applications = applications.order_by("applicant__last_name", "applicant__first_name", "pk")
    else:
        applications = applications.order_by("submitted_at", "pk")
    page = Paginator(applications, per_page).get_page(page_number)
    page.object_list = with_scores(list(page.object_list))
    return page

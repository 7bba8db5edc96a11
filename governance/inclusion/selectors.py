"""Who sits on the C&CPLG and who holds a leadership role, counted by consented equality answers.

Counts of people only, never a person: the caller suppresses small numbers (academy.reports.suppression).
Each person counts once in each body, however many seats or roles they hold. Equality answers come from
the person's own equality monitoring, which exists only while they consent; without it they are counted
with no answers (None).
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from governance.models import LeadershipRole, Seat

ANSWER_FIELDS = {"ethnicity": "equality__ethnicity", "sex": "equality__sex", "disability": "equality__disability"}


def member_answers(today: date | None = None) -> dict[str, list[dict]]:
    """``{"ccplg": rows, "roles": rows}``: for the people holding a C&CPLG seat, and for those holding a
    leadership role running today (started, not ended), one row per combination of answers with keys
    ``ethnicity``, ``sex``, ``disability`` (each None without consented answers) and ``people``.
    Two queries."""
    today = today or timezone.localdate()
    people = get_user_model().objects.values(**{key: F(field) for key, field in ANSWER_FIELDS.items()})
    seated = Seat.objects.filter(holder=OuterRef("pk"))
    holding = LeadershipRole.objects.filter(holder=OuterRef("pk"), start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    return {
        "ccplg": list(people.filter(Exists(seated)).annotate(people=Count("pk")).order_by()),
        "roles": list(people.filter(Exists(holding)).annotate(people=Count("pk")).order_by()),
    }


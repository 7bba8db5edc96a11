"""Reads after a Big Room, each in a fixed number of queries: the register, its counts (came, did not
come, walk-ins, and how many different organisations came), who may give feedback, and the feedback's
figures, every count about people through ``academy.reports.suppression.suppress``.

Who may give feedback: once the register is taken, the people marked as came (walk-ins included); until
then, everyone who had a place (an RSVP "coming"), so that feedback does not wait on the register."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from academy.reports.suppression import DEFAULT_THRESHOLD, suppress
from programmes.network.models import (
    FEEDBACK_RATINGS,
    Attendance,
    Event,
    EventFeedback,
    EventSlides,
    Rsvp,
    RsvpStatus,
)


def has_register(event: Event) -> bool:
    return Attendance.objects.filter(event=event).exists()


def register(event: Event) -> list[dict]:
    """The register's lines, for the admins: everyone who had a place and every walk-in, with whether they
    were marked as came (None when not marked yet). Two queries."""
    marks = {a.person_id: a for a in Attendance.objects.filter(event=event)}
    going = list(
        Rsvp.objects.filter(event=event, status=RsvpStatus.GOING)
        .select_related("person", "person__profile__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    lines = [
        {"person": r.person, "attended": getattr(marks.get(r.person_id), "attended", None), "walk_in": False}
        for r in going
    ]
    walk_ins = (
        get_user_model().objects.filter(pk__in=[pk for pk, a in marks.items() if a.walk_in])
        .select_related("profile__organisation")
        .order_by("last_name", "first_name", "pk")
    )
    lines += [{"person": p, "attended": marks[p.pk].attended, "walk_in": True} for p in walk_ins]
    return lines


def register_counts(event: Event) -> dict:
    """Came, did not come and walk-ins from the register (1 query); ``recorded`` is False before it is taken."""
    counts = Attendance.objects.filter(event=event).aggregate(
        lines=Count("pk"),
        came=Count("pk", filter=Q(attended=True)),
        no_shows=Count("pk", filter=Q(attended=False)),
        walk_ins=Count("pk", filter=Q(attended=True, walk_in=True)),
    )
    return {"recorded": bool(counts["lines"]), "came": counts["came"], "no_shows": counts["no_shows"],
            "walk_ins": counts["walk_ins"]}


def came_person_ids(event: Event):
    """A subquery of the people who came: marked as came once the register is taken, otherwise everyone
    who had a place."""
    taken = Attendance.objects.filter(event=event)
    if taken.exists():
        return taken.filter(attended=True).values("person_id")
    return Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).values("person_id")


def may_give_feedback(person, event: Event) -> bool:
    if not person.is_authenticated:
        return False
    return came_person_ids(event).filter(person_id=person.pk).exists()


def feedback_of(person, event: Event) -> EventFeedback | None:
    if not person.is_authenticated:
        return None
    return EventFeedback.objects.filter(event=event, person=person).first()


def feedback_invitees(event: Event) -> list:
    """The people who came and have not given feedback yet (2 queries)."""
    given = EventFeedback.objects.filter(event=event, person=OuterRef("pk"))
    return list(
        get_user_model().objects.filter(pk__in=came_person_ids(event), is_active=True)
        .exclude(Exists(given))
        .order_by("pk")
    )


def feedback_figures(event: Event) -> dict:
    """What the admins see of the feedback: how many gave it, the ratings and "met someone from another
    organisation" as suppressed counts, and the improvement comments without names, in alphabetical order
    (so that their order says nothing of who wrote them or what they rated), only once at least
    ``DEFAULT_THRESHOLD`` people have answered. Under that, the page shows no figures at all (``enough`` is
    False). Two queries at most."""
    rows = EventFeedback.objects.filter(event=event)
    figures = rows.aggregate(
        total=Count("pk"),
        met=Count("pk", filter=Q(met_other_organisation=True)),
        not_met=Count("pk", filter=Q(met_other_organisation=False)),
        **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in FEEDBACK_RATINGS},
    )
    total = figures["total"]
    comments = []
    if total >= DEFAULT_THRESHOLD:
        comments = sorted(t for t in rows.exclude(improve="").values_list("improve", flat=True))
    return {
        "total": total,
        "enough": total >= DEFAULT_THRESHOLD,
        # The number who answered is shown, so the tables are suppressed knowing their total.
        "ratings": suppress({f"{n} out of 5": figures[f"r{n}"] for n in FEEDBACK_RATINGS}, total_known=True),
        "met": suppress({"Yes": figures["met"], "No": figures["not_met"]}, total_known=True),
        "comments": comments,
    }


def ended(event: Event, now=None) -> bool:
    return event.ends_at <= (now or timezone.now())


def slides_of(event: Event):
    """The event's uploaded slides, or None (1 query)."""
    return EventSlides.objects.filter(event=event).first()

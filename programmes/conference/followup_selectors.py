"""Reads after the conference, each in a fixed number of queries: the edition's sessions (its accepted and
confirmed proposals) with their slides and recording, who may give feedback, and the feedback's figures, every
count about people through ``academy.reports.suppression.suppress``.

Who may give feedback: people with a confirmed registration for the edition, once its last day has ended
(midnight London time after ``ends_on``: an edition has dates, not times, so the whole last day counts)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from academy.reports.suppression import DEFAULT_THRESHOLD, suppress
from programmes.conference.models import (
    FEEDBACK_RATINGS,
    DayFeedback,
    Edition,
    EditionState,
    Proposal,
    ProposalState,
    Registration,
    RegistrationState,
    SessionFeedback,
    SessionMaterial,
    SpeakerState,
)
from programmes.conference.rules import is_proposal_speaker

# A proposal is a session of the edition once accepted (and stays one when its speaker confirms).
SESSION_STATES = (ProposalState.ACCEPTED, ProposalState.CONFIRMED)


def feedback_opens_at(edition: Edition) -> dt.datetime:
    """The end of the edition's last day, London time: feedback opens then."""
    return timezone.make_aware(dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time.min))


def ended(edition: Edition, now=None) -> bool:
    return feedback_opens_at(edition) <= (now or timezone.now())


def sessions(edition: Edition) -> list[Proposal]:
    """The edition's sessions by title, with their session type and material (1 query)."""
    return list(
        Proposal.objects.filter(edition=edition, state__in=SESSION_STATES)
        .select_related("session_type", "speaker", "material")
        .order_by("title", "pk")
    )


def session(pk: int) -> Proposal:
    """A session of a published edition, for anyone signed in; anything else (a proposal that was not accepted,
    a draft edition) is not found."""
    proposal = (
        Proposal.objects.filter(pk=pk, state__in=SESSION_STATES, edition__state=EditionState.PUBLISHED)
        .select_related("edition", "session_type", "speaker", "material")
        .first()
    )
    if proposal is None:
        raise Http404("No such session")
    return proposal


def material_of(proposal: Proposal) -> SessionMaterial | None:
    return SessionMaterial.objects.filter(proposal=proposal).first()


def accepted_co_speakers(proposal: Proposal) -> list:
    """The session's co-speakers who accepted, with their accounts (1 query)."""
    return list(proposal.co_speakers.filter(state=SpeakerState.ACCEPTED).select_related("user"))


def may_add_material(user, proposal: Proposal) -> bool:
    """The session's speaker or a co-speaker who accepted, while the proposal is a session."""
    return proposal.state in SESSION_STATES and is_proposal_speaker(user, proposal)


def may_give_feedback(person, edition: Edition) -> bool:
    if not (person and person.is_authenticated):
        return False
    return Registration.objects.filter(edition=edition, user=person, state=RegistrationState.CONFIRMED).exists()


def day_feedback_of(person, edition: Edition) -> DayFeedback | None:
    if not (person and person.is_authenticated):
        return None
    return DayFeedback.objects.filter(edition=edition, person=person).first()


def sessions_rated_by(person, edition: Edition) -> set[int]:
    """The ids of the edition's sessions the person has given feedback on (1 query)."""
    if not (person and person.is_authenticated):
        return set()
    return set(SessionFeedback.objects.filter(proposal__edition=edition, person=person)
               .values_list("proposal_id", flat=True))


def session_feedback_of(person, proposal: Proposal) -> SessionFeedback | None:
    if not (person and person.is_authenticated):
        return None
    return SessionFeedback.objects.filter(proposal=proposal, person=person).first()


def _average(total: int, rating_sum: int | None) -> float | None:
    """The mean rating to one decimal place, only once ``DEFAULT_THRESHOLD`` people have answered."""
    if total < DEFAULT_THRESHOLD or not rating_sum:
        return None
    return round(rating_sum / total, 1)


def feedback_figures(edition: Edition, *, with_text: bool = True) -> dict:
    """What the team sees of the feedback. For the day: how many answered, the ratings as suppressed counts,
    the mean rating, and the free text without names in alphabetical order (so that the order says nothing of
    who wrote what), all only once ``DEFAULT_THRESHOLD`` people have answered (``enough``). For each session:
    the number of answers (suppressed: "fewer than 5"), and the mean rating and comments once 5 have answered.
    Five queries whatever the number of sessions or answers (three without the free text: ``with_text=False``,
    for the report PDF, which carries no free text because nobody was asked whether their words may be quoted)."""
    day_rows = DayFeedback.objects.filter(edition=edition)
    day = day_rows.aggregate(
        total=Count("pk"), **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in FEEDBACK_RATINGS},
    )
    total = day["total"]
    enough = total >= DEFAULT_THRESHOLD
    improve, comments = [], []
    if enough and with_text:
        for text_improve, text_comment in day_rows.values_list("improve", "comment"):
            if text_improve.strip():
                improve.append(text_improve)
            if text_comment.strip():
                comments.append(text_comment)
    rating_sum = sum(n * day[f"r{n}"] for n in FEEDBACK_RATINGS)

    counts = {
        row["proposal_id"]: row
        for row in SessionFeedback.objects.filter(proposal__edition=edition)
        .values("proposal_id").annotate(total=Count("pk"), rating_sum=Sum("rating")).order_by()
    }
    enough_ids = [pk for pk, row in counts.items() if row["total"] >= DEFAULT_THRESHOLD]
    session_comments: dict[int, list[str]] = {pk: [] for pk in enough_ids}
    for proposal_id, text in (
        SessionFeedback.objects.filter(proposal_id__in=enough_ids).exclude(comment="")
        .values_list("proposal_id", "comment") if with_text else []
    ):
        if text.strip():
            session_comments[proposal_id].append(text)
    rows = []
    for proposal in sessions(edition):
        row = counts.get(proposal.pk, {"total": 0, "rating_sum": 0})
        rows.append({
            "proposal": proposal,
            "responses": suppress({"n": row["total"]})["n"].display,
            "enough": row["total"] >= DEFAULT_THRESHOLD,
            "average": _average(row["total"], row["rating_sum"]),
            "comments": sorted(session_comments.get(proposal.pk, [])),
        })
    return {
        "total": total,
        "responses": suppress({"n": total})["n"].display,
        "enough": enough,
        "threshold": DEFAULT_THRESHOLD,
        # The number who answered is shown, so the table is suppressed knowing its total.
        "ratings": suppress({f"{n} out of 5": day[f"r{n}"] for n in FEEDBACK_RATINGS}, total_known=True),
        "average": _average(total, rating_sum),
        "improve": sorted(improve),
        "comments": sorted(comments),
        "sessions": rows,
    }



# --- level 1 reaction, for the evaluation (a public selector: aggregates only) ----------------------------------


@dataclass(frozen=True)
class EditionReaction:
    """Kirkpatrick level 1 (reaction) at one held edition, from attendees' ratings of 1 to 5: the day as a
    whole, and every session's answers pooled. ``*_responses`` is a suppressed count ("fewer than 5"); the mean
    and median are None when fewer than ``DEFAULT_THRESHOLD`` answered. No free text and no names."""

    edition_id: int
    edition_name: str
    starts_on: dt.date
    day_responses: str
    day_mean: float | None
    day_median: float | None
    session_responses: str
    session_mean: float | None
    session_median: float | None


def _mean_and_median(by_rating: dict[int, int]) -> tuple[float | None, float | None]:
    total = sum(by_rating.values())
    if total < DEFAULT_THRESHOLD:
        return None, None
    ratings = [rating for rating in sorted(by_rating) for _ in range(by_rating[rating])]
    return round(statistics.fmean(ratings), 1), float(statistics.median(ratings))


def reaction_by_edition(today: dt.date | None = None) -> list[EditionReaction]:
    """Every published edition whose last day has ended, newest first, with its attendees' reaction in aggregate.
    Three queries whatever the number of editions, sessions or answers."""
    today = today or timezone.localdate()
    editions = list(Edition.objects.filter(state=EditionState.PUBLISHED, ends_on__lt=today)
                    .order_by("-starts_on", "pk").values("pk", "name", "starts_on"))
    ids = [edition["pk"] for edition in editions]
    day: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    for edition_id, rating, n in (DayFeedback.objects.filter(edition_id__in=ids).values_list("edition_id", "rating")
                                  .annotate(n=Count("pk")).order_by()):
        day[edition_id][rating] = n
    session: dict[int, dict[int, int]] = {pk: {} for pk in ids}
    for edition_id, rating, n in (SessionFeedback.objects.filter(proposal__edition_id__in=ids)
                                  .values_list("proposal__edition_id", "rating").annotate(n=Count("pk")).order_by()):
        session[edition_id][rating] = n
    readings = []
    for edition in editions:
        pk = edition["pk"]
        day_mean, day_median = _mean_and_median(day[pk])
        session_mean, session_median = _mean_and_median(session[pk])
        readings.append(EditionReaction(
            edition_id=pk, edition_name=edition["name"], starts_on=edition["starts_on"],
            day_responses=suppress({"n": sum(day[pk].values())})["n"].display,
            day_mean=day_mean, day_median=day_median,
            session_responses=suppress({"n": sum(session[pk].values())})["n"].display,
            session_mean=session_mean, session_median=session_median,
        ))
    return readings

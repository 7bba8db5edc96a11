"""Reads for evaluation questionnaires, each in a fixed number of queries. Results are aggregate only:
every count of people goes through ``academy.reports.suppression``, and a median or share is shown only
when the count it rests on is shown."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.core import signing
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from academy.reports.suppression import NOT_SHOWN, suppress
from evaluation.surveys import links
from evaluation.surveys.models import (
    NUMERIC_KINDS,
    Answer,
    Audience,
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    ItemKind,
    Response,
    VersionState,
    Wave,
    WaveKind,
)
from programmes.core import selectors as programmes

# --- instruments ---------------------------------------------------------------------------------------


def instruments() -> list[Instrument]:
    """Every instrument with its versions and their question counts (two queries)."""
    versions = InstrumentVersion.objects.annotate(item_count=Count("items")).order_by("number")
    return list(Instrument.objects.prefetch_related(Prefetch("versions", queryset=versions)).order_by("name"))


def instrument_version(pk: int) -> InstrumentVersion:
    """One version with its instrument, its questions and its instrument's other versions (three queries)."""
    version = (
        InstrumentVersion.objects.filter(pk=pk)
        .select_related("instrument")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("position", "pk")))
        .first()
    )
    if version is None:
        raise Http404("No such version")
    version.siblings = list(version.instrument.versions.order_by("number"))
    return version


def instrument(pk: int) -> Instrument:
    found = Instrument.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such questionnaire")
    return found


def item(pk: int) -> Item:
    found = Item.objects.filter(pk=pk).select_related("version__instrument").first()
    if found is None:
        raise Http404("No such question")
    return found


def live_versions():
    return InstrumentVersion.objects.filter(state=VersionState.LIVE).select_related("instrument").order_by(
        "instrument__name", "number"
    )


# --- waves ---------------------------------------------------------------------------------------------


def schedulable_cohorts() -> list:
    """Every programme's published cohorts that have not finished (one query a programme)."""
    cohorts = []
    for programme in programmes.all_programmes():
        cohorts.extend(programmes.programme_cohorts(programme))
    return cohorts


def _waves_with_counts():
    return Wave.objects.select_related("cohort__programme", "version__instrument").annotate(
        invited=Count("invitations", distinct=True),
        answered=Count("invitations__response", distinct=True),
    )


def all_waves() -> list[Wave]:
    """Every wave, newest cohorts first, with how many were invited and answered (one query)."""
    return list(_waves_with_counts().order_by("-cohort__starts_on", "cohort_id", "opens_on", "pk"))


def readable_cohort_waves(user) -> list[dict]:
    """Cohorts with waves the person may read results of (all for evaluators and superusers, their own
    programmes' for a programme admin), one entry a cohort (one query)."""
    waves = Wave.objects.select_related("cohort__programme").order_by("-cohort__starts_on", "cohort_id", "opens_on")
    if not (user.is_superuser or user.has_perm("evaluation_surveys.build")):
        waves = waves.filter(cohort__programme__slug__in=user.administered_programme_slugs)
    cohorts: dict[int, dict] = {}
    for wave in waves:
        entry = cohorts.setdefault(wave.cohort_id, {"cohort": wave.cohort, "waves": []})
        entry["waves"].append(wave)
    return list(cohorts.values())


def cohort_waves(user, cohort_pk: int):
    """The cohort and its waves with counts, if the person may read its results (404 otherwise: the
    cohort's evaluation is not shown to those who cannot read it)."""
    waves = list(_waves_with_counts().filter(cohort_id=cohort_pk).order_by("opens_on", "pk"))
    if not waves or not user.has_perm("evaluation_surveys.read_cohort_results", waves[0].cohort):
        raise Http404("No results for this cohort")
    return waves[0].cohort, waves


# --- a person's own ------------------------------------------------------------------------------------


def own_open_invitations(user, now=None) -> list[Invitation]:
    today = timezone.localdate(now)
    return list(
        Invitation.objects.filter(
            leader=user, wave__audience=Audience.PARTICIPANTS, wave__opens_on__lte=today,
            wave__closes_on__gte=today, response__isnull=True,
        )
        .select_related("wave__cohort")
        .order_by("wave__closes_on", "pk")
    )


def own_responses(user) -> list[Response]:
    """The answers the person gave (not their line manager's), with the questions (two queries)."""
    return list(
        Response.objects.filter(invitation__leader=user, invitation__wave__audience=Audience.PARTICIPANTS)
        .select_related("invitation__wave__cohort")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("item").order_by("item__position"))
        )
        .order_by("-submitted_at")
    )


def own_response(user, pk: int) -> Response:
    found = Response.objects.filter(
        pk=pk, invitation__leader=user, invitation__wave__audience=Audience.PARTICIPANTS
    ).select_related("invitation__wave__cohort").first()
    if found is None:
        raise Http404("No such response")
    return found


def _invitation_for_answering(queryset) -> Invitation:
    found = (
        queryset.select_related("wave__cohort", "wave__version__instrument", "leader")
        .prefetch_related(Prefetch("wave__version__items", queryset=Item.objects.order_by("position", "pk")))
        .first()
    )
    if found is None:
        raise Http404("No such questionnaire")
    found.items = list(found.wave.version.items.all())
    found.answered = Response.objects.filter(invitation=found).exists()
    return found


def own_invitation(user, pk: int) -> Invitation:
    """A participant's own invitation (404 for anyone else, superusers included)."""
    return _invitation_for_answering(
        Invitation.objects.filter(pk=pk, leader=user, wave__audience=Audience.PARTICIPANTS)
    )


def line_manager_invitation(token: str) -> Invitation:
    """The invitation a line manager's link is for (404 for a tampered or expired link)."""
    try:
        pk = links.invitation_pk_from_token(token)
    except signing.BadSignature as error:
        raise Http404("This link is not valid") from error
    return _invitation_for_answering(Invitation.objects.filter(pk=pk, wave__audience=Audience.LINE_MANAGERS))


# --- results -------------------------------------------------------------------------------------------


def _hidden(count: int) -> bool:
    """Whether a count of people is too small to show (the one suppression helper decides)."""
    return suppress({"people": count})["people"].suppressed


def normalised(kind: str, number: int) -> float:
    """A Likert answer (1 to 5) on the slider's scale (0 to 100), so items of both kinds can be combined."""
    return (number - 1) * 25.0 if kind == ItemKind.LIKERT else float(number)


@dataclass
class Rate:
    invited: str
    answered: str
    not_answered: str
    rate: str


def response_rate(invited: int, answered: int) -> Rate:
    table = suppress({"Answered": answered, "Not answered": invited - answered})
    cells = table.displays()
    shown = not table["Answered"].suppressed and invited >= 5
    return Rate(
        invited=table.total_display if table.total is not None else NOT_SHOWN,
        answered=cells["Answered"],
        not_answered=cells["Not answered"],
        rate=f"{round(100 * answered / invited)}%" if shown and invited else NOT_SHOWN,
    )


@dataclass
class ItemSummary:
    item: Item
    answered: str
    median: str = ""
    agree: str = ""
    choices: list = field(default_factory=list)
    quotes: list = field(default_factory=list)


def _item_summary(item: Item, answers: list[dict]) -> ItemSummary:
    n = len(answers)
    hidden = _hidden(n)
    summary = ItemSummary(item=item, answered=suppress({"n": n})["n"].display)
    if item.kind in NUMERIC_KINDS:
        numbers = [a["number"] for a in answers if a["number"] is not None]
        summary.median = NOT_SHOWN if hidden or not numbers else f"{statistics.median(numbers):g}"
        if item.kind == ItemKind.LIKERT:
            agree = sum(1 for value in numbers if value >= 4)
            table = suppress({"agree": agree, "other": len(numbers) - agree})
            summary.agree = (
                NOT_SHOWN if hidden or table.any_suppressed or not numbers else f"{round(100 * agree / len(numbers))}%"
            )
    elif item.kind == ItemKind.CHOICE:
        counts = dict.fromkeys(item.options, 0)
        for answer in answers:
            if answer["choice"] in counts:
                counts[answer["choice"]] += 1
        summary.choices = list(suppress(counts).displays().items()) if counts else []
    else:
        if not hidden:
            summary.quotes = [a["text"] for a in answers if a["text"] and a["consent"]]
    return summary


@dataclass
class WaveResult:
    wave: Wave
    rate: Rate
    items: list[ItemSummary]


@dataclass
class PairedRow:
    label: str
    is_construct: bool
    pairs: str
    median_change: str
    improved: str


@dataclass
class CohortResults:
    cohort: object
    waves: list[WaveResult]
    paired: list[PairedRow]
    paired_note: str = ""


def _answers_of(waves: list[Wave]) -> list[dict]:
    rows = Answer.objects.filter(response__invitation__wave__in=[w.pk for w in waves]).values(
        "item_id", "number", "choice", "text", "response__consent_to_quote",
        "response__invitation__leader_id", "response__invitation__wave_id",
    )
    return [
        {
            "item": row["item_id"], "number": row["number"], "choice": row["choice"], "text": row["text"],
            "consent": row["response__consent_to_quote"], "person": row["response__invitation__leader_id"],
            "wave": row["response__invitation__wave_id"],
        }
        for row in rows
    ]


def cohort_results(user, cohort_pk: int) -> CohortResults:
    """One cohort's results in four queries: waves with counts, their questions, every answer, nothing
    else. Pre/post pairs are per person but only medians and shares over five or more are shown."""
    cohort, waves = cohort_waves(user, cohort_pk)
    items = list(
        Item.objects.filter(version__in={w.version_id for w in waves}).order_by("version", "position", "pk")
    )
    items_by_version = defaultdict(list)
    for each in items:
        items_by_version[each.version_id].append(each)
    answers = _answers_of(waves)
    by_wave_item = defaultdict(list)
    for answer in answers:
        by_wave_item[(answer["wave"], answer["item"])].append(answer)
    results = [
        WaveResult(
            wave=wave,
            rate=response_rate(wave.invited, wave.answered),
            items=[_item_summary(each, by_wave_item[(wave.pk, each.pk)]) for each in items_by_version[wave.version_id]],
        )
        for wave in waves
    ]
    paired = _pre_post(waves, {each.pk: each for each in items}, answers)
    return CohortResults(cohort=cohort, waves=results, paired=paired)


def _person_scores(wave: Wave, items: dict[int, Item], answers: list[dict]):
    """{key: {person: score}} for every item (keyed by its question) and every construct (the person's
    mean of its items, on the 0 to 100 scale)."""
    by_item: dict[tuple, dict[int, float]] = defaultdict(dict)
    construct_values: dict[tuple, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for answer in answers:
        each = items.get(answer["item"])
        if answer["wave"] != wave.pk or each is None or each.kind not in NUMERIC_KINDS or answer["number"] is None:
            continue
        score = normalised(each.kind, answer["number"])
        by_item[("item", each.kind, each.text)][answer["person"]] = score
        if each.construct:
            construct_values[("construct", each.construct.casefold(), each.construct)][answer["person"]].append(score)
    for key, people in construct_values.items():
        by_item[key] = {person: statistics.fmean(values) for person, values in people.items()}
    return by_item


def _pre_post(waves: list[Wave], items: dict[int, Item], answers: list[dict]) -> list[PairedRow]:
    before = next((w for w in waves if w.kind == WaveKind.BEFORE and w.audience == Audience.PARTICIPANTS), None)
    after = next((w for w in waves if w.kind == WaveKind.AFTER and w.audience == Audience.PARTICIPANTS), None)
    if before is None or after is None:
        return []
    scores_before = _person_scores(before, items, answers)
    scores_after = _person_scores(after, items, answers)
    rows = []
    keys = [k for k in scores_before if k in scores_after]
    keys.sort(key=lambda k: (k[0] != "construct", k[-1].casefold()))
    for key in keys:
        people = sorted(set(scores_before[key]) & set(scores_after[key]))
        changes = [scores_after[key][p] - scores_before[key][p] for p in people]
        improved = sum(1 for change in changes if change > 0)
        too_few = _hidden(len(changes))
        split = suppress({"improved": improved, "not improved": len(changes) - improved})
        share_hidden = too_few or split.any_suppressed
        rows.append(
            PairedRow(
                label=key[-1],
                is_construct=key[0] == "construct",
                pairs=suppress({"n": len(changes)})["n"].display,
                median_change=NOT_SHOWN if too_few else f"{statistics.median(changes):+.1f}",
                improved=NOT_SHOWN if share_hidden else f"{round(100 * improved / len(changes))}%",
            )
        )
    return rows


# --- a quarter's headline results, for the evaluation report --------------------------------------------


@dataclass
class WaveRate:
    wave: Wave
    rate: Rate


@dataclass
class CohortPrePost:
    cohort: object
    rows: list[PairedRow]


@dataclass
class PeriodResults:
    rates: list[WaveRate]
    pre_post: list[CohortPrePost]


def period_results(start, end) -> PeriodResults:
    """The questionnaires of a period (four queries whatever their number): every wave that opened in it
    with its response rate, and the paired before/after results of each cohort whose participants' "after"
    wave opened in it. Everything about people is suppressed as on a cohort's results page."""
    waves = list(_waves_with_counts().filter(opens_on__range=(start, end)).order_by("opens_on", "cohort_id", "pk"))
    paired_cohorts = {w.cohort_id for w in waves if w.kind == WaveKind.AFTER and w.audience == Audience.PARTICIPANTS}
    cohort_waves_ = list(_waves_with_counts().filter(cohort_id__in=paired_cohorts).order_by("cohort__starts_on", "pk"))
    items = {each.pk: each for each in Item.objects.filter(version__in={w.version_id for w in cohort_waves_})}
    answers = _answers_of(cohort_waves_) if cohort_waves_ else []
    by_cohort: dict[int, list[Wave]] = defaultdict(list)
    for wave in cohort_waves_:
        by_cohort[wave.cohort_id].append(wave)
    pre_post = []
    for cohort_waves_of_one in by_cohort.values():
        ids = {w.pk for w in cohort_waves_of_one}
        rows = _pre_post(cohort_waves_of_one, items, [a for a in answers if a["wave"] in ids])
        if rows:
            pre_post.append(CohortPrePost(cohort=cohort_waves_of_one[0].cohort, rows=rows))
    return PeriodResults(
        rates=[WaveRate(wave=wave, rate=response_rate(wave.invited, wave.answered)) for wave in waves],
        pre_post=pre_post,
    )


# --- level 1 reaction, for other slices ----------------------------------------------------------------


@dataclass(frozen=True)
class ReactionScore:
    """A cohort's level 1 reaction: each respondent's mean of the numeric questions on a 0 to 100 scale;
    ``median`` is None when fewer than 5 answered (``responses`` then says "fewer than 5"); ``share_positive``
    (a mean of 75 or more, "agree" on a Likert item) is None too when fewer than 5 were, or were not, positive."""

    cohort_id: int
    cohort_title: str
    programme_name: str
    responses: str
    median: float | None
    share_positive: float | None


def reaction_scores(cohort_ids=None, programme_slugs=None) -> list[ReactionScore]:
    """Level 1 reaction scores per cohort (two queries), suppressed for small numbers. Filter by cohort
    ids or programme slugs (None: every cohort with a reaction wave)."""
    waves = Wave.objects.filter(kind=WaveKind.REACTION, audience=Audience.PARTICIPANTS).select_related(
        "cohort__programme"
    )
    if cohort_ids is not None:
        waves = waves.filter(cohort_id__in=list(cohort_ids))
    if programme_slugs is not None:
        waves = waves.filter(cohort__programme__slug__in=list(programme_slugs))
    waves = list(waves.order_by("cohort__starts_on", "pk"))
    rows = Answer.objects.filter(
        Q(item__kind__in=NUMERIC_KINDS), response__invitation__wave__in=[w.pk for w in waves], number__isnull=False
    ).values_list("response__invitation__wave_id", "response_id", "item__kind", "number")
    per_person: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for wave_id, response_id, kind, number in rows:
        per_person[wave_id][response_id].append(normalised(kind, number))
    scores = []
    for wave in waves:
        means = [statistics.fmean(values) for values in per_person[wave.pk].values()]
        positive = sum(1 for mean in means if mean >= 75)
        too_few = _hidden(len(means))
        share_hidden = too_few or suppress({"yes": positive, "no": len(means) - positive}).any_suppressed
        scores.append(
            ReactionScore(
                cohort_id=wave.cohort_id,
                cohort_title=wave.cohort.title,
                programme_name=wave.cohort.programme.name,
                responses=suppress({"n": len(means)})["n"].display,
                median=None if too_few else round(statistics.median(means), 1),
                share_positive=None if share_hidden else round(positive / len(means), 3),
            )
        )
    return scores

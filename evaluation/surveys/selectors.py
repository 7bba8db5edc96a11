"""Reads for evaluation questionnaires, each in a fixed number of queries. Results are aggregate only:
every count of people goes through ``academy.reports.suppression``, and a median or share is shown only
when the count it rests on is shown."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.core import signing
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from academy.reports.suppression import NOT_SHOWN, suppress
from evaluation.surveys import links, reference, subjects
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
    SubjectKind,
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


# Newest cohorts first, then editions and placements (newest first), each subject's waves by date.
NEWEST_SUBJECTS_FIRST = (
    F("cohort__starts_on").desc(nulls_last=True), "cohort_id", F("edition_id").desc(nulls_last=True),
    F("placement_id").desc(nulls_last=True), F("event_id").desc(nulls_last=True), "opens_on", "pk",
)


def all_waves() -> list[Wave]:
    """Every wave, newest cohorts first, with how many were invited and answered (one query). Call
    ``subjects.attach`` to name their subjects."""
    return list(_waves_with_counts().order_by(*NEWEST_SUBJECTS_FIRST))


def waves_for_schedule_page() -> list[Wave]:
    """Every wave with its counts and its subject named (three queries at most)."""
    return subjects.attach(all_waves())


def _readable(user, waves):
    """Only the waves whose results the person may read: all for evaluators and superusers; a programme
    admin's own programmes' cohorts, and the conference's editions or shadowing's placements for their
    admins."""
    if user.is_superuser or user.has_perm("evaluation_surveys.build"):
        return waves
    slugs = set(user.administered_programme_slugs)
    mine = Q(cohort__programme__slug__in=slugs)
    if subjects.CONFERENCE[0] in slugs:
        mine |= Q(edition__isnull=False)
    if subjects.SHADOWING[0] in slugs:
        mine |= Q(placement__isnull=False)
    if subjects.NETWORK[0] in slugs:
        mine |= Q(event__isnull=False)
    return waves.filter(mine)


def readable_cohort_waves(user) -> list[dict]:
    """Subjects (cohorts, editions, placements) with waves the person may read results of, one entry a
    subject: ``subject``, ``waves`` and, for a cohort, ``cohort`` (three queries at most)."""
    waves = subjects.attach(_readable(user, Wave.objects.select_related("cohort__programme")).order_by(
        *NEWEST_SUBJECTS_FIRST))
    found: dict[tuple, dict] = {}
    for wave in waves:
        entry = found.setdefault(
            (wave.subject_kind, wave.subject_id), {"subject": wave.subject, "cohort": wave.cohort, "waves": []}
        )
        entry["waves"].append(wave)
    return list(found.values())


def subject_waves(user, kind: str, pk: int):
    """The subject and its waves with counts, if the person may read its results (404 otherwise: the
    subject's evaluation is not shown to those who cannot read it)."""
    if kind not in SubjectKind.values:
        raise Http404("No results")
    waves = subjects.attach(_waves_with_counts().filter(**{f"{kind}_id": pk}).order_by("opens_on", "pk"))
    if not waves or not user.has_perm("evaluation_surveys.read_subject_results", waves[0].subject):
        raise Http404("No results for this")
    return waves[0].subject, waves


def cohort_waves(user, cohort_pk: int):
    subject, waves = subject_waves(user, SubjectKind.COHORT, cohort_pk)
    return waves[0].cohort, waves


# --- the standard five-wave schedule -------------------------------------------------------------------

# (kind, audience, instrument it defaults to), in the order the waves open
STANDARD_WAVES = (
    (WaveKind.BEFORE, Audience.PARTICIPANTS, reference.CAPABILITY_NAME),
    (WaveKind.REACTION, Audience.PARTICIPANTS, reference.REACTION_NAME),
    (WaveKind.AFTER, Audience.PARTICIPANTS, reference.CAPABILITY_NAME),
    (WaveKind.BEHAVIOUR, Audience.PARTICIPANTS, reference.CAPABILITY_NAME),
    (WaveKind.BEHAVIOUR, Audience.LINE_MANAGERS, reference.LINE_MANAGER_NAME),
    (WaveKind.RESULTS, Audience.PARTICIPANTS, reference.CAPABILITY_NAME),
)


@dataclass(frozen=True)
class PlannedWave:
    """One wave of a cohort's standard schedule: its dates, and whether it already exists (it is then
    left as it is) or closes before today (then it is not made: nobody could answer it)."""

    kind: str
    audience: str
    instrument_name: str
    opens_on: object
    closes_on: object
    exists: bool
    too_late: bool

    @property
    def field_name(self) -> str:
        return f"{self.kind}_{self.audience}"

    @property
    def to_make(self) -> bool:
        return not self.exists and not self.too_late


def standard_dates(cohort, last_session_day) -> dict[tuple[str, str], tuple]:
    """Opening and closing dates of the standard Kirkpatrick waves from a subject's dates (a cohort, an
    edition or a placement: anything with ``starts_on`` and ``ends_on``): before a week before the start
    (closing the day before it), reaction on the last session day (or the end date when there are no
    sessions), after at the end, behaviour (participants and line managers) at three months, results at
    six months."""
    day = dt.timedelta(days=1)
    reaction = last_session_day or cohort.ends_on
    three, six = cohort.ends_on + relativedelta(months=3), cohort.ends_on + relativedelta(months=6)
    return {
        (WaveKind.BEFORE, Audience.PARTICIPANTS): (cohort.starts_on - 7 * day, cohort.starts_on - day),
        (WaveKind.REACTION, Audience.PARTICIPANTS): (reaction, reaction + 7 * day),
        (WaveKind.AFTER, Audience.PARTICIPANTS): (cohort.ends_on, cohort.ends_on + 14 * day),
        (WaveKind.BEHAVIOUR, Audience.PARTICIPANTS): (three, three + 21 * day),
        (WaveKind.BEHAVIOUR, Audience.LINE_MANAGERS): (three, three + 21 * day),
        (WaveKind.RESULTS, Audience.PARTICIPANTS): (six, six + 21 * day),
    }


def standard_plan(subject, now=None) -> list[PlannedWave]:
    """The standard schedule of a subject (a ``subjects.Subject``, or a cohort) against what it already
    has (two queries for a cohort, one for a subject)."""
    today = timezone.localdate(now)
    if isinstance(subject, subjects.Subject):
        dates = standard_dates(subject, subject.last_day)
        existing_waves = Wave.objects.filter(**subject.wave_filter)
    else:
        last_end = programmes.last_session_end(subject)
        dates = standard_dates(subject, timezone.localdate(last_end) if last_end else None)
        existing_waves = Wave.objects.filter(cohort_id=subject.pk)
    existing = set(existing_waves.values_list("kind", "audience"))
    return [
        PlannedWave(
            kind=kind, audience=audience, instrument_name=name, opens_on=dates[(kind, audience)][0],
            closes_on=dates[(kind, audience)][1], exists=(kind, audience) in existing,
            too_late=dates[(kind, audience)][1] < today,
        )
        for kind, audience, name in STANDARD_WAVES
    ]


def default_versions(plan: list[PlannedWave], versions) -> dict[str, InstrumentVersion]:
    """For each wave to make, the newest live version of the questionnaire it usually uses (or the first
    live one when that questionnaire has none). ``versions``: the live versions (read once by the caller)."""
    versions = list(versions)
    newest: dict[str, InstrumentVersion] = {}
    for version in versions:
        name = version.instrument.name
        if name not in newest or version.number > newest[name].number:
            newest[name] = version
    fallback = versions[0] if versions else None
    return {
        planned.field_name: newest.get(planned.instrument_name, fallback)
        for planned in plan
        if planned.to_make and newest.get(planned.instrument_name, fallback) is not None
    }


def scheduling_cohort(user, pk: int):
    """A cohort an evaluator may schedule the standard waves for: a published one (404 otherwise)."""
    return programmes.cohort_for_page(user, pk)


def scheduling_subject(user, kind: str, pk: int) -> subjects.Subject:
    """A cohort, edition, placement or event an evaluator may schedule the standard waves for (404 otherwise)."""
    return subjects.for_scheduling(user, kind, pk)


def schedulable_subjects(now=None) -> list[subjects.Subject]:
    """Every cohort, edition and placement a wave can be scheduled for (see ``subjects.schedulable``)."""
    return subjects.schedulable(now)


# --- a person's own ------------------------------------------------------------------------------------


def own_open_invitations(user, now=None) -> list[Invitation]:
    today = timezone.localdate(now)
    found = list(
        Invitation.objects.filter(
            leader=user, wave__audience=Audience.PARTICIPANTS, wave__opens_on__lte=today,
            wave__closes_on__gte=today, response__isnull=True,
        )
        .select_related("wave__cohort__programme")
        .order_by("wave__closes_on", "pk")
    )
    subjects.attach(invitation.wave for invitation in found)
    return found


def own_responses(user) -> list[Response]:
    """The answers the person gave (not their line manager's), with the questions and what they were
    about (four queries at most)."""
    found = list(
        Response.objects.filter(invitation__leader=user, invitation__wave__audience=Audience.PARTICIPANTS)
        .select_related("invitation__wave__cohort__programme")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("item").order_by("item__position"))
        )
        .order_by("-submitted_at")
    )
    subjects.attach(response.invitation.wave for response in found)
    return found


def own_response(user, pk: int) -> Response:
    found = Response.objects.filter(
        pk=pk, invitation__leader=user, invitation__wave__audience=Audience.PARTICIPANTS
    ).select_related("invitation__wave__cohort__programme").first()
    if found is None:
        raise Http404("No such response")
    subjects.attach([found.invitation.wave])
    return found


def _invitation_for_answering(queryset) -> Invitation:
    found = (
        queryset.select_related("wave__cohort__programme", "wave__version__instrument", "leader")
        .prefetch_related(Prefetch("wave__version__items", queryset=Item.objects.order_by("position", "pk")))
        .first()
    )
    if found is None:
        raise Http404("No such questionnaire")
    found.items = list(found.wave.version.items.all())
    subjects.attach([found.wave])
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
    """A subject's results; ``cohort`` is the cohort when the subject is one (None otherwise)."""

    cohort: object
    waves: list[WaveResult]
    paired: list[PairedRow]
    paired_note: str = ""
    subject: subjects.Subject | None = None


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
    return subject_results(user, SubjectKind.COHORT, cohort_pk)


def subject_results(user, kind: str, pk: int) -> CohortResults:
    """One subject's results (a cohort, an edition or a placement) in four queries (five for an edition or
    a placement, to name it): waves with counts, their questions, every answer, nothing else. Pre/post
    pairs are per person but only medians and shares over five or more are shown."""
    subject, waves = subject_waves(user, kind, pk)
    cohort = waves[0].cohort
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
    return CohortResults(cohort=cohort, waves=results, paired=paired, subject=subject)


EXPORT_HEADERS = (
    "Cohort, edition, placement or event", "Questionnaire", "Level", "Who answers", "Question", "What it measures",
    "Responses", "Median", "Agree or strongly agree", "People answering before and after", "Median change",
    "Share improved",
)


def _figure(display: str):
    """A shown figure as a number for a spreadsheet ("12" → 12, "+25.0" → 25.0, "-3.5" → -3.5); a share
    ("50%") and anything suppressed ("fewer than 5", "not shown") stay as shown."""
    try:
        return int(display)
    except ValueError:
        pass
    try:
        return float(display)
    except ValueError:
        return display


@dataclass
class WaveExport:
    stem: str
    rows: list[list[str]]
    respondent_ids: list[int]


def wave_export(user, wave_pk: int) -> WaveExport:
    """One wave's results as table rows, aggregates only and no names: per question its responses, median
    and agreement as on the results page (each count through the suppression helper, a median or share only
    over five or more), one row per answer to choose from, and for the participants' "after" wave the paired
    change per question and per construct. Free text is never exported. Also the ids of the people whose
    answers it rests on, for the access log. 404 for a wave the person may not read."""
    found = Wave.objects.filter(pk=wave_pk).first()
    if found is None:
        raise Http404("No such questionnaire")
    results = subject_results(user, found.subject_kind, found.subject_id)
    result = next(r for r in results.waves if r.wave.pk == wave_pk)
    wave = result.wave
    paired = {}
    if wave.kind == WaveKind.AFTER and wave.audience == Audience.PARTICIPANTS:
        paired = {(row.is_construct, row.label): row for row in results.paired}
    head = [
        results.subject.title, f"{wave.version.instrument.name}, version {wave.version.number}",
        wave.get_kind_display(), wave.get_audience_display(),
    ]

    def pairs(row):
        return [_figure(row.pairs), _figure(row.median_change), row.improved] if row else ["", "", ""]

    rows = []
    for summary in result.items:
        each = summary.item
        rows.append(head + [
            each.text, each.construct, _figure(summary.answered), _figure(summary.median), summary.agree,
            *pairs(paired.get((False, each.text))),
        ])
        for label, shown in summary.choices:
            rows.append(head + [f"{each.text}: {label}", each.construct, _figure(shown), "", "", "", "", ""])
    for (is_construct, label), row in paired.items():
        if is_construct:
            rows.append(head + [f"All questions measuring {label}", label, "", "", "", *pairs(row)])
    respondents = list(
        Invitation.objects.filter(wave_id=wave.pk, response__isnull=False).values_list("leader_id", flat=True)
    )
    stem = f"results-{results.subject.title}-{wave.kind}-{wave.audience}"
    return WaveExport(stem=stem, rows=rows, respondent_ids=respondents)


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
    """A subject's paired before/after results: ``cohort`` is the subject (a ``subjects.Subject``, with
    ``title`` and ``programme_name``) whatever its kind."""

    cohort: object
    rows: list[PairedRow]


@dataclass
class PeriodResults:
    rates: list[WaveRate]
    pre_post: list[CohortPrePost]


def period_results(start, end) -> PeriodResults:
    """The questionnaires of a period (four queries whatever their number, and two more at most to name
    editions and placements): every wave that opened in it
    with its response rate, and the paired before/after results of each cohort whose participants' "after"
    wave opened in it. Everything about people is suppressed as on a cohort's results page."""
    waves = subjects.attach(
        _waves_with_counts().filter(opens_on__range=(start, end)).order_by("opens_on", "cohort_id", "pk")
    )
    paired = [w for w in waves if w.kind == WaveKind.AFTER and w.audience == Audience.PARTICIPANTS]
    of_paired = Q(pk__in=[])
    for kind in SubjectKind.values:
        ids = {w.subject_id for w in paired if w.subject_kind == kind}
        if ids:
            of_paired |= Q(**{f"{kind}_id__in": ids})
    cohort_waves_ = subjects.attach(
        _waves_with_counts().filter(of_paired).order_by("cohort__starts_on", "opens_on", "pk") if paired else []
    )
    items = {each.pk: each for each in Item.objects.filter(version__in={w.version_id for w in cohort_waves_})}
    answers = _answers_of(cohort_waves_) if cohort_waves_ else []
    by_cohort: dict[tuple, list[Wave]] = defaultdict(list)
    for wave in cohort_waves_:
        by_cohort[(wave.subject_kind, wave.subject_id)].append(wave)
    pre_post = []
    for cohort_waves_of_one in by_cohort.values():
        ids = {w.pk for w in cohort_waves_of_one}
        rows = _pre_post(cohort_waves_of_one, items, [a for a in answers if a["wave"] in ids])
        if rows:
            pre_post.append(CohortPrePost(cohort=cohort_waves_of_one[0].subject, rows=rows))
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
    waves = Wave.objects.filter(
        kind=WaveKind.REACTION, audience=Audience.PARTICIPANTS, cohort__isnull=False
    ).select_related("cohort__programme")
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

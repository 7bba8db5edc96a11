"""Questionnaire demo data: a year of Kirkpatrick waves for the demo cohorts with participants (before
and after, reaction, the line manager's view at three months, results at six months), answered by most
participants, so the results pages show paired change and response rates. leader@ has an open reaction
questionnaire waiting. Idempotent: waves are found by cohort, level and audience, and a wave that already
has invitations is left alone. No emails are sent: invitations are recorded as the beat task would, and
answers are never dated after today. The first cohort still to start gets the standard five-wave
schedule, as an evaluator would make it on its standard schedule page. Last year's conference edition has
its reaction, after, behaviour (with line managers) and results waves, answered by about two in three."""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from evaluation.surveys import reference, selectors, services, subjects
from evaluation.surveys.models import (
    Answer,
    Audience,
    InstrumentVersion,
    Invitation,
    ItemKind,
    Response,
    VersionState,
    Wave,
    WaveKind,
)
from evaluation.surveys.reference import CAPABILITY_NAME, LINE_MANAGER_NAME, REACTION_NAME
from programmes.conference import selectors as conference
from programmes.core import selectors as programmes

QUOTES = [
    "I now chair a cross-borough discharge group with colleagues from the voluntary sector.",
    "I understand how decisions are made across the ICS and who to talk to.",
    "The action learning set changed how I approach problems I cannot solve alone.",
    "I have put myself forward for the clinical and care professional leadership group.",
    "More confident speaking up for my profession at system meetings.",
]


def _plan(cohort, today):
    """(kind, audience, instrument name, opens, closes) for a cohort, within a year back and a month ahead."""
    start, end = cohort.starts_on, cohort.ends_on
    waves = [
        (WaveKind.BEFORE, Audience.PARTICIPANTS, CAPABILITY_NAME, start - dt.timedelta(days=14), start),
        (WaveKind.REACTION, Audience.PARTICIPANTS, REACTION_NAME, end, end + dt.timedelta(days=7)),
        (WaveKind.AFTER, Audience.PARTICIPANTS, CAPABILITY_NAME, end, end + dt.timedelta(days=21)),
        (WaveKind.BEHAVIOUR, Audience.LINE_MANAGERS, LINE_MANAGER_NAME, end + dt.timedelta(days=91),
         end + dt.timedelta(days=112)),
        (WaveKind.RESULTS, Audience.PARTICIPANTS, CAPABILITY_NAME, end + dt.timedelta(days=182),
         end + dt.timedelta(days=203)),
    ]
    if start <= today <= end:  # a running cohort: a reaction questionnaire after this week's session
        waves[1] = (WaveKind.REACTION, Audience.PARTICIPANTS, REACTION_NAME, today - dt.timedelta(days=2),
                    today + dt.timedelta(days=5))
    return [w for w in waves if today - dt.timedelta(days=365) <= w[3] <= today + dt.timedelta(days=31)]


def _value(item, rng, lift):
    if item.kind == ItemKind.LIKERT:
        return {"number": max(1, min(5, rng.choice([2, 3, 3, 4, 4]) + lift))}
    if item.kind == ItemKind.SLIDER:
        return {"number": max(0, min(100, rng.randint(30, 70) + 20 * lift))}
    if item.kind == ItemKind.CHOICE:
        return {"choice": item.options[min(len(item.options) - 1, rng.randint(0, 2) + lift)]}
    return {"text": rng.choice(QUOTES) if rng.random() < 0.6 else ""}


def build_surveys(ctx: SeedContext) -> None:
    superuser = User.objects.filter(email=f"superuser@{DEMO_DOMAIN}").first()
    evaluator = User.objects.filter(email=f"evaluator@{DEMO_DOMAIN}").first()
    leader = User.objects.filter(email=f"leader@{DEMO_DOMAIN}").first()
    if superuser is None:
        return
    reference.load(apps)  # the seeded questionnaires, should a flush have emptied them
    versions = {
        v.instrument.name: v
        for v in InstrumentVersion.objects.filter(state=VersionState.LIVE).select_related("instrument")
        .prefetch_related("items")
    }
    now = timezone.now()
    today = timezone.localdate()
    for cohort in programmes.administered_cohorts(superuser):
        participants = programmes.group_participants(cohort)
        if not participants:
            continue
        for kind, audience, name, opens, closes in _plan(cohort, today):
            version = versions.get(name)
            if version is None:
                continue
            wave, _ = Wave.objects.get_or_create(
                cohort=cohort, kind=kind, audience=audience,
                defaults={"version": version, "opens_on": opens, "closes_on": closes, "created_by": evaluator},
            )
            if opens > today or wave.invitations.exists():
                continue
            _invite_and_answer(wave, version, f"surveys-{cohort.pk}-{kind}-{audience}", leader, today, now)

    _past_edition(versions, evaluator, leader, today, now)
    if evaluator is not None:
        _standard_schedule(evaluator, today)


def _invite_and_answer(wave, version, seed: str, leader, today, now, share: float = 0.8) -> None:
    """Invite the wave's people as the beat task would (no email), and record answers from about ``share``
    of them, never dated after now; leader@ keeps an open questionnaire to answer."""
    rng = random.Random(seed)
    kind, audience, opens, closes = wave.kind, wave.audience, wave.opens_on, wave.closes_on
    lift = 1 if kind in (WaveKind.AFTER, WaveKind.RESULTS, WaveKind.BEHAVIOUR) else 0
    to_managers = audience == Audience.LINE_MANAGERS
    for person in subjects.participants(wave, today):
        if to_managers and not person.line_manager_email:
            continue
        invitation = Invitation.objects.create(
            wave=wave, leader_id=person.user_id,
            line_manager_name=person.line_manager_name if to_managers else "",
            line_manager_email=person.line_manager_email if to_managers else "",
        )
        open_now = closes >= today
        if (leader and person.user_id == leader.pk and open_now) or rng.random() > share:
            continue  # leader@ still has it to answer; some never answer
        submitted = timezone.make_aware(
            dt.datetime.combine(opens + dt.timedelta(days=rng.randint(0, max(0, (closes - opens).days))),
                                dt.time(10 + rng.randint(0, 6), rng.choice([0, 15, 30, 45])))
        )
        response = Response.objects.create(
            invitation=invitation, submitted_at=min(submitted, now), consent_to_quote=rng.random() < 0.5
        )
        Answer.objects.bulk_create(
            Answer(response=response, item=item, **_value(item, rng, lift)) for item in version.items.all()
        )


# Last year's conference: reaction on the day, after at a fortnight, behaviour at three months (with line
# managers) and results at six months, answered by about two in three of those who came.
PAST_EDITION_WAVES = (
    (WaveKind.REACTION, Audience.PARTICIPANTS, REACTION_NAME, 0, 7),
    (WaveKind.AFTER, Audience.PARTICIPANTS, CAPABILITY_NAME, 14, 28),
    (WaveKind.BEHAVIOUR, Audience.PARTICIPANTS, CAPABILITY_NAME, 91, 112),
    (WaveKind.BEHAVIOUR, Audience.LINE_MANAGERS, LINE_MANAGER_NAME, 91, 112),
    (WaveKind.RESULTS, Audience.PARTICIPANTS, CAPABILITY_NAME, 182, 203),
)


def _past_edition(versions, evaluator, leader, today, now) -> None:
    """Waves with answers for the latest conference edition held more than seven months ago (last year's, in
    the demo). Idempotent: found by edition, level and audience; a wave with invitations is left alone."""
    held = [e for e in conference.evaluation_editions(since=today - dt.timedelta(days=430))
            if e.ends_on <= today - dt.timedelta(days=210)]
    if not held:
        return
    edition = held[0]
    for kind, audience, name, opens_after, closes_after in PAST_EDITION_WAVES:
        version = versions.get(name)
        if version is None:
            continue
        opens, closes = edition.last_day + dt.timedelta(days=opens_after), edition.last_day + dt.timedelta(
            days=closes_after)
        wave, _ = Wave.objects.get_or_create(
            edition_id=edition.pk, kind=kind, audience=audience,
            defaults={"version": version, "opens_on": opens, "closes_on": closes, "created_by": evaluator},
        )
        if wave.invitations.exists():
            continue
        _invite_and_answer(wave, version, f"surveys-edition-{edition.pk}-{kind}-{audience}", leader, today, now,
                           share=0.65)


def _standard_schedule(evaluator, today) -> None:
    upcoming = [cohort for cohort in selectors.schedulable_cohorts() if cohort.starts_on > today]
    if not upcoming:
        return
    cohort = min(upcoming, key=lambda c: (c.starts_on, c.pk))
    plan = selectors.standard_plan(cohort)
    with contextlib.suppress(ValidationError):  # an earlier run scheduled it
        services.schedule_standard(
            evaluator, cohort=cohort, versions=selectors.default_versions(plan, selectors.live_versions())
        )


DEMO_BUILDERS.append(("evaluation questionnaires", build_surveys))

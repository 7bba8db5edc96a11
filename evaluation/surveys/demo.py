"""Questionnaire demo data: a year of Kirkpatrick waves for the demo cohorts with participants (before
and after, reaction, the line manager's view at three months, results at six months), answered by most
participants, so the results pages show paired change and response rates. leader@ has an open reaction
questionnaire waiting. Idempotent: waves are found by cohort, level and audience, and a wave that already
has invitations is left alone. No emails are sent: invitations are recorded as the beat task would, and
answers are never dated after today."""

from __future__ import annotations

import datetime as dt
import random

from django.apps import apps
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from evaluation.surveys import reference
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
            rng = random.Random(f"surveys-{cohort.pk}-{kind}-{audience}")
            lift = 1 if kind in (WaveKind.AFTER, WaveKind.RESULTS, WaveKind.BEHAVIOUR) else 0
            for application in participants:
                if audience == Audience.LINE_MANAGERS and not application.line_manager_email:
                    continue
                invitation = Invitation.objects.create(
                    wave=wave, leader_id=application.applicant_id,
                    line_manager_name=application.line_manager_name if audience == Audience.LINE_MANAGERS else "",
                    line_manager_email=application.line_manager_email if audience == Audience.LINE_MANAGERS else "",
                )
                open_now = closes >= today
                if (leader and application.applicant_id == leader.pk and open_now) or rng.random() > 0.8:
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


DEMO_BUILDERS.append(("evaluation questionnaires", build_surveys))

"""Building blocks for the questionnaire tests: a live instrument, a cohort with participants, a wave."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from academy import workflow
from evaluation.surveys import services
from evaluation.surveys.models import Audience, WaveKind
from programmes.core.models import ApplicationState
from tests.factories.programmes import ApplicationFactory, CohortFactory


def live_version(name="Test capability", items=None):
    instrument = services.create_instrument(workflow.SYSTEM, name=name, purpose="Testing")
    version = instrument.versions.get()
    for kind, text, construct, options in items or [
        ("likert", "I belong to the ICS.", "Belonging", []),
        ("slider", "How confident are you?", "Confidence", []),
        ("choice", "How often?", "", ["Never", "Weekly"]),
        ("text", "What changed?", "", []),
    ]:
        services.add_item(workflow.SYSTEM, version, kind=kind, text=text, construct=construct, options=options)
    return services.publish_version(workflow.SYSTEM, version)


def cohort_with_participants(count=6, programme=None):
    extra = {"programme": programme} if programme else {}
    cohort = CohortFactory(**extra)
    apps = [ApplicationFactory(cohort=cohort, state=ApplicationState.ACCEPTED) for _ in range(count)]
    return cohort, apps


def open_wave(cohort, version, kind=WaveKind.BEFORE, audience=Audience.PARTICIPANTS, days=10):
    today = timezone.localdate()
    return services.schedule_wave(
        workflow.SYSTEM, cohort=cohort, kind=kind, audience=audience, version=version,
        opens_on=today, closes_on=today + dt.timedelta(days=days),
    )


def answers_for(version, likert=4, slider=60, choice="Weekly", text="I chair a cross-borough group now."):
    values = {"likert": likert, "slider": slider, "choice": choice, "text": text}
    return {item.pk: values[item.kind] for item in version.items.all()}

"""Entries at each stage of the contribution log, made through the services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from evaluation.contribution import services
from evaluation.contribution.models import Entry, SourceKind
from programmes.core.models import Programme
from tests.conftest import make_person


def data(**overrides) -> services.EntryData:
    fields = {"title": "Frailty huddle", "description": "A daily huddle between the ward and social care.",
              "source_kind": SourceKind.OTHER, "source_text": "Curriculum cohort 1 learning set",
              "owner": "Frailty team, Lewisham"}
    fields.update(overrides)
    return services.EntryData(**fields)


def curriculum() -> Programme:
    return Programme.objects.get(slug="curriculum")


def identified(**overrides) -> Entry:
    return services.record_entry(make_person("evaluator"), data(**overrides))


def proposed(**overrides) -> Entry:
    return services.propose_entry(make_person("leader"), data(**overrides))


def adopted(days_ago: int = 30, **overrides) -> Entry:
    entry = identified(**overrides)
    return services.record_adoption(
        make_person("evaluator"), entry, adopted_by="Lewisham and Greenwich NHS Trust", adopted_where="QEH",
        adopted_on=timezone.localdate() - datetime.timedelta(days=days_ago), evidence="Pathway changed.")


def scaled(**overrides) -> Entry:
    entry = adopted(**overrides)
    return services.record_scaling(make_person("evaluator"), entry, scaled_to="Guy's and St Thomas'", boroughs=[],
                                   scaled_on=timezone.localdate(), evidence="Two more sites.")

"""One move at a time: two people recording the same innovation's adoption, or deciding the same proposal,
at the same moment record it once (the entry is locked with select_for_update before it moves)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from academy.workflow.models import Transition
from evaluation.contribution import services
from evaluation.contribution.models import Entry, Stage
from tests.concurrency import at_once, raised
from tests.conftest import make_person
from tests.evaluation.contribution.helpers import identified, proposed

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_adoption_recorded_twice_at_once_is_recorded_once():
    entry = identified()
    first, second = make_person("evaluator"), make_person("evaluator")

    def adopt(actor, organisation):
        return lambda: services.record_adoption(actor, Entry.objects.get(pk=entry.pk), adopted_by=organisation,
                                                adopted_where="Ward", adopted_on=timezone.localdate(),
                                                evidence="Board minutes")

    outcomes = at_once(adopt(first, "Trust A"), adopt(second, "Trust B"))
    assert len(raised(outcomes, ValidationError)) == 1
    entry.refresh_from_db()
    assert entry.stage == Stage.ADOPTED
    assert Transition.objects.filter(object_id=entry.pk, machine="evaluation.contribution",
                                     to_state=Stage.ADOPTED).count() == 1


def test_a_proposal_decided_twice_at_once_is_decided_once():
    entry = proposed()
    first, second = make_person("evaluator"), make_person("evaluator")
    outcomes = at_once(
        lambda: services.decide_proposal(first, Entry.objects.get(pk=entry.pk), confirm=True),
        lambda: services.decide_proposal(second, Entry.objects.get(pk=entry.pk), confirm=False, note="No"),
    )
    assert len(raised(outcomes, ValidationError)) == 1
    assert Transition.objects.filter(object_id=entry.pk, machine="evaluation.contribution").count() == 2

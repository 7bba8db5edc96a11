"""Two evaluators confirming a cohort's standard schedule at the same moment make each wave once: the
unique rule per cohort, level and audience holds, and the later one skips what the first made."""

import pytest

from evaluation.surveys import selectors, services
from evaluation.surveys.models import Wave
from tests.concurrency import at_once, raised
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import cohort_with_participants

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_evaluators_at_once_make_each_standard_wave_once():
    cohort, _ = cohort_with_participants(1)
    first, second = make_person("evaluator"), make_person("evaluator")
    versions = selectors.default_versions(selectors.standard_plan(cohort), selectors.live_versions())
    outcomes = at_once(
        lambda: services.schedule_standard(first, cohort=cohort, versions=versions),
        lambda: services.schedule_standard(second, cohort=cohort, versions=versions),
    )
    made = [wave for outcome in outcomes if isinstance(outcome, list) for wave in outcome]
    assert len(made) == 6
    assert all(type(error).__name__ == "ValidationError" for error in raised(outcomes))
    assert Wave.objects.filter(cohort_id=cohort.pk).count() == 6


def test_two_evaluators_at_once_make_each_standard_wave_of_an_edition_once():
    from evaluation.surveys import subjects  # noqa: PLC0415
    from tests.evaluation.surveys.subject_helpers import edition_with_people  # noqa: PLC0415

    edition, _ = edition_with_people(1, days_to_start=20)
    subject = subjects.for_scheduling(None, "edition", edition.pk)
    first, second = make_person("evaluator"), make_person("evaluator")
    versions = selectors.default_versions(selectors.standard_plan(subject), selectors.live_versions())
    outcomes = at_once(
        lambda: services.schedule_standard(first, subject=subject, versions=versions),
        lambda: services.schedule_standard(second, subject=subject, versions=versions),
    )
    made = [wave for outcome in outcomes if isinstance(outcome, list) for wave in outcome]
    assert len(made) == 6
    assert all(type(error).__name__ == "ValidationError" for error in raised(outcomes))
    assert Wave.objects.filter(edition_id=edition.pk).count() == 6

"""The standard five-wave Kirkpatrick schedule: dates from the cohort, default questionnaires, skipping
waves that exist or have passed, all or nothing, bad input refused, and the pages for every role."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from evaluation.surveys import selectors, services
from evaluation.surveys.models import Audience, InstrumentVersion, Wave, WaveKind
from evaluation.surveys.reference import CAPABILITY_NAME, LINE_MANAGER_NAME, REACTION_NAME
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import cohort_with_participants, live_version, open_wave
from tests.factories.programmes import CohortFactory, SessionFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def seeded(name):
    return InstrumentVersion.objects.filter(instrument__name=name, state="live").order_by("-number").first()


def defaults_for(cohort):
    plan = selectors.standard_plan(cohort)
    return selectors.default_versions(plan, selectors.live_versions())


def test_the_standard_dates_follow_the_cohort_and_its_last_session():
    cohort = CohortFactory(starts_on=dt.date(2027, 1, 11), ends_on=dt.date(2027, 5, 14))
    SessionFactory(cohort=cohort, starts_at=timezone.make_aware(dt.datetime(2027, 5, 10, 9, 30)),
                   ends_at=timezone.make_aware(dt.datetime(2027, 5, 10, 16, 0)))
    plan = {(p.kind, p.audience): p for p in selectors.standard_plan(cohort, now=timezone.now())}
    assert len(plan) == 6
    before = plan[(WaveKind.BEFORE, Audience.PARTICIPANTS)]
    assert (before.opens_on, before.closes_on) == (dt.date(2027, 1, 4), dt.date(2027, 1, 10))
    reaction = plan[(WaveKind.REACTION, Audience.PARTICIPANTS)]
    assert reaction.opens_on == dt.date(2027, 5, 10)  # the last session day, not the end date
    assert plan[(WaveKind.AFTER, Audience.PARTICIPANTS)].opens_on == dt.date(2027, 5, 14)
    for audience in Audience.values:
        assert plan[(WaveKind.BEHAVIOUR, audience)].opens_on == dt.date(2027, 8, 14)
    assert plan[(WaveKind.RESULTS, Audience.PARTICIPANTS)].opens_on == dt.date(2027, 11, 14)
    assert all(p.to_make for p in plan.values())


def test_without_sessions_the_reaction_wave_opens_on_the_end_date():
    cohort = CohortFactory()
    reaction = next(p for p in selectors.standard_plan(cohort) if p.kind == WaveKind.REACTION)
    assert reaction.opens_on == cohort.ends_on


def test_defaults_are_the_live_seeded_questionnaires_for_each_level():
    cohort, _ = cohort_with_participants(1)
    defaults = defaults_for(cohort)
    assert defaults["before_participants"] == seeded(CAPABILITY_NAME)
    assert defaults["reaction_participants"] == seeded(REACTION_NAME)
    assert defaults["behaviour_line_managers"] == seeded(LINE_MANAGER_NAME)
    assert defaults["results_participants"] == seeded(CAPABILITY_NAME)


def test_an_evaluator_schedules_the_five_waves_in_one_go_and_again_makes_nothing_new():
    evaluator = make_person("evaluator")
    cohort, _ = cohort_with_participants(2)
    made = services.schedule_standard(evaluator, cohort=cohort, versions=defaults_for(cohort))
    assert len(made) == 6
    waves = {(w.kind, w.audience): w for w in Wave.objects.filter(cohort_id=cohort.pk)}
    assert set(waves) == {(k, a) for k, a, _ in selectors.STANDARD_WAVES}
    assert waves[(WaveKind.BEHAVIOUR, Audience.LINE_MANAGERS)].version == seeded(LINE_MANAGER_NAME)
    assert waves[(WaveKind.RESULTS, Audience.PARTICIPANTS)].opens_on == cohort.ends_on + relativedelta(months=6)
    assert all(w.created_by == evaluator for w in waves.values())
    with pytest.raises(ValidationError):
        services.schedule_standard(evaluator, cohort=cohort, versions=defaults_for(cohort))
    assert Wave.objects.filter(cohort_id=cohort.pk).count() == 6


def test_waves_that_exist_or_have_passed_are_skipped():
    today = timezone.localdate()
    version = live_version()
    cohort = CohortFactory(starts_on=today - dt.timedelta(days=30), ends_on=today + dt.timedelta(days=30))
    open_wave(cohort, version, kind=WaveKind.AFTER)  # the cohort already has its own "after" wave
    plan = {p.kind + p.audience: p for p in selectors.standard_plan(cohort)}
    assert plan["beforeparticipants"].too_late and plan["afterparticipants"].exists
    made = services.schedule_standard(workflow.SYSTEM, cohort=cohort, versions=defaults_for(cohort))
    assert {(w.kind, w.audience) for w in made} == {
        (WaveKind.REACTION, Audience.PARTICIPANTS), (WaveKind.BEHAVIOUR, Audience.PARTICIPANTS),
        (WaveKind.BEHAVIOUR, Audience.LINE_MANAGERS), (WaveKind.RESULTS, Audience.PARTICIPANTS),
    }
    assert Wave.objects.get(cohort_id=cohort.pk, kind=WaveKind.AFTER).version == version


def test_a_version_that_is_not_live_saves_nothing():
    cohort, _ = cohort_with_participants(1)
    versions = defaults_for(cohort)
    retired = live_version(name="Soon retired")
    services.retire_version(workflow.SYSTEM, retired)
    versions["results_participants"] = retired
    with pytest.raises(ValidationError) as error:
        services.schedule_standard(workflow.SYSTEM, cohort=cohort, versions=versions)
    assert "results_participants" in error.value.message_dict
    del versions["results_participants"]
    with pytest.raises(ValidationError):
        services.schedule_standard(workflow.SYSTEM, cohort=cohort, versions=versions)
    assert not Wave.objects.filter(cohort_id=cohort.pk).exists()


def test_only_evaluators_schedule_the_standard_waves():
    cohort, _ = cohort_with_participants(1)
    for role in ("leader", "programme_admin", "executive"):
        with pytest.raises(PermissionDenied):
            services.schedule_standard(make_person(role), cohort=cohort, versions=defaults_for(cohort))
    assert not Wave.objects.exists()


def test_the_pages_schedule_with_defaults_refuse_bad_input_and_escape_the_title(client):
    client.force_login(make_person("evaluator"))
    cohort = CohortFactory(title=HOSTILE)
    listing = client.get(reverse("evaluation_surveys:standard_cohorts")).content.decode()
    assert reverse("evaluation_surveys:standard_schedule", args=[cohort.pk]) in listing
    assert "<script>alert(1)" not in listing and "&lt;script&gt;" in listing
    url = reverse("evaluation_surveys:standard_schedule", args=[cohort.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "<script>alert(1)" not in html and "To schedule" in html
    data = {name: version.pk for name, version in defaults_for(cohort).items()}
    bad = data | {"reaction_participants": "999999"}
    response = client.post(url, bad)
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    assert "Choose a live questionnaire from the list" in response.content.decode()
    assert not Wave.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302 and Wave.objects.filter(cohort_id=cohort.pk).count() == 6
    again = client.get(url).content.decode()
    assert "Already scheduled" in again and "nothing left to schedule" in again
    response = client.post(url, data)
    assert response.status_code == 400 and Wave.objects.count() == 6


def test_an_unpublished_cohort_is_not_found_and_others_are_refused(client):
    cohort = CohortFactory(published=False)
    client.force_login(make_person("evaluator"))
    assert client.get(reverse("evaluation_surveys:standard_schedule", args=[cohort.pk])).status_code == 404
    client.force_login(make_person("programme_admin"))
    assert client.get(reverse("evaluation_surveys:standard_schedule", args=[cohort.pk])).status_code == 403
    assert client.post(reverse("evaluation_surveys:standard_schedule", args=[cohort.pk]), {}).status_code == 403


def test_the_standard_page_reads_in_the_same_number_of_queries_however_many_waves(client):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.force_login(make_person("evaluator"))
    client.get(reverse("evaluation_surveys:waves"))  # the first request after signing in sets up the session
    counts = []
    for extra in (0, 3):
        cohort, _ = cohort_with_participants(1)
        for index in range(extra):
            live_version(name=f"Extra {cohort.pk} {index}")
        open_wave(cohort, seeded(CAPABILITY_NAME), kind=WaveKind.AFTER)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("evaluation_surveys:standard_schedule", args=[cohort.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts

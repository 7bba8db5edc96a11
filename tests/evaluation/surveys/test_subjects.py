"""Waves for conference editions and shadowing placements (issue 15): who is invited, the line managers'
wave, reminders once each, the one-subject and one-wave-per-kind rules, results and their suppression,
the standard schedule from a subject's dates, query budgets and hostile names."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.reports.suppression import NOT_SHOWN
from evaluation.surveys import selectors, services, subjects
from evaluation.surveys.models import Audience, SubjectKind, Wave, WaveKind
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import answers_for, cohort_with_participants, live_version
from tests.evaluation.surveys.subject_helpers import edition_with_people, placement_with_visits
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def evaluator():
    user = UserFactory()
    grant_role(None, user, Role.EVALUATOR)
    return user


def admin_of(slug):
    user = UserFactory()
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug=slug))
    return user


def edition_subject(edition):
    return subjects.for_scheduling(evaluator(), SubjectKind.EDITION, edition.pk)


def placement_subject(placement):
    return subjects.for_scheduling(evaluator(), SubjectKind.PLACEMENT, placement.pk)


def schedule(subject, version, kind=WaveKind.REACTION, audience=Audience.PARTICIPANTS, opens=0, days=10):
    today = timezone.localdate() + dt.timedelta(days=opens)
    return services.schedule_wave(
        workflow.SYSTEM, subject=subject, kind=kind, audience=audience, version=version,
        opens_on=today, closes_on=today + dt.timedelta(days=days),
    )


def test_an_edition_wave_invites_those_who_came_once_anyone_is_checked_in():
    edition, people = edition_with_people(6, checked_in=5)
    wave = schedule(edition_subject(edition), live_version())
    services.send_invitations_and_reminders()
    assert set(wave.invitations.values_list("leader_id", flat=True)) == {p.pk for p in people[:5]}
    assert len(mail.outbox) == 5
    assert edition.name in mail.outbox[0].subject


def test_before_the_day_an_edition_wave_invites_the_confirmed_registrations():
    edition, people = edition_with_people(3, days_to_start=5)
    wave = schedule(edition_subject(edition), live_version(), kind=WaveKind.BEFORE)
    services.send_invitations_and_reminders()
    assert set(wave.invitations.values_list("leader_id", flat=True)) == {p.pk for p in people}


def test_the_line_managers_wave_asks_only_the_managers_people_named():
    edition, people = edition_with_people(4, with_managers=2)
    wave = schedule(edition_subject(edition), live_version(), kind=WaveKind.BEHAVIOUR,
                    audience=Audience.LINE_MANAGERS)
    services.send_invitations_and_reminders()
    invited = list(wave.invitations.order_by("leader_id"))
    assert [i.leader_id for i in invited] == [p.pk for p in people[:2]]
    assert all(i.line_manager_email.endswith("@example.nhs.uk") for i in invited)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.line_manager_email for i in invited)


def test_a_placement_wave_asks_the_shadow_and_their_line_manager():
    placement = placement_with_visits()
    subject = placement_subject(placement)
    assert (subject.starts_on, subject.ends_on) == (timezone.localdate(), timezone.localdate() + dt.timedelta(14))
    version = live_version()
    mine = schedule(subject, version)
    theirs = schedule(subject, version, kind=WaveKind.BEHAVIOUR, audience=Audience.LINE_MANAGERS)
    services.send_invitations_and_reminders()
    assert list(mine.invitations.values_list("leader_id", flat=True)) == [placement.shadow_id]
    manager = theirs.invitations.get()
    assert manager.leader_id == placement.shadow_id
    assert manager.line_manager_email == placement.interest.line_manager_email


def test_invitations_and_two_reminders_go_once_each_however_often_beat_runs():
    edition, people = edition_with_people(2)
    wave = schedule(edition_subject(edition), live_version(), days=10)
    first, second = services.reminder_days(wave)
    for day in (wave.opens_on, first, second):
        with time_machine.travel(dt.datetime.combine(day, dt.time(10)).astimezone(dt.UTC), tick=False):
            services.send_invitations_and_reminders()
            services.send_invitations_and_reminders()
    subjects_sent = [m.subject for m in mail.outbox]
    assert len(subjects_sent) == 6  # an invitation and two reminders, for each of the two people
    assert sum(s.startswith("Reminder") for s in subjects_sent) == 2
    assert sum(s.startswith("Last day") for s in subjects_sent) == 2


def test_one_wave_per_subject_level_and_audience_and_exactly_one_subject():
    edition, _ = edition_with_people(1)
    subject, version = edition_subject(edition), live_version()
    schedule(subject, version)
    with pytest.raises(ValidationError, match="This conference edition already has"):
        schedule(subject, version)
    cohort, _apps = cohort_with_participants(1)
    schedule(subjects.of_cohort(cohort), version)  # another subject may have the same wave
    with pytest.raises(IntegrityError), transaction.atomic():
        Wave.objects.create(cohort=cohort, edition=edition, kind=WaveKind.AFTER, version=version,
                            opens_on=timezone.localdate(), closes_on=timezone.localdate())
    with pytest.raises(IntegrityError), transaction.atomic():
        Wave.objects.create(kind=WaveKind.AFTER, version=version, opens_on=timezone.localdate(),
                            closes_on=timezone.localdate())
    assert Wave.objects.count() == 2


def test_scheduling_needs_a_subject():
    with pytest.raises(ValidationError, match="Choose what the questionnaire is about"):
        services.schedule_wave(workflow.SYSTEM, kind=WaveKind.REACTION, audience=Audience.PARTICIPANTS,
                               version=live_version(), opens_on=timezone.localdate(),
                               closes_on=timezone.localdate())
    assert not Wave.objects.exists()


def test_the_standard_schedule_follows_the_placements_visits():
    placement = placement_with_visits(days=(3, 10))
    subject = placement_subject(placement)
    plan = {(p.kind, p.audience): p for p in selectors.standard_plan(subject)}
    last = timezone.localdate() + dt.timedelta(days=10)
    assert plan[(WaveKind.REACTION, Audience.PARTICIPANTS)].opens_on == last
    assert plan[(WaveKind.BEFORE, Audience.PARTICIPANTS)].closes_on == timezone.localdate() + dt.timedelta(days=2)
    versions = selectors.default_versions(list(plan.values()), selectors.live_versions())
    made = services.schedule_standard(workflow.SYSTEM, subject=subject, versions=versions)
    assert len(made) == 6 and all(w.placement_id == placement.pk for w in made)
    with pytest.raises(ValidationError, match="This shadowing placement already has every wave"):
        services.schedule_standard(workflow.SYSTEM, subject=subject, versions=versions)


def test_a_cancelled_placement_or_unpublished_edition_cannot_be_scheduled():
    from tests.programmes.conference.helpers import make_edition  # noqa: PLC0415

    with pytest.raises(Http404):
        subjects.for_scheduling(evaluator(), SubjectKind.EDITION, make_edition(published=False).pk)
    placement = placement_with_visits()
    workflow.move(placement, "cancelled", workflow.SYSTEM)
    with pytest.raises(Http404):
        subjects.for_scheduling(evaluator(), SubjectKind.PLACEMENT, placement.pk)


def _answered_edition(count):
    edition, people = edition_with_people(count)
    version = live_version()
    wave = schedule(edition_subject(edition), version)
    services.send_invitations_and_reminders()
    for person in people:
        services.submit_response(person, wave.invitations.get(leader=person), answers_for(version))
    return edition, wave


def test_edition_results_show_response_rates_and_suppress_small_numbers():
    edition, _wave = _answered_edition(6)
    results = selectors.subject_results(evaluator(), SubjectKind.EDITION, edition.pk)
    assert results.subject.title == edition.name and results.cohort is None
    assert results.waves[0].rate.answered == "6" and results.waves[0].rate.rate == "100%"
    placement = placement_with_visits()
    version = live_version(name="Placement reaction")
    wave = schedule(placement_subject(placement), version)
    services.send_invitations_and_reminders()
    services.submit_response(placement.shadow, wave.invitations.get(), answers_for(version))
    small = selectors.subject_results(evaluator(), SubjectKind.PLACEMENT, placement.pk)
    assert small.waves[0].rate.answered in {"fewer than 5", NOT_SHOWN} and small.waves[0].rate.rate == NOT_SHOWN
    assert small.waves[0].items[0].median == NOT_SHOWN


def test_edition_results_are_for_evaluators_and_the_conferences_admins():
    edition, _wave = _answered_edition(2)
    assert selectors.subject_results(admin_of("conference"), SubjectKind.EDITION, edition.pk).subject.pk == edition.pk
    other = admin_of("shadowing")
    with pytest.raises(Http404):
        selectors.subject_results(other, SubjectKind.EDITION, edition.pk)
    assert selectors.readable_cohort_waves(other) == []
    entries = selectors.readable_cohort_waves(admin_of("conference"))
    assert [e["subject"].title for e in entries] == [edition.name]


def test_the_quarters_report_names_edition_waves():
    edition, wave = _answered_edition(5)
    period = selectors.period_results(wave.opens_on, wave.opens_on)
    assert [row.wave.subject.title for row in period.rates] == [edition.name]


def test_the_schedule_and_results_lists_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    from tests.evaluation.surveys.subject_helpers import big_room_with_people  # noqa: PLC0415

    version = live_version()

    def add(count):
        for _ in range(count):
            edition, _ = edition_with_people(1)
            schedule(edition_subject(edition), version)
            schedule(placement_subject(placement_with_visits()), version)
            cohort, _apps = cohort_with_participants(1)
            schedule(subjects.of_cohort(cohort), version)
            event, _ = big_room_with_people(1)
            schedule(subjects.for_scheduling(None, SubjectKind.EVENT, event.pk), version)

    person = evaluator()
    add(1)
    with django_assert_max_num_queries(5):
        selectors.waves_for_schedule_page()
    with django_assert_max_num_queries(5):
        selectors.readable_cohort_waves(person)
    add(4)
    with django_assert_max_num_queries(5):
        assert len(selectors.waves_for_schedule_page()) == 20
    with django_assert_max_num_queries(5):
        assert len(selectors.readable_cohort_waves(person)) == 20


def test_hostile_names_are_escaped_on_the_pages_and_neutralised_in_exports(client):
    edition, wave = _answered_edition(1)
    edition.name = '=HYPERLINK("http://evil.example","<script>alert(1)</script>")'
    edition.save(update_fields=["name"])
    client.force_login(make_person("evaluator"))
    for url in (reverse("evaluation_surveys:waves"), reverse("evaluation_surveys:edition_results", args=[edition.pk]),
                reverse("evaluation_surveys:results")):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
    export = client.get(reverse("evaluation_surveys:wave_export", args=[wave.pk]) + "?format=csv")
    text = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert ",=HYPERLINK" not in text and "\n=HYPERLINK" not in text


def test_the_schedule_form_offers_editions_and_placements(client):
    edition, _ = edition_with_people(1)
    placement = placement_with_visits()
    version = live_version()
    client.force_login(make_person("evaluator"))
    page = client.get(reverse("evaluation_surveys:wave_create")).content.decode()
    assert f"edition:{edition.pk}" in page and f"placement:{placement.pk}" in page
    today = timezone.localdate()
    data = {"subject": f"edition:{edition.pk}", "kind": WaveKind.REACTION, "audience": "participants",
            "version": version.pk, "opens_on_0": today.day, "opens_on_1": today.month, "opens_on_2": today.year,
            "closes_on_0": today.day, "closes_on_1": today.month, "closes_on_2": today.year}
    response = client.post(reverse("evaluation_surveys:wave_create"), data)
    assert response.status_code == 302
    assert Wave.objects.get().edition_id == edition.pk
    bad = client.post(reverse("evaluation_surveys:wave_create"), data | {"subject": "edition:999999"})
    assert bad.status_code == 400 and Wave.objects.count() == 1
    standard = client.get(reverse("evaluation_surveys:standard_schedule_placement", args=[placement.pk]))
    assert standard.status_code == 200
    assert client.get(reverse("evaluation_surveys:standard_cohorts")).content.decode().count(edition.name) == 1


def test_the_data_download_names_the_edition_a_persons_questionnaire_was_about():
    from academy.privacy.personal_data import PersonalExport  # noqa: PLC0415
    from evaluation.surveys.personal_data import export  # noqa: PLC0415

    edition, _wave = _answered_edition(1)
    person = _wave.invitations.get().leader
    out = PersonalExport()
    export(person, out)
    assert out.tables["questionnaire_invitations"][0]["wave__edition__name"] == edition.name


def test_a_big_room_wave_asks_those_who_came_and_reads_for_the_networks_admins():
    from tests.evaluation.surveys.subject_helpers import big_room_with_people  # noqa: PLC0415

    event, people = big_room_with_people(4, came=3)
    subject = subjects.for_scheduling(None, SubjectKind.EVENT, event.pk)
    assert subject.programme_slug == "network" and subject.last_day == timezone.localdate(event.ends_at)
    version = live_version()
    wave = schedule(subject, version)
    managers = schedule(subject, version, kind=WaveKind.BEHAVIOUR, audience=Audience.LINE_MANAGERS)
    services.send_invitations_and_reminders()
    assert set(wave.invitations.values_list("leader_id", flat=True)) == {p.pk for p in people[:3]}
    assert managers.invitations.count() == 3
    with pytest.raises(ValidationError, match="This Big Room event already has"):
        schedule(subject, version)
    assert selectors.subject_results(admin_of("network"), SubjectKind.EVENT, event.pk).subject.title == event.title
    with pytest.raises(Http404):
        selectors.subject_results(admin_of("conference"), SubjectKind.EVENT, event.pk)

"""Questionnaire services: the versioning rule, scheduling, invitations and reminders once per wave,
answering, withdrawing, and the results' suppression."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from academy.reports.suppression import NOT_SHOWN
from evaluation.surveys import links, selectors, services
from evaluation.surveys.models import (
    Answer,
    Audience,
    Instrument,
    InstrumentVersion,
    Item,
    Response,
    VersionState,
    WaveKind,
)
from evaluation.surveys.reference import CAPABILITY_NAME
from tests.evaluation.surveys.helpers import answers_for, cohort_with_participants, live_version, open_wave
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def evaluator():
    user = UserFactory()
    grant_role(None, user, Role.EVALUATOR)
    return user


def test_the_seeded_capability_questionnaire_is_live_with_our_own_items():
    version = InstrumentVersion.objects.get(instrument__name=CAPABILITY_NAME)
    assert version.state == VersionState.LIVE
    constructs = set(version.items.values_list("construct", flat=True))
    assert {"Belonging and commitment to the ICS", "Ready to take on a formal role"} <= constructs


def test_an_evaluator_builds_and_publishes_a_questionnaire():
    person = evaluator()
    instrument = services.create_instrument(person, name="Pulse", purpose="Quick check")
    draft = instrument.versions.get()
    first = services.add_item(person, draft, kind="likert", text="First?", construct="A")
    second = services.add_item(person, draft, kind="choice", text="Second?", options=["Yes", "No"])
    services.move_item(person, second, "up")
    assert list(draft.items.order_by("position").values_list("text", flat=True)) == ["Second?", "First?"]
    services.remove_item(person, first)
    version = services.publish_version(person, draft)
    assert version.state == VersionState.LIVE and version.published_at is not None
    assert version.transitions.filter(to_state="live").count() == 1


def test_a_leader_cannot_build_questionnaires():
    with pytest.raises(PermissionDenied):
        services.create_instrument(UserFactory(), name="Mine", purpose="x")


def test_a_live_version_cannot_change_a_new_draft_version_copies_it():
    version = live_version()
    item = version.items.first()
    with pytest.raises(ValidationError):
        services.add_item(workflow.SYSTEM, version, kind="text", text="Sneaked in")
    with pytest.raises(ValidationError):
        services.remove_item(workflow.SYSTEM, item)
    with pytest.raises(ValidationError):
        services.move_item(workflow.SYSTEM, item, "down")
    assert version.items.count() == 4
    draft = services.new_draft(workflow.SYSTEM, version.instrument)
    assert draft.number == 2 and draft.state == VersionState.DRAFT
    assert list(draft.items.values_list("text", flat=True)) == list(version.items.values_list("text", flat=True))
    with pytest.raises(ValidationError):
        services.new_draft(workflow.SYSTEM, version.instrument)  # one draft at a time
    services.remove_item(workflow.SYSTEM, draft.items.first())
    assert version.items.count() == 4  # the live version is untouched


def test_a_draft_without_questions_cannot_be_published_and_bad_questions_are_refused():
    instrument = services.create_instrument(workflow.SYSTEM, name="Empty", purpose="x")
    draft = instrument.versions.get()
    with pytest.raises(ValidationError):
        services.publish_version(workflow.SYSTEM, draft)
    with pytest.raises(ValidationError, match="at least 2"):
        services.add_item(workflow.SYSTEM, draft, kind="choice", text="Pick", options=["Only one"])
    with pytest.raises(ValidationError):
        services.add_item(workflow.SYSTEM, draft, kind="triad", text="Not yet")
    with pytest.raises(ValidationError):
        services.add_item(workflow.SYSTEM, draft, kind="likert", text="   ")
    assert not Item.objects.filter(version=draft).exists()
    with pytest.raises(ValidationError):
        services.create_instrument(workflow.SYSTEM, name="empty", purpose="same name")


def test_scheduling_needs_a_live_version_and_sensible_dates():
    cohort, _ = cohort_with_participants(1)
    draft = services.create_instrument(workflow.SYSTEM, name="Draft only", purpose="x").versions.get()
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.schedule_wave(workflow.SYSTEM, cohort=cohort, kind=WaveKind.BEFORE, audience=Audience.PARTICIPANTS,
                               version=draft, opens_on=today, closes_on=today)
    version = live_version()
    with pytest.raises(ValidationError):
        services.schedule_wave(workflow.SYSTEM, cohort=cohort, kind=WaveKind.BEFORE, audience=Audience.PARTICIPANTS,
                               version=version, opens_on=today, closes_on=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.schedule_wave(workflow.SYSTEM, cohort=cohort, kind=WaveKind.BEFORE,
                               audience=Audience.LINE_MANAGERS, version=version, opens_on=today, closes_on=today)
    with pytest.raises(PermissionDenied):
        services.schedule_wave(UserFactory(), cohort=cohort, kind=WaveKind.BEFORE, audience=Audience.PARTICIPANTS,
                               version=version, opens_on=today, closes_on=today)
    open_wave(cohort, version)
    with pytest.raises(ValidationError):
        open_wave(cohort, version)


def test_invitations_and_two_reminders_go_once_per_person_per_wave_however_often_beat_runs():
    cohort, apps = cohort_with_participants(3)
    wave = open_wave(cohort, live_version(), days=10)
    now = timezone.now()
    for _ in range(3):
        services.send_invitations_and_reminders(now)
    assert wave.invitations.count() == 3
    assert len(mail.outbox) == 3
    leader = apps[0].applicant
    invitation = wave.invitations.get(leader=leader)
    services.submit_response(leader, invitation, answers_for(wave.version))
    later = now + dt.timedelta(days=6)
    for _ in range(3):
        services.send_invitations_and_reminders(later)
    assert Notification.objects.filter(template="survey_reminder_first").count() == 2  # not to who answered
    last_day = now + dt.timedelta(days=10)
    for _ in range(3):
        services.send_invitations_and_reminders(last_day)
    assert Notification.objects.filter(template="survey_reminder_second").count() == 2
    assert Notification.objects.filter(template="survey_invitation").count() == 3
    assert len(mail.outbox) == 3 + 2 + 2
    services.send_invitations_and_reminders(now + dt.timedelta(days=11))  # closed: nothing more
    assert len(mail.outbox) == 7


def test_line_managers_are_invited_by_email_with_a_signed_link_and_answer_without_an_account(client):
    cohort, apps = cohort_with_participants(2)
    wave = open_wave(cohort, live_version(), kind=WaveKind.BEHAVIOUR, audience=Audience.LINE_MANAGERS)
    services.send_invitations_and_reminders()
    emails = {message.to[0] for message in mail.outbox}
    assert emails == {a.line_manager_email for a in apps}
    assert all("/evaluation/surveys/line-manager/" in message.body for message in mail.outbox)
    invitation = wave.invitations.first()
    page = client.get(links.line_manager_path(invitation))
    assert page.status_code == 200 and invitation.leader.get_full_name() in page.content.decode()
    response = services.submit_response(workflow.SYSTEM, invitation, answers_for(wave.version))
    assert response.invitation.leader_id == invitation.leader_id
    assert client.get(links.line_manager_path(invitation)[:-3] + "xyz/").status_code == 404


def test_answers_are_checked_and_nothing_is_saved_on_bad_input():
    cohort, apps = cohort_with_participants(1)
    wave = open_wave(cohort, live_version())
    services.send_invitations_and_reminders()
    invitation = wave.invitations.get()
    leader = apps[0].applicant
    bad = answers_for(wave.version, likert=7, slider=101, choice="Sometimes")
    with pytest.raises(ValidationError) as error:
        services.submit_response(leader, invitation, bad)
    assert len(error.value.message_dict) == 3
    assert not Response.objects.exists() and not Answer.objects.exists()
    with pytest.raises(PermissionDenied):
        services.submit_response(UserFactory(), invitation, answers_for(wave.version))
    with pytest.raises(PermissionDenied):
        services.submit_response(workflow.SYSTEM, invitation, answers_for(wave.version))
    services.submit_response(leader, invitation, answers_for(wave.version))
    with pytest.raises(ValidationError, match="already"):
        services.submit_response(leader, invitation, answers_for(wave.version))


def test_a_closed_wave_takes_no_answers():
    cohort, apps = cohort_with_participants(1)
    wave = open_wave(cohort, live_version(), days=1)
    services.send_invitations_and_reminders()
    with pytest.raises(ValidationError, match="closed"):
        services.submit_response(apps[0].applicant, wave.invitations.get(), answers_for(wave.version),
                                 now=timezone.now() + dt.timedelta(days=3))


def test_a_person_withdraws_their_answers_which_are_deleted_and_no_more_reminders_go():
    cohort, apps = cohort_with_participants(1)
    wave = open_wave(cohort, live_version())
    services.send_invitations_and_reminders()
    leader = apps[0].applicant
    response = services.submit_response(leader, wave.invitations.get(), answers_for(wave.version))
    with pytest.raises(PermissionDenied):
        services.withdraw_response(UserFactory(), response)
    services.withdraw_response(leader, response)
    assert not Response.objects.exists() and not Answer.objects.exists()
    services.send_invitations_and_reminders(timezone.now() + dt.timedelta(days=10))
    assert not Notification.objects.filter(template__startswith="survey_reminder").exists()


def _answered_pre_post(count, before_scores, after_scores, programme=None):
    version = live_version(name=f"PrePost {count} {Instrument.objects.count()}")
    cohort, apps = cohort_with_participants(count, programme=programme)
    before = open_wave(cohort, version, kind=WaveKind.BEFORE)
    after = open_wave(cohort, version, kind=WaveKind.AFTER)
    services.send_invitations_and_reminders()
    for app, b, a in zip(apps, before_scores, after_scores, strict=False):
        leader = app.applicant
        for wave, value in ((before, b), (after, a)):
            services.submit_response(
                leader, wave.invitations.get(leader=leader), answers_for(version, likert=value, slider=value * 20)
            )
    return cohort


def test_pre_post_is_paired_per_person_and_shown_only_as_median_change_and_share_improved():
    cohort = _answered_pre_post(6, [2, 2, 3, 3, 4, 1], [4, 3, 3, 4, 5, 2])
    results = selectors.cohort_results(evaluator(), cohort.pk)
    belonging = next(row for row in results.paired if row.label == "Belonging")
    assert belonging.is_construct and belonging.pairs == "6"
    # changes on the 0-100 scale: +50, +25, 0, +25, +25, +25: median +25; 5 of 6 improved, but only 1 did not,
    # so the share would show a group of one: it is suppressed.
    assert belonging.median_change == "+25.0" and belonging.improved == NOT_SHOWN


def test_pre_post_shows_figures_when_both_groups_are_large_enough():
    cohort = _answered_pre_post(10, [2] * 5 + [3] * 5, [4] * 5 + [3] * 5)
    results = selectors.cohort_results(evaluator(), cohort.pk)
    belonging = next(row for row in results.paired if row.label == "Belonging")
    assert belonging.pairs == "10"
    assert belonging.median_change == "+25.0"
    assert belonging.improved == "50%"


def test_small_numbers_are_suppressed_on_every_table():
    cohort = _answered_pre_post(3, [2, 2, 2], [4, 4, 4])
    results = selectors.cohort_results(evaluator(), cohort.pk)
    for row in results.paired:
        assert row.pairs == "fewer than 5"
        assert row.median_change == NOT_SHOWN and row.improved == NOT_SHOWN
    for wave in results.waves:
        assert wave.rate.answered in {"fewer than 5", NOT_SHOWN} and wave.rate.rate == NOT_SHOWN
        for summary in wave.items:
            assert summary.answered == "fewer than 5"
            assert summary.median in {"", NOT_SHOWN} and summary.agree in {"", NOT_SHOWN}
            assert summary.quotes == []
            assert all(shown in {"fewer than 5", "not shown", "0"} for _, shown in summary.choices)


def test_free_text_is_quoted_only_with_consent():
    version = live_version(name="Quotes")
    cohort, apps = cohort_with_participants(6)
    wave = open_wave(cohort, version)
    services.send_invitations_and_reminders()
    for i, app in enumerate(apps):
        services.submit_response(app.applicant, wave.invitations.get(leader=app.applicant),
                                 answers_for(version, text=f"Story {i}"), consent_to_quote=i < 2)
    results = selectors.cohort_results(evaluator(), cohort.pk)
    text_summary = next(s for s in results.waves[0].items if s.item.kind == "text")
    assert sorted(text_summary.quotes) == ["Story 0", "Story 1"]


def test_results_are_for_evaluators_and_the_programmes_own_admins():
    from django.http import Http404  # noqa: PLC0415

    from programmes.core.models import Programme  # noqa: PLC0415

    cohort = _answered_pre_post(1, [2], [3])
    own_admin, other_admin = UserFactory(), UserFactory()
    grant_role(None, own_admin, Role.PROGRAMME_ADMIN, programme=cohort.programme)
    other_programme = Programme.objects.exclude(pk=cohort.programme_id).first()
    grant_role(None, other_admin, Role.PROGRAMME_ADMIN, programme=other_programme)
    assert selectors.cohort_results(own_admin, cohort.pk).cohort == cohort
    with pytest.raises(Http404):
        selectors.cohort_results(other_admin, cohort.pk)
    assert selectors.readable_cohort_waves(other_admin) == []
    assert [e["cohort"] for e in selectors.readable_cohort_waves(own_admin)] == [cohort]


def test_reaction_scores_per_cohort_are_suppressed_for_small_numbers():
    version = live_version(name="Reaction")
    big, big_apps = cohort_with_participants(10)
    small, small_apps = cohort_with_participants(3)
    for cohort, apps, likerts in ((big, big_apps, [5] * 6 + [2] * 4), (small, small_apps, [5, 5, 5])):
        wave = open_wave(cohort, version, kind=WaveKind.REACTION)
        services.send_invitations_and_reminders()
        for app, value in zip(apps, likerts, strict=True):
            services.submit_response(app.applicant, wave.invitations.get(leader=app.applicant),
                                     answers_for(version, likert=value, slider=(value - 1) * 25))
    scores = {s.cohort_id: s for s in selectors.reaction_scores(cohort_ids=[big.pk, small.pk])}
    assert scores[big.pk].responses == "10" and scores[big.pk].median == 100.0
    assert scores[big.pk].share_positive is None  # 4 were not positive: a small group
    assert scores[small.pk].responses == "fewer than 5"
    assert scores[small.pk].median is None and scores[small.pk].share_positive is None


def test_cohort_results_reads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    cohort = _answered_pre_post(8, [2] * 8, [4] * 8)
    person = evaluator()
    with django_assert_max_num_queries(8):
        selectors.cohort_results(person, cohort.pk)
    more = _answered_pre_post(20, [2] * 20, [4] * 20)
    with django_assert_max_num_queries(8):
        selectors.cohort_results(person, more.pk)

"""The one workflow mechanism: protected states, one transition log, an explicit system actor, refusals
in a person's words, and the data migrations that moved the three old logs into the one log."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from academy import workflow
from academy.workflow.models import Transition
from governance.models import ApplicationState as VacancyState
from governance.models import VacancyApplication
from governance.recruitment import services as recruitment
from programmes.challenge_fund import services as fund
from programmes.challenge_fund.models import Bid, BidState
from programmes.core import services as core
from programmes.core.models import Application, ApplicationState
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.programmes import ApplicationFactory, CohortFactory, SessionFactory
from tests.governance.test_recruitment import leader, publish

pytestmark = pytest.mark.django_db
S = ApplicationState


def booked(user=None):
    cohort = CohortFactory()
    application = ApplicationFactory(cohort=cohort, applicant=user or UserFactory())
    return core.transition(workflow.SYSTEM, application, S.ACCEPTED)


# --- protected state fields -------------------------------------------------------------------------


def test_assigning_and_saving_a_state_directly_raises():
    application = booked()
    application.state = S.COMPLETED
    with pytest.raises(workflow.StateProtected):
        application.save()
    bid = BidFactory()
    bid.state = BidState.ACTIVE
    with pytest.raises(workflow.StateProtected):
        bid.save()
    vacancy_application = recruitment.apply(leader(), publish(leadership_role(role_type())), "My statement.")
    vacancy_application.state = VacancyState.APPOINTED
    with pytest.raises(workflow.StateProtected):
        vacancy_application.save()
    assert Application.objects.get(pk=application.pk).state == S.ACCEPTED
    assert Bid.objects.get(pk=bid.pk).state == BidState.DRAFT
    assert VacancyApplication.objects.get(pk=vacancy_application.pk).state == VacancyState.APPLIED


def test_other_fields_still_save_and_a_refreshed_copy_is_not_refused():
    application = booked()
    stale = Application.objects.get(pk=application.pk)
    core.transition(workflow.SYSTEM, application, S.SUSPENDED)
    stale.refresh_from_db()
    stale.alumni = True
    stale.save()  # the state it holds is the stored one: nothing to refuse
    assert Application.objects.get(pk=application.pk).state == S.SUSPENDED


# --- the explicit actor ------------------------------------------------------------------------------


def test_none_is_not_an_actor():
    application = booked()
    with pytest.raises(TypeError, match="workflow.SYSTEM"):
        core.transition(None, application, S.COMPLETED)
    with pytest.raises(TypeError):
        core.change_place(None, application, S.COMPLETED)
    with pytest.raises(TypeError):
        fund.transition(BidFactory(), BidState.SUBMITTED, None)
    vacancy_application = recruitment.apply(leader(), publish(leadership_role(role_type())), "My statement.")
    with pytest.raises(TypeError):
        recruitment.move_application(None, vacancy_application, VacancyState.SHORTLISTED, "Strong")
    assert Application.objects.get(pk=application.pk).state == S.ACCEPTED


def test_every_move_is_in_the_one_log_with_who_acted():
    admin = UserFactory(is_superuser=True)
    application = booked()
    finished = timezone.now() - dt.timedelta(days=1)  # completion waits for the cohort's last session to end
    SessionFactory(cohort=application.cohort, starts_at=finished - dt.timedelta(hours=3), ends_at=finished)
    core.change_place(admin, application, S.COMPLETED)
    steps = list(application.transitions.values_list("machine", "from_state", "to_state", "actor", "actor_label"))
    assert steps == [
        ("programmes.application", S.DRAFT, S.ACCEPTED, None, "The Academy (automatic)"),
        ("programmes.application", S.ACCEPTED, S.COMPLETED, admin.pk, ""),
    ]
    assert [t.to_label for t in application.transitions.all()] == ["Place accepted", "Completed"]


# --- refusals in a person's words ------------------------------------------------------------------


def test_refusals_are_in_a_persons_words():
    user = UserFactory()
    application = booked(user)
    with pytest.raises(ValidationError) as already:
        core.transition(user, application, S.ACCEPTED)
    assert already.value.messages == ["You have already accepted this place."]
    with pytest.raises(ValidationError) as jump:
        core.transition(user, application, S.OFFERED)
    assert jump.value.messages == ["This application has a place, so it cannot be offered a place."]
    for machine in workflow.machine.machines().values():
        for state in machine.states.values:
            for to_state in machine.states.values:
                if not machine.allows(state, to_state):
                    message = machine.refusal(state, to_state)
                    assert "_" not in message and "cannot be moved to" not in message, message


# --- the vacancy bypass is now a recorded move -----------------------------------------------------


def test_appointing_turns_down_the_others_through_the_workflow():
    secretariat = UserFactory(is_superuser=True)
    vacancy = publish(leadership_role(role_type()))
    chosen = recruitment.apply(leader(), vacancy, "The chosen applicant.")
    waiting = recruitment.apply(leader(), vacancy, "Never shortlisted.")
    recruitment.move_application(secretariat, chosen, VacancyState.SHORTLISTED, "Meets the criteria")
    with pytest.raises(ValidationError, match="Decide on the shortlist first"):
        recruitment.move_application(secretariat, waiting, VacancyState.UNSUCCESSFUL, "No")
    recruitment.move_application(secretariat, chosen, VacancyState.APPOINTED, "The panel's choice")
    waiting.refresh_from_db()
    assert waiting.state == VacancyState.UNSUCCESSFUL
    last = waiting.transitions.last()
    assert (last.from_state, last.to_state, last.actor, last.note) == (
        VacancyState.APPLIED, VacancyState.UNSUCCESSFUL, secretariat, "Another applicant was appointed."
    )
    assert [t.to_state for t in chosen.transitions.all()] == ["applied", "shortlisted", "appointed"]


# --- the data migrations ---------------------------------------------------------------------------


def _old_apps(*nodes):
    return MigrationLoader(connection, ignore_no_migrations=True).project_state(list(nodes)).apps


def _copy(module: str, old_apps) -> None:
    importlib.import_module(module).copy_to_workflow(old_apps, None)


def test_the_old_application_and_bid_logs_are_copied_with_their_times_actors_and_notes():
    old_apps = _old_apps(
        ("programmes_core", "0009_application_cohort_sent_idx"),
        ("challenge_fund", "0008_priority_functions_in_the_directory"),
        ("workflow", "0001_initial"),
    )
    OldApplicationTransition = old_apps.get_model("programmes_core", "ApplicationTransition")
    OldBidTransition = old_apps.get_model("challenge_fund", "BidTransition")
    with connection.schema_editor() as editor:  # PostgreSQL: the tables go when the test's transaction ends
        editor.create_model(OldApplicationTransition)
        editor.create_model(OldBidTransition)
    person = UserFactory()
    application = ApplicationFactory()
    bid = BidFactory()
    then = timezone.now() - dt.timedelta(days=400)
    old = OldApplicationTransition.objects.create(
        application_id=application.pk, from_state="draft", to_state="submitted", actor_id=person.pk,
        actor_label="", note="Sent",
    )
    OldApplicationTransition.objects.filter(pk=old.pk).update(at=then)
    OldApplicationTransition.objects.create(
        application_id=application.pk, from_state="submitted", to_state="awaiting_line_manager",
        actor_label="Line manager", note="",
    )
    OldBidTransition.objects.create(bid_id=bid.pk, from_state="", to_state="draft", by_id=person.pk, at=then,
                                    note="Started")
    _copy("programmes.core.migrations.0010_one_transition_log", old_apps)
    _copy("programmes.challenge_fund.migrations.0009_one_transition_log", old_apps)
    first, second = application.transitions.all()
    assert (first.from_state, first.to_state, first.actor, first.note, first.at) == (
        "draft", "submitted", person, "Sent", then
    )
    assert (second.to_state, second.actor, second.actor_label) == ("awaiting_line_manager", None, "Line manager")
    copied = bid.transitions.get()
    assert (copied.machine, copied.to_state, copied.actor, copied.note, copied.at) == (
        "challenge_fund.bid", "draft", person, "Started", then
    )


def test_vacancy_application_moves_are_rebuilt_from_their_history():
    secretariat = UserFactory(is_superuser=True)
    vacancy = publish(leadership_role(role_type()))
    application = recruitment.apply(leader(), vacancy, "My statement.")
    recruitment.move_application(secretariat, application, VacancyState.NOT_SHORTLISTED, "Not yet")
    recruitment.move_application(secretariat, application, VacancyState.SHORTLISTED, "On reflection")
    expected = list(application.transitions.values_list("from_state", "to_state", "actor", "note"))
    Transition.objects.filter(machine="governance.vacancy_application").delete()
    _copy("governance.migrations.0011_vacancy_application_transitions", global_apps)
    assert list(application.transitions.values_list("from_state", "to_state", "actor", "note")) == expected
    assert expected[0][:2] == ("", "applied") and expected[-1][1:] == ("shortlisted", secretariat.pk, "On reflection")

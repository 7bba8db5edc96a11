"""The register of real system problems: services, pages, attachments, report-backs, export and budgets."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.directory.models import Borough, PriorityFunction
from academy.privacy import erasure
from programmes.core import selectors, services
from programmes.core.models import (
    AdoptionDecision,
    LearningGroup,
    ReportBack,
    SystemProblem,
    SystemProblemState,
)
from tests.conftest import make_person
from tests.factories.challenge_fund import BidFactory
from tests.factories.programmes import CohortFactory
from tests.programmes.core.problems.factories import system_problem

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script>=cmd|" /C calc"!A0'


def _new_problem(actor, **values):
    data = {
        "title": "Discharge to assess in Bexley",
        "description": "People wait in hospital for community care packages.",
        "board": "Bexley Local Care Partnership",
        "owner": actor,
        "priority_functions": PriorityFunction.objects.filter(number__in=[1, 3]),
        "boroughs": Borough.objects.filter(slug="bexley"),
        "spatial_level": "lcp",
    } | values
    return services.save_problem(actor, SystemProblem(), **data)


# --- services -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["programme_admin", "governance", "superuser"])
def test_keepers_create_a_problem_that_starts_proposed_with_its_history(role):
    keeper = make_person(role)
    problem = _new_problem(keeper)
    assert problem.state == SystemProblemState.PROPOSED
    assert problem.owner == keeper and problem.created_by == keeper
    assert [f.number for f in problem.priority_functions.all()] == [1, 3]
    assert [b.slug for b in problem.boroughs.all()] == ["bexley"]
    assert [(t.from_state, t.to_state) for t in problem.transitions.all()] == [("", "proposed")]


@pytest.mark.parametrize("role", ["leader", "reviewer", "executive", "evaluator"])
def test_others_cannot_create_or_move_a_problem(role):
    person = make_person(role)
    with pytest.raises(PermissionDenied):
        _new_problem(person)
    problem = system_problem(state="open")
    with pytest.raises(PermissionDenied):
        services.move_problem(person, problem, SystemProblemState.CLOSED)
    assert SystemProblem.objects.count() == 1


def test_empty_text_is_refused_with_clear_messages():
    keeper = make_person("governance")
    with pytest.raises(ValidationError) as error:
        _new_problem(keeper, title="  ", board="")
    assert error.value.message_dict == {
        "title": ["Enter a title"], "board": ["Enter the board or network the problem belongs to"],
    }
    assert not SystemProblem.objects.exists()


def test_moves_follow_the_machine_and_refusals_read_plainly():
    keeper = make_person("programme_admin")
    problem = _new_problem(keeper)
    with pytest.raises(ValidationError, match="This problem is proposed, so it cannot be marked as adopted."):
        services.move_problem(keeper, problem, SystemProblemState.ADOPTED)
    problem = services.move_problem(keeper, problem, SystemProblemState.OPEN, note="Agreed by the LCP")
    problem = services.move_problem(keeper, problem, SystemProblemState.BEING_WORKED_ON)
    assert problem.state == SystemProblemState.BEING_WORKED_ON
    assert problem.transitions.count() == 3
    with pytest.raises(ValidationError, match="already being worked on"):
        services.move_problem(keeper, problem, SystemProblemState.BEING_WORKED_ON)
    with pytest.raises(TypeError):
        services.move_problem(None, problem, SystemProblemState.CLOSED)


def test_a_report_back_moves_the_problem_and_an_adoption_marks_it_adopted():
    keeper = make_person("governance")
    problem = system_problem(state="being_worked_on")
    today = timezone.localdate()
    services.record_report_back(
        keeper, problem, board="SEL ICB Board", reported_on=today - timedelta(days=3),
        summary="Pilot results shared.", decision=AdoptionDecision.PENDING,
    )
    problem.refresh_from_db()
    assert problem.state == SystemProblemState.REPORTED_BACK
    services.record_report_back(
        keeper, problem, board="SEL ICB Board", reported_on=today, summary="Roll out to all six boroughs.",
        decision=AdoptionDecision.ADAPTED, decided_by="the ICB Board",
    )
    problem.refresh_from_db()
    assert problem.state == SystemProblemState.ADOPTED
    assert [r.decision for r in selectors.report_backs()] == ["adapted", "pending"]
    assert [r.decision for r in selectors.adoptions()] == ["adapted"]
    assert list(selectors.adoptions(since=today + timedelta(days=1))) == []


def test_a_report_back_dated_in_the_future_is_refused_and_nothing_is_saved():
    keeper = make_person("governance")
    problem = system_problem(state="open")
    with pytest.raises(ValidationError) as error:
        services.record_report_back(
            keeper, problem, board="SEL ICB Board", reported_on=timezone.localdate() + timedelta(days=1),
            summary="Not yet.", decision=AdoptionDecision.ADOPTED,
        )
    assert error.value.message_dict == {"reported_on": ["The date it was reported must be today or in the past"]}
    problem.refresh_from_db()
    assert problem.state == SystemProblemState.OPEN
    assert not ReportBack.objects.exists()


def test_a_proposed_problem_has_no_report_backs():
    keeper = make_person("governance")
    problem = system_problem()
    with pytest.raises(ValidationError, match="Open the problem first"):
        services.record_report_back(
            keeper, problem, board="SEL ICB Board", reported_on=timezone.localdate(), summary="x",
            decision=AdoptionDecision.PENDING,
        )
    assert not ReportBack.objects.exists()


# --- attachments --------------------------------------------------------------------------------------


def test_learning_sets_and_challenge_fund_bids_attach_through_the_registry():
    problem = system_problem(state="open")
    group = LearningGroup.objects.create(cohort=CohortFactory(title="Curriculum spring 2027"), kind="quad", number=1,
                                         system_problem=problem)
    BidFactory(system_problem=problem, title="Draft nobody has sent")
    BidFactory(system_problem=problem, title="Frailty hub", state="active")
    in_review = BidFactory(system_problem=problem, title="Still in review", state="in_review")
    attached = selectors.attached_to_problem(problem)
    kinds = {(item.kind, item.title) for item in attached}
    assert ("Quad", f"{group} of Curriculum spring 2027") in kinds
    assert ("Challenge Fund project", "Frailty hub") in kinds
    assert ("Challenge Fund bids", f"1 bid to {in_review.round.title}") in kinds
    assert not any("Draft nobody" in item.title or "Still in review" in item.title for item in attached)


def test_the_bid_form_offers_the_register_and_saves_the_choice(client):
    problem = system_problem(state="open", title="Frailty across Lewisham")
    system_problem(state="closed", title="An old closed problem")
    bid = BidFactory()
    client.force_login(bid.lead)
    url = reverse("challenge_fund:bid_section", args=[bid.pk, "about"])
    page = client.get(url).content.decode()
    assert "Frailty across Lewisham" in page and "An old closed problem" not in page
    response = client.post(url, {"title": bid.title, "system_problem": problem.pk})
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.system_problem == problem
    check = client.get(reverse("challenge_fund:bid_check", args=[bid.pk])).content.decode()
    assert "Problem in the register" in check and "Frailty across Lewisham" in check


# --- pages ---------------------------------------------------------------------------------------------


def test_create_then_report_back_through_the_pages(client):
    keeper = make_person("governance")
    client.force_login(keeper)
    response = client.post(reverse("programmes:problem_create"), {
        "title": "Frailty pathways", "description": "Older people bounce between services.",
        "owner": keeper.email, "board": "SEL ICB Board", "priority_functions": [
            PriorityFunction.objects.get(number=2).pk], "boroughs": [Borough.objects.get(slug="lewisham").pk],
        "spatial_level": "ics",
    })
    problem = SystemProblem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("programmes:problem", args=[problem.pk])
    client.post(reverse("programmes:problem_move", args=[problem.pk, "open"]))
    tomorrow = timezone.localdate() + timedelta(days=1)
    url = reverse("programmes:problem_report_back", args=[problem.pk])
    response = client.post(url, {
        "board": "SEL ICB Board", "reported_on_0": tomorrow.day, "reported_on_1": tomorrow.month,
        "reported_on_2": tomorrow.year, "summary": "Too early", "decision": "adopted",
    })
    assert response.status_code == 400
    assert "The date it was reported must be today or in the past" in response.content.decode()
    assert not ReportBack.objects.exists()
    today = timezone.localdate()
    response = client.post(url, {
        "board": "SEL ICB Board", "reported_on_0": today.day, "reported_on_1": today.month,
        "reported_on_2": today.year, "summary": "Agreed to adopt", "decision": "adopted", "decided_by": "The board",
    })
    assert response.status_code == 302
    page = client.get(reverse("programmes:problem", args=[problem.pk])).content.decode()
    assert "Agreed to adopt" in page and "Adopted" in page


def test_hostile_text_is_escaped_on_the_pages_and_neutralised_in_the_export(client):
    keeper = make_person("programme_admin")
    problem = _new_problem(keeper, title=HOSTILE, description=HOSTILE, board=HOSTILE)
    services.move_problem(keeper, problem, SystemProblemState.OPEN)
    services.record_report_back(keeper, problem, board=HOSTILE, reported_on=timezone.localdate(), summary=HOSTILE,
                                decision="pending", decided_by=HOSTILE)
    client.force_login(make_person("leader"))
    for url in (reverse("programmes:problems"), reverse("programmes:problem", args=[problem.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)" in page
    client.force_login(keeper)
    response = client.get(reverse("programmes:problems_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Number", "Title"]
    assert rows[1][1] == HOSTILE  # starts with "<": not a formula
    problem.title = '=cmd|" /C calc"!A0'
    problem.save()
    rows = list(csv.reader(io.StringIO(client.get(reverse("programmes:problems_export")).content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + problem.title


def test_the_register_filters_by_function_borough_state_and_words(client):
    bexley, lewisham = Borough.objects.get(slug="bexley"), Borough.objects.get(slug="lewisham")
    one = system_problem(state="open", title="Frailty in Bexley")
    one.boroughs.set([bexley])
    one.priority_functions.set(PriorityFunction.objects.filter(number=4))
    two = system_problem(state="closed", title="Workforce in Lewisham")
    two.boroughs.set([lewisham])
    client.force_login(make_person("leader"))
    url = reverse("programmes:problems")

    def titles(**query):
        return [p.title for p in client.get(url, query).context["problems"]]

    assert set(titles()) == {"Frailty in Bexley", "Workforce in Lewisham"}
    assert titles(borough="bexley") == ["Frailty in Bexley"]
    assert titles(function="4") == ["Frailty in Bexley"]
    assert titles(state="closed") == ["Workforce in Lewisham"]
    assert titles(q="workforce") == ["Workforce in Lewisham"]
    assert set(titles(state="nonsense", borough="nowhere")) == {"Frailty in Bexley", "Workforce in Lewisham"}


def test_a_leader_sees_no_keeping_links(client):
    problem = system_problem(state="open")
    client.force_login(make_person("leader"))
    page = client.get(reverse("programmes:problem", args=[problem.pk])).content.decode()
    assert reverse("programmes:problem_edit", args=[problem.pk]) not in page
    assert reverse("programmes:problem_report_back", args=[problem.pk]) not in page


def test_a_move_the_machine_forbids_is_refused_on_the_confirm_page(client):
    problem = system_problem(state="proposed")
    client.force_login(make_person("governance"))
    response = client.post(reverse("programmes:problem_move", args=[problem.pk, "adopted"]))
    assert response.status_code == 400
    assert "cannot be marked as adopted" in response.content.decode()
    problem.refresh_from_db()
    assert problem.state == "proposed"


@pytest.mark.parametrize("count", [10, 1000])
def test_the_register_query_budget_does_not_grow(client, django_assert_max_num_queries, count):
    functions = list(PriorityFunction.objects.all()[:3])
    boroughs = list(Borough.objects.all()[:2])
    SystemProblem.objects.bulk_create(
        SystemProblem(title=f"Problem {n}", description="d", board="SEL ICB Board", state="open") for n in range(count)
    )
    for problem in SystemProblem.objects.all()[:30]:
        problem.priority_functions.set(functions)
        problem.boroughs.set(boroughs)
    client.force_login(make_person("governance"))
    # the session, user, roles and MFA check; the unread notifications count; the filter form's two lists;
    # the count, the page and its two prefetches; the session's save (3 with its savepoint): 14 for any count
    with django_assert_max_num_queries(14):
        response = client.get(reverse("programmes:problems"), {"page": 2})
    assert response.status_code == 200


def test_workflow_system_actor_may_move_for_the_demo():
    problem = system_problem()
    services.move_problem(workflow.SYSTEM, problem, SystemProblemState.OPEN)
    problem.refresh_from_db()
    assert problem.state == SystemProblemState.OPEN


def test_a_learning_set_chooses_a_problem_on_its_shared_problem_page(client):
    problem = system_problem(state="open", title="Frailty in Greenwich")
    cohort = CohortFactory(title="Curriculum autumn 2026")
    group = LearningGroup.objects.create(cohort=cohort, kind="action_learning_set", number=2)
    client.force_login(make_person("programme_admin"))
    url = reverse("programmes:learning_group_problem", args=[group.pk])
    assert "Frailty in Greenwich" in client.get(url).content.decode()
    response = client.post(url, {"shared_problem": "Frailty across the borough", "system_problem": problem.pk})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.system_problem == problem
    assert [item.kind for item in selectors.attached_to_problem(problem)] == ["Action learning set"]


def test_closing_an_account_removes_the_person_as_owner():
    owner = make_person("leader")
    problem = system_problem(state="open", owner=owner)
    erasure.close_account(owner)
    problem.refresh_from_db()
    assert problem.owner is None

"""The contribution log: recording, proposing and confirming, adoption and scaling through the workflow
(dates never in the future), who may do what, the pages with their errors (nothing saved), the log's
filters and query budget, the CSV export with formulas neutralised, the scorecard's computed indicator and
the /evaluation/ overview."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import Borough, PriorityFunction
from academy.workflow import NotAllowed
from academy.workflow.models import Transition
from evaluation.contribution import selectors, services
from evaluation.contribution.models import Entry, Stage
from evaluation.scorecard import selectors as scorecard
from evaluation.scorecard import services as scorecard_services
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.evaluation.contribution.helpers import adopted, curriculum, data, identified, proposed, scaled

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example") <script>alert(1)</script>'
TODAY = timezone.localdate


def test_recording_an_entry_starts_its_history():
    entry = identified()
    assert entry.stage == Stage.IDENTIFIED
    moves = list(Transition.objects.filter(machine="evaluation.contribution", object_id=entry.pk))
    assert [(m.from_state, m.to_state) for m in moves] == [("", "identified")]


def test_the_source_must_match_its_kind_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        identified(source_kind="problem")
    assert "system problem" in error.value.message_dict["system_problem"][0]
    with pytest.raises(ValidationError):
        identified(source_kind="other", source_text="  ")
    assert not Entry.objects.exists()


def test_a_programme_admin_records_only_for_their_own_programmes():
    admin = make_person("programme_admin")
    with pytest.raises(ValidationError):
        services.record_entry(admin, data())
    other = Programme.objects.exclude(slug="curriculum").first()
    with pytest.raises(ValidationError):
        services.record_entry(admin, data(programme=other))
    assert services.record_entry(admin, data(programme=curriculum())).stage == Stage.IDENTIFIED


def test_leaders_and_the_executive_cannot_record():
    for role in ("leader", "executive"):
        with pytest.raises(PermissionDenied):
            services.record_entry(make_person(role), data())


def test_a_leader_proposes_and_an_evaluator_confirms_or_declines():
    entry = proposed()
    assert entry.stage == Stage.PROPOSED
    with pytest.raises(PermissionDenied):
        services.decide_proposal(make_person("programme_admin"), entry, confirm=True)
    services.decide_proposal(make_person("evaluator"), entry, confirm=True)
    entry.refresh_from_db()
    assert entry.stage == Stage.IDENTIFIED
    other = proposed(title="Another")
    with pytest.raises(ValidationError):
        services.decide_proposal(make_person("evaluator"), other, confirm=False, note="")
    services.decide_proposal(make_person("evaluator"), other, confirm=False, note="Not an innovation")
    other.refresh_from_db()
    assert other.stage == Stage.DECLINED


def test_adoption_and_scaling_are_recorded_with_their_history():
    entry = scaled()
    assert entry.stage == Stage.SCALED
    moves = Transition.objects.filter(machine="evaluation.contribution", object_id=entry.pk).order_by("at", "pk")
    assert [m.to_state for m in moves] == ["identified", "adopted", "scaled"]


def test_an_adoption_date_in_the_future_is_refused():
    entry = identified()
    with pytest.raises(ValidationError) as error:
        services.record_adoption(make_person("evaluator"), entry, adopted_by="Trust", adopted_where="Ward",
                                 adopted_on=TODAY() + datetime.timedelta(days=1), evidence="Yes")
    assert "today or in the past" in error.value.message_dict["adopted_on"][0]
    entry.refresh_from_db()
    assert entry.stage == Stage.IDENTIFIED and entry.adopted_on is None


def test_scaling_before_adoption_is_refused():
    entry = adopted(days_ago=10)
    with pytest.raises(ValidationError) as error:
        services.record_scaling(make_person("evaluator"), entry, scaled_to="More", boroughs=[],
                                scaled_on=TODAY() - datetime.timedelta(days=20), evidence="Yes")
    assert "on or after" in error.value.message_dict["scaled_on"][0]


def test_a_stage_cannot_be_skipped():
    entry = proposed()
    with pytest.raises(NotAllowed):
        services.record_adoption(make_person("evaluator"), entry, adopted_by="Trust", adopted_where="Ward",
                                 adopted_on=TODAY(), evidence="Yes")


def test_the_log_filters_by_stage_function_and_borough():
    function = PriorityFunction.objects.order_by("number").first()
    borough = Borough.objects.order_by("name").first()
    one = identified(title="One", priority_functions=[function])
    two = adopted(title="Two", boroughs=[borough])
    proposed(title="Proposed only")
    assert set(selectors.filtered(selectors.LogFilters())) == {one, two}
    assert list(selectors.filtered(selectors.LogFilters(stage="adopted"))) == [two]
    assert list(selectors.filtered(selectors.LogFilters(function=function.pk))) == [one]
    assert list(selectors.filtered(selectors.LogFilters(borough=borough.pk))) == [two]


def _log_queries(client, django_assert_num_queries, count):
    function = PriorityFunction.objects.order_by("number").first()
    borough = Borough.objects.order_by("name").first()
    for number in range(count):
        identified(title=f"Innovation {number}", priority_functions=[function], boroughs=[borough])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("evaluation_contribution:log"))
    assert response.status_code == 200
    return len(captured)


def test_the_log_pages_in_a_fixed_number_of_queries(client):
    client.force_login(make_person("evaluator"))
    client.get(reverse("evaluation_contribution:log"))  # the first request fills the per-process caches
    few = _log_queries(client, None, 10)
    many = _log_queries(client, None, 30)
    assert few == many, (few, many)


def test_the_log_shows_25_a_page(client):
    client.force_login(make_person("executive"))
    for number in range(27):
        identified(title=f"Innovation {number:02d}")
    body = client.get(reverse("evaluation_contribution:log")).content.decode()
    assert "27 innovations found" in body
    assert body.count("nhsuk-card__link") == 25
    assert "Record an innovation" not in body


def test_the_entry_page_shows_its_history_and_next_step(client):
    entry = adopted(programme=curriculum())
    client.force_login(make_person("programme_admin"))
    body = client.get(reverse("evaluation_contribution:entry", args=[entry.pk])).content.decode()
    assert "History" in body and "Lewisham and Greenwich NHS Trust" in body and "QEH" in body
    assert "Record that it was scaled" in body


def test_the_form_shows_errors_and_saves_nothing(client):
    client.force_login(make_person("evaluator"))
    response = client.post(reverse("evaluation_contribution:new"), {
        "title": HOSTILE, "description": "", "source_kind": "problem", "owner": "Team",
    })
    body = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in body and "nhsuk-error-summary" in body
    assert "Describe the innovation" in body
    assert "<script>alert(1)" not in body
    assert not Entry.objects.exists()


def test_recording_through_the_page(client):
    client.force_login(make_person("evaluator"))
    response = client.post(reverse("evaluation_contribution:new"), {
        "title": "Shared discharge dashboard", "description": "One view of discharges.", "source_kind": "other",
        "source_text": "Challenge Fund learning event", "owner": "SEL ICB analytics", "board": "SEL ICB Board",
    })
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("evaluation_contribution:entry",
                                                                           args=[entry.pk])


def test_a_future_adoption_date_on_the_page_shows_an_error(client):
    entry = identified()
    client.force_login(make_person("evaluator"))
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = client.post(reverse("evaluation_contribution:adopt", args=[entry.pk]), {
        "adopted_by": "Trust", "adopted_where": "Ward", "adopted_on_0": tomorrow.day,
        "adopted_on_1": tomorrow.month, "adopted_on_2": tomorrow.year, "evidence": "Board minutes",
    })
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()
    entry.refresh_from_db()
    assert entry.stage == Stage.IDENTIFIED


def _error_page(response) -> str:
    body = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in body and "nhsuk-error-summary" in body and "There is a problem" in body
    assert "<script>alert(1)" not in body
    return body


def test_a_bad_proposal_answers_400_with_the_error_summary_and_saves_nothing(client):
    client.force_login(make_person("leader"))
    body = _error_page(client.post(reverse("evaluation_contribution:propose"), {
        "title": "", "description": HOSTILE, "source_kind": "other", "owner": "Team",
    }))
    assert "Peer" not in body
    assert not Entry.objects.exists()


def test_a_decision_without_a_choice_or_a_reason_answers_400(client):
    entry = proposed()
    client.force_login(make_person("evaluator"))
    url = reverse("evaluation_contribution:decide", args=[entry.pk])
    _error_page(client.post(url, {"note": HOSTILE}))
    body = _error_page(client.post(url, {"decision": "decline", "note": ""}))
    assert "Say why the innovation is not being taken forward" in body
    entry.refresh_from_db()
    assert entry.stage == Stage.PROPOSED
    assert not Transition.objects.filter(object_id=str(entry.pk), to_state=Stage.DECLINED).exists()


def test_an_adoption_without_its_evidence_answers_400(client):
    entry = identified()
    client.force_login(make_person("evaluator"))
    body = _error_page(client.post(reverse("evaluation_contribution:adopt", args=[entry.pk]), {
        "adopted_by": HOSTILE, "adopted_where": "", "adopted_on_0": "31", "adopted_on_1": "2",
        "adopted_on_2": "2026", "evidence": "", "link": "javascript:alert(1)",
    }))
    assert "Enter where the innovation was adopted" in body and "Describe the evidence of adoption" in body
    entry.refresh_from_db()
    assert entry.stage == Stage.IDENTIFIED and not entry.adopted_by


def test_a_scaling_without_its_evidence_answers_400(client):
    entry = adopted()
    client.force_login(make_person("evaluator"))
    body = _error_page(client.post(reverse("evaluation_contribution:scale", args=[entry.pk]), {
        "scaled_to": HOSTILE, "boroughs": ["not-a-borough"], "scaled_on_0": "", "scaled_on_1": "",
        "scaled_on_2": "", "evidence": "",
    }))
    assert "Describe the evidence of scaling" in body
    entry.refresh_from_db()
    assert entry.stage == Stage.ADOPTED and not entry.scaled_to


def test_a_leader_proposes_through_the_page_and_sees_it(client):
    leader = make_person("leader")
    client.force_login(leader)
    response = client.post(reverse("evaluation_contribution:propose"), {
        "title": "Peer buddying for new GPs", "description": "New GPs paired across PCNs.", "source_kind": "other",
        "source_text": "Shadowing placement", "owner": "Bexley PCNs",
    })
    assert response.status_code == 302
    assert Entry.objects.get().proposed_by == leader
    assert "Peer buddying for new GPs" in client.get(reverse("evaluation_contribution:proposals")).content.decode()


def test_the_export_neutralises_formulas(client):
    identified(title=HOSTILE)
    client.force_login(make_person("evaluator"))
    response = client.get(reverse("evaluation_contribution:export"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "'=HYPERLINK" in body
    assert '\n=HYPERLINK' not in body


def test_the_scorecard_counts_innovations_adopted_or_scaled_from_the_log():
    adopted()
    scaled(title="Scaled one")
    identified(title="Only identified")
    today = TODAY()
    quarters = scorecard_services.recordable_quarters(today, 2)[::-1]
    rows = {row.indicator.key: row for row in scorecard.scorecard(quarters, today)}
    assert rows["innovations_adopted"].cells[-1].value == Decimal(2)


def test_the_overview_shows_each_app_for_the_executive(client, django_assert_max_num_queries):
    scaled()
    client.force_login(make_person("executive"))
    response = client.get(reverse("evaluation:overview"))
    body = response.content.decode()
    for title in ("Success-measures scorecard", "Questionnaires", "Stories of system leadership", "Inclusion",
                  "network", "Contribution log"):
        assert title in body
    assert reverse("evaluation_contribution:log") in body
    assert reverse("evaluation_stories:collections") in body  # the executive reads the plots in aggregate
    assert reverse("evaluation_inclusion:headline") in body
    assert 'href="/evaluation/"' in body  # the header's link


def test_the_overview_in_a_fixed_number_of_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    client.force_login(make_person("evaluator"))
    client.get(reverse("evaluation:overview"))  # the first request fills the per-process caches
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("evaluation:overview"))
    for number in range(5):
        scaled(title=f"Scaled {number}")
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("evaluation:overview"))
    assert len(before) == len(after)


def test_leaders_who_took_part_are_invited_to_propose_and_see_their_proposals(client):
    from tests.factories.programmes import ApplicationFactory

    leader = make_person("leader")
    client.force_login(leader)
    invitation = "Propose an innovation for the Academy"
    assert invitation not in client.get(reverse("ui:home")).content.decode()
    ApplicationFactory(applicant=leader, state="completed")
    assert invitation in client.get(reverse("ui:home")).content.decode()
    services.propose_entry(leader, data(title="Walking learning sets"))
    body = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Innovations you proposed" in body and "Walking learning sets" in body

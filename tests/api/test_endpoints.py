"""The read-only API: every endpoint for every role, scopes, token states, pagination, filters, query
budgets, rate limits, and no equality data."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from academy.directory.models import EqualityMonitoring
from api import services
from evaluation.scorecard import services as scorecard_services
from evaluation.scorecard.indicators import ENTERED, INDICATORS
from programmes.challenge_fund.models import BidState, Outcome
from tests.api.conftest import bearer, token_for
from tests.conftest import ROLE_NAMES, make_person
from tests.evaluation.contribution import helpers as contribution
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, RoundFactory, complete
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db

OK, SIGN_IN, DENIED = 200, 401, 403
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
SIGNED_IN = dict.fromkeys(ROLE_NAMES, OK) | {"anonymous": SIGN_IN}
GOVERNANCE_READERS = dict.fromkeys(ROLE_NAMES, DENIED) | {
    "anonymous": SIGN_IN,
    "governance": OK,
    "executive": OK,
    "superuser": OK,
}
SCORECARD_READERS = dict.fromkeys(ROLE_NAMES, DENIED) | {
    "anonymous": SIGN_IN,
    "evaluator": OK,
    "executive": OK,
    "superuser": OK,
}

# Endpoint -> (the scope it needs, who may read it: the same rules as the page that shows it).
ENDPOINTS = {
    "programmes/": ("public", PUBLIC),
    "cohorts/": ("public", PUBLIC),
    "challenge-fund/projects/": ("public", PUBLIC),
    "reference/": ("public", PUBLIC),
    "roles/": ("governance", GOVERNANCE_READERS),  # governance.view_roles
    "ccplg/seats/": ("governance", SIGNED_IN),  # governance.view_ccplg
    "dashboard/": ("dashboard", GOVERNANCE_READERS),  # governance.view_dashboard
    "evaluation/scorecard/": ("evaluation", SCORECARD_READERS),  # evaluation_scorecard.view_scorecard
}
WALK = [(path, role) for path in ENDPOINTS for role in ROLE_NAMES]


@pytest.mark.parametrize(("path", "role"), WALK)
def test_every_endpoint_for_every_role(api_get, path, role):
    expected = ENDPOINTS[path][1][role]
    response = api_get(path, role)
    assert response.status_code == expected, f"{path} as {role}: {response.status_code} {response.content[:200]}"
    if expected != OK:
        assert response.json()["detail"]


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_a_token_without_the_endpoint_s_scope_is_refused(api_get, path):
    scope = ENDPOINTS[path][0]
    other = next(s for s in ("public", "governance", "dashboard") if s != scope)
    response = api_get(path, "superuser", scopes=[other])
    assert response.status_code == DENIED
    assert scope in response.json()["detail"]
    assert api_get(path, "superuser", scopes=[scope]).status_code == OK


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_expired_revoked_and_unknown_tokens_are_refused_even_on_public_endpoints(client, path):
    user = make_person("superuser")
    expired = token_for(user, days=1)
    revoked = services.create_token(
        user,
        name="Old",
        scopes=["public", "governance", "dashboard"],
        expires_on=timezone.localdate() + timedelta(days=5),
    )
    services.revoke_token(user, revoked.token)
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        for headers in (
            bearer(expired),
            bearer(revoked.plaintext),
            bearer("sela_000000000000_guess"),
            {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"},
        ):
            response = client.get(f"/api/v1/{path}", **headers)
            assert response.status_code == SIGN_IN, headers


def test_a_session_is_not_a_token(client):
    """A signed-in browser reads the API as anyone without a token does."""
    client.force_login(make_person("governance"))
    assert client.get("/api/v1/roles/").status_code == SIGN_IN
    assert client.get("/api/v1/programmes/").status_code == OK


# --- content, pagination and filters -------------------------------------------------------------


def test_open_cohorts_paginate_and_filter(api_get):
    for _ in range(3):
        CohortFactory()
    online = CohortFactory(delivery_format="online")
    online.priority_functions.set([])
    CohortFactory(published=False)
    CohortFactory(applications_close=timezone.now() - timedelta(days=1))
    first = api_get("cohorts/", page_size=2).json()
    assert (first["count"], first["pages"], len(first["items"])) == (4, 2, 2)
    second = api_get("cohorts/", page_size=2, page=2).json()
    assert {c["id"] for c in first["items"]}.isdisjoint({c["id"] for c in second["items"]})
    assert api_get("cohorts/", page=9).json()["items"] == []
    only = api_get("cohorts/", delivery_format="online").json()
    assert [c["id"] for c in only["items"]] == [online.pk]
    assert api_get("cohorts/", programme="no-such-programme").json()["count"] == 0
    assert api_get("cohorts/", page_size=101).status_code == 422
    assert api_get("cohorts/", page=0).status_code == 422


def _funded(title, functions=(2,)):
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=60))
    bid = complete(
        BidFactory(
            round=round_,
            title=title,
            state=BidState.DETERMINED,
            outcome=Outcome.FUNDED,
            awarded_amount=Decimal("15000"),
            determined_at=now,
        )
    )
    bid.functions.set(bid.functions.model.objects.filter(number__in=functions))
    return bid


def test_funded_projects_show_public_fields_only_and_filter(api_get):
    one = _funded("Frailty hub", functions=(2,))
    _funded("Falls pathway", functions=(7,))
    complete(BidFactory(title="Draft bid"))
    body = api_get("challenge-fund/projects/").json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["id"] == one.pk)
    assert item["awarded_amount"] == "15000.00"
    assert item["priority_functions"] == [2]
    assert set(item) == {
        "id",
        "title",
        "summary",
        "lead_organisation",
        "partners",
        "priority_functions",
        "awarded_amount",
        "status",
        "round_id",
        "round",
        "determined_on",
    }
    by_function = api_get("challenge-fund/projects/", priority_function=2).json()
    assert [i["id"] for i in by_function["items"]] == [one.pk]
    assert api_get("challenge-fund/projects/", round=one.round_id).json()["count"] == 1


def test_reference_data_has_the_ten_priority_functions(api_get):
    body = api_get("reference/").json()
    assert [f["number"] for f in body["priority_functions"]] == list(range(1, 11))
    assert {b["name"] for b in body["boroughs"]} >= {"Bexley", "Southwark"}
    assert len(body["leader_groups"]) == 4


def test_roles_give_wte_and_filter(api_get):
    rate = role_type()
    holder = UserFactory(first_name="Ada", last_name="Okafor")
    leadership_role(rate, title="Frailty lead", wte="0.4", holder=holder, function=4)
    leadership_role(rate, title="Quality lead", wte="0.2", function=5)
    body = api_get("roles/", "executive").json()
    assert body["count"] == 2
    frailty = next(r for r in body["items"] if r["title"] == "Frailty lead")
    assert (frailty["wte"], frailty["annual_cost"], frailty["holder"]) == ("0.40", "40000.00", "Ada Okafor")
    assert "email" not in str(frailty).lower()
    assert api_get("roles/", "executive", status="vacant").json()["items"][0]["title"] == "Quality lead"
    assert api_get("roles/", "executive", priority_function=4).json()["count"] == 1
    assert api_get("roles/", "executive", status="closed").status_code == 422


def test_seats_filter_by_capability(api_get):
    body = api_get("ccplg/seats/", "leader", page_size=100).json()
    assert body["count"] > 0
    first = body["items"][0]["capability"]
    only = api_get("ccplg/seats/", "leader", capability=first, page_size=100).json()
    assert {s["capability"] for s in only["items"]} == {first}


def test_dashboard_by_quarter(api_get):
    leadership_role(role_type(), wte="0.5")
    today = api_get("dashboard/", "executive").json()
    assert today["quarter"] is None
    assert len(today["by_priority_function"]) == 10
    key = today["quarters"][0]["key"]
    past = api_get("dashboard/", "executive", quarter=key).json()
    assert past["quarter"]["key"] == key
    assert api_get("dashboard/", "executive", quarter="1999-00-q1").status_code == 404


def test_no_equality_answers_anywhere_only_suppressed_profession_counts(api_get):
    rate = role_type()
    for n in range(3):
        profile = LeaderProfileFactory()
        EqualityMonitoringFactory(user=profile.user)
        leadership_role(rate, title=f"Lead {n}", holder=profile.user)
    assert EqualityMonitoring.objects.count() == 3
    answers = {
        value
        for row in EqualityMonitoring.objects.values()
        for key, value in row.items()
        if key not in {"id", "user_id", "consented_at", "updated_at"}
    }
    for path in ENDPOINTS:
        text = api_get(path, "superuser").content.decode()
        for field in ("ethnicity", "sexual_orientation", "religion", "disability", "age_band"):
            assert field not in text, (path, field)
    rows = api_get("dashboard/", "superuser").json()["by_profession"]
    small = [row for row in rows if row["people"] not in {"0", ""} and row["wte"] is None]
    assert small, "three holders is under the threshold: their professions' figures are suppressed"
    assert answers  # the answers exist; none was shown above


def _scorecard_values(count: int) -> None:
    evaluator = make_person("evaluator")
    quarters = scorecard_services.recordable_quarters(timezone.localdate())[:4]
    for number in range(count):
        key = ENTERED[number % len(ENTERED)].key
        for quarter in quarters:
            scorecard_services.record_value(evaluator, key, quarter, Decimal(40 + number), f"Survey {number}")
        contribution.adopted(days_ago=number, title=f"Innovation {count}-{number}")


def test_the_scorecard_gives_each_indicator_by_quarter_with_trend_and_rag(api_get):
    evaluator = make_person("evaluator")
    quarters = scorecard_services.recordable_quarters(timezone.localdate())
    scorecard_services.record_value(evaluator, "belonging", quarters[1], Decimal(50), "Leaders' survey")
    scorecard_services.record_value(evaluator, "belonging", quarters[0], Decimal(72), '=HYPERLINK("x") <b>')
    body = api_get("evaluation/scorecard/", "executive").json()
    assert body["quarter"]["key"] == quarters[0].key
    assert [q["key"] for q in body["quarters"]] == [q.key for q in quarters[3::-1]]
    assert [q["key"] for q in body["available_quarters"]] == [q.key for q in quarters]
    assert body["count"] == len(INDICATORS) and body["pages"] == 1
    belonging = next(item for item in body["items"] if item["key"] == "belonging")
    assert belonging["values"][-1] == {"quarter": quarters[0].key, "value": "72.0000", "source": '=HYPERLINK("x") <b>'}
    assert belonging["values"][-2]["value"] == "50.0000" and belonging["values"][0]["value"] is None
    assert belonging["trend"] == "up" and belonging["rag"] == "green"  # 72 against a target of 70
    assert belonging["unit"] == "percent" and belonging["target"] == "70" and not belonging["computed"]
    developed = next(item for item in body["items"] if item["key"] == "leaders_developed")
    assert developed["computed"] and developed["values"][-1]["value"] == "0"
    assert body["leaders_developed"] == 0 and body["cost_per_leader"] is None


def test_the_scorecard_pages_and_reads_an_earlier_quarter(api_get):
    quarters = scorecard_services.recordable_quarters(timezone.localdate())
    scorecard_services.record_value(make_person("evaluator"), "confidence", quarters[5], Decimal(61), "Survey")
    body = api_get("evaluation/scorecard/", "evaluator", quarter=quarters[4].key, page_size=2, page=1).json()
    assert body["quarter"]["key"] == quarters[4].key
    assert [q["key"] for q in body["quarters"]] == [q.key for q in quarters[7:3:-1]]
    assert body["count"] == len(INDICATORS) and body["pages"] == (len(INDICATORS) + 1) // 2
    assert [item["key"] for item in body["items"]] == [INDICATORS[0].key, "confidence"]
    assert body["items"][1]["values"][-2]["value"] == "61.0000"
    last = api_get("evaluation/scorecard/", "evaluator", page_size=2, page=body["pages"]).json()
    assert [item["key"] for item in last["items"]] == [INDICATORS[-1].key]
    assert api_get("evaluation/scorecard/", "evaluator", page=99).json()["items"] == []


@pytest.mark.parametrize(
    "params",
    [{"quarter": "1999-00-q1"}, {"quarter": "next"}],
)
def test_the_scorecard_refuses_a_quarter_it_does_not_have(api_get, params):
    response = api_get("evaluation/scorecard/", "evaluator", **params)
    assert response.status_code == 404 and "available quarters" in response.json()["detail"]


def test_the_scorecard_refuses_bad_parameters_and_a_quarter_not_yet_begun(api_get):
    next_quarter = scorecard_services.recordable_quarters(timezone.localdate())[0].next()
    assert api_get("evaluation/scorecard/", "evaluator", quarter=next_quarter.key).status_code == 404
    assert api_get("evaluation/scorecard/", "evaluator", quarter="<script>").status_code == 422
    assert api_get("evaluation/scorecard/", "evaluator", page_size=101).status_code == 422


# --- query budgets: a fixed count at two sizes -----------------------------------------------------


def _queries(client, path, headers, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(f"/api/v1/{path}", {"page_size": 100}, **headers).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("path", "make", "budget"),
    [
        ("cohorts/", lambda n: [CohortFactory() for _ in range(n)], 6),
        ("challenge-fund/projects/", lambda n: [_funded(f"Project {i}") for i in range(n)], 7),
        ("roles/", lambda n: [leadership_role(role_type(f"Type {n}-{i}"), title=f"Role {i}") for i in range(n)], 10),
        ("ccplg/seats/", lambda n: None, 6),
        ("programmes/", lambda n: None, 6),
        # The entered values, network snapshots, innovations adopted, leaders developed (one a quarter and one
        # for the cost per leader) and the spend's three: the same whatever is recorded.
        ("evaluation/scorecard/", lambda n: _scorecard_values(n), 16),
    ],
)
def test_lists_read_in_a_fixed_number_of_queries(client, django_assert_max_num_queries, path, make, budget):
    headers = bearer(token_for(make_person("superuser")))
    client.get("/api/v1/reference/", **headers)  # records "last used" now, so neither measured call does
    make(2)
    small = _queries(client, path, headers, django_assert_max_num_queries, budget)
    make(8)
    large = _queries(client, path, headers, django_assert_max_num_queries, budget)
    assert small == large


# --- rate limits ------------------------------------------------------------------------------------


def test_over_the_limit_the_answer_is_429_with_retry_after(client, settings):
    settings.ACADEMY_API_RATES = {"token": 3, "anonymous": 2}
    headers = bearer(token_for(UserFactory()))
    answers = [client.get("/api/v1/reference/", **headers).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/reference/", **headers)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another token, and anonymous callers, are counted apart.
    assert client.get("/api/v1/reference/", **bearer(token_for(UserFactory()))).status_code == 200
    assert [client.get("/api/v1/reference/").status_code for _ in range(3)] == [200, 200, 429]


def test_the_limit_fails_open_when_the_cache_fails(client, settings, monkeypatch):
    settings.ACADEMY_API_RATES = {"token": 1, "anonymous": 1}

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "incr", broken)
    assert [client.get("/api/v1/reference/").status_code for _ in range(3)] == [200, 200, 200]

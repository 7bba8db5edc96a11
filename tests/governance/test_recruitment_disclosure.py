"""The recruitment pipeline from an attacker's side: every number a role that reads the pipeline can see
about the same people (every table across all vacancies, every vacancy's table, the totals, which the
recruitment page's per-vacancy counts and the roles page's appointees publish anyway), put together,
must not pin down any hidden cell. See docs/suppression.md."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from governance.models import ApplicationState, VacancyApplication
from tests.conftest import make_person
from tests.factories.governance import leadership_role, role_type
from tests.governance.test_recruitment_pipeline import add, applicant, vacancy_for

S = ApplicationState
SMALL, NOT_SHOWN = "fewer than 5", "not shown"
STAGES = ("Applied", "Shortlisted", "Appointed")


def read_csv(client, vacancy=None) -> list[dict]:
    url = reverse("governance:recruitment_pipeline_csv") + (f"?vacancy={vacancy.pk}" if vacancy else "")
    response = client.get(url)
    assert response.status_code == 200
    return [r for r in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()
                                                  if response.streaming else response.content.decode()))
            if r["Group"] != "Total"]


def true_totals(vacancy=None) -> dict[str, int]:
    """What the recruitment page (applied, shortlisted per vacancy) and the roles page (who was appointed)
    let anyone who reads them add up."""
    live = VacancyApplication.objects.exclude(state=S.WITHDRAWN)
    if vacancy is not None:
        live = live.filter(vacancy=vacancy)
    return {
        "Applied": live.count(),
        "Shortlisted": live.filter(shortlisted_at__isnull=False).count(),
        "Appointed": live.filter(state=S.APPOINTED).count(),
    }


def attack(published: dict, totals: dict, parts: list) -> list:
    """Interval reasoning over everything published, as a reader would do by hand: each column adds up to
    its total, each vacancy's profession table adds up to the all-vacancies one, and at each group no more
    are shortlisted than applied, nor appointed than shortlisted. Returns the hidden cells it pins down."""
    low, high = {}, {}
    for cell, display in published.items():
        scope, _dimension, _group, stage = cell
        if display.isdigit():
            low[cell] = high[cell] = int(display)
        elif display == SMALL:
            low[cell], high[cell] = 1, 4
        else:
            assert display == NOT_SHOWN, display
            low[cell], high[cell] = 0, totals[scope][stage]
    equations = []
    columns = {}
    for cell in published:
        columns.setdefault(cell[:2] + cell[3:], []).append(cell)
    for (scope, _dimension, stage), cells in columns.items():
        equations.append(([(1, c) for c in cells], totals[scope][stage]))
    for scope_all, dimension, group, stage in [c for c in published if c[0] == "all" and c[1] == "Profession group"]:
        terms = [(1, (scope_all, dimension, group, stage))] + [(-1, (p, dimension, group, stage)) for p in parts]
        equations.append((terms, 0))
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            for coefficient, cell in terms:
                lo_others = sum(c * (low[o] if c > 0 else high[o]) for c, o in terms if o != cell)
                hi_others = sum(c * (high[o] if c > 0 else low[o]) for c, o in terms if o != cell)
                least, most = ((constant - hi_others, constant - lo_others) if coefficient > 0
                               else (lo_others - constant, hi_others - constant))
                if least > low[cell] or most < high[cell]:
                    low[cell], high[cell] = max(low[cell], least), min(high[cell], most)
                    changed = True
        for scope, dimension, group, _ in published:
            chain = [(scope, dimension, group, stage) for stage in STAGES]
            for bigger, smaller in zip(chain, chain[1:], strict=False):
                if high[smaller] > high[bigger] or low[bigger] < low[smaller]:
                    high[smaller] = min(high[smaller], high[bigger])
                    low[bigger] = max(low[bigger], low[smaller])
                    changed = True
    # A vacancy's cell for a group that all vacancies show as 0 is 0 by publication, and gives nobody away.
    zero_overall = {(p, d, g, st) for (scope, d, g, st), display in published.items()
                    if scope == "all" and d == "Profession group" and display == "0" for p in parts}
    return [cell for cell, display in published.items()
            if not display.isdigit() and low[cell] == high[cell] and cell not in zero_overall]


def zeros_beside_hidden(published: dict, totals: dict) -> list:
    """Columns and rows whose only non-zero cells are hidden while zeros are shown beside them (a zero in
    a stage nobody reached, whose total of 0 is published, tells nothing)."""
    lines = {}
    for cell, display in published.items():
        scope, dimension, group, stage = cell
        if not totals[scope][stage]:
            continue
        lines.setdefault(("column", scope, dimension, stage), []).append(display)
        lines.setdefault(("row", scope, dimension, group), []).append(display)
    return [
        line for line, displays in lines.items()
        if any(not d.isdigit() for d in displays) and "0" in displays
        and not any(d.isdigit() and d != "0" for d in displays)
    ]


def everything_seen_by(role_name: str, client, vacancies) -> dict:
    user = make_person(role_name)
    client.force_login(user)
    published = {}
    for scope, vacancy in [("all", None), *((v.pk, v) for v in vacancies)]:
        for r in read_csv(client, vacancy):
            for stage in STAGES:
                published[scope, r["Grouped by"], r["Group"], stage] = r[stage]
    return published


@pytest.fixture
def one_appointment(db):
    """The independent test's case: one appointee (named on the roles page), and three groups with one
    applicant each, alongside a second vacancy still open."""
    rate = role_type()
    appointed = vacancy_for(leadership_role(rate, title="Frailty lead"), appointed=True)
    add(appointed, applicant("white_british", sex="male", profession="Medicine"), state=S.APPOINTED)
    add(appointed, applicant("black_african", profession="Medicine"), state=S.UNSUCCESSFUL, shortlisted=True)
    add(appointed, applicant("asian_indian"), state=S.UNSUCCESSFUL)
    add(appointed, applicant("mixed_other"), state=S.UNSUCCESSFUL)
    for _ in range(6):
        add(appointed, applicant("white_irish", profession="Medicine"), state=S.UNSUCCESSFUL, shortlisted=True)
    still_open = vacancy_for(leadership_role(rate, title="Dementia lead"))
    for _ in range(7):
        add(still_open, applicant("white_british", profession="Medicine"))
    add(still_open, applicant("other_arab", profession="Pharmacy"))
    return [appointed, still_open]


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["governance", "executive", "evaluator", "superuser"])
def test_no_hidden_cell_can_be_worked_out_from_everything_a_reader_of_the_pipeline_sees(
    client, one_appointment, role_name
):
    vacancies = one_appointment
    published = everything_seen_by(role_name, client, vacancies)
    totals = {"all": true_totals()} | {v.pk: true_totals(v) for v in vacancies}
    # The case: the only person appointed is not given away by zeros beside a hidden cell ...
    assert zeros_beside_hidden(published, totals) == []
    appointed_by_ethnicity = {g: d for (s, dim, g, stage), d in published.items()
                              if s == "all" and dim == "Ethnic group" and stage == "Appointed"}
    assert appointed_by_ethnicity["White"] == NOT_SHOWN
    assert set(appointed_by_ethnicity.values()) == {NOT_SHOWN}
    # ... nor are the three groups of one applicant pinned by the published total, nor any vacancy's
    # profession counts by taking the other vacancy's from all vacancies'.
    assert attack(published, totals, [v.pk for v in vacancies]) == []


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_random_pipelines_give_nothing_away(client, seed):
    import random

    rng = random.Random(seed)
    ethnicities = ["white_british", "black_african", "asian_indian", "mixed_other", None]
    professions = ["Medicine", "Nursing", "Pharmacy", "Social work"]
    vacancies, rate = [], role_type()
    for index in range(rng.randint(1, 3)):
        vacancy = vacancy_for(leadership_role(rate, title=f"Lead {index}"), appointed=index == 0)
        vacancies.append(vacancy)
        for number in range(rng.randint(1, 12)):
            state = (S.APPOINTED if index == 0 and number == 0
                     else rng.choice([S.APPLIED, S.SHORTLISTED, S.UNSUCCESSFUL]))
            add(vacancy, applicant(rng.choice(ethnicities), sex=rng.choice(["female", "male"]),
                                   profession=rng.choice(professions)), state=state)
    published = everything_seen_by("governance", client, vacancies)
    totals = {"all": true_totals()} | {v.pk: true_totals(v) for v in vacancies}
    assert zeros_beside_hidden(published, totals) == []
    assert attack(published, totals, [v.pk for v in vacancies]) == []

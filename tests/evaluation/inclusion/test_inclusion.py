"""Inclusion measures: counts by step, hand-computed relative likelihoods, suppression on every table (and
that no hidden cell can be worked out from everything an evaluator sees), who sees what, exports, and the
page's query budget."""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluation.inclusion import selectors
from governance.models import Capability, Seat
from programmes.core.models import Programme
from programmes.core.selectors.inclusion import application_steps
from tests.evaluation.inclusion.data import applications
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db
SMALL, NOT_SHOWN = "fewer than 5", "not shown"



def table(result, key):
    return next(t for t in result.tables if t.grouping.key == key)


def row(t, group):
    return next(r for r in t.rows if r.group == group)


@pytest.fixture
def pipeline():
    """White: 20 applied, 10 offered. Black: 20 applied, 5 offered. Asian: 7 applied, 2 offered; Mixed: 8
    applied, 3 offered. All nursing, female, not disabled, sent yesterday."""
    cohort = CohortFactory()
    applications(10, "applied", cohort=cohort)
    applications(10, "offered", cohort=cohort)
    applications(15, "applied", cohort=cohort, ethnicity="black_african")
    applications(5, "offered", cohort=cohort, ethnicity="black_caribbean")
    applications(5, "applied", cohort=cohort, ethnicity="asian_indian")
    applications(2, "offered", cohort=cohort, ethnicity="asian_indian")
    applications(5, "applied", cohort=cohort, ethnicity="mixed_other")
    applications(3, "offered", cohort=cohort, ethnicity="mixed_other")
    return cohort


def test_counts_shares_and_hand_computed_relative_likelihoods(pipeline):
    ethnicity = table(selectors.report(), "ethnicity")
    white, black = row(ethnicity, "White"), row(ethnicity, "Black or Black British")
    assert white.counts == ("20", "10", "0") and black.counts == ("20", "5", "0")
    # White's likelihood of an offer is 10/20 = 0.5, Black's 5/20 = 0.25: 0.5 / 0.25 = 2.00, outside the range.
    assert white.likelihoods[0].text == "reference group"
    assert black.likelihoods[0].text == "2.00" and black.likelihoods[0].outside
    # Nobody completed: offered to completed cannot be worked out (the group's likelihood is 0).
    assert black.likelihoods[1].text == "cannot be worked out"
    # 20 of the 55 who answered.
    assert white.shares[0] == "36.4%"
    asian = row(ethnicity, "Asian or Asian British")
    # Not offered 5, offered fewer than 5: so how many applied and were offered is not shown either.
    assert asian.outcomes == ("5", SMALL, "0")
    assert asian.counts[:2] == (NOT_SHOWN, NOT_SHOWN)
    assert asian.likelihoods[0].text == NOT_SHOWN and asian.shares[0] == NOT_SHOWN
    assert ethnicity.totals == ("55", "20", "0")
    # Everyone is a nurse: one profession group holds every count.
    profession = table(selectors.report(), "profession")
    assert row(profession, "Nursing and midwifery").counts == ("55", "20", "0")


def test_relative_likelihood_inside_the_usual_range_and_programme_scope(pipeline):
    applications(6, "applied", cohort=pipeline, sex="male")
    applications(5, "offered", cohort=pipeline, sex="male")
    curriculum = Programme.objects.get(slug="curriculum")
    sex = table(selectors.report(curriculum), "sex")
    # Male (reference): 5 of 11 offered; female: 20 of 55. (5/11) / (20/55) = 275/220 = 1.25: at the edge of
    # the usual range, not outside it.
    female = row(sex, "Female")
    assert female.likelihoods[0].text == "1.25" and not female.likelihoods[0].outside


def test_completed_step_and_offered_to_completed():
    cohort = CohortFactory()
    applications(5, "applied", cohort=cohort)
    applications(5, "offered", cohort=cohort)
    applications(5, "completed", cohort=cohort)
    applications(10, "applied", cohort=cohort, ethnicity="black_african")
    applications(5, "completed", cohort=cohort, ethnicity="black_african")
    ethnicity = table(selectors.report(), "ethnicity")
    white, black = row(ethnicity, "White"), row(ethnicity, "Black or Black British")
    assert white.counts == ("15", "10", "5") and black.counts == ("15", "5", "5")
    # Applied to offered: White 10/15, Black 5/15: 2.00. Offered to completed: White 5/10, Black 5/5: 0.50.
    assert black.likelihoods[0].text == "2.00"
    assert black.likelihoods[1].text == "0.50" and black.likelihoods[1].outside


def test_a_group_seen_only_in_hidden_cells_has_its_zeros_hidden_too():
    """Two Asian applicants were offered places (fewer than 5) and none was turned down: their 0 beside
    White's 6 not offered would let a reader see that all 6 are White, and that the hidden offers are
    Asian; so the row's zeros, and as much of the column as it takes, are not shown."""
    cohort = CohortFactory()
    applications(6, "applied", cohort=cohort)
    applications(6, "completed", cohort=cohort)
    applications(2, "offered", cohort=cohort, ethnicity="asian_indian")
    ethnicity = table(selectors.report(), "ethnicity")
    assert row(ethnicity, "Asian or Asian British").outcomes[0] == NOT_SHOWN
    assert row(ethnicity, "White").outcomes[0] == NOT_SHOWN
    assert row(ethnicity, "White").counts[0] == NOT_SHOWN


def test_a_lone_small_group_hides_another_and_its_likelihoods():
    cohort = CohortFactory()
    applications(12, "offered", cohort=cohort)
    applications(9, "offered", cohort=cohort, ethnicity="black_african")
    applications(2, "offered", cohort=cohort, ethnicity="asian_indian")
    ethnicity = table(selectors.report(), "ethnicity")
    assert row(ethnicity, "Asian or Asian British").outcomes[1] == SMALL
    # The next-smallest group is hidden too, or 23 - 12 - 9 would give the 2 away.
    assert row(ethnicity, "Black or Black British").outcomes[1] == NOT_SHOWN
    assert row(ethnicity, "Black or Black British").counts[0] == NOT_SHOWN
    assert row(ethnicity, "Black or Black British").likelihoods[0].text == NOT_SHOWN


def test_people_without_consented_answers_are_not_answered():
    cohort = CohortFactory()
    applications(6, "applied", cohort=cohort, answered=False)
    applications(6, "applied", cohort=cohort)
    ethnicity = table(selectors.report(), "ethnicity")
    assert row(ethnicity, "Not answered").counts[0] == "6"
    assert row(ethnicity, "White").shares[0] == "100.0%"  # of those who answered


def test_members_tables_one_seat_holder_shows_nothing():
    profile = LeaderProfileFactory()
    EqualityMonitoringFactory(user=profile.user, ethnicity="black_african")
    today = timezone.localdate()
    Seat.objects.create(capability=Capability.objects.order_by("number").first() or _capability(),
                        title="Co-chair (test)", holder=profile.user, term_starts=today - timedelta(days=30),
                        term_ends=today + timedelta(days=300))
    members = {t.grouping.key: t for t in selectors.report().members}
    assert set(members) == {"ethnicity", "sex", "disability"}  # profession is on the C&CPLG's own page
    ethnicity = members["ethnicity"]
    # One person: every cell and the total are hidden, so no group is named.
    assert all(r.counts[0] == NOT_SHOWN for r in ethnicity.rows)
    assert ethnicity.totals[0] == NOT_SHOWN


def _capability():
    return Capability.objects.create(number=99, title="Test capability")


def test_trend_by_quarter_keeps_quarters_apart(pipeline):
    last_year = timezone.now() - timedelta(days=200)
    applications(6, "applied", cohort=pipeline, sent=last_year)
    applications(6, "offered", cohort=pipeline, sent=last_year)
    trend = next(t for t in selectors.report().trends if t.grouping.key == "ethnicity")
    assert len(trend.rows) == selectors.TREND_QUARTERS
    latest = trend.rows[-1]
    assert latest.applied == "55"
    assert latest.likelihoods[trend.groups.index("Black or Black British")].text == "2.00"
    older = [r for r in trend.rows if r.applied == "12"]
    assert len(older) == 1


# --- the attacker's view ---------------------------------------------------------------------------------


def read_export(client, programme=None):
    url = reverse("evaluation_inclusion:export") + "?format=csv" + (f"&programme={programme}" if programme else "")
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def published_cells(client, scopes):
    """Every outcome count an evaluator downloads, ``{(scope, dimension, group, outcome): display}``, with
    the totals. The steps' counts on the page are sums of these, shown only when all they add up is shown."""
    cells, totals = {}, {}
    for scope in scopes:
        for line in read_export(client, scope):
            if line["Table"] != "Outcomes":
                continue
            key = (scope or "all", line["Grouped by"], line["Step"])
            if line["Group"] == "Total":
                totals[key] = line["Count"]
            else:
                cells[(scope or "all", line["Grouped by"], line["Group"], line["Step"])] = line["Count"]
    return cells, totals


def attack(cells, totals, programmes):
    """What a reader works out by hand, written apart from the helper: each column adds up to its total,
    and all programmes are the sum of each programme. The outcomes (applied and not offered, offered and
    not completed, completed) do not overlap, so none bounds another. Returns every hidden cell pinned to
    one value, except those that are 0 by publication."""
    low, high = {}, {}
    for cell, display in cells.items():
        total = int(totals[cell[0], cell[1], cell[3]])
        if display.isdigit():
            low[cell] = high[cell] = int(display)
        elif display == SMALL:
            low[cell], high[cell] = 1, 4
        else:
            low[cell], high[cell] = 0, total
    equations = []
    columns = {}
    for cell in cells:
        columns.setdefault((cell[0], cell[1], cell[3]), []).append(cell)
    for key, members in columns.items():
        equations.append(([(1, c) for c in members], int(totals[key])))
    for cell in [c for c in cells if c[0] == "all"]:
        parts = [(p, *cell[1:]) for p in programmes if (p, *cell[1:]) in cells]
        equations.append(([(1, cell)] + [(-1, p) for p in parts], 0))
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            for coefficient, cell in terms:
                lo = sum(c * (low[o] if c > 0 else high[o]) for c, o in terms if o != cell)
                hi = sum(c * (high[o] if c > 0 else low[o]) for c, o in terms if o != cell)
                least, most = (constant - hi, constant - lo) if coefficient > 0 else (lo - constant, hi - constant)
                if least > low[cell] or most < high[cell]:
                    low[cell], high[cell] = max(low[cell], least), min(high[cell], most)
                    changed = True

    def zero_by_publication(cell):
        """Every programme's cell shows 0 (for all programmes), or all programmes' shows 0 (for one)."""
        if cell[0] == "all":
            return all(cells.get((p, *cell[1:])) == "0" for p in programmes)
        return cells.get(("all", *cell[1:])) == "0"

    return [cell for cell, display in cells.items()
            if not display.isdigit() and low[cell] == high[cell] and not zero_by_publication(cell)]


def _random_programme_data(seed):
    rng = random.Random(seed)
    ethnicities = ["white_british", "black_african", "asian_indian", "mixed_other", "other_arab"]
    for slug in ("curriculum", "network"):
        cohort = CohortFactory(programme=Programme.objects.get(slug=slug))
        for ethnicity in ethnicities:
            for step in ("applied", "offered", "completed"):
                count = rng.choice([0, 0, 1, 2, 3, 6])
                if count:
                    applications(count, step, cohort=cohort, ethnicity=ethnicity,
                                 sex=rng.choice(["female", "male"]), disability=rng.choice(["yes", "no"]))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_hidden_cell_can_be_worked_out_from_everything_an_evaluator_downloads(client_as, seed):
    _random_programme_data(seed)
    client, _ = client_as("evaluator")
    scopes = [None, "curriculum", "network"]
    cells, totals = published_cells(client, scopes)
    # Every column's total is what a reader adds up anyway: take them from the database, not the page.
    steps = application_steps()
    true = {}
    for scope in scopes:
        mine = [r for r in steps if scope is None or r["programme"] == Programme.objects.get(slug=scope).pk]
        outcome = {
            "not_offered": sum(r["applied"] - r["offered"] for r in mine),
            "offered_only": sum(r["offered"] - r["completed"] for r in mine),
            "completed": sum(r["completed"] for r in mine),
        }
        for grouping in selectors.GROUPINGS:
            for key, label in selectors.OUTCOMES:
                true[(scope or "all", grouping.title, label)] = str(outcome[key])
    for key, shown in totals.items():
        assert shown in {true[key], NOT_SHOWN}
    assert attack(cells, true, ["curriculum", "network"]) == []


# --- who sees what, exports, budgets ----------------------------------------------------------------------


def test_programme_admin_sees_only_their_programme(client_as, pipeline):
    network = CohortFactory(programme=Programme.objects.get(slug="network"))
    applications(5, "applied", cohort=network)
    client, _ = client_as("programme_admin")  # admin of the curriculum
    page = client.get(reverse("evaluation_inclusion:overview"))
    assert page.status_code == 200
    assert page.context["programme"].slug == "curriculum"
    assert [p.slug for p in page.context["choices"]] == ["curriculum"]
    assert client.get(reverse("evaluation_inclusion:overview") + "?programme=network").status_code == 403
    assert client.get(reverse("evaluation_inclusion:export") + "?programme=network").status_code == 403
    assert client.get(reverse("evaluation_inclusion:overview") + "?programme=nothing").status_code == 404
    assert not page.context["report"].members  # the C&CPLG is not a programme's


def test_evaluator_sees_all_programmes_and_members(client_as, pipeline):
    client, _ = client_as("evaluator")
    page = client.get(reverse("evaluation_inclusion:overview"))
    assert page.context["programme"] is None
    assert page.context["report"].members
    assert b"2.00" in page.content and b"outside the usual range" in page.content


def test_executive_sees_the_headline_only(client_as, pipeline):
    client, _ = client_as("executive")
    page = client.get(reverse("evaluation_inclusion:headline"))
    assert page.status_code == 200
    ethnicity = next(h for h in page.context["headlines"] if h.grouping.key == "ethnicity")
    black = ethnicity.groups.index("Black or Black British")
    assert ethnicity.offered[black].text == "2.00"
    assert b"fewer than" not in page.content.split(b'id="maincontent"')[1].split(b"<table")[1]
    assert client.get(reverse("evaluation_inclusion:overview")).status_code == 403


def test_exports_carry_the_page_suppression(client_as, pipeline):
    client, _ = client_as("evaluator")
    lines = read_export(client)
    asian = [line for line in lines if line["Group"] == "Asian or Asian British" and line["Table"] == "Outcomes"
             and line["Step"] == "Offered a place, not completed"]
    assert asian[0]["Count"] == SMALL
    response = client.get(reverse("evaluation_inclusion:export") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for line in sheet.iter_rows() for cell in line]
    assert SMALL in values and "2" not in values


@pytest.mark.parametrize("count", [1, 3])
def test_inclusion_page_has_a_fixed_query_count(client_as, django_assert_max_num_queries, count):
    for index in range(count):
        applications(3, "offered", cohort=CohortFactory(), ethnicity="black_african",
                     sent=datetime.now(tz=timezone.get_current_timezone()) - timedelta(days=100 * index))
    client, _ = client_as("evaluator")
    client.get(reverse("evaluation_inclusion:overview"))
    # Session and user, roles (for permissions), unread notifications, programmes, applications, the
    # C&CPLG and role holders (2), benchmarks and their rows (2), and a few for the base layout.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("evaluation_inclusion:overview")).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_headline_and_export_have_a_fixed_query_count(client_as, django_assert_max_num_queries, count):
    for index in range(count):
        applications(3, "offered", cohort=CohortFactory(), ethnicity="asian_indian",
                     sent=datetime.now(tz=timezone.get_current_timezone()) - timedelta(days=100 * index))
    client, _ = client_as("evaluator")
    client.get(reverse("evaluation_inclusion:headline"))
    # The headline adds the recruitment pipeline (one query) and reads no benchmarks or programmes.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("evaluation_inclusion:headline")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("evaluation_inclusion:export") + "?format=xlsx").status_code == 200


def test_a_programme_trend_is_the_same_worked_out_alone(pipeline):
    """Each trend is its own call to the helper: working out one programme's alone changes nothing."""
    applications(6, "applied", cohort=pipeline, sent=timezone.now() - timedelta(days=200))
    pid = pipeline.programme_id
    alone = selectors.suppressed_counts(trend=pid)["ethnicity"]
    everything = selectors.suppressed_counts(trend=None)["ethnicity"]
    assert alone["all"]["applied"] == everything["all"]["applied"]
    assert any(key[0] == "pq" for key in alone) and not any(key[0] == "q" for key in alone)

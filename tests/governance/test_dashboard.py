"""The investment dashboard: totals against a hand-computed fixture, a past quarter as it was, the
intended shares, suppression, CSV, and a query count that does not grow with the roles."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from academy.directory.models import Borough, Profession, ProviderCollaborative
from governance import services
from governance.dashboard import Quarter, csv_rows, investment_dashboard, past_quarters, quarter_of
from governance.models import ClinicalNetwork, FundingSource, LeadershipRole, PriorityFunction, RoleType, SpatialLevel
from tests.factories.directory import LeaderProfileFactory

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def make(rate, title, function, level, wte, *, start=date(2026, 1, 1), end=None, holder=None, **body):
    return services.save_role(None, None, {
        "title": title, "function": PriorityFunction.objects.get(number=function), "spatial_level": level,
        "role_type": rate, "pay_basis": "sessional", "wte": Decimal(wte), "funding_source": FundingSource.ICB,
        "start_date": start, "end_date": end, "holder": holder, **body,
    })


@pytest.fixture
def fixture_roles():
    """Rate £100,000 a WTE, so each role costs WTE x £100,000:
    - A: care pathway (2), ICS, 0.4, filled -> £40,000
    - B: care pathway (2), Acute collaborative, 0.2, vacant -> £20,000
    - C: care pathway (2), Bexley LCP, 0.2, filled -> £20,000
    - D: care standards (10), ICS, 0.4, Diabetes network, filled -> £40,000
    - E: workforce (4), Lambeth LCP, 0.2, vacant -> £20,000
    - F: ended in 2025 (not counted today) 1.0 -> £100,000
    - G: starts in 2027 (not counted today) 0.4
    Today: 5 roles, 3 filled, 1.4 WTE, 7 days a week, £140,000; care pathway £80,000 = 57.1%;
    networks £40,000 = 28.6%."""
    rate = RoleType.objects.create(name="Flat rate", annual_rate_per_wte=Decimal("100000"))
    nurse = Profession.objects.get(name="Nursing")
    holders = [LeaderProfileFactory(profession=nurse).user for _ in range(3)]
    roles = {
        "A": make(rate, "A", 2, SpatialLevel.ICS, "0.4", holder=holders[0]),
        "B": make(rate, "B", 2, SpatialLevel.COLLABORATIVE, "0.2",
                  collaborative=ProviderCollaborative.objects.get(slug="acute")),
        "C": make(rate, "C", 2, SpatialLevel.LCP, "0.2", holder=holders[1], borough=Borough.objects.get(slug="bexley")),
        "D": make(rate, "D", 10, SpatialLevel.ICS, "0.4", holder=holders[2],
                  clinical_network=ClinicalNetwork.objects.get(name="Diabetes")),
        "E": make(rate, "E", 4, SpatialLevel.LCP, "0.2", borough=Borough.objects.get(slug="lambeth")),
        "F": make(rate, "F", 3, SpatialLevel.ICS, "1.0", start=date(2024, 1, 1), end=date(2025, 12, 31)),
        "G": make(rate, "G", 3, SpatialLevel.ICS, "0.4", start=date(2027, 1, 1)),
    }
    return rate, roles


def test_totals_match_the_hand_computed_fixture(fixture_roles):
    board = investment_dashboard(today=TODAY)
    t = board.totals
    assert (t.roles, t.filled, t.vacant) == (5, 3, 2)
    assert t.wte == Decimal("1.40") and t.days_per_week == Decimal("7.00")
    assert t.cost == Decimal("140000.00")
    assert t.care_pathway_share == Decimal("57.1") and board.care_pathway_met
    assert t.network_share == Decimal("28.6") and board.network_met
    by_function = {row.label: row for row in board.by_function}
    pathway = by_function["2. Care pathway transformation and innovation"]
    assert (pathway.roles, pathway.vacant, pathway.wte, pathway.cost) == (3, 1, Decimal("0.80"), Decimal("80000.00"))
    assert by_function["3. System-wide clinical and care strategy"].roles == 0
    by_level = {row.label: row for row in board.by_level}
    assert by_level["ICS body"].cost == Decimal("80000.00") and by_level["ICS body"].share == Decimal("57.1")
    assert by_level["Local Care Partnership"].wte == Decimal("0.40")
    by_borough = {row.label: row for row in board.by_borough}
    assert by_borough["Bexley Local Care Partnership"].cost == Decimal("20000.00")
    assert by_borough["Lambeth Local Care Partnership"].vacant == 1
    assert by_borough["Bromley Local Care Partnership"].roles == 0


def test_profession_is_suppressed_under_five(fixture_roles):
    board = investment_dashboard(today=TODAY)
    nursing = next(row for row in board.by_profession if row.label == "Nursing")
    assert nursing.people == "fewer than 5" and nursing.hidden and nursing.wte == 0
    header, rows = csv_rows(board, "profession")
    nursing_csv = next(row for row in rows if row[0] == "Nursing")
    assert nursing_csv == ["Nursing", "fewer than 5", "not shown", "not shown", "not shown"]


def test_a_past_quarter_shows_the_roles_as_they_were(fixture_roles, settings):
    rate, roles = fixture_roles
    # B was changed straight after it was added (two versions) ...
    data_b = {f: getattr(roles["B"], f) for f in services.ROLE_FIELDS}
    services.save_role(None, roles["B"], {**data_b, "title": "B renamed"})
    # Pretend the roles were recorded on 1 January 2026, every version at the same moment ...
    began = timezone.make_aware(datetime.combine(date(2026, 1, 1), time(9)))
    LeadershipRole.history.update(history_date=began)
    # ... and that A grew from 0.4 to 1.0 WTE today.
    data = {f: getattr(roles["A"], f) for f in services.ROLE_FIELDS}
    services.save_role(None, roles["A"], {**data, "wte": Decimal("1.0")})
    now = investment_dashboard(today=TODAY)
    assert now.totals.wte == Decimal("2.00")
    then = investment_dashboard(Quarter(2026, 2), today=TODAY)
    assert then.on == date(2026, 6, 30)
    assert then.totals.wte == Decimal("1.40") and then.totals.cost == Decimal("140000.00")
    earlier = investment_dashboard(Quarter(2025, 4), today=TODAY)  # nothing recorded yet then
    assert earlier.totals.roles == 0
    assert [q.label for q, _ in now.trend] == [
        "October to December 2025", "January to March 2026", "April to June 2026", "July to September 2026",
    ]
    assert [totals.wte for _, totals in now.trend] == [Decimal("0")] + [Decimal("1.40")] * 3


def test_quarters():
    assert quarter_of(TODAY) == Quarter(2026, 4)
    assert Quarter(2026, 1).end == date(2026, 3, 31) and Quarter(2026, 4).end == date(2026, 12, 31)
    assert past_quarters(TODAY, 2) == [Quarter(2026, 3), Quarter(2026, 2)]


def test_pages_and_csv(client_as, fixture_roles):
    client, _ = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    assert "57.1% of the annual cost" in page and "£140,000" in page
    for table in ("function", "level", "borough", "profession", "trend"):
        response = client.get(reverse("governance:dashboard_csv") + f"?table={table}")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert client.get(reverse("governance:dashboard_csv") + "?table=nope").status_code == 404
    past = client.get(reverse("governance:dashboard") + f"?quarter={past_quarters(timezone.localdate())[0].key}")
    assert past.status_code == 200 and "as the roles were then" in past.content.decode()
    # An unknown quarter shows today.
    assert client.get(reverse("governance:dashboard") + "?quarter=1999-q9").status_code == 200


@pytest.mark.parametrize("count", [50, 5000])
def test_dashboard_query_count_does_not_grow(client_as, django_assert_num_queries, count):
    client, _ = client_as("executive")
    rate = RoleType.objects.create(name="Flat rate", annual_rate_per_wte=Decimal("100000"))
    functions = list(PriorityFunction.objects.all())
    boroughs = list(Borough.objects.all())
    holders = [LeaderProfileFactory().user for _ in range(10)]
    roles = [
        LeadershipRole(
            title=f"Role {index}", function=functions[index % 10], spatial_level=SpatialLevel.LCP,
            borough=boroughs[index % 6], role_type=rate, wte=Decimal("0.2"), annual_cost=Decimal("20000"),
            funding_source=FundingSource.LCP, start_date=date(2025, 1, 1),
            holder=holders[index % 10] if index % 3 else None,
        )
        for index in range(count)
    ]
    bulk_create_with_history(roles, LeadershipRole, batch_size=1000)
    # Session, user and MFA checks, navigation, then the dashboard's own queries: the same for any count.
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("governance:dashboard"))
    assert response.status_code == 200
    assert f"{count}: " in response.content.decode()


QUERIES = 19

"""The investment dashboard: totals against a hand-computed fixture, a past quarter as it was, the
intended shares, suppression, CSV, and a query count that does not grow with the roles."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from academy.directory.models import (
    Borough,
    LeaderProfile,
    PriorityFunction,
    Profession,
    ProviderCollaborative,
    SpatialLevel,
)
from governance.investment import services as investment_services
from governance.investment.dashboard import csv_rows, investment_dashboard, live_roles, role_totals
from governance.investment.quarters import Quarter, past_quarters, quarter_of
from governance.models import ClinicalNetwork, FundingSource, LeadershipRole, ProgrammeSpend, RoleType
from governance.roles import services as roles_services
from programmes.challenge_fund.models import BidState, Outcome
from programmes.core.models import Programme
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import LeaderProfileFactory

TODAY = date(2026, 11, 23)
pytestmark = pytest.mark.django_db


def make(rate, title, function, level, wte, *, start=date(2026, 1, 1), end=None, holder=None, **body):
    return roles_services.save_role(None, None, {
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
    # Hidden; and as no profession with anyone in it is shown, every row is "not shown" (docs/suppression.md).
    assert nursing.people == "not shown" and nursing.hidden and nursing.wte == 0
    header, rows = csv_rows(board, "profession")
    nursing_csv = next(row for row in rows if row[0] == "Nursing")
    assert nursing_csv == ["Nursing", "not shown", "not shown", "not shown", "not shown"]


def test_a_past_quarter_shows_the_roles_as_they_were(fixture_roles, settings):
    rate, roles = fixture_roles
    # B was changed straight after it was added (two versions) ...
    data_b = {f: getattr(roles["B"], f) for f in roles_services.ROLE_FIELDS}
    roles_services.save_role(None, roles["B"], {**data_b, "title": "B renamed"})
    # Pretend the roles were recorded on 1 January 2026, every version at the same moment ...
    began = timezone.make_aware(datetime.combine(date(2026, 1, 1), time(9)))
    LeadershipRole.history.update(history_date=began)
    # ... and that A grew from 0.4 to 1.0 WTE today.
    data = {f: getattr(roles["A"], f) for f in roles_services.ROLE_FIELDS}
    roles_services.save_role(None, roles["A"], {**data, "wte": Decimal("1.0")})
    now = investment_dashboard(today=TODAY)
    assert now.totals.wte == Decimal("2.00")
    then = investment_dashboard(Quarter(2026, 1), today=TODAY)  # 2026/27 Q1: April to June 2026
    assert then.on == date(2026, 6, 30)
    assert then.totals.wte == Decimal("1.40") and then.totals.cost == Decimal("140000.00")
    earlier = investment_dashboard(Quarter(2025, 3), today=TODAY)  # October to December 2025: nothing yet
    assert earlier.totals.roles == 0
    assert [q.label for q, _ in now.trend] == [
        "2025/26 Q3 (October to December 2025)", "2025/26 Q4 (January to March 2026)",
        "2026/27 Q1 (April to June 2026)", "2026/27 Q2 (July to September 2026)",
    ]
    assert [totals.wte for _, totals in now.trend] == [Decimal("0")] + [Decimal("1.40")] * 3


def test_quarters_are_the_nhs_financial_years():
    # 31 March is the last day of the previous financial year's Q4; 1 April starts Q1 of the new one.
    assert quarter_of(date(2027, 3, 31)) == Quarter(2026, 4)
    assert quarter_of(date(2027, 4, 1)) == Quarter(2027, 1)
    assert quarter_of(date(2027, 1, 1)) == Quarter(2026, 4) and quarter_of(date(2026, 12, 31)) == Quarter(2026, 3)
    assert quarter_of(date(2026, 6, 30)) == Quarter(2026, 1) and quarter_of(date(2026, 7, 1)) == Quarter(2026, 2)
    assert quarter_of(TODAY) == Quarter(2026, 3)
    q1, q4 = Quarter(2026, 1), Quarter(2026, 4)
    assert (q1.start, q1.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert (q4.start, q4.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert Quarter(2026, 3).end == date(2026, 12, 31)
    assert q4.short_label == "2026/27 Q4" and q4.label == "2026/27 Q4 (January to March 2027)"
    assert Quarter(2026, 3).label == "2026/27 Q3 (October to December 2026)"
    assert q4.next() == Quarter(2027, 1) and q1.previous() == Quarter(2025, 4)
    assert Quarter.from_calendar(2027, 1) == q4 and Quarter.from_calendar(2026, 2) == q1
    assert past_quarters(TODAY, 2) == [Quarter(2026, 2), Quarter(2026, 1)]


def test_pages_and_csv(client_as, fixture_roles):
    client, _ = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    assert "57.1%" in page and "costing £140,000 a year" in page
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
    # Challenge Fund awards and recorded spend grow with the roles too.
    awarded_bids(max(1, count // 100))
    curriculum = Programme.objects.get(slug="curriculum")
    ProgrammeSpend.objects.bulk_create([
        ProgrammeSpend(programme=curriculum, year=2026, quarter=1 + index % 4, amount=Decimal("100"),
                       description=f"Spend {index}")
        for index in range(count // 10)
    ])
    # Session, user and MFA checks, navigation, then the dashboard's own queries: the same for any count.
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("governance:dashboard"))
    assert response.status_code == 200
    assert f" of {count} roles" in response.content.decode()
    # A past quarter reads the roles' and the profiles' history: the same number of queries for any count.
    LeadershipRole.history.update(history_date=timezone.make_aware(datetime(2025, 1, 1, 9)))
    quarter = past_quarters(timezone.localdate())[0]
    with django_assert_num_queries(QUERIES_PAST):
        response = client.get(reverse("governance:dashboard") + f"?quarter={quarter.key}")
    assert response.status_code == 200
    assert f" of {count} roles" in response.content.decode()


QUERIES = 31  # 19, 2 for the Challenge Fund awards, 3 for the spend, 1 for the allocation model's targets, 1 for
# leaders, 4 for the allocation model's summary (governance/allocation/selectors.py, without the structures), 1 for
# the header's unread notifications count
QUERIES_PAST = 24  # a second page in the same session: the session's own checks are not repeated; no model summary


# --- Challenge Fund awards by function and the Academy's spend by programme -----------------------


def at_noon(day: date):
    return timezone.make_aware(datetime.combine(day, time(12)))


def awarded_bids(count: int) -> None:
    for _ in range(count):
        bid = BidFactory(state=BidState.DETERMINED, outcome=Outcome.FUNDED, awarded_amount=Decimal("1000"),
                         determined_at=at_noon(date(2026, 9, 1)))
        bid.functions.set(PriorityFunction.objects.filter(number=1))


@pytest.fixture
def awards_and_spend():
    """Challenge Fund bids (an award under several functions is shown in full under each):
    - P: functions 2 and 7, £20,000, determined 10 May 2026 (Q2)
    - Q: function 2, £10,000, determined 15 August 2026 (Q3)
    - R: no function, £5,000, determined 1 November 2026 (Q4)
    - S: function 2, not funded (no award), determined 1 June 2026
    - T: function 7, still in review (no determination)
    Today: function 2: 2 bids, £30,000; function 7: 1 bid, £20,000; all awards 3 bids, £35,000.
    End of Q2 2026: function 2 and 7: 1 bid, £20,000 each; all awards 1 bid, £20,000.
    Recorded spend: curriculum 2026/27 Q2 £1,000 + £500; network 2026/27 Q1 £300; curriculum 2025/26 Q3 £999."""
    def bid(functions, **fields):
        made = BidFactory(**fields)
        made.functions.set(PriorityFunction.objects.filter(number__in=functions))

    funded = {"state": BidState.DETERMINED, "outcome": Outcome.FUNDED}
    bid([2, 7], **funded, awarded_amount=Decimal("20000"), determined_at=at_noon(date(2026, 5, 10)))
    bid([2], **funded, awarded_amount=Decimal("10000"), determined_at=at_noon(date(2026, 8, 15)))
    bid([], **funded, awarded_amount=Decimal("5000"), determined_at=at_noon(date(2026, 11, 1)))
    bid([2], state=BidState.DETERMINED, outcome=Outcome.DECLINED, determined_at=at_noon(date(2026, 6, 1)))
    bid([7], state=BidState.IN_REVIEW)
    curriculum, network = Programme.objects.get(slug="curriculum"), Programme.objects.get(slug="network")
    for programme, year, quarter, amount in [(curriculum, 2026, 2, "1000"), (curriculum, 2026, 2, "500"),
                                              (network, 2026, 1, "300"), (curriculum, 2025, 3, "999")]:
        investment_services.record_spend(None, None, {"programme": programme, "year": year, "quarter": quarter,
                                           "amount": Decimal(amount), "description": "Facilitation"}, today=TODAY)


def test_awards_by_function_match_the_hand_computed_fixture(awards_and_spend):
    awards = investment_dashboard(today=TODAY).awards
    rows = {row.label: (row.bids, row.amount) for row in awards.rows}
    assert rows["2. Care pathway transformation and innovation"] == (2, Decimal("30000.00"))
    assert rows["7. Continuous improvement and innovation"] == (1, Decimal("20000.00"))
    assert rows["1. Population health outcomes and inequalities"] == (0, Decimal("0"))
    assert (awards.bids, awards.total) == (3, Decimal("35000.00"))
    then = investment_dashboard(Quarter(2026, 1), today=TODAY).awards
    rows = {row.label: (row.bids, row.amount) for row in then.rows}
    assert rows["2. Care pathway transformation and innovation"] == (1, Decimal("20000.00"))
    assert rows["7. Continuous improvement and innovation"] == (1, Decimal("20000.00"))
    assert (then.bids, then.total) == (1, Decimal("20000.00"))


def test_spend_by_programme_matches_the_hand_computed_fixture(awards_and_spend):
    spend = investment_dashboard(today=TODAY).spend
    assert [q.key for q in spend.quarters] == ["2025-26-q4", "2026-27-q1", "2026-27-q2", "2026-27-q3"]
    rows = {row.label: row.amounts for row in spend.rows}
    assert rows["Systems leadership development curriculum"] == [0, 0, Decimal("1500.00"), 0]
    assert rows["Managed network for next-generation system leaders"] == [0, Decimal("300.00"), 0, 0]
    assert rows["SEL Challenge Fund: awards"] == [0, Decimal("20000.00"), Decimal("10000.00"), Decimal("5000.00")]
    assert spend.totals == [0, Decimal("20300.00"), Decimal("11500.00"), Decimal("5000.00")]
    assert spend.total == Decimal("36800.00")
    then = investment_dashboard(Quarter(2026, 1), today=TODAY).spend
    assert [q.key for q in then.quarters] == ["2025-26-q2", "2025-26-q3", "2025-26-q4", "2026-27-q1"]
    rows = {row.label: row.amounts for row in then.rows}
    assert rows["Systems leadership development curriculum"] == [0, Decimal("999.00"), 0, 0]
    assert rows["SEL Challenge Fund: awards"] == [0, 0, 0, Decimal("20000.00")]
    assert then.total == Decimal("21299.00")


def test_awards_and_spend_pages_and_csv(client_as, awards_and_spend):
    board = investment_dashboard(today=TODAY)
    header, rows = csv_rows(board, "awards")
    assert header == ["Priority function", "Bids awarded", "Awarded (£)", "Share of all awards (%)"]
    assert rows[-1][1:] == [3, Decimal("35000.00"), Decimal("100")] and "each bid counted once" in rows[-1][0]
    # Care pathway (2): bids P and Q, £30,000 of the £35,000 awarded.
    assert rows[1] == ["2. Care pathway transformation and innovation", 2, Decimal("30000.00"), Decimal("85.7")]
    header, rows = csv_rows(board, "spend")
    assert header[0] == "Programme" and header[-1] == "Total (£)" and len(header) == 6
    assert rows[-1] == ["Total", 0, Decimal("20300.00"), Decimal("11500.00"), Decimal("5000.00"),
                        Decimal("36800.00")]
    client, _ = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    assert "Challenge Fund awards by priority function" in page and "The Academy's spend by programme" in page
    assert "Record or correct spend" not in page
    for table in ("awards", "spend"):
        response = client.get(reverse("governance:dashboard_csv") + f"?table={table}&quarter=2026-27-q1")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_a_past_quarter_counts_holders_by_the_profession_they_had_then():
    """Eleven nurses hold roles from 1 January 2026; five became doctors today. At the end of June 2026 all
    eleven were nurses; today six are, and five are doctors."""
    rate = RoleType.objects.create(name="Flat rate", annual_rate_per_wte=Decimal("100000"))
    nurse, doctor = Profession.objects.get(name="Nursing"), Profession.objects.get(name="Medicine")
    profiles = [LeaderProfileFactory(profession=nurse) for _ in range(11)]
    for index, profile in enumerate(profiles):
        make(rate, f"Lead {index}", 2, SpatialLevel.ICS, "0.2", holder=profile.user)
    began = timezone.make_aware(datetime(2026, 1, 1, 9))
    LeadershipRole.history.update(history_date=began)
    LeaderProfile.history.update(history_date=began)
    for profile in profiles[:5]:
        profile.profession = doctor
        profile.save()
    then = {row.label: row for row in investment_dashboard(Quarter(2026, 1), today=TODAY).by_profession}
    assert then["Nursing"].people == "11" and then["Nursing"].wte == Decimal("2.20")
    assert then["Medicine"].people == "0"
    now = {row.label: row for row in investment_dashboard(today=TODAY).by_profession}
    assert (now["Nursing"].people, now["Nursing"].wte) == ("6", Decimal("1.20"))
    assert (now["Medicine"].people, now["Medicine"].wte) == ("5", Decimal("1.00"))


# --- Headline figures, the annex's targets, the charts ----------------------------------------------


def certificates(people: int, extra_for_first: int = 0) -> None:
    """A certificate for each of ``people`` leaders (the first also ``extra_for_first`` more, for other
    programmes), issued on 1 October 2026."""
    from programmes.core.models import Certificate
    from tests.factories.programmes import ApplicationFactory

    applicants = [LeaderProfileFactory().user for _ in range(people)]
    for index, applicant in enumerate([applicants[0]] * extra_for_first + applicants):
        Certificate.objects.create(application=ApplicationFactory(applicant=applicant), code=f"CERT-{index}",
                                   cpd_hours=Decimal("6"))
    Certificate.objects.update(issued_at=at_noon(date(2026, 10, 1)))


def test_headline_figures_match_the_hand_computed_fixture(fixture_roles):
    from governance import presenters

    awarded_bids(2)  # £1,000 each, determined 1 September 2026
    certificates(3, extra_for_first=1)  # four certificates, three people
    board = investment_dashboard(today=TODAY)
    figures = {h.label: h for h in presenters.headlines(board)}
    assert list(figures) == ["Protected time", "To care pathway transformation", "To clinical networks", "Vacancies",
                             "Challenge Fund awarded", "Leaders developed"]
    time = figures["Protected time"]
    # 1.4 WTE is 7 days a week: far under the starting point of about 100 days a week.
    assert (time.value, time.rating.word) == ("7.0 days a week", "Red")
    assert time.detail == "1.40 WTE in paid and protected roles, costing £140,000 a year"
    assert "About 100 days a week" in time.target
    pathway = figures["To care pathway transformation"]  # £80,000 of £140,000
    assert (pathway.value, pathway.target, pathway.rating.word) == ("57.1%", "Intended: over 50%", "Green")
    networks = figures["To clinical networks"]  # £40,000 of £140,000
    assert (networks.value, networks.target, networks.rating.word) == ("28.6%", "Intended: almost 25%", "Green")
    assert figures["Vacancies"].value == "2 of 5 roles" and figures["Vacancies"].detail.startswith("40%")
    awarded = figures["Challenge Fund awarded"]
    assert (awarded.value, awarded.detail) == ("£2,000", "to 2 bids")
    assert figures["Leaders developed"].value == "3"
    # At the end of 2026/27 Q1 (June 2026) no award or certificate had been made yet.
    then = {h.label: h for h in presenters.headlines(investment_dashboard(Quarter(2026, 1), today=TODAY))}
    assert then["Leaders developed"].value == "0" and then["Challenge Fund awarded"].value == "£0"


@pytest.mark.parametrize("share, pathway, networks", [
    (Decimal("50.1"), "Green", "Green"), (Decimal("50.0"), "Amber", "Green"), (Decimal("45.0"), "Amber", "Green"),
    (Decimal("44.9"), "Red", "Green"), (Decimal("20.0"), "Red", "Green"), (Decimal("19.9"), "Red", "Amber"),
    (Decimal("15.0"), "Red", "Amber"), (Decimal("14.9"), "Red", "Red"),
])
def test_shares_are_rated_against_the_intended_shares(share, pathway, networks):
    from governance import presenters

    assert presenters.care_pathway_rating(share, Decimal("50")).word == pathway
    assert presenters.network_rating(share, Decimal("25")).word == networks


def test_protected_time_and_function_targets_are_rated():
    from governance import presenters

    assert presenters.protected_time_rating(Decimal("100"), Decimal("100")).word == "Green"
    assert presenters.protected_time_rating(Decimal("80"), Decimal("100")).word == "Amber"
    assert presenters.protected_time_rating(Decimal("79.9"), Decimal("100")).word == "Red"
    assert presenters.target_rating(Decimal("2.4"), Decimal("2.4")).tag_class == "nhsuk-tag--green"
    assert presenters.target_rating(Decimal("1.8"), Decimal("2.4")).word == "Amber"
    assert presenters.target_rating(Decimal("1.7"), Decimal("2.4")).word == "Red"
    assert presenters.target_rating(Decimal("1"), None) is None


def test_the_allocation_model_sets_each_functions_target_wte(fixture_roles):
    from governance import presenters
    from governance.allocation import services as allocation_services

    collaboratives, lcps = ProviderCollaborative.objects.count(), Borough.objects.count()
    networks = ClinicalNetwork.objects.count()

    def rows():
        return {row.label.split(".")[0]: (row, rating) for row, rating in presenters.function_ratings(
            investment_dashboard(today=TODAY))}

    # The model as the migration loaded it from the annex.
    # Workforce (4): 0.4 at the ICS, 0.2 in each collaborative and each LCP. Role E has 0.2 of it.
    workforce, rating = rows()["4"]
    assert workforce.target_wte == Decimal("0.4") + Decimal("0.2") * (collaboratives + lcps)
    assert rating.word == "Red" and workforce.target_words == f"{1 + collaboratives + lcps} expected roles in the " \
        "allocation model"
    # Care standards (10): 0.4 for each clinical network's lead; one network (Diabetes) has its 0.4 lead.
    standards, rating = rows()["10"]
    assert (standards.target_wte, rating.word) == (Decimal("0.4") * networks, "Red")
    # Quality (5): the CNO's 1.0; research (9) and professional development (8): 0.4 each.
    assert rows()["5"][0].target_wte == Decimal("1.0") and rows()["9"][0].target_wte == Decimal("0.4")
    # Strategy (3): the CMO's 1.0 and 0.2 in each collaborative and LCP.
    assert rows()["3"][0].target_wte == Decimal("1.0") + Decimal("0.2") * (collaboratives + lcps)
    # Care pathways (2): the annex proposes WTE for each programme, and no programme is in the model yet.
    pathway, rating = rows()["2"]
    assert pathway.target_wte is None and rating is None
    # Once the secretariat adds a programme, the target is that programme's roles.
    allocation_services.add_programme(None, "Cancer")
    pathway, rating = rows()["2"]
    assert pathway.target_wte == Decimal("0.4") + Decimal("0.2") * (collaboratives + lcps)
    assert rating.word == "Red"  # 0.8 WTE of 2.4


def recorded_on_new_year_2026() -> None:
    """Date every role's history to 1 January 2026, so that past quarters show them."""
    LeadershipRole.history.update(history_date=timezone.make_aware(datetime.combine(date(2026, 1, 1), time(9))))


def test_the_page_shows_headlines_first_targets_and_charts_without_script_or_inline_style(client_as, fixture_roles):
    recorded_on_new_year_2026()
    client, _ = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    main = page.split('<main', 1)[1].split("</main>", 1)[0]
    headlines = main.index("Headline figures")
    assert headlines < main.index("By priority function") < main.index('id="trend"')
    assert headlines < main.index("Download the board pack")
    for words in ("Protected time", "Intended: over 50%", "Intended: almost 25%", "Vacancies",
                  "Challenge Fund awarded", "Leaders developed", "Target WTE (annex)",
                  f"{ClinicalNetwork.objects.count()} expected roles in the allocation model",
                  'nhsuk-tag--green">Green<', 'nhsuk-tag--red">Red<'):
        assert words in main, words
    # Two server-drawn charts, each named for assistive technology, with the figures in a table beside it.
    assert main.count("<svg") == 2
    for chart in ("chart-time", "chart-shares"):
        svg = main.split(f'aria-labelledby="{chart}-title {chart}-desc"', 1)[1].split("</svg>", 1)[0]
        assert f'<title id="{chart}-title">' in svg and f'<desc id="{chart}-desc">' in svg
        assert "<script" not in svg and "<rect" in svg
    assert 'role="img" aria-labelledby="chart-time-title chart-time-desc"' in main
    assert "2026/27 Q2: 7.0 days a week" in main  # the chart's description carries its figures
    assert "<script" not in main and ' style="' not in page and "onclick" not in page
    # Every script the page loads is a file (the CSP allows no inline script).
    for tag in page.split("<script")[1:]:
        assert "src=" in tag.split(">", 1)[0]
    # A share's percentage stays on the line of its bar.
    assert main.count('class="academy-share"') >= 10
    css = (settings_base_dir() / "static/css/academy.css").read_text()
    assert ".academy-share { white-space: nowrap; }" in css


def settings_base_dir():
    from django.conf import settings

    return settings.BASE_DIR


def test_the_web_by_quarter_table_has_the_clinical_networks_share(client_as, fixture_roles):
    recorded_on_new_year_2026()
    client, _ = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    trend = page.split('id="trend"', 1)[1].split("</table>", 1)[0]
    assert "To clinical networks (intended: almost 25%)" in trend
    # 2026/27 Q2 (July to September 2026): £40,000 of £140,000 to the Diabetes network lead.
    assert "28.6%" in trend and "2026/27 Q2 (July to September 2026)" in trend


def test_the_content_security_policy_is_unchanged(settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["style-src"] == ["'self'"] and directives["script-src"][0] == "'self'"


def _uncached_trend(board, today):
    return [role_totals(live_roles(quarter.end, today)) for quarter, _ in board.trend]


def test_past_quarters_are_cached_until_the_roles_history_changes(fixture_roles):
    """The trend's past quarters are read once, then from the cache; any version of a role saved,
    re-dated or deleted makes them be read again, so they are never stale."""
    rate, roles = fixture_roles
    began = timezone.make_aware(datetime.combine(date(2026, 1, 1), time(9)))
    with CaptureQueriesContext(connection) as first:
        board = investment_dashboard(today=TODAY)
    with CaptureQueriesContext(connection) as second:
        again = investment_dashboard(today=TODAY)
    assert len(second) == len(first) - 4  # one query a past quarter, saved
    assert again.trend == board.trend and [t for _, t in board.trend] == _uncached_trend(board, TODAY)
    assert [totals.roles for _, totals in board.trend] == [0, 0, 0, 0]  # every version was saved today
    # Re-dated versions (the same ids and number of versions): read again.
    LeadershipRole.history.update(history_date=began)
    redated = investment_dashboard(today=TODAY)
    assert [totals.wte for _, totals in redated.trend] == [Decimal("0")] + [Decimal("1.40")] * 3
    assert [t for _, t in redated.trend] == _uncached_trend(redated, TODAY)
    # A new version (a role changed today does not change the past, but it is read again) ...
    data = {f: getattr(roles["A"], f) for f in roles_services.ROLE_FIELDS}
    roles_services.save_role(None, roles["A"], {**data, "wte": Decimal("1.0")})
    with CaptureQueriesContext(connection) as after_save:
        changed = investment_dashboard(today=TODAY)
    assert len(after_save) == len(first)
    assert [t for _, t in changed.trend] == _uncached_trend(changed, TODAY)
    # ... and a deleted version: the past quarters lose the role's earlier version.
    LeadershipRole.history.filter(id=roles["D"].pk).delete()
    gone = investment_dashboard(today=TODAY)
    assert [t for _, t in gone.trend] == _uncached_trend(gone, TODAY)
    assert gone.trend[-1][1].wte == Decimal("1.00")
    # Today's totals come from the figures by function, without a query of their own: the same figures.
    assert changed.totals == role_totals(live_roles(TODAY, TODAY))
    past = investment_dashboard(Quarter(2026, 1), today=TODAY)
    assert past.totals == role_totals(live_roles(date(2026, 6, 30), TODAY))

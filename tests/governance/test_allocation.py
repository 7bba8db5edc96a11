"""The allocation model against reality: the gap analysis against a small hand-made model with exact
figures, the model's services (history, permissions, bad input), the pages, exports and query budget."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history

from academy.directory.models import Borough, PriorityFunction, ProviderCollaborative, SpatialLevel
from governance.allocation import annex, presenters, selectors, services
from governance.ccplg import services as ccplg_services
from governance.investment.quarters import quarter_of
from governance.investment.reports import board_pack_context
from governance.models import (
    CarePathwayProgramme,
    ClinicalNetwork,
    ExpectedRole,
    FundingSource,
    GovernanceStructure,
    LeadershipRole,
    RoleType,
    Seat,
)
from governance.roles import services as roles_services
from tests.factories.accounts import UserFactory

D = Decimal
HOSTILE = '=HYPERLINK("http://evil.example","x")<script>alert(1)</script>'


def function(number: int) -> PriorityFunction:
    return PriorityFunction.objects.get(number=number)


def cell(title: str, number: int, wte: str, rate=None, level=SpatialLevel.ICS, **bodies) -> ExpectedRole:
    return services.save_expected_role(
        None,
        None,
        {
            "title": title,
            "function": function(number),
            "spatial_level": level,
            "expected_wte": D(wte),
            "role_type": rate,
            "notes": "",
            **bodies,
        },
    )


def role(
    title: str, number: int, wte: str, rate, held=True, level=SpatialLevel.ICS, start=None, end=None, **bodies
) -> LeadershipRole:
    return roles_services.save_role(
        None,
        None,
        {
            "title": title,
            "function": function(number),
            "spatial_level": level,
            "role_type": rate,
            "pay_basis": "sessional",
            "wte": D(wte),
            "funding_source": FundingSource.ICB,
            "start_date": start or timezone.localdate() - timedelta(days=30),
            "end_date": end,
            "holder": UserFactory() if held else None,
            **bodies,
        },
    )


@pytest.fixture
def model(db):
    """A hand-made model of six cells, and the roles running against it (see each line)."""
    ExpectedRole.objects.all().delete()
    rate_a = RoleType.objects.create(name="Rate A", annual_rate_per_wte=D("100000"))
    rate_b = RoleType.objects.create(name="Rate B", annual_rate_per_wte=D("90000"))
    acute = ProviderCollaborative.objects.order_by("pk").first()
    bexley, bromley = Borough.objects.get(name="Bexley"), Borough.objects.get(name="Bromley")
    diabetes, maternity = ClinicalNetwork.objects.get(name="Diabetes"), ClinicalNetwork.objects.get(name="Maternity")
    cancer = CarePathwayProgramme.objects.create(name="Cancer")
    cell("Workforce resilience lead", 4, "0.4", rate_a)  # filled by a held 0.4 role
    cell("Workforce resilience lead", 4, "0.2", rate_a, SpatialLevel.COLLABORATIVE, collaborative=acute)  # vacant
    cell("Workforce resilience lead", 4, "0.4", rate_a, SpatialLevel.LCP, borough=bexley)  # 0.2 held: unfunded
    cell("Clinical network lead", 10, "0.4", None, clinical_network=diabetes)  # missing, and no rate card line
    cell("Programme clinical lead", 2, "0.4", rate_a, programme=cancer)  # filled
    cell("Population health lead", 1, "0.2", rate_a, SpatialLevel.LCP, borough=bromley)  # missing
    role("Workforce ICS", 4, "0.4", rate_a)  # £40,000
    role(
        "Workforce Acute", 4, "0.2", rate_b, held=False, level=SpatialLevel.COLLABORATIVE, collaborative=acute
    )  # £18,000, vacant
    role("Workforce Bexley", 4, "0.2", rate_a, level=SpatialLevel.LCP, borough=bexley)  # £20,000
    role("Cancer ICS", 2, "0.4", rate_a, programme=cancer)  # £40,000
    role("Maternity lead", 10, "0.4", rate_b, held=False, clinical_network=maternity)  # £36,000, outside, vacant
    today = timezone.localdate()
    role(
        "Diabetes lead, ended",
        10,
        "0.4",
        rate_a,
        clinical_network=diabetes,
        start=today - timedelta(days=400),
        end=today - timedelta(days=1),
    )  # ended: does not count
    return {"rate_a": rate_a, "rate_b": rate_b, "cancer": cancer, "acute": acute, "bexley": bexley}


@pytest.mark.django_db
def test_the_gap_against_a_hand_made_model(model):
    gap = selectors.gap_analysis()
    statuses = {
        (c.expected.title, c.body): (c.status, c.gap, c.vacant_gap, c.unfunded_gap, c.gap_cost) for c in gap.cells
    }
    acute = str(model["acute"])
    assert statuses == {
        ("Workforce resilience lead", "ICS"): ("filled", D("0"), D("0"), D("0"), D("0")),
        ("Workforce resilience lead", acute): ("vacant", D("0.2"), D("0.2"), D("0"), D("18000.00")),
        ("Workforce resilience lead", "Bexley Local Care Partnership"): (
            "unfunded",
            D("0.2"),
            D("0"),
            D("0.2"),
            D("20000.00"),
        ),
        ("Clinical network lead", "ICS"): ("missing", D("0.4"), D("0"), D("0.4"), None),
        ("Programme clinical lead", "ICS"): ("filled", D("0"), D("0"), D("0"), D("0")),
        ("Population health lead", "Bromley Local Care Partnership"): (
            "missing",
            D("0.2"),
            D("0"),
            D("0.2"),
            D("20000.00"),
        ),
    }
    totals = gap.totals
    assert (totals.cells, totals.expected_wte, totals.filled_wte, totals.gap) == (6, D("2.0"), D("1.0"), D("1.0"))
    assert (totals.vacant_gap, totals.unfunded_gap) == (D("0.2"), D("0.8"))
    assert (totals.vacant_gap_cost, totals.unfunded_gap_cost, totals.gap_cost) == (D("18000"), D("40000"), D("58000"))
    assert totals.unpriced_cells == 1
    assert totals.by_status == {"filled": 2, "vacant": 1, "unfunded": 1, "missing": 2}
    # The Maternity lead has no cell: it is outside the model. The ended Diabetes role counts nowhere.
    assert (gap.outside.roles, gap.outside.wte, gap.outside.cost) == (1, D("0.4"), D("36000"))
    # Principles: the model gives 0.4 of 2.0 WTE to care pathways and 0.4 to networks; the running roles
    # cost £154,000 a year, £40,000 of it for care pathways and £36,000 for networks.
    pathway, networks = gap.checks
    assert (pathway.model_share, pathway.actual_share, pathway.model_met, pathway.actual_met) == (
        D("20.0"),
        D("26.0"),
        False,
        False,
    )
    assert (networks.model_share, networks.actual_share, networks.model_met, networks.actual_met) == (
        D("20.0"),
        D("23.4"),
        True,
        True,
    )
    # No network has a lead in post; the Maternity lead's role is vacant.
    assert len(gap.networks_without_lead) == gap.networks == ClinicalNetwork.objects.count()
    maternity = next(n for n in gap.networks_without_lead if n.name == "Maternity")
    assert maternity.vacant and maternity.roles == 1
    assert not next(n for n in gap.networks_without_lead if n.name == "Diabetes").vacant
    # Bexley's LCP has a workforce lead in post (for part of the time); Bromley's has no population health lead.
    assert gap.lcp_gaps == [("Bromley Local Care Partnership", ["1. " + function(1).name])]
    by_function = {row.label[:2]: row.totals for row in gap.functions}
    assert by_function["4."].gap == D("0.4") and by_function["4."].open_counts == [0, 1, 1]


@pytest.mark.django_db
def test_filters_narrow_the_cells_not_the_totals(model):
    gap = selectors.gap_analysis(status="missing")
    assert {c.expected.title for c in gap.cells} == {"Clinical network lead", "Population health lead"}
    assert gap.totals.cells == 6
    gap = selectors.gap_analysis(function_id=function(4).pk)
    assert len(gap.cells) == 3


@pytest.mark.django_db
def test_representation_on_each_structure(model):
    board = GovernanceStructure.objects.get(name="People Board")
    quality = GovernanceStructure.objects.get(name="System Quality Board")
    held = LeadershipRole.objects.get(title="Workforce ICS")
    held.structures.set([board])
    LeadershipRole.objects.get(title="Workforce Acute").structures.set([board, quality])
    rows = {row.structure.name: row for row in selectors.gap_analysis().representation}
    assert (rows["People Board"].roles, rows["People Board"].filled, rows["People Board"].status) == (
        2,
        1,
        "represented",
    )
    assert (rows["System Quality Board"].status, rows["Digital Board"].status) == ("vacant", "none")
    assert len(rows) == GovernanceStructure.objects.count()
    tags = {row.structure.name: tag.word for row, tag in presenters.representation(selectors.gap_analysis())}
    assert tags["Integrated Care Board"] == "Vacant"  # the CMO's seat leads on it, and nobody holds it here
    assert tags["Digital Board"] == "Not represented"
    # A C&CPLG seat that leads on a structure represents C&CP leadership on it once someone holds it.
    seat = Seat.objects.get(title="People Board lead")
    assert seat.structure == board
    ccplg_services.assign_seat(
        None,
        Seat.objects.get(title="Chief Medical Officer (co-chair)"),
        UserFactory(),
        timezone.localdate(),
        timezone.localdate() + timedelta(days=365),
    )
    rows = {row.structure.name: row for row in selectors.gap_analysis().representation}
    assert rows["Integrated Care Board"].status == "represented"
    assert rows["Integrated Care Board"].seats == [("Chief Medical Officer (co-chair)", True)]


@pytest.mark.django_db
def test_a_retired_cell_no_longer_counts(model, person):
    secretariat = person("governance")
    missing = ExpectedRole.objects.get(title="Population health lead")
    services.retire_expected_role(secretariat, missing)
    gap = selectors.gap_analysis()
    assert gap.totals.cells == 5 and gap.lcp_gaps == []
    with pytest.raises(ValidationError):
        services.retire_expected_role(secretariat, missing)


@pytest.mark.django_db
def test_a_past_day_reads_the_cells_as_the_history_recorded_them(model, person):
    """A past day's gap analysis (a past quarter's board pack) reads the cells from their history, whose rows
    must say where each cell is as the cells do. The history is moved back 200 days, so the dates do not
    depend on when the test database was made."""
    long_ago = timezone.now() - timedelta(days=200)
    ExpectedRole.history.update(history_date=long_ago)
    services.retire_expected_role(person("governance"), ExpectedRole.objects.get(title="Population health lead"))
    today = timezone.localdate()
    before = selectors.gap_analysis(on=timezone.localdate(long_ago) - timedelta(days=1))
    assert before.totals.cells == 0  # not added yet
    then = selectors.gap_analysis(on=today - timedelta(days=1))
    assert then.totals.cells == 6  # the retired cell still counted yesterday
    # Yesterday no role was running (the roles' history starts today), so Bexley's cell was unfilled too.
    assert then.lcp_gaps == [
        ("Bexley Local Care Partnership", ["4. " + function(4).name]),
        ("Bromley Local Care Partnership", ["1. " + function(1).name]),
    ]
    assert {cell.expected.where for cell in then.cells} >= {"Local Care Partnership: Bromley Local Care Partnership"}
    assert [len(cells) for _, cells in presenters.gap_groups(then)] == [1, 1, 3, 1]
    assert selectors.gap_rows(then)[0][3] == "Bromley Local Care Partnership"
    # The board pack for last quarter reads the same history.
    pack = board_pack_context(quarter_of(today).previous())
    assert pack["allocation"]["gap"].totals.cells == 6 and pack["allocation"]["representation"] == []


# --- The model's services ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_loaded_the_annex():
    """What the data migration loaded, before any test changed it: the annex for the bodies there are."""
    collaboratives, lcps, networks = (
        ProviderCollaborative.objects.count(),
        Borough.objects.count(),
        ClinicalNetwork.objects.count(),
    )
    by_function = selectors.expected_by_function()
    numbers = {f.pk: f.number for f in PriorityFunction.objects.all()}
    wte = {numbers[pk]: value for pk, (value, _) in by_function.items()}
    assert wte[4] == D("0.4") + D("0.2") * (collaboratives + lcps)
    assert wte[3] == D("1.0") + D("0.2") * (collaboratives + lcps)
    assert wte[5] == D("1.0") and wte[8] == D("0.4") and wte[9] == D("0.4")
    assert wte[6] == wte[7] == D("0.4") + D("0.2") * collaboratives
    assert wte[10] == D("0.4") * networks
    assert 2 not in wte  # no care pathway programme yet: the secretariat adds each one
    assert ExpectedRole.history.filter(history_type="+").count() >= ExpectedRole.objects.count()


@pytest.mark.django_db
def test_the_secretariat_keeps_the_model_with_history(person):
    secretariat = person("governance")
    added = cell("Digital lead", 7, "0.3", clinical_network=ClinicalNetwork.objects.get(name="Digital"))
    changed = services.save_expected_role(
        secretariat,
        added,
        {
            **{name: getattr(added, name) for name in services.EXPECTED_FIELDS},
            "expected_wte": D("0.5"),
        },
    )
    assert changed.expected_wte == D("0.5")
    latest = ExpectedRole.history.filter(id=added.pk).latest("history_date")
    assert latest.history_user == secretariat and latest.history_change_reason == "changed"
    assert latest.expected_wte == D("0.5")


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator", "programme_admin"])
def test_only_the_secretariat_changes_the_model(person, role_name):
    actor = person(role_name)
    before = ExpectedRole.objects.count()
    with pytest.raises(PermissionDenied):
        services.save_expected_role(
            actor, None, {"title": "X", "function": function(7), "spatial_level": "ics", "expected_wte": D("0.2")}
        )
    with pytest.raises(PermissionDenied):
        services.retire_expected_role(actor, ExpectedRole.objects.first())
    with pytest.raises(PermissionDenied):
        services.add_programme(actor, "Cancer")
    assert ExpectedRole.objects.count() == before and not ExpectedRole.objects.filter(retired_on__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"expected_wte": D("0.05")}, "expected_wte"),
        ({"expected_wte": D("1.5")}, "expected_wte"),
        ({"expected_wte": None}, "expected_wte"),
        ({"title": "  "}, "title"),
        ({"spatial_level": SpatialLevel.LCP}, "borough"),
        ({"spatial_level": SpatialLevel.COLLABORATIVE}, "collaborative"),
        ({"spatial_level": SpatialLevel.ORGANISATION}, "spatial_level"),
        ({"function": None}, "function"),
    ],
)
def test_bad_expected_roles_are_refused(overrides, field):
    before = ExpectedRole.objects.count()
    data = {
        "title": "Digital lead",
        "function": function(7),
        "spatial_level": SpatialLevel.ICS,
        "clinical_network": ClinicalNetwork.objects.get(name="Digital"),
        "expected_wte": D("0.2"),
    }
    with pytest.raises(ValidationError) as caught:
        services.save_expected_role(None, None, data | overrides)
    assert field in caught.value.message_dict
    assert ExpectedRole.objects.count() == before


@pytest.mark.django_db
def test_one_cell_per_function_and_place():
    existing = ExpectedRole.objects.filter(function__number=4, spatial_level="ics").get()
    with pytest.raises(ValidationError) as caught:
        cell("Another workforce lead", 4, "0.2")
    assert "function" in caught.value.message_dict
    services.retire_expected_role(None, existing)
    assert cell("Another workforce lead", 4, "0.2").pk  # once retired, the place is free again


@pytest.mark.django_db
def test_a_new_programme_gets_the_annexs_roles():
    rate = RoleType.objects.create(name="Rate", annual_rate_per_wte=D("90000"))
    programme = services.add_programme(None, " Frailty ", rate)
    cells = ExpectedRole.objects.filter(programme=programme)
    assert programme.name == "Frailty"
    assert cells.count() == 1 + ProviderCollaborative.objects.count() + Borough.objects.count()
    assert cells.get(spatial_level="ics").expected_wte == annex.PROGRAMME_ICS
    assert set(cells.values_list("role_type", flat=True)) == {rate.pk}
    with pytest.raises(ValidationError):
        services.add_programme(None, "frailty")


# --- Pages and exports -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_secretariat_adds_changes_and_retires_on_the_pages(client_as):
    client, secretariat = client_as("governance")
    data = {
        "title": "Digital lead",
        "function": function(7).pk,
        "spatial_level": "ics",
        "clinical_network": ClinicalNetwork.objects.get(name="Digital").pk,
        "expected_wte": "0.3",
    }
    response = client.post(reverse("governance:allocation_add"), data)
    assert response.status_code == 302
    added = ExpectedRole.objects.get(title="Digital lead")
    response = client.post(reverse("governance:allocation_edit", args=[added.pk]), data | {"expected_wte": "0.5"})
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.expected_wte == D("0.5")
    response = client.post(reverse("governance:allocation_retire", args=[added.pk]))
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.retired_on == timezone.localdate()
    assert client.get(reverse("governance:allocation_edit", args=[added.pk])).status_code == 404
    history = client.get(reverse("governance:allocation_history")).content.decode()
    assert "Retired" in history and "Digital lead" in history
    response = client.post(reverse("governance:allocation_programme_add"), {"name": "Cancer"})
    assert response.status_code == 302 and ExpectedRole.objects.filter(programme__name="Cancer").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"expected_wte": "lots"}, "Enter the expected WTE as a number, like 0.2"),
        ({"expected_wte": "2"}, "The expected WTE must be from 0.1 to 1.0"),
        ({"spatial_level": "lcp"}, "Select the borough whose Local Care Partnership it is"),
        ({"title": ""}, "Enter the title of the role"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client_as, changes, message):
    client, _ = client_as("governance")
    before = ExpectedRole.objects.count()
    data = {"title": "Digital lead", "function": function(7).pk, "spatial_level": "ics", "expected_wte": "0.3"}
    response = client.post(reverse("governance:allocation_add"), data | changes)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "<title>Error: " in page
    assert ExpectedRole.objects.count() == before


@pytest.mark.django_db
def test_hostile_text_is_escaped_and_exports_are_neutralised(client_as, model):
    client, _ = client_as("governance")
    hostile = services.save_expected_role(
        None,
        ExpectedRole.objects.get(title="Population health lead"),
        {
            **{
                name: getattr(ExpectedRole.objects.get(title="Population health lead"), name)
                for name in services.EXPECTED_FIELDS
            },
            "title": HOSTILE,
            "notes": HOSTILE,
        },
    )
    for url in (
        reverse("governance:allocation_gap"),
        reverse("governance:allocation_model"),
        reverse("governance:allocation_history"),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    response = client.get(reverse("governance:allocation_gap_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == selectors.GAP_HEADER
    titles = [row[1] for row in rows[1:]]
    assert "'" + HOSTILE in titles and HOSTILE not in titles
    response = client.get(reverse("governance:allocation_gap_xlsx") + "?status=missing")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'" + HOSTILE in values and len(values) == 3  # two missing cells and the totals row
    assert hostile.pk


@pytest.mark.django_db
def test_the_gap_page_shows_the_figures(client_as, model):
    client, _ = client_as("executive")
    page = client.get(reverse("governance:allocation_gap")).content.decode()
    assert "£58,000 a year at the rate card" in page
    assert "1.00 WTE: 0.20 funded but vacant, 0.80 unfunded or missing" in page
    assert "Bromley Local Care Partnership" in page and "Maternity: the lead role is vacant" in page
    assert "Change the allocation model" not in page  # the ICS Executive reads; only the secretariat changes
    model_page = client.get(reverse("governance:allocation_model")).content.decode()
    assert "Add an expected role" not in model_page and "Workforce resilience lead" in model_page
    # An unknown filter shows every cell.
    assert client.get(reverse("governance:allocation_gap") + "?status=nope&function=x").status_code == 200


@pytest.mark.django_db
def test_the_dashboard_and_board_pack_show_the_gap(client_as, model):
    client, _ = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    assert "The allocation model against reality, today" in page and "£58,000 a year at the rate card" in page
    assert "Care pathway transformation programmes and boards" in page and "26.0%" in page
    rows = {row.label[:2]: row for row in client.get(reverse("governance:dashboard")).context["dashboard"].by_function}
    assert rows["4."].target_wte == D("1.0") and "3 expected roles" in rows["4."].target_words
    context = board_pack_context(None)
    assert context["allocation"]["gap"].totals.gap == D("1.0")
    assert len(context["allocation"]["representation"]) == GovernanceStructure.objects.count()


# --- Query budget --------------------------------------------------------------------------------------


GAP_PAGE_QUERIES = 18  # 10 for the session, user, MFA and navigation, 1 for the unread count, the gap analysis's 7


@pytest.mark.django_db
@pytest.mark.parametrize("count", [50, 5000])
def test_gap_page_query_count_does_not_grow(client_as, django_assert_num_queries, count):
    client, _ = client_as("executive")
    rate = RoleType.objects.create(name="Flat rate", annual_rate_per_wte=D("100000"))
    functions = list(PriorityFunction.objects.all())
    boroughs = list(Borough.objects.all())
    networks = list(ClinicalNetwork.objects.all())
    holders = [UserFactory() for _ in range(10)]
    roles = [
        LeadershipRole(
            title=f"Role {index}",
            function=functions[index % 10],
            spatial_level=SpatialLevel.LCP,
            borough=boroughs[index % 6],
            role_type=rate,
            wte=D("0.2"),
            annual_cost=D("20000"),
            clinical_network=networks[index % len(networks)] if index % 5 == 0 else None,
            funding_source=FundingSource.LCP,
            start_date=date(2025, 1, 1),
            holder=holders[index % 10] if index % 3 else None,
        )
        for index in range(count)
    ]
    created = bulk_create_with_history(roles, LeadershipRole, batch_size=1000)
    structures = list(GovernanceStructure.objects.all())
    LeadershipRole.structures.through.objects.bulk_create(
        [
            LeadershipRole.structures.through(leadershiprole_id=made.pk, governancestructure_id=structures[i % 14].pk)
            for i, made in enumerate(created)
        ]
    )
    with django_assert_num_queries(GAP_PAGE_QUERIES):
        response = client.get(reverse("governance:allocation_gap"))
    assert response.status_code == 200
    with django_assert_num_queries(selectors.GAP_QUERIES):
        selectors.gap_analysis()

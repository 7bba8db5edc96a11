"""Paid and protected leadership roles: WTE rules, cost from the rate card, history, pages."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.directory.models import Borough, PriorityFunction, ProviderCollaborative, SpatialLevel
from governance.models import FundingSource, GovernanceStructure, LeadershipRole, PayBasis, RoleType
from governance.reference import services as reference_services
from governance.reference.kinds import KINDS
from governance.roles import selectors as roles_selectors
from governance.roles import services as roles_services
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory

START = date(2026, 4, 1)


@pytest.fixture
def rate(db):
    return RoleType.objects.create(name="Nursing system lead", annual_rate_per_wte=Decimal("95000"))


def role_data(rate, **overrides) -> dict:
    data = {
        "title": "Workforce resilience lead, ICS", "function": PriorityFunction.objects.get(number=4),
        "spatial_level": SpatialLevel.ICS, "collaborative": None, "borough": None, "organisation": None,
        "clinical_network": None, "role_type": rate, "pay_basis": PayBasis.SESSIONAL, "wte": Decimal("0.4"),
        "funding_source": FundingSource.ICB, "start_date": START, "end_date": None, "holder": None,
        "sessional_overtime_confirmed": False,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_cost_is_wte_times_the_rate(rate, person):
    role = roles_services.save_role(person("governance"), None, role_data(rate))
    assert role.annual_cost == Decimal("38000.00")
    assert role.days_per_week == Decimal("2.0")
    assert role.is_vacant


@pytest.mark.django_db
def test_empty_wte_takes_the_levels_default(rate):
    collaborative = ProviderCollaborative.objects.first()
    role = roles_services.save_role(None, None, role_data(
        rate, wte=None, spatial_level=SpatialLevel.COLLABORATIVE, collaborative=collaborative,
    ))
    assert role.wte == Decimal("0.20")
    ics = roles_services.save_role(None, None, role_data(rate, wte=None, title="Another"))
    assert ics.wte == Decimal("0.40")


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "field"), [
    ({"wte": Decimal("0.05")}, "wte"),
    ({"wte": Decimal("1.10")}, "wte"),
    ({"end_date": START - timedelta(days=1)}, "end_date"),
    ({"spatial_level": SpatialLevel.LCP}, "borough"),
    ({"spatial_level": SpatialLevel.COLLABORATIVE}, "collaborative"),
    ({"spatial_level": SpatialLevel.ORGANISATION}, "organisation"),
])
def test_bad_roles_are_refused(rate, overrides, field):
    with pytest.raises(ValidationError) as caught:
        roles_services.save_role(None, None, role_data(rate, **overrides))
    assert field in caught.value.message_dict
    assert not LeadershipRole.objects.exists()


@pytest.mark.django_db
def test_a_body_from_another_level_is_dropped(rate):
    borough = Borough.objects.first()
    role = roles_services.save_role(None, None, role_data(rate, borough=borough))
    assert role.borough is None


@pytest.mark.django_db
def test_holder_over_one_wte_is_refused_unless_sessional_overtime(rate):
    holder = UserFactory()
    roles_services.save_role(None, None, role_data(rate, holder=holder, wte=Decimal("0.8")))
    with pytest.raises(ValidationError) as caught:
        roles_services.save_role(None, None, role_data(rate, holder=holder, wte=Decimal("0.4"), title="Second"))
    message = " ".join(caught.value.message_dict["wte"])
    assert "0.80 WTE" in message and "1.20 WTE" in message and "sessional overtime" in message
    assert LeadershipRole.objects.count() == 1
    roles_services.save_role(None, None, role_data(
        rate, holder=holder, wte=Decimal("0.4"), title="Second", sessional_overtime_confirmed=True,
    ))
    assert LeadershipRole.objects.count() == 2


@pytest.mark.django_db
def test_roles_that_do_not_overlap_do_not_count(rate):
    holder = UserFactory()
    roles_services.save_role(None, None, role_data(rate, holder=holder, wte=Decimal("1.0"),
                                             end_date=START + timedelta(days=90)))
    later = roles_services.save_role(None, None, role_data(rate, holder=holder, wte=Decimal("1.0"), title="Later",
                                                     start_date=START + timedelta(days=91)))
    assert later.pk
    # Changing a role does not count the role against itself.
    roles_services.save_role(None, later, role_data(rate, holder=holder, wte=Decimal("0.9"), title="Later",
                                              start_date=START + timedelta(days=91)))
    later.refresh_from_db()
    assert later.wte == Decimal("0.90")


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator", "reviewer", "programme_admin"])
def test_only_the_secretariat_changes_roles(rate, person, role_name):
    with pytest.raises(PermissionDenied):
        roles_services.save_role(person(role_name), None, role_data(rate))


@pytest.mark.django_db
def test_changes_keep_history_and_a_rate_change_reprices(rate, person):
    secretary = person("governance")
    role = roles_services.save_role(secretary, None, role_data(rate))
    ended = roles_services.save_role(secretary, None, role_data(
        rate, title="Ended", start_date=date(2020, 1, 1), end_date=date(2021, 1, 1)))
    reference_services.save_reference_item(
        secretary, KINDS["rates"], rate, {"name": rate.name, "annual_rate_per_wte": Decimal("100000"),
                                          "description": ""},
    )
    role.refresh_from_db()
    ended.refresh_from_db()
    assert role.annual_cost == Decimal("40000.00")
    assert ended.annual_cost == Decimal("38000.00")  # an ended role keeps what it cost
    costs = list(role.history.order_by("history_date", "history_id").values_list("annual_cost", "history_user"))
    assert costs == [(Decimal("38000.00"), secretary.pk), (Decimal("40000.00"), secretary.pk)]


@pytest.mark.django_db
def test_totals_are_summed_in_the_database(rate):
    ics = PriorityFunction.objects.get(number=4)
    roles_services.save_role(None, None, role_data(rate, wte=Decimal("0.4"), holder=UserFactory()))
    roles_services.save_role(None, None, role_data(rate, wte=Decimal("0.2"), title="B", function=ics))
    roles_services.save_role(None, None, role_data(rate, wte=Decimal("1.0"), title="Old", start_date=date(2020, 1, 1),
                                             end_date=date(2021, 1, 1)))
    page, totals = roles_selectors.roles_page({}, 1, today=START)
    assert (totals.roles, totals.filled, totals.vacant) == (2, 1, 1)
    assert totals.wte == Decimal("0.60") and totals.days_per_week == Decimal("3.00")
    assert totals.annual_cost == Decimal("57000.00")
    _, everything = roles_selectors.roles_page({"ended": "include"}, 1, today=START)
    assert everything.roles == 3
    _, vacant = roles_selectors.roles_page({"status": "vacant"}, 1, today=START)
    assert vacant.roles == 1


# --- Views ----------------------------------------------------------------------------------------


def form_post(rate, **overrides) -> dict:
    data = {
        "title": "Workforce resilience lead, Acute", "function": PriorityFunction.objects.get(number=4).pk,
        "spatial_level": SpatialLevel.COLLABORATIVE, "collaborative": ProviderCollaborative.objects.first().pk,
        "role_type": rate.pk, "pay_basis": PayBasis.SESSIONAL, "wte": "", "funding_source": FundingSource.ICB,
        "start_date": START.isoformat(), "end_date": "", "holder_email": "",
        "structures": [GovernanceStructure.objects.first().pk],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_add_a_role_through_the_form(client_as, rate):
    client, secretary = client_as("governance")
    holder = UserFactory(email="jo.lead@example.nhs.uk")
    response = client.post(reverse("governance:role_add"), form_post(rate, holder_email="JO.LEAD@example.nhs.uk"))
    assert response.status_code == 302
    role = LeadershipRole.objects.get()
    assert (role.holder, role.wte, role.annual_cost) == (holder, Decimal("0.20"), Decimal("19000.00"))
    assert role.structures.count() == 1
    listing = client.get(reverse("governance:roles")).content.decode()
    assert "Workforce resilience lead, Acute" in listing and "19,000" in listing
    assert "Workforce resilience lead, Acute" in client.get(reverse("governance:role_history")).content.decode()
    # Change it: the form starts from what is saved.
    page = client.get(reverse("governance:role_edit", args=[role.pk])).content.decode()
    assert "jo.lead@example.nhs.uk" in page
    response = client.post(reverse("governance:role_edit", args=[role.pk]), form_post(rate, wte="0.3"))
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.wte == Decimal("0.30") and role.holder is None


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), [
    ({"title": ""}, "Enter the title of the role"),
    ({"wte": "2"}, "The WTE must be from 0.1 to 1.0"),
    ({"wte": "a lot"}, "Enter the WTE as a number, like 0.2"),
    ({"collaborative": ""}, "Select the provider collaborative the role is in"),
    ({"end_date": "2026-03-01"}, "The end date must be the same as or after the start date"),
    ({"start_date": "2026-13-01"}, "Start date must be a real date"),
    ({"holder_email": "nobody@example.nhs.uk"}, "No one with this email address has an account"),
    ({"holder_email": "closed@example.nhs.uk"}, "This account is deactivated"),
    ({"funding_source": ""}, "Select who funds the role"),
])
def test_bad_role_input_is_refused(client_as, rate, overrides, message):
    client, _ = client_as("governance")
    UserFactory(email="closed@example.nhs.uk", is_active=False)
    response = client.post(reverse("governance:role_add"), form_post(rate, **overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and message in body
    assert not LeadershipRole.objects.exists()


@pytest.mark.django_db
def test_over_one_wte_is_explained_on_the_form(client_as, rate):
    client, _ = client_as("governance")
    holder = UserFactory(email="busy@example.nhs.uk")
    roles_services.save_role(None, None, role_data(rate, holder=holder, wte=Decimal("0.9")))
    response = client.post(reverse("governance:role_add"), form_post(rate, holder_email=holder.email, wte="0.2"))
    assert response.status_code == 400
    assert "over 1.0" in response.content.decode()
    response = client.post(reverse("governance:role_add"), form_post(
        rate, holder_email=holder.email, wte="0.2", sessional_overtime_confirmed="on"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_executive_reads_roles_but_cannot_change(client_as, rate):
    client, _ = client_as("executive")
    role = roles_services.save_role(None, None, role_data(rate))
    page = client.get(reverse("governance:roles")).content.decode()
    assert role.title in page and "Add a leadership role" not in page
    assert client.post(reverse("governance:role_add"), form_post(rate)).status_code == 403
    assert client.post(reverse("governance:role_edit", args=[role.pk]), form_post(rate)).status_code == 403


@pytest.mark.django_db
def test_without_a_rate_card_the_form_says_what_to_do(client_as):
    client, _ = client_as("governance")
    body = client.get(reverse("governance:role_add")).content.decode()
    assert "Add a role type to the rate card" in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 80])
def test_role_list_and_history_have_fixed_query_counts(client_as, rate, django_assert_max_num_queries, count):
    client, _ = client_as("governance")
    collaborative = ProviderCollaborative.objects.first()
    for index in range(count):
        role = roles_services.save_role(None, None, role_data(
            rate, title=f"Role {index}", holder=UserFactory(), spatial_level=SpatialLevel.COLLABORATIVE,
            collaborative=collaborative, wte=Decimal("0.2"),
        ))
        roles_services.save_role(None, role, role_data(
            rate, title=f"Role {index}", holder=role.holder, spatial_level=SpatialLevel.COLLABORATIVE,
            collaborative=collaborative, wte=Decimal("0.3"),
        ))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("governance:roles")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("governance:role_history")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_roles_for_one_person_at_once_cannot_pass_one_wte(rate):
    holder = UserFactory()

    def add(title):
        return lambda: roles_services.save_role(
            None, None, role_data(rate, holder=holder, wte=Decimal("0.6"), title=title)
        )

    outcomes = at_once(add("First"), add("Second"))
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    assert LeadershipRole.objects.filter(holder=holder).count() == 1


@pytest.mark.django_db
def test_role_list_reads_only_what_it_shows_and_never_the_password_hash(client_as, rate):
    """The list once joined eight tables (re-planned on every request) and read the holder's whole account.
    Now the page's query joins the function (its order) and the holder's name, and the small reference
    tables are read by id."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.directory import OrganisationFactory

    client, _ = client_as("governance")
    collaborative = ProviderCollaborative.objects.first()
    holder = UserFactory(first_name="Ngozi", last_name="Okafor")
    roles_services.save_role(None, None, role_data(
        rate, title="Collaborative lead", holder=holder, spatial_level=SpatialLevel.COLLABORATIVE,
        collaborative=collaborative,
    ))
    organisation = OrganisationFactory(name="Bench Street Surgery")
    roles_services.save_role(None, None, role_data(
        rate, title="Practice lead", spatial_level=SpatialLevel.ORGANISATION, organisation=organisation,
    ))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("governance:roles")).content.decode()
    assert "Ngozi Okafor" in page and str(collaborative) in page and "Bench Street Surgery" in page
    assert "Nursing system lead" in page  # the role type, read by id
    role_queries = [q["sql"] for q in queries.captured_queries if 'FROM "governance_leadershiprole"' in q["sql"]]
    assert role_queries
    assert not any('"password"' in sql for sql in role_queries)
    assert max(sql.count(" JOIN ") for sql in role_queries) <= 2

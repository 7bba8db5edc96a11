"""The Academy's spend by programme: recording it (with its checks and history), who may, and the list."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.investment import services as investment_services
from governance.investment.quarters import quarter_of
from governance.models import ProgrammeSpend
from programmes.core.models import Programme

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def programme(slug="curriculum") -> Programme:
    return Programme.objects.get(slug=slug)


def data(**changes) -> dict:
    return {"programme": programme(), "year": 2026, "quarter": 3, "amount": Decimal("1250.50"),
            "description": "Facilitators for cohort 2", **changes}


def test_spend_is_recorded_and_corrected_with_history(person):
    secretariat = person("governance")
    spend = investment_services.record_spend(secretariat, None, data(), today=TODAY)
    corrected = investment_services.record_spend(secretariat, spend, data(amount=Decimal("1300")), today=TODAY)
    assert corrected.pk == spend.pk and corrected.amount == Decimal("1300")
    reasons = list(spend.history.values_list("history_change_reason", "history_user"))
    assert reasons == [("corrected", secretariat.pk), ("recorded", secretariat.pk)]


@pytest.mark.parametrize("changes, field", [
    ({"year": 2027, "quarter": 1}, "quarter"),  # the future
    ({"quarter": 5}, "quarter"),
    ({"amount": Decimal("0")}, "amount"),
    ({"amount": Decimal("-10")}, "amount"),
    ({"amount": Decimal("10.005")}, "amount"),
    ({"description": "  "}, "description"),
    ({"programme": None}, "programme"),
])
def test_bad_spend_is_refused(changes, field):
    with pytest.raises(ValidationError) as raised:
        investment_services.record_spend(None, None, data(**changes), today=TODAY)
    assert field in raised.value.message_dict
    assert not ProgrammeSpend.objects.exists()


def test_spend_is_recorded_by_quarter_of_the_nhs_financial_year(client_as):
    # On 31 March 2027 the quarter running is 2026/27 Q4 (January to March 2027); 2027/28 Q1 is the future.
    spend = investment_services.record_spend(None, None, data(year=2026, quarter=4), today=date(2027, 3, 31))
    with pytest.raises(ValidationError):
        investment_services.record_spend(None, None, data(year=2027, quarter=1), today=date(2027, 3, 31))
    assert investment_services.record_spend(None, None, data(year=2027, quarter=1), today=date(2027, 4, 1))
    client, _ = client_as("governance")
    listing = client.get(reverse("governance:spend")).content.decode()
    assert "2026/27 Q4 (January to March 2027)" in listing and "2027/28 Q1 (April to June 2027)" in listing
    form = client.get(reverse("governance:spend_edit", args=[spend.pk])).content.decode()
    assert 'value="2026-27-q4" selected' in form or 'value="2026-27-q4"' in form


def test_the_challenge_fund_is_not_recorded_here_its_spend_is_its_awards():
    with pytest.raises(ValidationError) as raised:
        investment_services.record_spend(None, None, data(programme=programme("challenge-fund")), today=TODAY)
    assert "takes from the bids" in " ".join(raised.value.message_dict["programme"])


@pytest.mark.parametrize("role_name", ["executive", "evaluator", "programme_admin", "leader"])
def test_only_the_secretariat_records_spend(person, role_name):
    with pytest.raises(PermissionDenied):
        investment_services.record_spend(person(role_name), None, data(), today=TODAY)
    assert not ProgrammeSpend.objects.exists()


def test_secretariat_records_spend_through_the_pages(client_as):
    client, _ = client_as("governance")
    this_quarter = quarter_of(timezone.localdate())
    form = client.get(reverse("governance:spend_add")).content.decode()
    assert "SEL Challenge Fund" not in form  # its spend is its awards
    response = client.post(reverse("governance:spend_add"), {
        "programme": programme().pk, "quarter": this_quarter.key, "amount": "2400.00",
        "description": "Venue for the module",
    })
    assert response.status_code == 302
    spend = ProgrammeSpend.objects.get()
    assert (spend.year, spend.quarter, spend.amount) == (this_quarter.year, this_quarter.number, Decimal("2400"))
    response = client.post(reverse("governance:spend_edit", args=[spend.pk]), {
        "programme": programme().pk, "quarter": this_quarter.key, "amount": "not money", "description": "X",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and "Enter the amount in pounds" in body
    listing = client.get(reverse("governance:spend")).content.decode()
    assert "Venue for the module" in listing and "£2,400.00" in listing
    history = client.get(reverse("governance:spend_history")).content.decode()
    assert "Venue for the module" in history


def test_executive_reads_spend_but_changes_nothing(client_as):
    spend = investment_services.record_spend(None, None, data(year=2026, quarter=1))
    client, _ = client_as("executive")
    listing = client.get(reverse("governance:spend")).content.decode()
    assert "Facilitators for cohort 2" in listing and "Record spend" not in listing
    assert client.post(reverse("governance:spend_edit", args=[spend.pk]), {
        "programme": programme().pk, "quarter": "2026-27-q1", "amount": "1", "description": "X",
    }).status_code == 403
    assert ProgrammeSpend.objects.get().amount == Decimal("1250.50")


@pytest.mark.parametrize("count", [3, 60])
def test_spend_list_has_a_fixed_query_count(client_as, django_assert_max_num_queries, count):
    slugs = ["curriculum", "network", "shadowing"]
    for index in range(count):
        investment_services.record_spend(None, None, data(programme=programme(slugs[index % 3]), quarter=1 + index % 3))
    client, _ = client_as("governance")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:spend")).status_code == 200

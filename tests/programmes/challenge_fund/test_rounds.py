"""Setting up a funding round: the services, the London-time dates and the admin pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from programmes.challenge_fund import services
from programmes.challenge_fund.forms.admin_rounds import RoundForm
from programmes.challenge_fund.forms.fields import london_moment
from programmes.challenge_fund.models import Criterion, Question, Round
from tests.factories.challenge_fund import BidFactory, CriterionFactory, QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


def values(**overrides):
    now = timezone.now()
    data = {
        "title": "Challenge Fund 2027",
        "summary": "Funding for priority system improvement projects.",
        "guidance": "What we fund.",
        "eligibility": "Clinical and care professionals working in SEL.",
        "budget": Decimal("250000"),
        "min_award": Decimal("5000"),
        "max_award": Decimal("50000"),
        "opens_at": now + dt.timedelta(days=1),
        "closes_at": now + dt.timedelta(days=40),
        "min_partner_organisations": 2,
        "require_priority_function": True,
        "score_max": 5,
        "sealed": False,
        "blind_review": False,
    }
    data.update(overrides)
    return data


def form_data(**overrides):
    data = {
        "title": "Challenge Fund 2027",
        "summary": "Funding for priority system improvement projects.",
        "guidance": "What we fund.",
        "eligibility": "Clinical and care professionals working in SEL.",
        "budget": "250000",
        "min_award": "5000",
        "max_award": "50000",
        "opens_on": "2027-01-05",
        "opens_time": "09:00",
        "closes_on": "2027-03-31",
        "closes_time": "12:00",
        "min_partner_organisations": "2",
        "require_priority_function": "on",
        "score_max": "5",
    }
    data.update(overrides)
    return data


def test_fund_admin_creates_a_round(fund_admin):
    round_ = services.create_round(fund_admin, **values())
    assert round_.created_by == fund_admin
    assert not round_.published
    assert round_.history.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"min_award": Decimal("60000")}, "max_award"),
        ({"max_award": Decimal("300000")}, "max_award"),
        ({"closes_at": timezone.now() - dt.timedelta(days=1)}, "closes_on"),
        ({"min_partner_organisations": 0}, "min_partner_organisations"),
        ({"score_max": 11}, "score_max"),
    ],
)
def test_bad_round_values_are_rejected_and_nothing_is_saved(fund_admin, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_round(fund_admin, **values(**overrides))
    assert field in excinfo.value.message_dict
    assert not Round.objects.exists()


def test_duplicate_title_is_rejected(fund_admin):
    services.create_round(fund_admin, **values())
    with pytest.raises(ValidationError, match="already a round"):
        services.create_round(fund_admin, **values(title="challenge fund 2027"))


def test_only_the_funds_admins_may_create_rounds(other_admin, leader):
    for person in (other_admin, leader):
        with pytest.raises(PermissionDenied):
            services.create_round(person, **values())


def test_publishing_needs_a_rubric(fund_admin):
    round_ = services.create_round(fund_admin, **values())
    with pytest.raises(ValidationError, match="review criterion"):
        services.publish_round(fund_admin, round_)
    services.save_criterion(fund_admin, round_, title="System benefit", guidance="How much", weight=3)
    assert services.publish_round(fund_admin, round_).published


@pytest.mark.parametrize("weight", [0, 11])
def test_criterion_weight_must_be_1_to_10(fund_admin, weight):
    round_ = RoundFactory()
    with pytest.raises(ValidationError):
        services.save_criterion(fund_admin, round_, title="Feasibility", guidance="g", weight=weight)
    assert not Criterion.objects.exists()


def test_a_question_with_answers_cannot_be_removed(fund_admin):
    question = QuestionFactory()
    bid = BidFactory(round=question.round)
    bid.answers.create(question=question, text="Our answer")
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.delete_question(fund_admin, question)
    assert Question.objects.filter(pk=question.pk).exists()


def test_closed_rounds_keep_their_rubric(fund_admin):
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(days=1))
    criterion = CriterionFactory(round=round_)
    with pytest.raises(ValidationError, match="closed"):
        services.save_criterion(fund_admin, round_, title="New", guidance="g", weight=1)
    with pytest.raises(ValidationError, match="closed"):
        services.delete_criterion(fund_admin, criterion)


def test_dates_are_entered_in_london_time_across_the_clocks_change():
    winter = london_moment(dt.date(2027, 1, 15), dt.time(12, 0))
    summer = london_moment(dt.date(2027, 4, 15), dt.time(12, 0))
    assert winter.astimezone(dt.UTC).hour == 12  # GMT
    assert summer.astimezone(dt.UTC).hour == 11  # BST
    # 28 March 2027: the clocks go forward at 01:00, so 01:30 does not exist.
    form = RoundForm(form_data(closes_on="2027-03-28", closes_time="01:30"))
    assert not form.is_valid()
    assert "clocks go forward" in form.errors["closes_time"][0]
    # 31 October 2027: the clocks go back at 02:00, so 01:30 happens twice; it means the first (BST).
    repeated = london_moment(dt.date(2027, 10, 31), dt.time(1, 30))
    assert repeated.astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)


def test_admin_pages_for_the_funds_admin_only(client, fund_admin, other_admin):
    round_ = RoundFactory()
    client.force_login(other_admin)
    assert client.get(reverse("challenge_fund:manage")).status_code == 403
    assert client.get(reverse("challenge_fund:round_manage", args=[round_.pk])).status_code == 403
    client.force_login(fund_admin)
    assert client.get(reverse("challenge_fund:manage")).status_code == 200
    assert client.get(reverse("challenge_fund:round_manage", args=[round_.pk])).status_code == 200


def test_creating_a_round_through_the_page(client, fund_admin):
    client.force_login(fund_admin)
    response = client.post(reverse("challenge_fund:round_create"), form_data())
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("challenge_fund:round_manage", args=[round_.pk])
    assert round_.closes_at == dt.datetime(2027, 3, 31, 11, 0, tzinfo=dt.UTC)  # BST from 28 March
    assert round_.opens_at == dt.datetime(2027, 1, 5, 9, 0, tzinfo=dt.UTC)  # GMT


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"min_award": "60000"}, "same as or more than the minimum"),
        ({"closes_on": "2027-01-01"}, "closing date must be after"),
        ({"budget": "-5"}, "must be more than £0"),
        ({"budget": "lots"}, "amount in pounds"),
        ({"min_award": "100.555"}, "at most 2 decimal places"),
        ({"score_max": "0"}, "from 1 to 10"),
        ({"title": ""}, "Enter the round&#x27;s title"),
    ],
)
def test_bad_input_on_the_round_page_says_what_is_wrong(client, fund_admin, overrides, message):
    client.force_login(fund_admin)
    response = client.post(reverse("challenge_fund:round_create"), form_data(**overrides))
    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Error: " in content
    assert message in content
    assert not Round.objects.exists()


def test_criterion_and_question_pages(client, fund_admin):
    round_ = RoundFactory(published=False)
    client.force_login(fund_admin)
    response = client.post(
        reverse("challenge_fund:criterion_add", args=[round_.pk]), {"title": "Value", "guidance": "g", "weight": "12"}
    )
    assert response.status_code == 400
    assert "Enter a weight from 1 to 10" in response.content.decode()
    add_criterion = reverse("challenge_fund:criterion_add", args=[round_.pk])
    client.post(add_criterion, {"title": "Value", "guidance": "g", "weight": "2"})
    client.post(reverse("challenge_fund:question_add", args=[round_.pk]), {"text": "Who benefits?", "hint": ""})
    assert round_.criteria.get().weight == 2
    assert round_.questions.get().text == "Who benefits?"
    response = client.post(reverse("challenge_fund:round_publish", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.published
    page = client.get(reverse("challenge_fund:round_manage", args=[round_.pk])).content.decode()
    assert "Who benefits?" in page and "Value" in page


def test_unpublished_rounds_are_hidden_from_leaders(client, leader, fund_admin):
    round_ = RoundFactory(published=False)
    client.force_login(leader)
    assert client.get(reverse("challenge_fund:round", args=[round_.pk])).status_code == 404
    assert round_.title not in client.get(reverse("challenge_fund:index")).content.decode()
    client.force_login(fund_admin)
    assert client.get(reverse("challenge_fund:round", args=[round_.pk])).status_code == 200


def test_the_round_page_reads_dates_and_money_in_the_nhs_style(client, leader):
    opened = timezone.localdate() - dt.timedelta(days=10)
    round_ = RoundFactory(
        opens_at=london_moment(opened, dt.time(9, 0)),
        closes_at=london_moment(dt.date(2099, 1, 15), dt.time(12, 0)),
        budget=Decimal("212500.50"),
    )
    client.force_login(leader)
    page = client.get(reverse("challenge_fund:round", args=[round_.pk])).content.decode()
    assert f"{opened.day} {opened:%B %Y} at 9am" in page
    assert "15 January 2099 at midday (London time)" in page
    assert "From £5,000 to £50,000" in page and "£212,500.50" in page


def test_round_list_query_budget(client, fund_admin, django_assert_max_num_queries):
    client.force_login(fund_admin)
    RoundFactory.create_batch(3)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("challenge_fund:manage"))
    for round_ in RoundFactory.create_batch(30):
        BidFactory.create_batch(2, round=round_)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("challenge_fund:manage")).status_code == 200

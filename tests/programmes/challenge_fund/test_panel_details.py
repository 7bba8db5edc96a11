"""Issue 10's Challenge Fund details: money as people write it, errors that link to their field, page titles
that name their object, and "Start a bid" for a leader who already has one."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from programmes.challenge_fund import services
from programmes.challenge_fund.forms.fields import money_field
from programmes.challenge_fund.models import Bid, BidState
from tests.factories.challenge_fund import BidFactory, QuestionFactory, RoundFactory, complete

pytestmark = pytest.mark.django_db


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("6000", "6000"), ("6,000", "6000"), ("£6,000", "6000"), (" £6,000.50 ", "6000.50"), ("1,234,567", "1234567"),
     ("£ 12 000", "12000")],
)
def test_money_is_read_as_people_write_it(typed, amount):
    field = money_field("Amount (£)", "Enter the amount")
    assert field.clean(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("six thousand", "must be an amount in pounds, like 25,000 or £25,000.50"),
     ("6,00", "must be an amount in pounds"), ("£6,0000", "must be an amount in pounds"),
     ("$6000", "must be an amount in pounds"), ("6000.555", "at most 2 decimal places"),
     ("-5", "must be more than £0"), ("£", "must be an amount in pounds")],
)
def test_nonsense_money_is_refused_with_a_clear_message(typed, message):
    with pytest.raises(forms.ValidationError, match=re.escape(message)):
        money_field("Amount (£)", "Enter the amount").clean(typed)


def test_the_budget_page_takes_pound_signs_and_commas(client):
    bid = BidFactory()
    client.force_login(bid.lead)
    response = client.post(
        reverse("challenge_fund:bid_section", args=[bid.pk, "budget"]),
        {"amount_requested": "£12,000", "line_1_description": "Staff", "line_1_amount": "£10,000.00",
         "line_2_description": "Venue", "line_2_amount": " 2,000 "},
    )
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.amount_requested == Decimal("12000")
    assert [line.amount for line in bid.budget_lines.all()] == [Decimal("10000"), Decimal("2000")]


def submitted(round_=None):
    bid = complete(BidFactory(**({"round": round_} if round_ else {})))
    services.submit_bid(bid.lead, bid)
    return bid


def test_a_submitted_bid_section_missing_an_answer_links_to_the_field(client):
    round_ = RoundFactory()
    question = QuestionFactory(round=round_, text="How will the work spread?")
    bid = complete(BidFactory(round=round_))
    services.save_answers(bid.lead, bid, {question.pk: "Through the LCPs"})
    services.submit_bid(bid.lead, bid)
    client.force_login(bid.lead)
    response = client.post(
        reverse("challenge_fund:bid_section", args=[bid.pk, "questions"]), {f"question_{question.pk}": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400
    field_id = f"id_question_{question.pk}"
    # The error summary links to the field, and the field is marked in error.
    summary = page.split("nhsuk-error-summary__list")[1].split("</ul>")[0]
    assert f'href="#{field_id}"' in summary and "Answer the question" in summary
    assert "nhsuk-form-group--error" in page and "nhsuk-textarea--error" in page
    assert bid.answers.get().text == "Through the LCPs"


def test_a_submitted_bid_whose_budget_stops_adding_up_links_to_the_first_line(client):
    bid = submitted()
    client.force_login(bid.lead)
    response = client.post(
        reverse("challenge_fund:bid_section", args=[bid.pk, "budget"]),
        {"amount_requested": "20000", "line_1_description": "Project manager", "line_1_amount": "10000"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    summary = page.split("nhsuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_line_1_amount"' in summary and "add up to £10,000" in summary
    assert bid.budget_lines.count() == 2


def test_submitting_an_incomplete_bid_lists_the_problems_at_the_top_with_links(client):
    bid = complete(BidFactory())
    bid.budget_lines.filter(description="Backfill").update(amount=Decimal("4000.50"))
    client.force_login(bid.lead)
    response = client.post(reverse("challenge_fund:bid_check", args=[bid.pk]))
    page = response.content.decode()
    assert response.status_code == 400 and title(response).startswith("Error: ")
    summary = page.split("nhsuk-error-summary__list")[1].split("</ul>")[0]
    budget = reverse("challenge_fund:bid_section", args=[bid.pk, "budget"])
    assert f'href="{budget}#id_line_1_amount"' in summary and "add up to £19,000.50" in summary
    assert page.index("nhsuk-error-summary") < page.index("<h1")
    bid.refresh_from_db()
    assert bid.state == BidState.DRAFT


def test_start_a_bid_links_to_the_leaders_existing_bid(client, leader):
    round_ = RoundFactory()
    client.force_login(leader)
    round_page = client.get(reverse("challenge_fund:round", args=[round_.pk])).content.decode()
    assert "Start a bid" in round_page
    bid = services.start_bid(leader, round_, title="Frailty <at> home")
    bid_url = reverse("challenge_fund:bid", args=[bid.pk])
    round_page = client.get(reverse("challenge_fund:round", args=[round_.pk])).content.decode()
    assert ">Start a bid<" not in round_page and f'href="{bid_url}"' in round_page
    assert "Frailty &lt;at&gt; home" in round_page
    start_page = client.get(reverse("challenge_fund:start", args=[round_.pk])).content.decode()
    assert f'href="{bid_url}"' in start_page and "Start bid</button>" not in start_page
    # Posting anyway is refused, and the refusal in the error summary links to the bid.
    response = client.post(reverse("challenge_fund:start", args=[round_.pk]), {"title": "Again"})
    summary = response.content.decode().split("nhsuk-error-summary__list")[1].split("</ul>")[0]
    assert response.status_code == 400 and f'href="{bid_url}"' in summary
    assert Bid.objects.filter(lead=leader).count() == 1


def test_page_titles_name_their_object(client, fund_admin):
    bid = complete(BidFactory(title="Frailty at home"))
    round_ = bid.round
    client.force_login(bid.lead)
    for section, heading in (("budget", "Budget"), ("about", "About the project"), ("involvement", None)):
        response = client.get(reverse("challenge_fund:bid_section", args=[bid.pk, section]))
        assert "– Frailty at home" in title(response), section
        if heading:
            assert title(response).startswith(f"{heading} – Frailty at home")
    for name in ("bid", "bid_partners", "bid_check", "bid_attachments"):
        assert "Frailty at home" in title(client.get(reverse(f"challenge_fund:{name}", args=[bid.pk]))), name
    public_round = title(client.get(reverse("challenge_fund:round", args=[round_.pk])))
    assert round_.title in title(client.get(reverse("challenge_fund:start", args=[round_.pk])))
    client.force_login(fund_admin)
    admin_round = title(client.get(reverse("challenge_fund:round_manage", args=[round_.pk])))
    assert round_.title in public_round and round_.title in admin_round and public_round != admin_round
    public = title(client.get(reverse("challenge_fund:index")))
    assert public != title(client.get(reverse("challenge_fund:manage")))
    for name in ("email_templates", "outbox", "round_edit", "outbox_send", "round_report", "question_add"):
        key = "round_pk" if name == "question_add" else "pk"
        url = reverse(f"challenge_fund:{name}", kwargs={key: round_.pk})
        assert round_.title in title(client.get(url)), name


def test_the_conflict_of_interest_page_names_every_organisation_taking_part(client, fund_admin):
    from programmes.challenge_fund.models import CoApplicant, CoApplicantState  # noqa: PLC0415
    from tests.factories.directory import LeaderProfileFactory, OrganisationFactory  # noqa: PLC0415
    from tests.programmes.challenge_fund.test_review import closed_round, in_review, make_reviewer  # noqa: PLC0415

    bid = in_review(closed_round(), fund_admin)
    partner = bid.partners.get()
    colleague = LeaderProfileFactory(organisation=OrganisationFactory(name="Guy's & St Thomas' <Trust>"))
    CoApplicant.objects.create(bid=bid, user=colleague.user, state=CoApplicantState.ACCEPTED)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("challenge_fund:review", args=[assignment.pk])).content.decode()
    assert bid.lead_organisation.name in page and partner.name in page
    assert "Guy&#x27;s &amp; St Thomas&#x27; &lt;Trust&gt;" in page
    # A blind review names no organisation.
    blind = in_review(closed_round(blind_review=True), fund_admin)
    assignment = services.assign_reviewer(fund_admin, blind, reviewer)
    page = client.get(reverse("challenge_fund:review", args=[assignment.pk])).content.decode()
    assert blind.partners.get().name not in page

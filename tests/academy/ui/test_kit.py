"""The shared UI kit: NHS.UK-style formats, the account-by-email field, the table tags and the confirm page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory

from academy.ui import formats
from academy.ui.confirm import ConfirmActionView
from academy.ui.forms import AccountEmailField
from academy.ui.tables import Cell, Column, Table
from tests.factories.accounts import UserFactory

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 12, 2, 10, 30, tzinfo=LONDON), "10:30am"),
        (dt.datetime(2026, 12, 2, 9, 0, tzinfo=LONDON), "9am"),
        (dt.datetime(2026, 12, 2, 12, 0, tzinfo=LONDON), "midday"),
        (dt.datetime(2026, 12, 2, 0, 0, tzinfo=LONDON), "midnight"),
        (dt.datetime(2026, 12, 2, 16, 5, tzinfo=LONDON), "4:05pm"),
        (dt.datetime(2026, 12, 2, 12, 30, tzinfo=LONDON), "12:30pm"),
        # British Summer Time: 08:30 UTC is 9:30am in London in July
        (dt.datetime(2026, 7, 1, 8, 30, tzinfo=UTC), "9:30am"),
        (dt.time(17, 0), "5pm"),
    ],
)
def test_times_are_in_the_nhs_style_and_london_time(moment, expected):
    assert formats.nhs_time(moment) == expected


def test_dates_and_ranges():
    start = dt.datetime(2026, 12, 2, 9, 0, tzinfo=LONDON)
    assert formats.nhs_date(start) == "2 December 2026"
    assert formats.nhs_short_date(dt.date(2026, 12, 2)) == "2 Dec 2026"
    assert formats.nhs_datetime(start) == "2 December 2026 at 9am"
    assert formats.nhs_time_range(start, start.replace(hour=16)) == "9am to 4pm"
    # one day shown once
    assert formats.nhs_datetime_range(start, start.replace(hour=16)) == "2 December 2026, 9am to 4pm"
    assert formats.nhs_datetime_range(start, start + dt.timedelta(days=1, hours=7)) == (
        "2 December 2026 at 9am to 3 December 2026 at 4pm"
    )
    assert formats.nhs_date_range(dt.date(2026, 12, 2), dt.date(2026, 12, 4)) == "2 to 4 December 2026"
    assert formats.nhs_date_range(dt.date(2026, 11, 30), dt.date(2026, 12, 4)) == "30 November to 4 December 2026"
    assert formats.nhs_date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == "30 December 2026 to 2 January 2027"
    assert formats.nhs_date_range(dt.date(2026, 12, 2), dt.date(2026, 12, 2)) == "2 December 2026"
    assert formats.nhs_date(None) == ""


def test_money():
    assert formats.money(Decimal("1250")) == "£1,250"
    assert formats.money(Decimal("1250.5")) == "£1,250.50"
    assert formats.money(Decimal("-40")) == "-£40"
    assert formats.money(0) == "£0"
    assert formats.money(None) == ""


def test_filters_are_built_in_to_every_template():
    rendered = Template("{{ when|nhs_datetime_range:until }} {{ amount|money }}").render(
        Context({"when": dt.datetime(2026, 12, 2, 10, 30, tzinfo=LONDON),
                 "until": dt.datetime(2026, 12, 2, 12, 0, tzinfo=LONDON), "amount": Decimal("12500")})
    )
    assert rendered == "2 December 2026, 10:30am to midday £12,500"


class PersonForm(forms.Form):
    person = AccountEmailField(label="Email address", missing="or ask them to create an account first")


@pytest.mark.django_db
def test_account_email_field_finds_the_active_account_whatever_the_case():
    user = UserFactory(email="ada.lovelace@example.nhs.uk")
    form = PersonForm({"person": "  Ada.Lovelace@Example.NHS.uk "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == user


@pytest.mark.django_db
def test_account_email_field_refuses_no_account_and_closed_accounts_clearly():
    form = PersonForm({"person": "nobody@example.nhs.uk"})
    assert not form.is_valid()
    assert form.errors["person"] == [
        "No one with this email address has an account on the portal. Check the address, or ask them to create "
        "an account first."
    ]
    UserFactory(email="left@example.nhs.uk", is_active=False)
    form = PersonForm({"person": "left@example.nhs.uk"})
    assert not form.is_valid()
    assert form.errors["person"] == ["This account is deactivated. Choose someone with an active account."]
    form = PersonForm({"person": "not an email"})
    assert not form.is_valid()


def test_table_tags_escape_what_people_typed_and_label_each_cell():
    rendered = Template(
        '<table>{% thead "Name" "Cost" numeric="Cost" hidden="Actions" %}<tbody><tr>'
        '{% cell "Name" %}{{ name }}{% endcell %}{% cell "Cost" numeric=True %}{{ cost|money }}{% endcell %}'
        "</tr></tbody></table>"
    ).render(Context({"name": '<script>alert("x")</script>', "cost": Decimal("10")}))
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
    assert '<th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">Cost</th>' in rendered
    assert '<span class="nhsuk-u-visually-hidden">Actions</span>' in rendered
    assert ('<td class="nhsuk-table__cell nhsuk-table__cell--numeric"><span class="nhsuk-table-responsive__heading" '
            'aria-hidden="true">Cost </span><div class="academy-cell-value">£10</div></td>') in rendered


def test_table_include_renders_plain_values_escaped_with_links():
    table = Table(
        caption="Awards", columns=[Column("Function"), Column("Amount", numeric=True)],
        rows=[[Cell("<b>One</b>", href="/x/"), "£5"]],
    )
    rendered = Template('{% include "ui/includes/table.html" %}').render(Context({"table": table}))
    assert '<a href="/x/">&lt;b&gt;One&lt;/b&gt;</a>' in rendered
    assert "nhsuk-table__cell--numeric" in rendered
    empty = Template('{% include "ui/includes/table.html" %}').render(
        Context({"table": Table(caption="None", columns=[Column("A")], empty="No awards yet.")})
    )
    assert "No awards yet." in empty


class RecordingConfirm(ConfirmActionView):
    title = "Close the thing"
    button = "Close it"
    warning = True
    done: list = []
    refuse = ""
    impossible = ""

    def get_object(self):
        return "the thing"

    def paragraphs(self):
        return ["<b>You cannot undo this.</b>"]

    def not_possible(self):
        return self.impossible

    def perform(self):
        if self.refuse:
            raise ValidationError(self.refuse)
        self.done.append(self.object)
        return self.object

    def success_message(self, result):
        return f"You closed {result}."

    def success_url(self, result):
        return "/done/"


def _request(method, user):
    request = getattr(RequestFactory(), method)("/confirm/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.django_db
def test_confirm_page_says_what_will_happen_then_acts_once_on_post():
    user = UserFactory()
    RecordingConfirm.done = []
    page = RecordingConfirm.as_view()(_request("get", user))
    html = page.content.decode()
    assert page.status_code == 200
    assert "&lt;b&gt;You cannot undo this.&lt;/b&gt;" in html
    assert "nhsuk-button--warning" in html
    assert RecordingConfirm.done == []
    response = RecordingConfirm.as_view()(_request("post", user))
    assert response.status_code == 302 and response.url == "/done/"
    assert RecordingConfirm.done == ["the thing"]


@pytest.mark.django_db
def test_confirm_page_shows_a_refusal_and_changes_nothing():
    user = UserFactory()
    RecordingConfirm.done = []
    response = RecordingConfirm.as_view(refuse="It is already closed.")(_request("post", user))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Close the thing" in html
    assert "It is already closed." in html
    assert RecordingConfirm.done == []
    response = RecordingConfirm.as_view(impossible="There is nothing to close now.")(_request("post", user))
    assert response.status_code == 400
    assert RecordingConfirm.done == []
    page = RecordingConfirm.as_view(impossible="There is nothing to close now.")(_request("get", user))
    assert "Close it</button>" not in page.content.decode()

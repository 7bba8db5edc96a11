"""Text a person typed is shown escaped everywhere: no `|safe` or `mark_safe` on it. Hostile strings go
into the text fields staff fill in (Challenge Fund questions and criteria, which become hints leaders and
reviewers read) and into every kind of field the `nhsuk` template pack renders, and the pages are read back."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from programmes.challenge_fund import services
from tests.factories.challenge_fund import BidFactory, RoundFactory, complete
from tests.programmes.challenge_fund.test_review import make_reviewer

HOSTILE = [
    '<script>alert("x")</script>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '=HYPERLINK("https://evil.example","Click")',
]
RAW_MARKERS = ["<script>alert", "<meta http-equiv"]


def assert_escaped(content: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in content, f"{marker!r} is in the page unescaped"


def test_the_nhsuk_pack_escapes_labels_hints_values_and_choices_of_every_field_kind():
    hostile = " ".join(HOSTILE)

    class Everything(forms.Form):
        text = forms.CharField(label=hostile, help_text=hostile, initial=hostile)
        long = forms.CharField(widget=forms.Textarea, help_text=hostile, initial=hostile)
        radios = forms.ChoiceField(choices=[("a", hostile)], widget=forms.RadioSelect, help_text=hostile)
        boxes = forms.MultipleChoiceField(choices=[("a", hostile)], widget=forms.CheckboxSelectMultiple,
                                          help_text=hostile)
        select = forms.ChoiceField(choices=[("a", hostile)], help_text=hostile)
        agree = forms.BooleanField(label=hostile, help_text=hostile)

    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": Everything()}))
    assert_escaped(html)
    assert "&lt;meta http-equiv" in html


@pytest.mark.django_db
def test_hostile_question_and_criterion_text_reaches_leaders_and_reviewers_escaped(client, fund_admin, leader):
    round_ = RoundFactory(published=False)
    client.force_login(fund_admin)
    for text in HOSTILE:
        response = client.post(reverse("challenge_fund:question_add", args=[round_.pk]),
                               {"text": f"Question {text}", "hint": text})
        assert response.status_code == 302
        response = client.post(reverse("challenge_fund:criterion_add", args=[round_.pk]),
                               {"title": f"Criterion {text}"[:100], "guidance": text, "weight": "2"})
        assert response.status_code == 302
    assert round_.questions.count() == 3 and round_.criteria.count() == 3
    client.post(reverse("challenge_fund:round_publish", args=[round_.pk]))
    for page in ("challenge_fund:round_manage",):
        assert_escaped(client.get(reverse(page, args=[round_.pk])).content.decode())

    # The leader's bid: the round page and the questions section, where the hints are shown.
    bid = BidFactory(round=round_, lead=leader)
    client.force_login(leader)
    for url in (reverse("challenge_fund:round", args=[round_.pk]), reverse("challenge_fund:bid", args=[bid.pk]),
                reverse("challenge_fund:bid_section", args=[bid.pk, "questions"])):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert_escaped(content)
    assert "&lt;meta http-equiv" in content  # the hint is there, as text

    # A reviewer scoring a bid in the round: the criteria's guidance is each score's hint.
    complete(bid)
    services.transition(bid, "submitted", bid.lead)
    now = timezone.now()
    round_.opens_at, round_.closes_at = now - dt.timedelta(days=40), now - dt.timedelta(days=1)
    round_.save(update_fields=["opens_at", "closes_at"])
    services.open_review(fund_admin, bid)
    reviewer = make_reviewer()
    assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    services.declare_interest(reviewer, assignment, conflicted=False)
    client.force_login(reviewer)
    response = client.get(reverse("challenge_fund:review", args=[assignment.pk]))
    assert response.status_code == 200
    assert_escaped(response.content.decode())
    assert "&lt;script&gt;" in response.content.decode()

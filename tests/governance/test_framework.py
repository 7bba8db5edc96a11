"""The NHSEI Design Framework self-assessment: the nine points, assessing one (with its checks), its
history, who may read and change it, the review reminders, and the governance home page's summary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance import tasks
from governance.framework import selectors as framework_selectors
from governance.framework import services as framework_services
from governance.models import FrameworkPoint, Rag
from governance.reference.seed import FRAMEWORK_POINTS
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
ROLES = {"title": "Leadership roles", "path": "/governance/roles/"}


def point(number: int = 3) -> FrameworkPoint:
    return FrameworkPoint.objects.get(number=number)


def assess(actor=None, number=3, **changes):
    data = {"rag": Rag.AMBER, "position": "Roles are funded; some are vacant.", "evidence": [ROLES],
            "owner": None, "review_date": TODAY + timedelta(days=30), "today": TODAY, **changes}
    return framework_services.assess_framework_point(actor, point(number), **data)


def test_the_nine_points_are_loaded_not_yet_assessed():
    points = list(FrameworkPoint.objects.all())
    assert [(p.number, p.title) for p in points] == FRAMEWORK_POINTS
    assert {p.rag for p in points} == {Rag.NOT_ASSESSED}


def test_assessing_a_point_keeps_who_changed_the_rating_from_what_to_what(person):
    secretariat, owner = person("governance"), UserFactory()
    assess(secretariat, rag=Rag.RED, owner=owner)
    saved = assess(secretariat, rag=Rag.AMBER, owner=owner)
    assert (saved.rag, saved.owner, saved.evidence) == (Rag.AMBER, owner, [ROLES])
    latest = saved.history.first()
    assert latest.history_user == secretariat and latest.history_change_reason == "rating changed from Red to Amber"
    history = framework_selectors.framework_point_history(saved)
    assert history[0].record.history_user == secretariat
    assert history[0].changes == [("RAG rating", "Red", "Amber")]
    assert ("RAG rating", "Not assessed", "Red") in history[1].changes


@pytest.mark.parametrize("link, message", [
    ({"title": "Elsewhere", "path": "https://example.com/governance/"}, "is not a page of this portal"),
    ({"title": "Relative", "path": "governance/roles/"}, "is not a page of this portal"),
    ({"title": "Protocol-relative", "path": "//example.com/governance/"}, "is not a page of this portal"),
    ({"title": "Nowhere", "path": "/no-such-page/"}, "does not lead to a page of this portal"),
    ({"title": "", "path": "/governance/roles/"}, "Give the link to /governance/roles/ a title"),
    ({"title": "No address", "path": ""}, "Enter the portal address for 'No address'"),
])
def test_evidence_must_lead_to_a_portal_page(link, message):
    with pytest.raises(ValidationError) as raised:
        assess(evidence=[ROLES, link])
    assert any(message in text for text in raised.value.message_dict["evidence"])
    assert point().rag == Rag.NOT_ASSESSED and not point().evidence


def test_a_rating_needs_the_position_and_a_review_date_cannot_be_in_the_past():
    with pytest.raises(ValidationError) as raised:
        assess(position="  ", review_date=TODAY - timedelta(days=1))
    assert set(raised.value.message_dict) == {"position", "review_date"}
    assert point().rag == Rag.NOT_ASSESSED
    # A review date already recorded may stay when it has passed (the point is then shown as overdue).
    FrameworkPoint.objects.filter(number=3).update(review_date=TODAY - timedelta(days=5))
    assert assess(review_date=TODAY - timedelta(days=5)).review_date == TODAY - timedelta(days=5)


def test_the_owner_needs_an_active_account_and_the_rating_must_be_known():
    with pytest.raises(ValidationError) as raised:
        assess(owner=UserFactory(is_active=False), rag="purple")
    assert set(raised.value.message_dict) == {"owner_email", "rag"}


@pytest.mark.parametrize("role_name", ["executive", "evaluator", "leader", "reviewer"])
def test_only_the_secretariat_assesses(person, role_name):
    with pytest.raises(PermissionDenied):
        assess(person(role_name))
    assert point().rag == Rag.NOT_ASSESSED


# --- Pages ----------------------------------------------------------------------------------------


def test_secretariat_changes_a_point_through_the_pages(client_as):
    client, secretariat = client_as("governance")
    owner = UserFactory()
    url = reverse("governance:framework_point_edit", args=[5])
    assert client.get(url).status_code == 200
    review = timezone.localdate() + timedelta(days=40)
    response = client.post(url, {
        "rag": "green", "position": "Roles are advertised openly.", "owner_email": owner.email.upper(),
        "review_date": review.isoformat(),
        "evidence": "Leadership roles | /governance/roles/\n\nThe C&CPLG | /governance/ccplg/",
    })
    assert response.status_code == 302
    saved = point(5)
    assert (saved.rag, saved.owner, saved.review_date) == (Rag.GREEN, owner, review)
    assert saved.evidence == [ROLES, {"title": "The C&CPLG", "path": "/governance/ccplg/"}]
    page = client.get(reverse("governance:framework_point", args=[5])).content.decode()
    assert '<a href="/governance/ccplg/">The C&amp;CPLG</a>' in page
    assert "from Not assessed to Green" in page and str(secretariat) in page


@pytest.mark.parametrize("data, message", [
    ({"rag": "green", "position": "Fine.", "evidence": "Somewhere | https://example.com/"},
     "is not a page of this portal"),
    ({"rag": "green", "position": "Fine.", "evidence": "/governance/roles/"}, "put a vertical bar"),
    ({"rag": "green", "position": ""}, "Summarise the current position"),
    ({"rag": "", "position": ""}, "Select a RAG rating"),
    ({"rag": "amber", "position": "X", "owner_email": "nobody@example.nhs.uk"}, "No one with this email address"),
    ({"rag": "amber", "position": "X", "owner_email": "closed@example.nhs.uk"}, "This account is deactivated"),
    ({"rag": "amber", "position": "X", "review_date": "2020-01-01"}, "must be today or in the future"),
])
def test_bad_assessment_input_is_refused(client_as, data, message):
    client, _ = client_as("governance")
    UserFactory(email="closed@example.nhs.uk", is_active=False)
    response = client.post(reverse("governance:framework_point_edit", args=[2]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and message in body
    assert point(2).rag == Rag.NOT_ASSESSED and not point(2).history.filter(history_type="~").exists()


@pytest.mark.parametrize("role_name", ["executive", "evaluator"])
def test_executive_and_evaluator_read_but_change_nothing(client_as, role_name):
    assess(rag=Rag.RED)
    client, _ = client_as(role_name)
    listing = client.get(reverse("governance:framework"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Red</strong>' in body and "Change the assessment" not in body
    assert client.get(reverse("governance:framework_point", args=[3])).status_code == 200
    edit = reverse("governance:framework_point_edit", args=[3])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"rag": "green", "position": "All good."}).status_code == 403
    assert point().rag == Rag.RED


def test_an_unknown_point_is_not_found(client_as):
    client, _ = client_as("governance")
    assert client.get(reverse("governance:framework_point", args=[10])).status_code == 404


def test_governance_home_counts_the_points_by_rating(client_as):
    assess(number=1, rag=Rag.GREEN)
    assess(number=2, rag=Rag.RED)
    assess(number=3, rag=Rag.RED)
    assert framework_selectors.framework_summary() == [
        ("Red", "nhsuk-tag--red", 2), ("Amber", "nhsuk-tag--orange", 0), ("Green", "nhsuk-tag--green", 1),
        ("Not assessed", "nhsuk-tag--grey", 6),
    ]
    client, _ = client_as("executive")
    body = client.get(reverse("governance:reference")).content.decode()
    assert "the nine points by RAG rating" in body and "</strong> 2 points" in body
    leader, _ = client_as("leader")
    assert "the nine points by RAG rating" not in leader.get(reverse("governance:reference")).content.decode()


@pytest.mark.parametrize("count", [1, 9])
def test_framework_pages_have_a_fixed_query_count(client_as, django_assert_max_num_queries, count):
    for number in range(1, count + 1):
        assess(number=number, owner=UserFactory())
        assess(number=number, rag=Rag.GREEN, owner=UserFactory())
    client, _ = client_as("executive")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:framework")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:framework_point", args=[1])).status_code == 200


# --- Reminders ------------------------------------------------------------------------------------


def test_the_owner_is_reminded_once_per_point_and_review_date():
    owner = UserFactory(first_name="Ada")
    assess(owner=owner, review_date=date(2026, 12, 1))
    assess(number=4, owner=owner, review_date=date(2027, 3, 1))  # too far off
    assess(number=6, owner=None, review_date=date(2026, 12, 1))  # no owner
    mail.outbox.clear()
    assert tasks.send_framework_review_reminders("2026-11-23") == 1
    assert tasks.send_framework_review_reminders("2026-11-24") == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "Review due on 1 December 2026" in mail.outbox[0].subject
    assert "/governance/framework/3/" in mail.outbox[0].body
    assess(owner=owner, review_date=date(2026, 12, 5), today=date(2026, 11, 25))  # a new review date
    assert tasks.send_framework_review_reminders("2026-11-25") == 1
    assert len(mail.outbox) == 2


def test_the_reminder_is_in_the_beat_schedule():
    from governance.schedule import BEAT_SCHEDULE

    entry = BEAT_SCHEDULE["governance-framework-review-reminders"]
    assert entry["task"] == "governance.tasks.send_framework_review_reminders"

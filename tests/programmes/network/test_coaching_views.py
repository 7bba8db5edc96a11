"""Coaching pages: the leader asks, the lead assigns, the coach answers and logs sessions, either ends it.
Who sees what: the relationship page is the coach's and the coachee's only (404 for the lead, the network's
admins and superusers); the lead's pages refuse superusers; bad input saves nothing; lists keep a query
budget."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.privacy.models import AccessLogEntry
from programmes.network import coaching_services as services
from programmes.network.models import Coach, CoachingRequest, CoachingSession, CoachingState
from tests.factories import coaching
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


@pytest.fixture
def coaching_lead(network_admin):
    return network_admin


def test_a_member_asks_for_coaching_and_sees_it(client):
    person = coaching.member()
    client.force_login(person)
    response = client.post(reverse("network:coaching_request"), {
        "for_whom": "team", "team_size": "5", "what_for": HOSTILE, "urgency": "soon", "format": "online",
    })
    req = CoachingRequest.objects.get(requester=person)
    assert response.status_code == 302 and response["Location"] == reverse("network:coaching_detail", args=[req.pk])
    page = client.get(reverse("network:coaching")).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Waiting for a coach" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"for_whom": "team", "what_for": "x", "urgency": "soon", "format": "online"}, "how many people"),
    ({"for_whom": "self", "what_for": "", "urgency": "soon", "format": "online"}, "what you would like coaching"),
    ({"for_whom": "self", "what_for": "x" * 301, "urgency": "soon", "format": "online"}, "300 characters"),
    ({"for_whom": "self", "what_for": "x", "urgency": "", "format": "online"}, "how soon"),
])
def test_bad_requests_show_the_error_summary_and_save_nothing(client, data, message):
    client.force_login(coaching.member())
    response = client.post(reverse("network:coaching_request"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "nhsuk-error-summary" in page and message in page
    assert not CoachingRequest.objects.exists()


def test_a_non_member_is_sent_to_join_first(client):
    client.force_login(LeaderProfileFactory().user)
    page = client.get(reverse("network:coaching_request")).content.decode()
    assert reverse("network:join") in page and "Send the request" not in page


def test_the_lead_assigns_and_the_coach_accepts_and_logs_sessions(client, coaching_lead):
    req = coaching.request()
    coach = coaching.coach()
    client.force_login(coaching_lead)
    assert req.requester.get_full_name() in client.get(reverse("network:coaching_manage")).content.decode()
    response = client.post(reverse("network:coaching_assign", args=[req.pk]), {"coach": coach.pk})
    assert response.status_code == 302
    entry = AccessLogEntry.objects.filter(reader=coaching_lead, subject=req.requester).first()
    assert entry is not None and "coach" not in f"{entry.what} {entry.path}".lower()

    client.force_login(coach.person)
    assert "Waiting for your answer" in client.get(reverse("network:coach_profile")).content.decode()
    assert client.post(reverse("network:coaching_accept", args=[req.pk])).status_code == 302
    today = timezone.localdate()
    detail = reverse("network:coaching_detail", args=[req.pk])
    response = client.post(detail, {"held_on_0": today.day, "held_on_1": today.month, "held_on_2": today.year,
                                    "count": "2"})
    assert response.status_code == 302
    assert CoachingSession.objects.get(request=req).count == 2

    tomorrow = today + dt.timedelta(days=1)
    response = client.post(detail, {"held_on_0": tomorrow.day, "held_on_1": tomorrow.month,
                                    "held_on_2": tomorrow.year, "count": "1"})
    assert response.status_code == 400 and "today or in the past" in response.content.decode()
    assert CoachingSession.objects.count() == 1

    client.force_login(req.requester)
    page = client.get(detail).content.decode()
    assert coach.person.email in page and "Log a session" not in page
    assert client.post(reverse("network:coaching_end", args=[req.pk])).status_code == 302
    assert CoachingRequest.objects.get(pk=req.pk).state == CoachingState.ENDED


def test_once_accepted_the_lead_no_longer_sees_the_relationship(client, coaching_lead):
    started = coaching.active(coaching.member(user__first_name="Philippa"))
    client.force_login(coaching_lead)
    assert "Philippa" not in client.get(reverse("network:coaching_manage")).content.decode()
    assert client.get(reverse("network:coaching_detail", args=[started.pk])).status_code == 404
    assert client.get(reverse("network:coaching_assign", args=[started.pk])).status_code == 404


def test_superusers_get_404_on_a_relationship_and_403_on_the_leads_pages(client_as):
    client, _ = client_as("superuser")
    started = coaching.active()
    for name in ("coaching_detail", "coaching_end", "coaching_withdraw", "coaching_accept", "coaching_decline"):
        assert client.get(reverse(f"network:{name}", args=[started.pk])).status_code == 404, name
    assert client.post(reverse("network:coaching_end", args=[started.pk])).status_code == 404
    for name in ("coaching_manage", "coaching_coaches", "coaching_coach_add"):
        assert client.get(reverse(f"network:{name}")).status_code == 403, name
    assert client.get(reverse("network:coaching_figures")).status_code == 200


def test_a_coach_cannot_open_another_coachs_relationship(client):
    started = coaching.active()
    client.force_login(coaching.coach().person)
    assert client.get(reverse("network:coaching_detail", args=[started.pk])).status_code == 404


def test_the_lead_adds_and_pauses_a_coach(client, coaching_lead):
    person = LeaderProfileFactory().user
    client.force_login(coaching_lead)
    response = client.post(reverse("network:coaching_coach_add"), {
        "email": person.email.upper(), "accreditation_body": "emcc", "accreditation_level": "Senior Practitioner",
        "specialisms": HOSTILE, "capacity": "3", "status": "active",
    })
    assert response.status_code == 302
    coach = Coach.objects.get(person=person)
    page = client.get(reverse("network:coaching_coaches")).content.decode()
    assert "<script>alert" not in page and "0 of 3" in page
    response = client.post(reverse("network:coaching_coach_edit", args=[coach.pk]), {
        "accreditation_body": "emcc", "accreditation_level": "Master Practitioner", "specialisms": "",
        "capacity": "3", "status": "paused",
    })
    assert response.status_code == 302
    coach.refresh_from_db()
    assert (coach.status, coach.accreditation_level) == ("paused", "Master Practitioner")


def test_adding_a_coach_without_an_account_saves_nothing(client, coaching_lead):
    client.force_login(coaching_lead)
    response = client.post(reverse("network:coaching_coach_add"), {
        "email": "nobody@example.nhs.uk", "accreditation_body": "emcc", "accreditation_level": "EIA",
        "capacity": "2", "status": "active",
    })
    assert response.status_code == 400 and "There is no account" in response.content.decode()
    assert not Coach.objects.exists()


def test_assigning_a_full_coach_shows_an_error_and_changes_nothing(client, coaching_lead):
    coach = coaching.coach(capacity=1)
    req = coaching.request()
    client.force_login(coaching_lead)
    coaching.offered(to=coach)
    response = client.post(reverse("network:coaching_assign", args=[req.pk]), {"coach": coach.pk})
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    req.refresh_from_db()
    assert req.state == CoachingState.WAITING


def _budget(client, url, grow, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    grow()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_leads_lists_keep_a_query_budget(client, coaching_lead, django_assert_max_num_queries):
    client.force_login(coaching_lead)
    for _ in range(3):
        coaching.request()
        coaching.offered()

    def grow():
        for _ in range(12):
            coaching.request()
            coaching.offered()

    _budget(client, reverse("network:coaching_manage"), grow, django_assert_max_num_queries)
    _budget(client, reverse("network:coaching_coaches"), lambda: [coaching.coach() for _ in range(12)],
            django_assert_max_num_queries)


def test_the_coachs_page_keeps_a_query_budget(client, django_assert_max_num_queries):
    coach = coaching.coach(capacity=10)
    coaching.active(to=coach)
    client.force_login(coach.person)

    def grow():
        for _ in range(5):
            req = coaching.active(to=coach)
            services.log_session(coach.person, req, held_on=timezone.localdate())

    _budget(client, reverse("network:coach_profile"), grow, django_assert_max_num_queries)

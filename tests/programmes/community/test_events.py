"""A community's events: cohorts of the cohort engine that its leads and the programme's admins show on the
community's page. Who may change them; refusals (a cohort unpublished or ended, twice, an archived community) with
nothing saved; the page lists upcoming events only, escaped; the pages for leads, members, outsiders and a closed
community; the community page's query count whatever the number of events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import LeaderGroup
from programmes.community import events
from programmes.community.models import CommunityEvent
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory
from tests.programmes.community.helpers import add_member, make_community
from tests.programmes.community.test_idea_views import community_admin

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>'


def _session(**fields):
    today = timezone.localdate()
    values = {"title": "Inspiration session: leading across boundaries", "starts_on": today + timedelta(days=20),
              "ends_on": today + timedelta(days=20)} | fields
    return CohortFactory(**values)


def test_leads_and_the_programmes_admins_add_and_remove_events_and_others_cannot():
    lead = UserFactory()
    community = make_community(leads=[lead])
    member = add_member(community).person
    first = events.add_event(lead, community, _session())
    assert first.added_by == lead
    second = events.add_event(community_admin(), community, _session(title="Inspiration session: the ICS"))
    with pytest.raises(PermissionDenied):
        events.add_event(member, community, _session(title="Another"))
    with pytest.raises(PermissionDenied):
        events.remove_event(member, first)
    events.remove_event(UserFactory(is_superuser=True), second)
    assert list(CommunityEvent.objects.filter(community=community)) == [first]


def test_an_unpublished_or_ended_cohort_a_second_time_or_an_archived_community_is_refused():
    lead = UserFactory()
    community = make_community(leads=[lead])
    yesterday = timezone.localdate() - timedelta(days=1)
    for cohort in (_session(published=False), _session(starts_on=yesterday - timedelta(days=3), ends_on=yesterday)):
        with pytest.raises(ValidationError, match="published and has not ended"):
            events.add_event(lead, community, cohort)
    cohort = _session()
    events.add_event(lead, community, cohort)
    with pytest.raises(ValidationError, match="already one of"):
        events.add_event(lead, community, cohort)
    community.archived_at = timezone.now()
    community.save()
    with pytest.raises(ValidationError, match="archived"):
        events.add_event(lead, community, _session(title="Later"))
    assert CommunityEvent.objects.filter(community=community).count() == 1


def test_the_community_page_lists_upcoming_events_escaped_with_who_they_are_for(client):
    lead = UserFactory()
    community = make_community(leads=[lead])
    today = timezone.localdate()
    coming = _session(title=f"Inspiration {HOSTILE}")
    coming.target_groups.set(LeaderGroup.objects.order_by("position")[:2])
    ended = _session(title="Last spring's session", starts_on=today - timedelta(days=90),
                     ends_on=today - timedelta(days=90))
    CommunityEvent.objects.create(community=community, cohort=coming)
    CommunityEvent.objects.create(community=community, cohort=ended)
    client.force_login(UserFactory())
    html = client.get(reverse("community:community", args=[community.slug])).content.decode()
    assert reverse("programmes:cohort", args=[coming.pk]) in html and "Last spring" not in html
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert "Who it is for: " + LeaderGroup.objects.order_by("position").first().name in html
    assert reverse("community:events", args=[community.slug]) not in html  # not a lead
    client.force_login(lead)
    assert reverse("community:events", args=[community.slug]) in client.get(
        reverse("community:community", args=[community.slug])).content.decode()


def test_a_lead_adds_an_event_on_the_page_and_bad_input_saves_nothing(client):
    lead = UserFactory()
    community = make_community(leads=[lead])
    cohort = _session()
    client.force_login(lead)
    url = reverse("community:events", args=[community.slug])
    assert cohort.title in client.get(url).content.decode()
    for bad in ({}, {"cohort": "not-a-number"}, {"cohort": _session(published=False).pk}):
        response = client.post(url, bad)
        assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not CommunityEvent.objects.exists()
    response = client.post(url, {"cohort": cohort.pk})
    assert response.status_code == 302
    event = CommunityEvent.objects.get()
    remove = reverse("community:event_remove", args=[community.slug, event.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove).status_code == 302 and not CommunityEvent.objects.exists()


def test_members_are_refused_and_a_closed_communitys_page_is_not_found_for_outsiders(client):
    community = make_community(leads=[UserFactory()])
    member = add_member(community).person
    client.force_login(member)
    assert client.get(reverse("community:events", args=[community.slug])).status_code == 403
    closed = make_community(closed=True, leads=[UserFactory()])
    superuser = UserFactory(is_superuser=True)
    give_mfa(superuser)
    client.force_login(superuser)
    assert client.get(reverse("community:events", args=[closed.slug])).status_code == 404
    other = make_community(leads=[UserFactory()])
    event = CommunityEvent.objects.create(community=other, cohort=_session())
    lead = UserFactory()
    mine = make_community(leads=[lead])
    client.force_login(lead)
    assert client.get(reverse("community:event_remove", args=[mine.slug, event.pk])).status_code == 404


def _page_queries(client, size: int) -> int:
    community = make_community(leads=[UserFactory()])
    groups = list(LeaderGroup.objects.all()[:2])
    for number in range(size):
        cohort = _session(title=f"Inspiration session {size}-{number}")
        cohort.target_groups.set(groups)
        CommunityEvent.objects.create(community=community, cohort=cohort)
    url = reverse("community:community", args=[community.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as counted:
        assert client.get(url).status_code == 200
    return len(counted)


def test_the_community_page_reads_its_events_in_the_same_number_of_queries_for_one_or_eight(client):
    client.force_login(UserFactory())
    assert _page_queries(client, 1) == _page_queries(client, 8)


def test_closing_an_account_keeps_the_event_without_the_name_and_the_download_lists_it():
    from academy.privacy.personal_data import PersonalExport  # noqa: PLC0415
    from programmes.community import erasure, personal_data  # noqa: PLC0415

    lead = UserFactory()
    community = make_community(leads=[lead])
    event = events.add_event(lead, community, _session())
    out = PersonalExport()
    personal_data.export(lead, out)
    assert out.tables["community_events_added"][0]["cohort__title"] == event.cohort.title
    erasure.erase(lead, "Former member 1")
    event.refresh_from_db()
    assert event.added_by is None and CommunityEvent.objects.filter(pk=event.pk).exists()

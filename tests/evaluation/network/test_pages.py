"""The network pages: brokers by name for evaluators only, counts for everyone else who may read; the page
reads the stored snapshot in a fixed number of queries; hostile names are shown escaped."""

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.privacy.models import AccessLogEntry
from evaluation.network import services, tasks
from evaluation.network.models import NetworkSnapshot
from governance.investment.quarters import quarter_of
from tests.conftest import make_person
from tests.evaluation.network.helpers import running_cohort
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


def bridged_network():
    """Two cohorts of five joined by one person in both: that person is the one broker."""
    cohort, profiles = running_cohort(5, name="Brigid <script>alert(1)</script>")
    other = CohortFactory(starts_on=cohort.starts_on, ends_on=cohort.ends_on)
    for _ in range(4):
        ApplicationFactory(cohort=other, applicant=LeaderProfileFactory().user, state="accepted")
    ApplicationFactory(cohort=other, applicant=profiles[0].user, state="completed")
    quarter = quarter_of(timezone.localdate())
    services.compute_snapshot(quarter)
    return quarter, profiles[0]


def page(client, role, quarter):
    user = make_person(role)
    client.force_login(user)
    return client.get(reverse("evaluation_network:quarter", args=[quarter.key])), user


def test_evaluators_see_the_top_brokers_by_name_escaped_and_logged(client):
    quarter, broker = bridged_network()
    response, evaluator = page(client, "evaluator", quarter)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Top brokers" in body
    assert "Brigid &lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body
    assert AccessLogEntry.objects.filter(reader=evaluator, subject_id=broker.user_id).exists()
    assert "Compute this quarter again" in body


@pytest.mark.parametrize("role", ["executive", "programme_admin", "superuser"])
def test_everyone_else_sees_counts_only(client, role):
    quarter, _ = bridged_network()
    response, _ = page(client, role, quarter)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Brigid" not in body and "Top brokers" not in body
    assert "Brokers (people on a shortest path between two others)" in body
    assert ("Compute this quarter again" in body) == (role == "superuser")


def test_the_page_shows_figures_picture_and_suppressed_legend(client):
    quarter, _ = bridged_network()
    response, _ = page(client, "executive", quarter)
    body = response.content.decode()
    assert "<svg" in body and 'role="img"' in body and "<desc" in body
    assert "People with at least one tie" in body and ">9<" in body  # 9 people
    assert "Voluntary, community and social enterprise" in body


def test_the_quarter_page_reads_the_snapshot_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    quarter, _ = bridged_network()
    client.force_login(make_person("evaluator"))
    url = reverse("evaluation_network:quarter", args=[quarter.key])
    # session, user, roles, MFA, unread count, messages; the snapshot, the previous quarter, broker names, the
    # access log: the same for any size of network (the snapshot holds the figures)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_a_quarter_not_computed_says_so(client):
    quarter = quarter_of(timezone.localdate())
    response, _ = page(client, "evaluator", quarter)
    assert "has not been computed yet" in response.content.decode()
    future = quarter.next()
    client.force_login(make_person("evaluator"))
    assert client.get(reverse("evaluation_network:quarter", args=[future.key])).status_code == 404
    assert client.get(reverse("evaluation_network:quarter", args=["nonsense"])).status_code == 404


def test_the_recompute_button_queues_and_returns_at_once(client, monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(tasks.compute_snapshot, "delay", lambda *args: queued.append(args))
    quarter = quarter_of(timezone.localdate())
    client.force_login(make_person("evaluator"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation_network:recompute", args=[quarter.key]), follow=True)
    assert queued == [(quarter.year, quarter.number)]
    assert "will be computed again in the background" in response.content.decode()
    assert NetworkSnapshot.objects.get().is_waiting


def test_the_index_shows_change_over_time(client):
    quarter, _ = bridged_network()
    services.compute_snapshot(quarter.previous())
    client.force_login(make_person("programme_admin"))
    body = client.get(reverse("evaluation_network:index")).content.decode()
    assert quarter.short_label in body and quarter.previous().short_label in body


def test_a_quarter_with_no_ties_reads_plainly(client):
    quarter = quarter_of(timezone.localdate())
    services.compute_snapshot(quarter)
    response, _ = page(client, "evaluator", quarter)
    body = response.content.decode()
    assert response.status_code == 200
    assert "No ties this quarter." in body and "Nobody links two others this quarter." in body
    client.force_login(make_person("executive"))
    assert client.get(reverse("evaluation_network:index")).status_code == 200


def test_the_page_says_in_words_how_a_large_network_was_computed(client):
    quarter, _ = bridged_network()
    response, _ = page(client, "executive", quarter)
    body = response.content.decode()
    assert "greedy modularity method" in body and "estimated" not in body  # small: exact betweenness, greedy
    snapshot = NetworkSnapshot.objects.get(year=quarter.year, quarter=quarter.number)
    snapshot.figures["betweenness"].update(exact=False, sources=100)
    snapshot.figures["modularity"]["method"] = "louvain"
    snapshot.save()
    body = client.get(reverse("evaluation_network:quarter", args=[quarter.key])).content.decode()
    assert "Betweenness is estimated from the shortest paths starting at a fixed sample of 100 people" in body
    assert "Communities are found by the Louvain method" in body and "greedy modularity method" not in body

"""The stories for programme admins (their own programmes' plots and consented stories, never a teller's
name, never another programme's) and for the ICS Executive (the plots in aggregate: shaded density and
region counts, no story, no export), through the same suppression rule as the evaluators' pages."""

import pytest
from django.urls import reverse

from academy.accounts.services import grant_role
from programmes.core.models import Programme
from tests.conftest import give_mfa, make_person
from tests.evaluation.stories.helpers import collection, tell
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script> =HYPERLINK("http://evil.example")'


def _programmes():
    ours = Programme.objects.get(slug="curriculum")  # the walk's programme admin runs the curriculum
    theirs = Programme.objects.exclude(pk=ours.pk).order_by("pk").first()
    return ours, theirs


def _stories():
    """Six stories in our programme (five consented, one not), six in another (all consented)."""
    ours, theirs = _programmes()
    found = collection()
    for number in range(5):
        profile = LeaderProfileFactory(user=UserFactory(first_name="Teller", last_name=f"Ourname{number}"))
        tell(found, title=f"Ours {number}", text=f"Our text {number} {HOSTILE}", programme=ours, profile=profile)
    tell(found, title="Ours private", text="Our secret", programme=ours, consent=False)
    for number in range(6):
        tell(found, title=f"Theirs {number}", text=f"Their text {number}", programme=theirs)
    return found


def _region(found, **query):
    triad = found.triads.get()
    return reverse("evaluation_stories:region", args=[found.pk, triad.pk, "a"]), query


def test_a_programme_admin_reads_their_own_programmes_consented_stories_without_names(client):
    found = _stories()
    client.force_login(make_person("programme_admin"))
    url, _ = _region(found)
    page = client.get(url).content.decode()
    assert "Our text 4" in page and "Their text" not in page and "Our secret" not in page
    assert "1 of them is not shown" in page  # the unconsented story in our programme, counted only
    assert "Ourname" not in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    plot = client.get(reverse("evaluation_stories:collection", args=[found.pk])).content.decode()
    assert f"6 stories told during {_programmes()[0].name}" in plot
    assert "academy-ternary-figure" in plot and "Download these stories" not in plot
    assert reverse("evaluation_stories:export", args=[found.pk]) not in plot


def test_a_programme_admin_cannot_read_another_programme_by_asking(client):
    found = _stories()
    _, theirs = _programmes()
    client.force_login(make_person("programme_admin"))
    url, _ = _region(found)
    page = client.get(url, {"programme": theirs.pk}).content.decode()
    assert "Their text" not in page and "Our text 0" in page
    plot = client.get(reverse("evaluation_stories:collection", args=[found.pk]), {"programme": theirs.pk})
    assert "Select a programme from the list" in plot.content.decode()
    assert "6 stories" in plot.content.decode()  # still their own six, not the other programme's
    assert client.get(reverse("evaluation_stories:export", args=[found.pk])).status_code == 403


def test_the_other_programmes_admin_sees_only_theirs(client):
    found = _stories()
    _, theirs = _programmes()
    admin = UserFactory()
    grant_role(None, admin, "programme_admin", programme=theirs)
    give_mfa(admin)
    client.force_login(admin)
    url, _ = _region(found)
    page = client.get(url).content.decode()
    assert "Their text 5" in page and "Our text" not in page


def test_too_few_stories_in_a_programme_show_nothing(client):
    ours, _ = _programmes()
    found = collection()
    for number in range(4):
        tell(found, title=f"Ours {number}", text=f"Our text {number}", programme=ours)
    client.force_login(make_person("programme_admin"))
    url, _ = _region(found)
    page = client.get(url).content.decode()
    assert "too few stories" in page and "Our text" not in page
    plot = client.get(reverse("evaluation_stories:collection", args=[found.pk])).content.decode()
    assert "too few stories" in plot and "academy-ternary-figure" not in plot


def test_the_executive_sees_the_aggregate_only(client):
    found = _stories()
    client.force_login(make_person("executive"))
    plot = client.get(reverse("evaluation_stories:collection", args=[found.pk]))
    body = plot.content.decode()
    assert plot.status_code == 200
    assert "12 stories in this collection" in body and "Darker areas hold more stories" in body
    assert "Each dot is a story" not in body
    assert reverse("evaluation_stories:region", args=[found.pk, found.triads.get().pk, "a"]) not in body
    assert "Download these stories" not in body and "Our text" not in body and "Ours 0" not in body
    url, _ = _region(found)
    assert client.get(url).status_code == 403
    assert client.get(reverse("evaluation_stories:export", args=[found.pk])).status_code == 403
    listing = client.get(reverse("evaluation_stories:collections")).content.decode()
    assert found.title in listing and "in aggregate" in listing


def test_the_collections_list_suppresses_small_counts_for_everyone_but_evaluators(client):
    found = collection()
    for number in range(3):
        tell(found, title=f"Story {number}")
    client.force_login(make_person("executive"))
    listing = client.get(reverse("evaluation_stories:collections")).content.decode()
    assert "fewer than 5" in listing
    client.force_login(make_person("evaluator"))
    assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">3</td>' in client.get(
        reverse("evaluation_stories:collections")).content.decode()


@pytest.mark.parametrize("role", ["programme_admin", "executive"])
def test_the_plot_page_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries, role):
    found = _stories()
    client.force_login(make_person(role))
    url = reverse("evaluation_stories:collection", args=[found.pk])
    client.get(url)
    # The evaluators' page's 14, and the programme admin's programmes (one) and the filter's narrowed list.
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    ours, _ = _programmes()
    for _ in range(10):
        tell(found, programme=ours)
    with django_assert_max_num_queries(20) as large:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_executive_is_not_offered_a_density_choice_that_does_nothing_for_them(client):
    found = _stories()
    url = reverse("evaluation_stories:collection", args=[found.pk])
    client.force_login(make_person("executive"))
    body = client.get(url, {"density": "on"}).content.decode()
    assert 'name="density"' not in body and "Darker areas hold more stories" in body
    for role in ("evaluator", "programme_admin"):
        client.force_login(make_person(role))
        body = client.get(url).content.decode()
        assert 'name="density"' in body and "Each dot is a story" in body
        assert "Darker areas hold more stories" in client.get(url, {"density": "on"}).content.decode()


def _dual_role():
    person = make_person("programme_admin")
    grant_role(None, person, "executive")
    return person


def test_a_programme_admin_who_is_also_the_executive_sees_both_views(client):
    found = _stories()
    ours, _ = _programmes()
    client.force_login(_dual_role())
    body = client.get(reverse("evaluation_stories:collection", args=[found.pk])).content.decode()
    assert f"As a programme admin: {ours.name}" in body and f"6 stories told during {ours.name}" in body
    assert "As the ICS Executive: every programme, in aggregate" in body
    assert "12 stories across every programme" in body
    # Their programme's stories, dot by dot with links to the stories; every programme's only shaded, no link.
    assert "Each dot is a story" in body and "Darker areas hold more stories" in body
    region = reverse("evaluation_stories:region", args=[found.pk, found.triads.get().pk, "a"])
    assert body.count(f'href="{region}') == 1
    assert 'id="all-triad-' in body and 'id="triad-' in body  # two sets of plots, ids kept apart
    assert "Our text" not in body and "Their text" not in body and "Download these stories" not in body
    # The programme filter narrows their own section; the Executive section stays across every programme.
    assert "12 stories across every programme" in client.get(
        reverse("evaluation_stories:collection", args=[found.pk]), {"programme": ours.pk}).content.decode()
    listing = client.get(reverse("evaluation_stories:collections")).content.decode()
    assert "As the ICS Executive, you also see every programme" in listing
    # Reading a region is still held to their own programmes.
    page = client.get(region).content.decode()
    assert "Our text 4" in page and "Their text" not in page


def test_the_dual_role_shows_nothing_of_too_few_stories_in_either_view(client):
    ours, _ = _programmes()
    found = collection()
    for number in range(4):
        tell(found, title=f"Ours {number}", programme=ours)
    client.force_login(_dual_role())
    body = client.get(reverse("evaluation_stories:collection", args=[found.pk])).content.decode()
    assert "academy-ternary-figure" not in body
    assert "too few stories across every programme" in body


def test_the_dual_role_page_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    found = _stories()
    client.force_login(_dual_role())
    url = reverse("evaluation_stories:collection", args=[found.pk])
    client.get(url)
    # The programme admin's 20 and the Executive section's analysis (three queries).
    with django_assert_max_num_queries(24) as small:
        assert client.get(url).status_code == 200
    ours, theirs = _programmes()
    for number in range(10):
        tell(found, programme=ours if number % 2 else theirs)
    with django_assert_max_num_queries(24) as large:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)

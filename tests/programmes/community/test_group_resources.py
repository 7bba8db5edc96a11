"""Resources of a task-and-finish group: the group's members (and the community's leads) add files and links
with the library's checks; only the group's readers see or download them; they stay out of the community's
library and the search; bad input saves nothing; hostile titles are escaped; the group page's query count does
not grow with its resources."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programmes.community import resource_selectors, resource_services
from programmes.community.models import Resource, ResourceKind, ResourceVisibility
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import (
    add_member,
    make_community,
    make_resource,
    make_task_group,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def setting():
    lead = UserFactory()
    community = make_community(leads=[lead])
    member, outsider = add_member(community).person, add_member(community).person
    group = make_task_group(community, members=[member], name="Falls pathway group")
    return community, group, member, outsider, lead


def _add(actor, group, **kwargs):
    fields = {"title": "Draft pathway", "kind": ResourceKind.FILE, "upload": pdf_upload()} | kwargs
    return resource_services.add_resource(actor, group.community, task_group=group, **fields)


# --- services -------------------------------------------------------------------------------------------


def test_a_group_member_adds_a_checked_file_kept_for_the_group(setting):
    _community, group, member, _outsider, _lead = setting
    resource = _add(member, group, visibility=ResourceVisibility.EVERYONE, themes=["falls"])
    assert resource.task_group == group
    assert resource.visibility == ResourceVisibility.COMMUNITY  # never shared beyond the group
    assert not resource.shared_with_everyone and resource.file.name.startswith("community/resources/")


def test_the_communitys_lead_adds_a_link(setting):
    _community, group, _member, _outsider, lead = setting
    resource = _add(lead, group, kind=ResourceKind.LINK, upload=None, url="https://www.nhs.uk/falls/")
    assert resource.url == "https://www.nhs.uk/falls/" and resource.task_group == group


def test_community_members_outside_the_group_cannot_add(setting):
    _community, group, _member, outsider, _lead = setting
    with pytest.raises(PermissionDenied):
        _add(outsider, group)
    assert not Resource.objects.exists()


def test_nothing_is_added_to_a_closed_group(setting):
    community, _group, member, _outsider, _lead = setting
    closed = make_task_group(community, members=[member], state="closed")
    with pytest.raises(PermissionDenied):
        _add(member, closed)
    assert not Resource.objects.exists()


def test_nothing_is_added_to_a_group_of_an_archived_community(setting):
    community, group, member, _outsider, lead = setting
    community.archived_at = timezone.now()
    community.save(update_fields=["archived_at"])
    group.refresh_from_db()
    for person in (member, lead):
        with pytest.raises(PermissionDenied):
            _add(person, group)
    assert not Resource.objects.exists()


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"upload": pdf_upload("run.pdf", b"MZ not a pdf")}, "file"),
    ({"kind": ResourceKind.LINK, "upload": None, "url": "http://insecure.example"}, "url"),
    ({"title": "  "}, "title"),
])
def test_bad_input_is_refused_and_nothing_is_saved(setting, kwargs, field):
    _community, group, member, _outsider, _lead = setting
    with pytest.raises(ValidationError) as error:
        _add(member, group, **kwargs)
    assert field in error.value.message_dict
    assert not Resource.objects.exists()


def test_a_group_of_another_community_is_refused(setting):
    _community, group, member, _outsider, _lead = setting
    with pytest.raises(ValidationError):
        resource_services.add_resource(member, make_community(), task_group=group, title="x",
                                       kind=ResourceKind.LINK, url="https://www.nhs.uk/")


def test_group_resources_stay_out_of_the_library_and_the_search(setting):
    community, group, member, _outsider, lead = setting
    make_resource(community, title="Members toolkit", visibility="community")
    _add(member, group, title="Draft pathway")
    for person in (member, lead):
        titles = {r.title for r in resource_selectors.library(community, person, 1)}
        assert titles == {"Members toolkit"}
        assert "Draft pathway" not in {r.title for r in resource_selectors.search(person, text="pathway")}


def test_the_adder_changes_their_resource_and_others_cannot(setting):
    community, group, member, outsider, lead = setting
    other_member = add_member(community).person
    group.memberships.create(person=other_member)
    resource = _add(member, group)
    resource_services.edit_resource(member, resource, title="Pathway v2", visibility=ResourceVisibility.EVERYONE)
    resource.refresh_from_db()
    assert resource.title == "Pathway v2" and resource.visibility == ResourceVisibility.COMMUNITY
    for person in (other_member, outsider):
        with pytest.raises(PermissionDenied):
            resource_services.edit_resource(person, resource, title="Mine now")
    resource_services.remove_resource(lead, resource)
    assert not Resource.objects.exists()


# --- pages ----------------------------------------------------------------------------------------------


def test_a_member_adds_a_file_from_the_group_page_and_downloads_it(client, setting):
    community, group, member, _outsider, _lead = setting
    client.force_login(member)
    group_url = reverse("community:group", args=[community.slug, group.pk])
    assert "Add a file or link" in client.get(group_url).content.decode()
    url = reverse("community:group_resource_new", args=[community.slug, group.pk])
    page = client.get(url).content.decode()
    assert "Who can see it?" not in page  # a group's resources are for the group
    response = client.post(url, {"kind": "file", "title": "Draft pathway", "file": pdf_upload(),
                                 "themes": "Falls, pathway"})
    assert response.status_code == 302 and response["Location"].endswith("#resources")
    resource = Resource.objects.get()
    assert resource.task_group == group and resource.themes == ["falls", "pathway"]
    page = client.get(group_url).content.decode()
    assert "Draft pathway" in page and "For the group only." in page
    download = reverse("community:resource_download", args=[resource.pk])
    assert client.get(download).status_code == 200
    edit = client.get(reverse("community:resource_edit", args=[resource.pk])).content.decode()
    assert "Who can see it?" not in edit and "Falls pathway group" in edit


def test_bad_input_on_the_page_shows_the_error_and_saves_nothing(client, setting):
    community, group, member, _outsider, _lead = setting
    client.force_login(member)
    url = reverse("community:group_resource_new", args=[community.slug, group.pk])
    response = client.post(url, {"kind": "link", "title": "Pathway", "url": "javascript:alert(1)"})
    assert response.status_code == 400
    assert "Enter a link that starts with https://" in response.content.decode()
    assert not Resource.objects.exists()


def test_outsiders_do_not_find_the_groups_files_and_superusers_neither(client, setting):
    community, group, member, outsider, lead = setting
    resource = _add(member, group)
    superuser = make_person("superuser")
    for person, expected in ((outsider, 404), (superuser, 404), (UserFactory(), 404), (lead, 200), (member, 200)):
        client.force_login(person)
        response = client.get(reverse("community:resource_download", args=[resource.pk]))
        assert response.status_code == expected, person


def test_hostile_titles_are_escaped_on_the_group_page(client, setting):
    community, group, member, _outsider, _lead = setting
    hostile = '<script>alert("x")</script> =HYPERLINK("http://evil.example")'
    _add(member, group, title=hostile, description=hostile, themes=["<b>bold</b>"])
    client.force_login(member)
    page = client.get(reverse("community:group", args=[community.slug, group.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<b>bold</b>" not in page


def test_the_group_page_runs_the_same_queries_whatever_the_number_of_resources(client, django_assert_max_num_queries):
    counts = []
    for size in (2, 40):
        lead = UserFactory()
        community = make_community(leads=[lead])
        member = add_member(community).person
        group = make_task_group(community, members=[member])
        for number in range(size):
            make_resource(community, title=f"Note {number}", visibility="community", task_group=group,
                          added_by=member, kind="link" if number % 2 else "file")
        client.force_login(member)
        url = reverse("community:group", args=[community.slug, group.pk])
        client.get(url)  # session and caches warmed
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(GROUP_PAGE_QUERIES):
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


GROUP_PAGE_QUERIES = 30


def test_the_download_of_a_persons_data_names_the_group_of_their_resource(setting):
    from academy.privacy.personal_data import PersonalExport, exporters  # noqa: PLC0415

    _community, group, member, _outsider, _lead = setting
    _add(member, group, title="Draft pathway")
    out = PersonalExport()
    next(e for e in exporters() if e.name == "community").export(member, out)
    assert "Falls pathway group" in str(out.tables["community_resources_added"])

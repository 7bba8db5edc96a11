"""The resources library: checked uploads and https links, who may add, change, read and download, full-text
search with filters, hostile titles escaped, and the same number of queries at 10 and 500 resources."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.directory.models import PriorityFunction, Profession
from programmes.community import resource_services
from programmes.community.models import Resource, ResourceKind
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import (
    add_member,
    make_community,
    make_resource,
    office_upload,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _add(actor, community, **kwargs):
    fields = {"title": "Falls toolkit", "kind": ResourceKind.FILE, "upload": pdf_upload()} | kwargs
    return resource_services.add_resource(actor, community, **fields)


# --- services -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "part"), [
    ("plan.docx", "word/document.xml"), ("slides.pptx", "ppt/presentation.xml"), ("figures.xlsx", "xl/workbook.xml"),
])
def test_members_add_office_files_checked_by_content_and_stored_under_a_random_name(name, part):
    community = make_community()
    member = add_member(community).person
    resource = _add(member, community, upload=office_upload(name, part))
    assert resource.original_name == name
    assert name not in resource.file.name and resource.file.name.startswith("community/resources/")
    assert resource.content_type.startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("upload", [
    pdf_upload("guide.pdf", b"<script>alert(1)</script>"),  # says PDF, is not
    office_upload("plan.docx", "ppt/presentation.xml"),  # a presentation named as a Word file
    pdf_upload("run.exe", b"%PDF-1.4 pretending"),
])
def test_files_that_are_not_what_they_say_are_refused_and_nothing_is_saved(upload):
    community = make_community()
    member = add_member(community).person
    with pytest.raises(ValidationError) as error:
        _add(member, community, upload=upload)
    assert "PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx)" in str(error.value)
    assert not Resource.objects.exists()


def test_files_over_25_mb_are_refused(monkeypatch):
    community = make_community()
    member = add_member(community).person
    monkeypatch.setattr(resource_services, "MAX_RESOURCE_BYTES", 10)
    with pytest.raises(ValidationError, match="smaller than 25 MB"):
        _add(member, community)
    assert not Resource.objects.exists()


@pytest.mark.parametrize("url", ["http://example.com/guide", "javascript:alert(1)", "https://", "ftp://x.org/a"])
def test_links_must_be_https(url):
    community = make_community()
    member = add_member(community).person
    with pytest.raises(ValidationError, match="https://"):
        _add(member, community, kind=ResourceKind.LINK, upload=None, url=url)


def test_a_closed_community_cannot_share_a_resource_with_everyone():
    community = make_community(closed=True)
    member = add_member(community).person
    with pytest.raises(ValidationError, match="members only"):
        _add(member, community, visibility="everyone")


def test_only_members_and_leads_add_and_only_the_adder_or_a_lead_changes():
    lead = UserFactory()
    community = make_community(leads=[lead])
    adder, other = add_member(community).person, add_member(community).person
    with pytest.raises(PermissionDenied):
        _add(UserFactory(), community)
    resource = _add(adder, community, themes=["falls"])
    with pytest.raises(PermissionDenied):
        resource_services.edit_resource(other, resource, title="Mine now")
    edited = resource_services.edit_resource(adder, resource, title="Falls toolkit 2027", themes=["care homes"])
    assert edited.title == "Falls toolkit 2027" and edited.themes == ["care homes"]
    with pytest.raises(PermissionDenied):
        resource_services.remove_resource(other, resource)
    resource_services.remove_resource(lead, resource)
    assert not Resource.objects.exists()


def test_themes_are_lower_case_without_repeats():
    assert resource_services.parse_themes(" Falls, falls ,Care  Homes,,") == ["falls", "care homes"]


# --- reading and downloading -------------------------------------------------------------------------------


def test_members_download_a_closed_communitys_file_and_no_one_else_does_superusers_included(client):
    community = make_community(closed=True)
    member = add_member(community).person
    resource = make_resource(community, added_by=member, visibility="community")
    url = reverse("community:resource_download", args=[resource.pk])
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment")
    for outsider in (UserFactory(), make_person("superuser")):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(reverse("community:resources", args=[community.slug])).status_code == 404


def test_an_open_communitys_library_shows_outsiders_only_what_is_shared_with_everyone(client):
    community = make_community()
    make_resource(community, title="Shared with all leaders", visibility="everyone")
    make_resource(community, title="For our members", visibility="community")
    client.force_login(UserFactory())
    page = client.get(reverse("community:resources", args=[community.slug])).content.decode()
    assert "Shared with all leaders" in page and "For our members" not in page
    client.force_login(add_member(community).person)
    page = client.get(reverse("community:resources", args=[community.slug])).content.decode()
    assert "Shared with all leaders" in page and "For our members" in page


def test_adding_a_file_through_the_page_and_bad_input_saves_nothing(client):
    community = make_community()
    member = add_member(community).person
    client.force_login(member)
    url = reverse("community:resource_new", args=[community.slug])
    bad = client.post(url, {"kind": "file", "title": "Fake", "file": pdf_upload("x.pdf", b"not a pdf"),
                            "visibility": "community"})
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()
    assert not Resource.objects.exists()
    function = PriorityFunction.objects.order_by("number").first()
    good = client.post(url, {"kind": "file", "title": "Falls toolkit", "file": pdf_upload(),
                             "priority_functions": [function.pk], "themes": "Falls, care homes",
                             "visibility": "everyone"})
    assert good.status_code == 302
    resource = Resource.objects.get()
    assert resource.themes == ["falls", "care homes"] and list(resource.priority_functions.all()) == [function]


def test_hostile_titles_and_descriptions_are_escaped(client):
    community = make_community()
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    make_resource(community, title=hostile, description=hostile, themes=[hostile.lower()])
    client.force_login(UserFactory())
    for url in (reverse("community:resources", args=[community.slug]), reverse("community:resource_search")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert" in page


# --- search ------------------------------------------------------------------------------------------------


def test_search_finds_by_words_and_filters_and_only_what_the_person_may_read(client):
    open_community, closed_community = make_community(), make_community(closed=True)
    nursing = Profession.objects.get(name="Nursing")
    function = PriorityFunction.objects.order_by("number").first()
    toolkit = make_resource(open_community, title="Deprescribing toolkit for care homes", themes=["medicines"])
    toolkit.professions.add(nursing)
    toolkit.priority_functions.add(function)
    make_resource(open_community, title="Workforce planning template", kind="link", themes=["workforce"])
    make_resource(closed_community, title="Deprescribing secrets", visibility="everyone")
    client.force_login(UserFactory())
    search = reverse("community:resource_search")

    def titles(**params):
        return [r.title for r in client.get(search, params).context["page"].object_list]

    assert titles(q="deprescrib") == ["Deprescribing toolkit for care homes"]  # prefix, not the closed one
    assert titles(q="toolkits") == ["Deprescribing toolkit for care homes"]  # stemmed
    assert titles(profession=nursing.pk) == ["Deprescribing toolkit for care homes"]
    assert titles(function=function.pk) == ["Deprescribing toolkit for care homes"]
    assert titles(theme="workforce") == ["Workforce planning template"]
    assert titles(q="nothing-like-this") == []


def test_search_and_library_use_the_same_number_of_queries_at_10_and_500(client):
    community = make_community()
    member = add_member(community).person
    function = PriorityFunction.objects.order_by("number").first()
    nursing = Profession.objects.get(name="Nursing")

    def grow(to):
        have = Resource.objects.count()
        made = Resource.objects.bulk_create(
            Resource(community=community, title=f"Guide {n}", kind="link", url=f"https://example.org/{n}",
                     visibility="everyone", themes=["falls"], added_by=member, search_document=f"Guide {n} falls")
            for n in range(have, to)
        )
        Resource.priority_functions.through.objects.bulk_create(
            Resource.priority_functions.through(resource_id=r.pk, priorityfunction_id=function.pk) for r in made
        )
        Resource.professions.through.objects.bulk_create(
            Resource.professions.through(resource_id=r.pk, profession_id=nursing.pk) for r in made
        )

    client.force_login(member)
    urls = [reverse("community:resource_search") + "?q=guide&theme=falls",
            reverse("community:resources", args=[community.slug])]
    counts = {}
    for size in (10, 500):
        grow(size)
        for url in urls:
            client.get(url)  # warm the per-process caches (site settings, menus) before counting
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts[(size, url)] = len(queries)
    assert len(response.context["page"].object_list) == 25
    for url in urls:
        assert counts[(10, url)] == counts[(500, url)], url

"""The resources library in headless Chromium, with axe-core and the layout check on every page: a member
adds a PDF to their community's library (a file that is not what it says is refused first), then a leader
from outside finds it by search with a filter, and downloads it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.directory.models import PriorityFunction
from programmes.community.models import Resource
from programmes.core.uploads import simple_pdf
from tests.browser.titles import expect_title_starting
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_uploads_a_resource_and_another_leader_finds_it_by_search(visit, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = visit.page
    community = make_community(name="Falls and frailty practice network", slug="falls-frailty-network")
    member = add_member(community, UserFactory(first_name="Ama", last_name="Mensah")).person
    make_resource(community, title="Workforce planning template", kind="link", themes=["workforce"])
    function = PriorityFunction.objects.order_by("number").first()
    fake = tmp_path / "toolkit.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    real = tmp_path / "Falls toolkit.pdf"
    real.write_bytes(simple_pdf("Falls prevention toolkit", ["ISTUMBLE before 999", "Who owns the review"]))

    visit.sign_in_as(client, member)
    visit.go(f"/communities/{community.slug}/")
    page.get_by_role("link", name="Resources shared in Falls and frailty practice network").click()
    visit.check("library")
    page.get_by_role("link", name="Add a resource").click()
    visit.check("add-resource")
    page.get_by_label("A file").check()
    page.get_by_label("Title").fill("Falls prevention toolkit for care homes")
    page.get_by_label("File (optional)").set_input_files(str(fake))
    page.get_by_role("button", name="Add resource").click()
    expect_title_starting(page, "Error: ")
    visit.check("add-resource-errors")
    assert not Resource.objects.filter(title__startswith="Falls").exists()
    page.get_by_label("File (optional)").set_input_files(str(real))
    page.get_by_label(function.name).check()
    page.get_by_label("Themes").fill("Falls, care homes")
    page.get_by_label("Every signed-in leader").check()
    page.get_by_role("button", name="Add resource").click()
    expect(page.get_by_text("“Falls prevention toolkit for care homes” is in the library.")).to_be_visible()
    visit.check("library-with-resource")

    visit.sign_in_as(client, UserFactory(first_name="Tomas", last_name="Novak"))
    visit.go("/communities/resources/")
    visit.check("search")
    page.get_by_label("Search resources").fill("falls toolkits")
    page.get_by_label("Priority function").select_option(str(function.pk))
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    visit.check("search-results")
    with page.expect_download() as download:
        page.get_by_role("link", name="Falls prevention toolkit for care homes").click()
    assert download.value.suggested_filename == "Falls toolkit.pdf"

"""Running communities without the Django admin: the programme's admins create, change and archive communities
and name or remove their leads (never the last one); every change is in the community's log, pinning too; a lead
named is emailed once after commit. Bad input is a 400 that saves nothing; hostile names are escaped."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.community import admin_services, services
from programmes.community.models import Community, CommunityKind, ModerationAction, ModerationKind
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread
from tests.programmes.community.test_idea_views import community_admin

pytestmark = pytest.mark.django_db


def _create(actor, **changes):
    fields = {"name": "South East London Diabetes Network", "kind": CommunityKind.CLINICAL,
              "summary": "Clinicians improving diabetes care together.", "closed": False} | changes
    return admin_services.create_community(actor, **fields)


def test_only_the_programme_admins_and_superusers_create_a_community_with_a_slug_from_its_name():
    lead = UserFactory(first_name="Ngozi")
    with pytest.raises(PermissionDenied):
        _create(UserFactory(), leads=[lead])
    admin = community_admin()
    community = _create(admin, leads=[lead])
    assert community.slug == "south-east-london-diabetes-network"
    assert list(community.leads.all()) == [lead]
    assert list(community.moderation_actions.values_list("kind", "person", "actor")) == [
        (ModerationKind.LEAD_NAMED, lead.pk, admin.pk), (ModerationKind.CREATE, None, admin.pk),
    ]
    superuser = UserFactory(is_superuser=True)
    assert _create(superuser, name="Inspiration sessions", kind=CommunityKind.INSPIRATION, leads=[lead]).pk


def test_a_duplicate_name_a_blank_summary_or_a_reserved_slug_is_handled():
    admin = community_admin()
    _create(admin, leads=[UserFactory()])
    with pytest.raises(ValidationError) as caught:
        _create(admin, name="south east london diabetes network", summary="")
    assert set(caught.value.message_dict) == {"name", "summary"}
    assert Community.objects.filter(name__icontains="diabetes").count() == 1
    assert _create(admin, name="Manage").slug == "manage-2"  # "manage" is the admins' own page
    assert _create(admin, name="Diabetes: South East London Network!").slug.startswith("diabetes-south-east")


def test_a_lead_named_is_emailed_once_after_commit_in_plain_text(django_capture_on_commit_callbacks):
    admin = community_admin()
    community = make_community(leads=[UserFactory()])
    lead = UserFactory(first_name="Ama")
    community.name = 'Pharmacy & "Medicines" <Optimisation>'
    community.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_services.name_lead(admin, community, lead)
    assert len(callbacks) == 1
    note = Notification.objects.get(template="community_lead_named")
    assert note.recipient == lead and note.link == f"/communities/{community.slug}/"
    subject, text, html = render_email(note.template, note.context)
    assert subject == 'You are now a lead of Pharmacy & "Medicines" <Optimisation>'
    assert 'Pharmacy & "Medicines" <Optimisation>' in text and "&amp;" not in text and "Dear Ama" in text
    assert "&lt;Optimisation&gt;" in html
    with pytest.raises(ValidationError):
        admin_services.name_lead(admin, community, lead)  # already a lead
    assert Notification.objects.filter(template="community_lead_named").count() == 1


def test_naming_a_lead_rolled_back_sends_nothing(django_capture_on_commit_callbacks):
    community = make_community(leads=[UserFactory()])
    with (django_capture_on_commit_callbacks(execute=False) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        admin_services.name_lead(community_admin(), community, UserFactory())
        raise RuntimeError
    assert not callbacks and not Notification.objects.filter(template="community_lead_named").exists()


def test_the_last_lead_cannot_be_removed():
    admin, first, second = community_admin(), UserFactory(), UserFactory()
    community = make_community(leads=[first, second])
    admin_services.remove_lead(admin, community, first)
    with pytest.raises(ValidationError, match="keeps at least one lead"):
        admin_services.remove_lead(admin, community, second)
    assert list(community.leads.all()) == [second]
    assert community.moderation_actions.filter(kind=ModerationKind.LEAD_REMOVED, person=first).count() == 1


def test_archiving_takes_a_community_out_of_the_directory_and_stops_joining_and_posting(client):
    admin = community_admin()
    member = UserFactory()
    community = make_community(name="Old network")
    add_member(community, member)
    admin_services.set_archived(admin, community, archived=True)
    with pytest.raises(ValidationError):
        admin_services.set_archived(admin, community, archived=True)
    with pytest.raises(ValidationError, match="archived"):
        services.join(UserFactory(), community)
    community.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.start_thread(member, community, title="Still here?", body="Hello")
    client.force_login(member)
    assert "Old network" not in client.get(reverse("community:index")).content.decode()
    page = client.get(reverse("community:community", args=[community.slug])).content.decode()
    assert "This community is archived" in page and "Start a discussion" not in page
    admin_services.set_archived(admin, community, archived=False)
    assert "Old network" in client.get(reverse("community:index")).content.decode()
    assert list(community.moderation_actions.values_list("kind", flat=True)) == ["restore", "archive"]


def test_changing_a_community_keeps_its_address_and_logs_what_changed():
    admin = community_admin()
    community = make_community(name="Podiatry leads", slug="podiatry-leads", leads=[UserFactory()])
    admin_services.change_community(admin, community, name="Podiatry and foot health", kind="professional",
                                    summary="Podiatrists and their teams.", closed=True)
    community.refresh_from_db()
    assert (community.slug, community.name, community.closed) == ("podiatry-leads", "Podiatry and foot health", True)
    action = community.moderation_actions.get(kind=ModerationKind.CHANGE)
    assert action.reason == "Changed: name, summary, open or closed"


def test_pinning_and_unpinning_are_in_the_log_page(client):
    lead = UserFactory(first_name="Kemi", last_name="Adeyemi")
    community = make_community(leads=[lead])
    thread = make_thread(community, title="Our winter plan")
    services.set_pinned(lead, thread, pinned=True)
    services.set_pinned(lead, thread, pinned=False)
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == ["unpin", "pin"]
    admin_services.name_lead(community_admin(), community, UserFactory(first_name="Tobi", last_name="Ade"))
    client.force_login(lead)
    page = client.get(reverse("community:moderation_log", args=[community.slug])).content.decode()
    assert "Pinned a discussion" in page and "Unpinned a discussion" in page and "Our winter plan" in page
    assert "Named a lead: Tobi Ade" in page and "The community itself" in page


# --- pages ---------------------------------------------------------------------------------------------------


def test_an_admin_creates_a_community_through_the_pages_and_names_a_second_lead(client):
    admin = community_admin()
    first, second = UserFactory(email="first@example.nhs.uk"), UserFactory(email="second@example.nhs.uk")
    client.force_login(admin)
    assert "Run communities" in client.get(reverse("community:index")).content.decode()
    response = client.post(reverse("community:community_new"), {
        "name": "Optometry leaders", "kind": "professional", "summary": "Optometrists across SEL.",
        "closed": "closed", "lead": "FIRST@example.nhs.uk"})
    community = Community.objects.get(name="Optometry leaders")
    assert response.status_code == 302 and response["Location"] == "/communities/optometry-leaders/"
    assert community.closed and list(community.leads.all()) == [first]
    response = client.post(reverse("community:leads", args=[community.slug]), {"person": "second@example.nhs.uk"})
    assert response.status_code == 302 and set(community.leads.all()) == {first, second}
    remove = reverse("community:lead_remove", args=[community.slug, first.pk])
    assert client.post(remove).status_code == 302
    page = client.get(reverse("community:lead_remove", args=[community.slug, second.pk])).content.decode()
    assert "keeps at least one lead" in page and "Remove lead</button>" not in page
    assert client.post(reverse("community:lead_remove", args=[community.slug, second.pk])).status_code == 400
    assert list(community.leads.all()) == [second]


def test_bad_input_shows_the_error_summary_and_saves_nothing(client):
    client.force_login(community_admin())
    before = Community.objects.count()  # the networks migration 0002 loads may be there
    response = client.post(reverse("community:community_new"), {
        "name": "", "kind": "nonsense", "summary": "", "closed": "", "lead": "nobody@example.nhs.uk"})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert "Enter a name for the community" in page and "No one with this email address" in page
    assert Community.objects.count() == before
    community = make_community(leads=[UserFactory()])
    response = client.post(reverse("community:leads", args=[community.slug]), {"person": "not-an-email"})
    assert response.status_code == 400 and community.leads.count() == 1


def test_a_hostile_name_is_escaped_on_the_pages(client):
    admin = community_admin()
    client.force_login(admin)
    client.post(reverse("community:community_new"), {
        "name": "<script>alert(1)</script> network", "kind": "inspiration", "summary": "<b>bold</b>",
        "closed": "open", "lead": admin.email})
    community = Community.objects.get(name__startswith="<script>")
    for url in (reverse("community:manage"), reverse("community:community", args=[community.slug]),
                reverse("community:leads", args=[community.slug])):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("who", ["leader", "lead"])
def test_others_may_not_run_communities(client, who):
    person = UserFactory()
    community = make_community(leads=[person] if who == "lead" else [UserFactory()])
    client.force_login(person)
    for url in (reverse("community:manage"), reverse("community:community_new"),
                reverse("community:community_edit", args=[community.slug]),
                reverse("community:leads", args=[community.slug]),
                reverse("community:archive", args=[community.slug])):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "X", "person": person.email}).status_code == 403
    assert not community.is_archived


@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
def test_the_programme_admin_reaches_every_page_of_running_communities(client, closed):
    lead = UserFactory()
    community = make_community(closed=closed, leads=[lead, UserFactory()])
    client.force_login(community_admin())
    for url in (reverse("community:manage"), reverse("community:community_new"),
                reverse("community:community_edit", args=[community.slug]),
                reverse("community:leads", args=[community.slug]),
                reverse("community:lead_remove", args=[community.slug, lead.pk]),
                reverse("community:archive", args=[community.slug])):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("communities", [3, 30])
def test_the_admins_list_has_a_fixed_query_count(client, django_assert_num_queries, communities):
    for _ in range(communities):
        add_member(make_community(leads=[UserFactory()]))
    client.force_login(community_admin())
    with django_assert_num_queries(_ADMIN_LIST_QUERIES):
        assert client.get(reverse("community:manage")).status_code == 200


_ADMIN_LIST_QUERIES = 10  # session, user, roles..., the one query for every community


@pytest.mark.django_db(transaction=True)
def test_two_admins_removing_the_last_two_leads_at_once_leave_one():
    first, second = UserFactory(), UserFactory()
    community = make_community(leads=[first, second])
    one, two = community_admin(), community_admin()
    outcomes = at_once(lambda: admin_services.remove_lead(one, community, first),
                       lambda: admin_services.remove_lead(two, community, second))
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    assert community.leads.count() == 1


def test_being_named_a_lead_is_in_the_data_download_and_erasure_forgets_who():
    from academy.privacy.personal_data import PersonalExport  # noqa: PLC0415 - privacy only
    from programmes.community import erasure, personal_data  # noqa: PLC0415

    lead, other = UserFactory(), UserFactory()
    community = make_community(name="Optometry test network", leads=[other])
    admin_services.name_lead(community_admin(), community, lead)
    out = PersonalExport()
    personal_data.export(lead, out)
    assert [(row["community__name"], row["kind"]) for row in out.tables["community_named_or_removed_as_lead"]] == [
        ("Optometry test network", "lead_named")]
    erasure.erase(lead, "Erased person 1")
    assert not community.leads.filter(pk=lead.pk).exists()
    assert not ModerationAction.objects.filter(person=lead).exists()
    assert ModerationAction.objects.filter(kind="lead_named", person=None).count() == 1


def test_each_person_added_to_a_group_gets_one_email_after_commit(django_capture_on_commit_callbacks):
    import datetime  # noqa: PLC0415

    from django.utils import timezone  # noqa: PLC0415

    lead = UserFactory()
    community = make_community(leads=[lead])
    first, second = add_member(community).person, add_member(community).person
    ends = timezone.localdate() + datetime.timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        group = services.create_task_group(lead, community, name="Falls <review>", objective="Agree one pack & go",
                                           mandate="Advise the leads.", ends_on=ends, members=[first.pk])
    assert len(callbacks) == 1
    services.set_task_group_members(lead, group, [first.pk, second.pk])
    services.set_task_group_members(lead, group, [first.pk, second.pk])  # no change: nobody told again
    notes = Notification.objects.filter(template="community_group_member_added")
    assert sorted(notes.values_list("recipient", flat=True)) == sorted([first.pk, second.pk])
    subject, text, _ = render_email("community_group_member_added", notes.get(recipient=first).context)
    assert subject == "You are in the task-and-finish group Falls <review>"
    assert "Agree one pack & go" in text and "&amp;" not in text and ends.strftime("%B %Y") in text

"""Task-and-finish groups' services: set up by a community's leads with members from the community, an end date
in the future, a discussion for members while open, and closing (at any time) with a required outcome note."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy.workflow.models import Transition
from evaluation.network.sources import KIND_LABELS, TIE_SOURCES
from programmes.community import rules, selectors, services
from programmes.community.models import TaskGroupPost, TaskGroupState
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_task_group

pytestmark = pytest.mark.django_db

IN_A_MONTH = timezone.localdate() + datetime.timedelta(days=30)


def _setup(**kwargs):
    lead = UserFactory()
    community = make_community(leads=[lead], **kwargs)
    members = [add_member(community).person for _ in range(3)]
    return community, lead, members


def _create(lead, community, members=(), **fields):
    data = {"name": "Falls pathway", "objective": "Agree one pathway.", "mandate": "Asked by the leads.",
            "ends_on": IN_A_MONTH} | fields
    return services.create_task_group(lead, community, members=[m.pk for m in members], **data)


def test_a_lead_sets_up_a_group_with_community_members_and_its_start_is_logged():
    community, lead, members = _setup()
    group = _create(lead, community, members[:2])
    assert group.state == TaskGroupState.OPEN
    assert set(group.members.all()) == set(members[:2])
    assert Transition.objects.filter(object_id=group.pk, to_state="open").exists()


def test_only_leads_set_up_groups_superusers_included():
    community, _lead, members = _setup()
    for actor in (members[0], make_person("superuser")):
        with pytest.raises(PermissionDenied):
            _create(actor, community)


@pytest.mark.parametrize("ends_on", [timezone.localdate(), timezone.localdate() - datetime.timedelta(days=1), None])
def test_the_end_date_must_be_in_the_future(ends_on):
    community, lead, _members = _setup()
    with pytest.raises(ValidationError) as error:
        _create(lead, community, ends_on=ends_on)
    assert "ends_on" in error.value.message_dict


@pytest.mark.parametrize("field", ["name", "objective", "mandate"])
def test_name_objective_and_mandate_are_required(field):
    community, lead, _members = _setup()
    with pytest.raises(ValidationError) as error:
        _create(lead, community, **{field: "   "})
    assert field in error.value.message_dict


def test_members_come_from_the_community_only():
    community, lead, _members = _setup()
    outsider = UserFactory()
    requested = add_member(community, state="requested").person
    for person in (outsider, requested):
        with pytest.raises(ValidationError):
            _create(lead, community, [person])
    assert not community.task_groups.exists()


def test_leads_change_the_members_of_an_open_group_only():
    community, lead, members = _setup()
    group = _create(lead, community, members[:2])
    services.set_task_group_members(lead, group, [members[1].pk, members[2].pk])
    assert set(group.members.all()) == {members[1], members[2]}
    with pytest.raises(PermissionDenied):
        services.set_task_group_members(members[1], group, [members[1].pk])
    services.close_task_group(lead, group, outcome_note="Done.")
    with pytest.raises(ValidationError):
        services.set_task_group_members(lead, group, [members[0].pk])


def test_members_and_leads_post_while_open_others_may_not():
    community, lead, members = _setup()
    group = _create(lead, community, members[:1])
    services.post_in_task_group(members[0], group, body="<script>alert(1)</script> as typed")
    services.post_in_task_group(lead, group, body="Thanks")
    assert TaskGroupPost.objects.get(author=members[0]).body == "<script>alert(1)</script> as typed"
    for outsider in (members[1], make_person("superuser")):
        with pytest.raises(PermissionDenied):
            services.post_in_task_group(outsider, group, body="Let me in")
    with pytest.raises(ValidationError):
        services.post_in_task_group(members[0], group, body="  ")


def test_closing_needs_an_outcome_note_and_may_happen_before_the_end_date():
    community, lead, members = _setup()
    group = _create(lead, community, members[:1])
    with pytest.raises(ValidationError) as error:
        services.close_task_group(lead, group, outcome_note=" ")
    assert "outcome_note" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.close_task_group(members[0], group, outcome_note="We are done")
    group = services.close_task_group(lead, group, outcome_note="One pathway agreed.")
    assert group.is_closed and group.outcome_note == "One pathway agreed." and group.closed_at
    assert Transition.objects.filter(object_id=group.pk, from_state="open", to_state="closed").exists()
    with pytest.raises(ValidationError):
        services.close_task_group(lead, group, outcome_note="Again")
    with pytest.raises(ValidationError):
        services.post_in_task_group(members[0], group, body="Too late")


def test_a_group_is_read_by_its_members_and_the_leads_only_and_never_past_the_closed_rule():
    community, lead, members = _setup(closed=True)
    group = make_task_group(community, members=[members[0]])
    assert rules.allowed(lead, "community.read_task_group", group)
    assert rules.allowed(members[0], "community.read_task_group", group)
    assert not rules.allowed(members[1], "community.read_task_group", group)
    assert not rules.allowed(make_person("superuser"), "community.read_task_group", group)
    services.leave(members[0], community)
    assert not rules.allowed(members[0], "community.read_task_group", group)


def test_task_group_ties_are_a_tie_source():
    community, lead, members = _setup()
    make_task_group(community, members=members)
    make_task_group(community, members=members[:1])  # alone: no tie
    ties = list(selectors.task_group_ties(timezone.localdate(), timezone.localdate()))
    assert {(a, b) for a, b, kind, _on in ties} == {
        (min(x.pk, y.pk), max(x.pk, y.pk)) for x, y in [members[:2], members[1:], [members[0], members[2]]]
    }
    assert {kind for _a, _b, kind, _on in ties} == {selectors.TASK_GROUP}
    assert selectors.task_group_ties in TIE_SOURCES and selectors.TASK_GROUP in KIND_LABELS
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert list(selectors.task_group_ties(yesterday, yesterday)) == []


def test_leads_pin_and_unpin_a_discussion_and_pinned_ones_list_first():
    from tests.programmes.community.helpers import make_thread  # noqa: PLC0415 - pinning only

    community, lead, members = _setup()
    older = make_thread(community, title="Older")
    newer = make_thread(community, title="Newer")
    assert [t.pk for t in selectors.thread_page(community, 1)][:2] == [newer.pk, older.pk]
    with pytest.raises(PermissionDenied):
        services.set_pinned(members[0], older, pinned=True)
    services.set_pinned(lead, older, pinned=True)
    assert [t.pk for t in selectors.thread_page(community, 1)][:2] == [older.pk, newer.pk]
    with pytest.raises(ValidationError):
        services.set_pinned(lead, older, pinned=True)
    services.set_pinned(lead, older, pinned=False)
    assert [t.pk for t in selectors.thread_page(community, 1)][:2] == [newer.pk, older.pk]

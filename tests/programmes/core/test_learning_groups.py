"""Action learning sets and quads: the mixing algorithm, saving and replacing groups, the shared
problem, participants dropping out, the admin page and My Academy."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import Borough, Profession
from programmes.core import grouping, selectors, services
from programmes.core.models import (
    HOLDING_STATES,
    Application,
    ApplicationState,
    Cohort,
    LearningGroup,
    LearningGroupMember,
)
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.programmes import CohortFactory

S = ApplicationState


def total_repeats(groups) -> int:
    return sum(sum(grouping.repeats(group).values()) for group in groups)


def latin_people():
    """12 people for 3 groups of 4 where a perfect mix exists (each group: 4 organisations, 4
    professions, 4 boroughs), given with scrambled ids so the order does not give it away."""
    people = []
    for g in range(3):
        for k in range(4):
            people.append({"organisation": k, "profession": (k + g) % 4, "borough": (k + 2 * g) % 4})
    order = [7, 2, 11, 0, 5, 9, 3, 10, 1, 6, 8, 4]
    return [dict(person, id=100 + order[index]) for index, person in enumerate(people)]


def test_a_perfect_mix_is_found_when_one_exists():
    groups = grouping.propose_groups(latin_people(), max_size=4)
    assert [len(group) for group in groups] == [4, 4, 4]
    assert total_repeats(groups) == 0


def test_the_least_possible_repeats_with_two_values_in_every_dimension():
    # 8 people, two organisations, two professions and two boroughs: the best two quads hold two of each
    # value, so each group has one repeat per value pair: 2 per dimension, 12 in all.
    people = [
        {"id": i, "organisation": i % 2, "profession": (i // 2) % 2, "borough": (i // 4) % 2} for i in range(8)
    ]
    groups = grouping.propose_groups(people, max_size=4)
    assert total_repeats(groups) == 12
    assert all(len(group) == 4 for group in groups)


@pytest.mark.parametrize("max_size", [3, 4, 8])
def test_sizes_differ_by_at_most_one_and_everyone_is_placed_once(max_size):
    for total in range(1, 41):
        people = [
            {"id": i, "organisation": i % 5, "profession": i % 3, "borough": None if i % 7 == 0 else i % 4}
            for i in range(total)
        ]
        groups = grouping.propose_groups(people, max_size=max_size)
        sizes = [len(group) for group in groups]
        assert max(sizes) - min(sizes) <= 1
        assert max(sizes) <= max_size
        assert sorted(p["id"] for group in groups for p in group) == list(range(total))


def test_the_proposal_is_deterministic_whatever_the_input_order():
    people = [{"id": i, "organisation": i % 4, "profession": i % 6, "borough": i % 5} for i in range(30)]
    first = grouping.propose_groups(people, max_size=8)
    again = grouping.propose_groups(list(reversed(people)), max_size=8)
    assert [[p["id"] for p in g] for g in first] == [[p["id"] for p in g] for g in again]


def test_unknown_values_are_never_repeats():
    people = [{"id": i, "organisation": None, "profession": None, "borough": None} for i in range(4)]
    assert grouping.repeats(people) == {"organisation": 0, "profession": 0, "borough": 0}


def test_groups_must_have_at_least_two_people():
    with pytest.raises(ValidationError):
        grouping.propose_groups([{"id": 1}], max_size=1)


# --- services with the database ---------------------------------------------------------------------


def participants(cohort, count, state=S.ACCEPTED):
    """``count`` people with a place, from a spread of organisations, professions and boroughs."""
    professions = list(Profession.objects.order_by("position"))
    boroughs = list(Borough.objects.order_by("name"))
    profiles = [
        LeaderProfileFactory(
            organisation=OrganisationFactory(name=f"Mix organisation {index % 5}"),
            profession=professions[index % len(professions)],
            borough=boroughs[index % len(boroughs)],
        )
        for index in range(count)
    ]
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=p.user, state=state, submitted_at=timezone.now()) for p in profiles]
    )
    if state in HOLDING_STATES:  # keep the cohort's count of held places right, as the state service does
        Cohort.objects.filter(pk=cohort.pk).update(places_held=F("places_held") + count)
    return list(Application.objects.filter(cohort=cohort, state=state).order_by("pk"))


def admin_of_curriculum():
    from tests.conftest import make_person

    return make_person("programme_admin")


@pytest.mark.django_db
def test_save_groups_replaces_the_cohorts_groups_and_keeps_history():
    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 8)
    first = {a.pk: 1 + index % 2 for index, a in enumerate(places)}
    services.save_groups(admin, cohort, "quad", first)
    old_ids = set(LearningGroup.objects.filter(cohort=cohort).values_list("pk", flat=True))
    second = {a.pk: 1 + index % 4 for index, a in enumerate(places)}
    groups = services.save_groups(admin, cohort, "quad", second)
    assert [g.number for g in groups] == [1, 2, 3, 4]
    assert LearningGroupMember.objects.filter(group__cohort=cohort).count() == 8
    assert not LearningGroup.objects.filter(pk__in=old_ids).exists()
    assert LearningGroup.history.filter(id__in=old_ids, history_type="-").count() == 2


def test_carried_problems_follow_the_majority_and_go_to_one_group_at_most():
    # Old group 10 (people 1-3) and 20 (people 4-6). New group 1 has 1, 2, 4; group 2 has 3, 5, 6;
    # group 3 has 7, who had no group with a problem.
    assignment = {1: 1, 2: 1, 4: 1, 3: 2, 5: 2, 6: 2, 7: 3}
    was_in = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 20}
    assert grouping.carried_problems(assignment, was_in) == {1: 10, 2: 20}
    # Everyone from group 10 goes into one of two halves: only one half keeps the problem.
    assert grouping.carried_problems({1: 1, 2: 1, 3: 2}, {1: 10, 2: 10, 3: 10}) == {1: 10}
    # A tie goes to the lower group number.
    assert grouping.carried_problems({1: 2, 2: 1}, {1: 10, 2: 10}) == {1: 10}
    assert grouping.carried_problems({1: 1}, {}) == {}


@pytest.mark.django_db
def test_regrouping_keeps_each_shared_problem_with_most_of_its_group():
    from academy.directory.models import PriorityFunction

    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 8)
    halves = {a.pk: 1 if i < 4 else 2 for i, a in enumerate(places)}
    one, _two = services.save_groups(admin, cohort, "action_learning_set", halves)
    function = PriorityFunction.objects.order_by("number").first()
    services.set_shared_problem(admin, one, "Discharge delays across Lewisham", function)
    # Move one person across: each group keeps its problem (group 2 had none).
    moved = {a.pk: 1 if i < 3 or i == 7 else 2 for i, a in enumerate(places)}
    new_one, new_two = services.save_groups(admin, cohort, "action_learning_set", moved)
    assert (new_one.shared_problem, new_one.priority_function) == ("Discharge delays across Lewisham", function)
    assert new_two.shared_problem == "" and new_two.priority_function is None
    # Switching to quads starts afresh: a quad is a different conversation from a set.
    quads = services.save_groups(admin, cohort, "quad", {a.pk: 1 + i // 4 for i, a in enumerate(places)})
    assert [g.shared_problem for g in quads] == ["", ""]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: dict(list(a.items())[1:]), "participants have changed"),
        (lambda a: {k: (3 if v == 2 else v) for k, v in a.items()}, "at least one person"),
        (lambda a: dict.fromkeys(a, 0), "at least one person"),
        (lambda a: a | {999999: 1}, "participants have changed"),
    ],
)
def test_save_groups_refuses_bad_input_and_saves_nothing(change, message):
    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 4)
    assignment = {a.pk: 1 + index % 2 for index, a in enumerate(places)}
    with pytest.raises(ValidationError, match=message):
        services.save_groups(admin, cohort, "quad", change(assignment))
    assert not LearningGroup.objects.filter(cohort=cohort).exists()


@pytest.mark.django_db
def test_only_the_programmes_admins_save_groups():
    cohort = CohortFactory()
    places = participants(cohort, 2)
    with pytest.raises(PermissionDenied):
        services.save_groups(UserFactory(), cohort, "quad", {a.pk: 1 for a in places})
    with pytest.raises(ValidationError):
        services.save_groups(admin_of_curriculum(), cohort, "pairs", {a.pk: 1 for a in places})
    assert not LearningGroup.objects.exists()


@pytest.mark.django_db
def test_withdrawn_and_removed_participants_drop_out_of_their_group():
    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 4)
    services.save_groups(admin, cohort, "quad", {a.pk: 1 for a in places})
    services.withdraw(places[0].applicant, places[0])
    services.change_place(admin, places[1], S.REMOVED)
    group = LearningGroup.objects.get(cohort=cohort)
    assert set(group.memberships.values_list("application_id", flat=True)) == {places[2].pk, places[3].pk}
    assert LearningGroupMember.history.filter(history_type="-").count() == 2


@pytest.mark.django_db
def test_members_and_admins_set_the_shared_problem_and_others_cannot():
    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 2)
    (group,) = services.save_groups(admin, cohort, "quad", {a.pk: 1 for a in places})
    services.set_shared_problem(places[0].applicant, group, "  Discharge delays across Lewisham  ")
    group.refresh_from_db()
    assert group.shared_problem == "Discharge delays across Lewisham"
    with pytest.raises(PermissionDenied):
        services.set_shared_problem(UserFactory(), group, "Something else")
    with pytest.raises(ValidationError):
        services.set_shared_problem(admin, group, "   ")
    group.refresh_from_db()
    assert group.shared_problem == "Discharge delays across Lewisham"


# --- pages -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_proposes_moves_one_person_and_saves(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    places = participants(cohort, 10)
    url = reverse("programmes:learning_groups", args=[cohort.pk])
    assert "Propose groups" in client.get(url).content.decode()
    proposed = client.post(url, {"action": "propose", "kind": "quad"})
    page = proposed.content.decode()
    assert proposed.status_code == 200 and "Proposed groups" in page and "Group 3" in page
    assignment = {a.pk: group["number"] for group in proposed.context["proposal"]["groups"] for a in group["members"]}
    assert sorted(len(g["members"]) for g in proposed.context["proposal"]["groups"]) == [3, 3, 4]
    moved = places[0].pk
    assignment[moved] = 2 if assignment[moved] != 2 else 1
    data = {"kind": "quad", "count": 3, **{f"group_{pk}": n for pk, n in assignment.items()}}
    preview = client.post(url, data | {"action": "preview"})
    assert preview.status_code == 200
    assert not LearningGroup.objects.filter(cohort=cohort).exists()
    saved = client.post(url, data | {"action": "save"})
    assert saved.status_code == 302
    member = LearningGroupMember.objects.get(application_id=moved)
    assert member.group.number == assignment[moved] and member.group.kind == "quad"
    assert LearningGroupMember.objects.filter(group__cohort=cohort).count() == 10


@pytest.mark.django_db
def test_saving_a_stale_proposal_shows_an_error_and_saves_nothing(client_as):
    client, _ = client_as("programme_admin")
    cohort = CohortFactory()
    places = participants(cohort, 4)
    url = reverse("programmes:learning_groups", args=[cohort.pk])
    data = {"kind": "quad", "count": 2, "action": "save", **{f"group_{a.pk}": 1 for a in places[1:]}}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "<title>Error: " in response.content.decode() and "Make a new proposal" in response.content.decode()
    empty_group = client.post(url, {"kind": "quad", "count": 2, "action": "save",
                                    **{f"group_{a.pk}": 1 for a in places}})
    assert empty_group.status_code == 400 and "at least one person" in empty_group.content.decode()
    no_kind = client.post(url, {"action": "propose"})
    assert no_kind.status_code == 400 and "Select action learning sets or quads" in no_kind.content.decode()
    assert not LearningGroup.objects.filter(cohort=cohort).exists()


@pytest.mark.django_db
def test_participant_sees_their_group_in_my_academy_and_sets_the_problem(client):
    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 4)
    (group,) = services.save_groups(admin, cohort, "action_learning_set", {a.pk: 1 for a in places})
    member = places[0].applicant
    client.force_login(member)
    page = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Your action learning set" in page
    for application in places:
        assert application.applicant.get_full_name() in page
    assert "Mix organisation" in page
    url = reverse("programmes:learning_group_problem", args=[group.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"shared_problem": "Winter pressures in urgent care"})
    assert response.status_code == 302 and response["Location"] == reverse("programmes:my_academy")
    assert "Winter pressures in urgent care" in client.get(reverse("programmes:my_academy")).content.decode()
    blank = client.post(url, {"shared_problem": ""})
    assert blank.status_code == 400 and "<title>Error: " in blank.content.decode()
    # once withdrawn they no longer see the group or change it
    services.withdraw(member, places[0])
    assert "Your action learning set" not in client.get(reverse("programmes:my_academy")).content.decode()
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_groups_page_makes_the_same_number_of_queries_for_8_and_80_participants(client_as):
    client, admin = client_as("programme_admin")
    counts = []
    for people in (8, 80):
        cohort = CohortFactory(capacity=200)
        places = participants(cohort, people)
        services.save_groups(
            admin, cohort, "action_learning_set", {a.pk: 1 + i % (people // 8) for i, a in enumerate(places)}
        )
        url = reverse("programmes:learning_groups", args=[cohort.pk])
        client.get(url)  # warm the session and per-person caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and len(response.context["groups"]) == people // 8
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            proposal = client.post(url, {"action": "propose", "kind": "quad"})
        assert proposal.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[2] <= 12  # the saved groups
    assert counts[1] == counts[3] <= 12  # a new proposal


@pytest.mark.django_db
def test_own_groups_query_count_is_fixed(django_assert_num_queries):
    admin = admin_of_curriculum()
    cohort = CohortFactory()
    places = participants(cohort, 6)
    services.save_groups(admin, cohort, "action_learning_set", {a.pk: 1 for a in places})
    member = places[0].applicant
    with django_assert_num_queries(2):
        groups = selectors.own_groups(member)
        names = [m.application.applicant.profile.organisation.name for m in groups[0].current_members]
    assert len(names) == 6

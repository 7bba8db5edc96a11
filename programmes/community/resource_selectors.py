"""Reads for the communities' resources library, each in a fixed number of queries whatever the size.

Who reads what: a closed community's resources are for its members and leads only (superusers included); an
open community's are for its members and leads, and those shared with everyone for every signed-in leader."""

from __future__ import annotations

from django.contrib.postgres.search import SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import F, Func, Q, QuerySet
from django.http import Http404

from academy.directory.models import PriorityFunction, Profession
from academy.directory.selectors import search_query
from programmes.community import rules
from programmes.community.models import (
    Community,
    Membership,
    MembershipState,
    Resource,
    ResourceVisibility,
    TaskGroup,
)

RESOURCES_PER_PAGE = 25


def _readable(user) -> Q:
    member_of = Membership.objects.filter(person=user, state=MembershipState.MEMBER).values("community_id")
    led = Community.objects.filter(leads=user).values("pk")
    # a task-and-finish group's resources are read on the group's page, not in the libraries or their search
    return Q(task_group__isnull=True) & (
        Q(community__closed=False, visibility=ResourceVisibility.EVERYONE)
        | Q(community_id__in=member_of)
        | Q(community_id__in=led)
    )


def readable_resources(user) -> QuerySet[Resource]:
    if not (user and user.is_authenticated and user.is_active):
        return Resource.objects.none()
    return Resource.objects.filter(_readable(user))


def _listing(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    return resources.select_related("community", "added_by").prefetch_related("priority_functions", "professions")


def _page(resources: QuerySet[Resource], number) -> Page:
    return Paginator(resources, RESOURCES_PER_PAGE).get_page(number)


def library(community: Community, user, page_number) -> Page:
    """The community's resources the person may read, newest first (4 queries: count, page and two tags).
    ``community`` carries the viewer's membership and leads (selectors.community_for)."""
    resources = Resource.objects.filter(community=community, task_group__isnull=True)
    if not (rules.allowed(user, "community.read_discussions", community)
            and rules.allowed(user, "community.post", community)):
        resources = resources.filter(visibility=ResourceVisibility.EVERYONE, community__closed=False)
    page = _page(_listing(resources).order_by("-created_at", "-pk"), page_number)
    for resource in page.object_list:
        resource.community = community
    return page


def search(user, *, text: str = "", function: int | None = None, profession: int | None = None,
           theme: str = "", page_number=None) -> Page:
    """Full-text search (PostgreSQL, English stemming, word prefixes) across every resource the person may
    read, filtered by priority function, profession and theme; best matches first."""
    resources = readable_resources(user)
    if function:
        resources = resources.filter(priority_functions=function)
    if profession:
        resources = resources.filter(professions=profession)
    if theme:
        resources = resources.filter(themes__contains=[theme.strip().lower()])
    query = search_query(text)
    if query is not None:
        resources = resources.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        ).order_by("-rank", "-created_at", "-pk")
    else:
        resources = resources.order_by("-created_at", "-pk")
    return _page(_listing(resources), page_number)


def filter_choices(user) -> dict:
    """The priority functions, professions and themes to filter by (3 queries)."""
    themes = (
        readable_resources(user)
        .annotate(theme=Func(F("themes"), function="unnest"))
        .values_list("theme", flat=True)
        .distinct()
        .order_by("theme")
    )
    return {
        "functions": list(PriorityFunction.objects.order_by("number").values_list("pk", "name")),
        "professions": list(Profession.objects.order_by("position", "name").values_list("pk", "name")),
        "themes": list(themes[:200]),
    }


def readable_resource(user, pk: int) -> Resource:
    """The resource, if the person may read it; otherwise not found (superusers included)."""
    resource = Resource.objects.select_related("community", "task_group").filter(pk=pk).first()
    if resource is None:
        raise Http404("No such resource.")
    community = resource.community
    community.viewer_state = (
        community.memberships.filter(person=user).values_list("state", flat=True).first() or ""
    ) if user.is_authenticated else ""
    community.lead_ids = set(community.leads.values_list("pk", flat=True))
    if resource.task_group is not None:
        group = resource.task_group
        group.community = community
        group.member_ids = set(group.memberships.values_list("person_id", flat=True))
    if not rules.allowed(user, "community.read_resource", resource):
        raise Http404("No such resource.")
    return resource


def changeable_ids(user, resources) -> set[int]:
    """Which of these resources the person may change: those they added in a community they still belong to,
    and every one in a community they lead (2 queries, whatever the number)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    member_of = set(Membership.objects.filter(person=user, state=MembershipState.MEMBER)
                    .values_list("community_id", flat=True))
    led = set(Community.objects.filter(leads=user).values_list("pk", flat=True))
    return {
        r.pk for r in resources
        if r.community_id in led or (r.added_by_id == user.pk and r.community_id in member_of)
    }


def group_resources(group: TaskGroup) -> list[Resource]:
    """A task-and-finish group's files and links, newest first (3 queries: the rows and two tags). The caller
    has checked that the person reads the group (selectors.readable_task_group)."""
    resources = list(_listing(Resource.objects.filter(task_group=group)).order_by("-created_at", "-pk"))
    for resource in resources:
        resource.community = group.community
    return resources


def changeable_group_resource_ids(user, group: TaskGroup, resources) -> set[int]:
    """Which of a group's resources the person may change: every one for the community's leads, their own for
    the group's members (no query: ``group`` carries its members and the community its leads)."""
    if rules.allowed(user, "community.run_task_groups", group.community):
        return {r.pk for r in resources}
    if not rules.allowed(user, "community.read_task_group", group):
        return set()
    return {r.pk for r in resources if r.added_by_id == user.pk}

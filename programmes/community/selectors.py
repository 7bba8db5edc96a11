"""Reads for the communities' pages, the digest and the evaluation app, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Avg, Case, Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from programmes.community import rules
from programmes.community.models import (
    ChallengeStage,
    Community,
    Idea,
    IdeaAnswer,
    IdeaChallenge,
    IdeaCoAuthor,
    IdeaComment,
    IdeaScore,
    IdeaSupport,
    Membership,
    MembershipState,
    ModerationAction,
    Post,
    PostReport,
    TaskGroup,
    TaskGroupMember,
    TaskGroupPost,
    Thread,
    ThreadFollow,
)

THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 20


def directory(user) -> list[Community]:
    """Every community not archived, with its number of members and the person's own membership state (2 queries)."""
    communities = list(
        Community.objects.filter(archived_at__isnull=True).annotate(
            member_count=Count("memberships", filter=Q(memberships__state=MembershipState.MEMBER))
        ).order_by("kind", "name")
    )
    states = dict(Membership.objects.filter(person=user).values_list("community_id", "state"))
    for community in communities:
        community.viewer_state = states.get(community.pk, "")
    return communities


def _with_viewer(community: Community, user) -> Community:
    """Remember the person's membership state and the leads on the community, so the rules ask no more."""
    membership = community.memberships.filter(person=user).first() if user.is_authenticated else None
    community.viewer_membership = membership
    community.viewer_state = membership.state if membership else ""
    community.lead_list = list(community.leads.order_by("last_name", "first_name"))
    community.lead_ids = {lead.pk for lead in community.lead_list}
    return community


def community_for(user, slug: str) -> Community:
    """The community with the person's membership and its leads (3 queries). Any signed-in person sees a
    community's page; whether they may read its discussions is the rules' question."""
    community = Community.objects.filter(slug=slug).annotate(
        member_count=Count("memberships", filter=Q(memberships__state=MembershipState.MEMBER))
    ).first()
    if community is None:
        raise Http404("No such community.")
    return _with_viewer(community, user)


def readable_community(user, slug: str) -> Community:
    """The community, if the person may read its discussions; otherwise not found (superusers included)."""
    community = community_for(user, slug)
    if not rules.allowed(user, "community.read_discussions", community):
        raise Http404("No such community.")
    return community


def readable_thread(user, slug: str, pk: int) -> Thread:
    community = readable_community(user, slug)
    thread = Thread.objects.filter(community=community, pk=pk).select_related("author").first()
    if thread is None:
        raise Http404("No such thread.")
    thread.community = community
    thread.viewer_follows = user.is_authenticated and ThreadFollow.objects.filter(thread=thread, person=user).exists()
    return thread


def post_for(user, pk: int) -> Post:
    """A post whose community the person may read (else not found), with its thread and community loaded."""
    post = Post.objects.filter(pk=pk).select_related("thread__community", "author").first()
    if post is None:
        raise Http404("No such post.")
    community = _with_viewer(post.thread.community, user)
    if not rules.allowed(user, "community.read_discussions", community):
        raise Http404("No such post.")
    post.thread.community = community
    return post


THREAD_SORTS = {"active": ("-pinned", "-last_post_at", "-pk"), "newest": ("-pinned", "-created_at", "-pk")}


def thread_page(community: Community, page_number, *, viewer=None, unanswered: bool = False,
                following: bool = False, mine: bool = False, sort: str = "active") -> Page:
    """One page of the community's threads, pinned first then the most recently active (or the newest), with
    how many posts each has (2 queries: the count and the page). The board's filters: ``unanswered`` (nobody
    has replied: the opening post only), ``following`` (threads the viewer follows), ``mine`` (threads the viewer
    started); they combine."""
    threads = Thread.objects.filter(community=community)
    if following:
        threads = threads.filter(
            models.Exists(ThreadFollow.objects.filter(thread=models.OuterRef("pk"), person=viewer))
        )
    if mine:
        threads = threads.filter(author=viewer)
    threads = threads.select_related("author").annotate(post_count=Count("posts"))
    if unanswered:
        threads = threads.filter(post_count__lte=1)
    threads = threads.order_by(*THREAD_SORTS.get(sort, THREAD_SORTS["active"]))
    return Paginator(threads, THREADS_PER_PAGE).get_page(page_number)


def managed_communities() -> list[Community]:
    """Every community for the programme's admins, archived ones last, with their numbers of members and
    leads (1 query)."""
    return list(
        Community.objects.annotate(
            member_count=Count("memberships", filter=Q(memberships__state=MembershipState.MEMBER), distinct=True),
            lead_count=Count("leads", distinct=True),
        ).order_by(models.F("archived_at").asc(nulls_first=True), "kind", "name")
    )


def community_by_slug(slug: str) -> Community:
    """Any community, archived or not, for the programme's admins (1 query)."""
    community = Community.objects.filter(slug=slug).first()
    if community is None:
        raise Http404("No such community.")
    return community


def leads_of(community: Community) -> list:
    return list(community.leads.order_by("last_name", "first_name", "pk"))


def community_id_named(name: str) -> int | None:
    """The community with this name (any case), for the layer that links clinical networks to communities."""
    return Community.objects.filter(name__iexact=" ".join((name or "").split())).values_list("pk", flat=True).first()


def community_links(ids) -> dict[int, dict]:
    """For upper layers: each community's name, address, whether it is archived and its leads' ids (2 queries)."""
    found = {c.pk: c for c in Community.objects.filter(pk__in=list(ids)).prefetch_related("leads")}
    return {
        pk: {"name": c.name, "url": reverse("community:community", args=[c.slug]), "archived": c.is_archived,
             "lead_ids": {lead.pk for lead in c.leads.all()}}
        for pk, c in found.items()
    }


def post_page(thread: Thread, page_number) -> Page:
    """One page of a thread's posts, oldest first (2 queries: the count and the page)."""
    posts = Post.objects.filter(thread=thread).select_related("author", "hidden_by").annotate(
        revision_count=Count("revisions")
    ).order_by("created_at", "pk")
    return Paginator(posts, POSTS_PER_PAGE).get_page(page_number)


def mentionable_members(community: Community, viewer) -> list[Membership]:
    """The members a person may pick to tell about their post: every current member but themselves."""
    return list(
        community.memberships.filter(state=MembershipState.MEMBER)
        .exclude(person=viewer)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )


def pending_requests(community: Community) -> list[Membership]:
    return list(
        community.memberships.filter(state=MembershipState.REQUESTED).select_related("person").order_by("created_at")
    )


def moderation_log(community: Community) -> list[ModerationAction]:
    return list(
        community.moderation_actions.select_related("actor", "thread", "post__author", "person")
        .order_by("-at", "-pk")[:200]
    )


def open_reports(community: Community) -> list[PostReport]:
    """Reports of posts that are still shown, oldest first (once a lead hides the post, its reports are done)."""
    return list(
        PostReport.objects.filter(post__thread__community=community, post__hidden=False)
        .select_related("post__thread", "post__author", "reporter")
        .order_by("created_at", "pk")[:200]
    )


def post_history(post: Post) -> list:
    return list(post.revisions.select_related("edited_by").order_by("replaced_at", "pk"))


def digest_for(person, since, until) -> list[dict]:
    """What is new for one person between ``since`` and ``until``: for each community they are a member of,
    threads started and replies posted by others (hidden posts left out), and replies in threads they follow
    in other communities they may still read. 3 queries."""
    member_of = set(
        Membership.objects.filter(person=person, state=MembershipState.MEMBER).values_list("community_id", flat=True)
    )
    followed = set(ThreadFollow.objects.filter(person=person).values_list("thread_id", flat=True))
    if not member_of and not followed:
        return []
    posts = (
        Post.objects.filter(created_at__gte=since, created_at__lt=until, hidden=False)
        .filter(Q(thread__community_id__in=member_of) | Q(thread_id__in=followed))
        .filter(Q(thread__community__closed=False) | Q(thread__community_id__in=member_of))
        .exclude(author=person)
        .values("thread_id", "thread__title", "thread__community__name", "thread__community__slug")
        .annotate(new_posts=Count("pk"), latest=Max("created_at"))
        .order_by("thread__community__name", "-latest")
    )
    return [
        {
            "community": row["thread__community__name"],
            "slug": row["thread__community__slug"],
            "thread_id": row["thread_id"],
            "title": row["thread__title"],
            "new_posts": row["new_posts"],
            "path": reverse("community:thread", args=[row["thread__community__slug"], row["thread_id"]]),
        }
        for row in posts
    ]


def digest_recipients() -> list:
    """Everyone who is a member of a community or follows a thread (1 query)."""
    user_model = get_user_model()
    return list(
        user_model.objects.filter(is_active=True)
        .filter(Q(community_memberships__state=MembershipState.MEMBER) | Q(thread_follows__isnull=False))
        .distinct()
        .order_by("pk")
    )


def community_comembership_ties() -> list[tuple[int, int, int]]:
    """For the evaluation app's network analysis: one tie ``(person_a, person_b, community_id)`` with
    ``person_a < person_b`` for every pair of current members of the same community (1 query)."""
    by_community: dict[int, list[int]] = defaultdict(list)
    for community_id, person_id in (
        Membership.objects.filter(state=MembershipState.MEMBER)
        .order_by("community_id", "person_id")
        .values_list("community_id", "person_id")
    ):
        by_community[community_id].append(person_id)
    return [
        (a, b, community_id)
        for community_id, people in sorted(by_community.items())
        for a, b in combinations(people, 2)
    ]


COMEMBERSHIP = "community"  # the evaluation's tie kind for two members of one community of practice


def community_ties_between(start, end):
    """For the evaluation's network analysis: ``(person_a, person_b, "community", date)`` with
    ``person_a < person_b`` for two current members of the same community who had both joined by the end
    of the period (start and end dates, inclusive; one query). Dated the day the later of the two joined.
    Members who have left are not counted: the membership row keeps no history of past periods."""
    by_community: dict[int, list[tuple[int, object]]] = defaultdict(list)
    rows = (
        Membership.objects.filter(state=MembershipState.MEMBER, created_at__date__lte=end)
        .order_by("community_id", "person_id")
        .values_list("community_id", "person_id", "created_at")
    )
    for community_id, person_id, created_at in rows:
        by_community[community_id].append((person_id, timezone.localdate(created_at)))
    for members in by_community.values():
        for (a, joined_a), (b, joined_b) in combinations(members, 2):
            yield min(a, b), max(a, b), COMEMBERSHIP, max(joined_a, joined_b)


COAUTHORS = "idea_coauthors"  # the evaluation's tie kind for the author and co-authors of one idea


def idea_coauthor_ties(start, end):
    """For the evaluation's network analysis: ``(person_a, person_b, "idea_coauthors", date)`` with
    ``person_a < person_b`` for the author and each co-author of an idea, and co-authors with each other,
    named by the end of the period (start and end dates, inclusive; one query). Dated the day the later of
    the two was named (the author's date is the idea's)."""
    by_idea: dict[int, list[tuple[int, object]]] = defaultdict(list)
    authors: dict[int, tuple[int, object]] = {}
    rows = (
        IdeaCoAuthor.objects.filter(added_at__date__lte=end)
        .order_by("idea_id", "person_id")
        .values_list("idea_id", "idea__author_id", "idea__created_at", "person_id", "added_at")
    )
    for idea_id, author_id, created_at, person_id, added_at in rows:
        authors[idea_id] = (author_id, timezone.localdate(created_at))
        by_idea[idea_id].append((person_id, timezone.localdate(added_at)))
    for idea_id, coauthors in by_idea.items():
        for (a, on_a), (b, on_b) in combinations([authors[idea_id], *coauthors], 2):
            if a != b:
                yield min(a, b), max(a, b), COAUTHORS, max(on_a, on_b)


# --- idea challenges --------------------------------------------------------------------------------------

CHALLENGES_PER_PAGE = 25
IDEAS_PER_PAGE = 25
COMMENTS_PER_PAGE = 25
IDEA_SORTS = {"newest": ("-created_at", "-pk"), "supported": ("-support_count", "-created_at", "-pk")}


def challenge_page(page_number) -> Page:
    """Challenges, those still open (not done) first, the most recently opened first, with how many ideas
    each has (2 queries)."""
    challenges = (
        IdeaChallenge.objects.annotate(
            idea_count=Count("ideas"),
            finished=Case(When(stage=ChallengeStage.DONE, then=Value(1)), default=Value(0),
                          output_field=IntegerField()),
        )
        .order_by("finished", "-opens_on", "title", "pk")
    )
    return Paginator(challenges, CHALLENGES_PER_PAGE).get_page(page_number)


def challenge_for(user, pk: int) -> IdeaChallenge:
    """One challenge with its owner, functions and evaluators, and whether ``user`` evaluates it (4 queries)."""
    challenge = IdeaChallenge.objects.filter(pk=pk).select_related("owner", "system_problem").first()
    if challenge is None:
        raise Http404("No such challenge.")
    challenge.function_list = list(challenge.priority_functions.order_by("name"))
    challenge.evaluator_list = list(challenge.evaluators.order_by("last_name", "first_name"))
    challenge.viewer_evaluates = any(person.pk == user.pk for person in challenge.evaluator_list)
    return challenge


def supports_of(challenge: IdeaChallenge, user) -> set[int]:
    """The ideas of the challenge that ``user`` supports (1 query)."""
    return set(IdeaSupport.objects.filter(challenge=challenge, person=user).values_list("idea_id", flat=True))


UNANSWERED = "unanswered"  # the board's filter for ideas with no official answer yet


def idea_board(challenge: IdeaChallenge, sort: str, page_number, *, answer: str = "", function: int | None = None,
               text: str = "") -> Page:
    """One page of the challenge's ideas, newest or most supported first, with their authors and how many
    comments each has (2 queries: the count and the page), filtered by official answer (``UNANSWERED`` for none
    yet), by a priority function the idea is about, and by words in its title or text."""
    ideas = Idea.objects.filter(challenge=challenge)
    if answer == UNANSWERED:
        ideas = ideas.filter(answer="")
    elif answer in IdeaAnswer.values:
        ideas = ideas.filter(answer=answer)
    if function:
        about = Idea.priority_functions.through.objects.filter(idea_id=OuterRef("pk"), priorityfunction_id=function)
        ideas = ideas.filter(Exists(about))
    for word in (text or "").split()[:8]:
        ideas = ideas.filter(Q(title__icontains=word) | Q(body__icontains=word))
    ideas = (
        ideas
        .select_related("author")
        # a subquery, not a join and GROUP BY: the page's 25 rows are counted, not the whole challenge's
        .annotate(comment_count=Coalesce(Subquery(
            IdeaComment.objects.filter(idea=OuterRef("pk")).order_by().values("idea")
            .annotate(n=Count("pk")).values("n")[:1]
        ), 0))
        .order_by(*IDEA_SORTS.get(sort, IDEA_SORTS["newest"]))
    )
    return Paginator(ideas, IDEAS_PER_PAGE).get_page(page_number)


def idea_for(pk: int) -> Idea:
    idea = (
        Idea.objects.filter(pk=pk)
        .select_related("challenge__owner", "author", "merged_into", "system_problem", "answered_by")
        .first()
    )
    if idea is None:
        raise Http404("No such idea.")
    idea.function_list = list(idea.priority_functions.order_by("number"))
    return idea


def coauthors_of(idea: Idea) -> list:
    """The idea's co-authors (at most three), in the order they were named (one query)."""
    return [row.person for row in IdeaCoAuthor.objects.filter(idea=idea).select_related("person")]


def comment_page(idea: Idea, page_number) -> Page:
    comments = IdeaComment.objects.filter(idea=idea).select_related("author").order_by("created_at", "pk")
    return Paginator(comments, COMMENTS_PER_PAGE).get_page(page_number)


def ranked_ideas(challenge: IdeaChallenge, evaluator, page_number) -> Page:
    """The challenge's ideas ranked by their mean ICE score (impact x confidence x ease, averaged over the
    evaluators who scored them; unscored last), with the mean of each part, how many scored them and the
    viewer's own ICE score (2 queries)."""
    mine = IdeaScore.objects.filter(idea=models.OuterRef("pk"), evaluator=evaluator)
    ideas = (
        Idea.objects.filter(challenge=challenge)
        .select_related("author")
        .annotate(
            mean_ice=Avg(F("scores__impact") * F("scores__confidence") * F("scores__ease")),
            mean_impact=Avg("scores__impact"),
            mean_confidence=Avg("scores__confidence"),
            mean_ease=Avg("scores__ease"),
            score_count=Count("scores"),
            my_ice=models.Subquery(mine.annotate(
                ice=F("impact") * F("confidence") * F("ease")).values("ice")[:1]),
        )
        .order_by(F("mean_ice").desc(nulls_last=True), "-support_count", "-created_at", "-pk")
    )
    return Paginator(ideas, IDEAS_PER_PAGE).get_page(page_number)


def score_of(idea: Idea, evaluator) -> IdeaScore | None:
    return IdeaScore.objects.filter(idea=idea, evaluator=evaluator).first()


def other_ideas(idea: Idea) -> list[Idea]:
    """The ideas of the same challenge another may be merged into (1 query)."""
    return list(Idea.objects.filter(challenge_id=idea.challenge_id).exclude(pk=idea.pk).order_by("title", "pk"))


EXPORT_HEADERS = ["Idea", "Author", "Submitted", "Supports", "Comments", "Mean ICE score", "Scored by",
                  "Official answer", "Reason", "Merged into", "Problem in the register"]


def export_rows(challenge: IdeaChallenge):
    """One row an idea for the challenge's CSV (1 query); the exports helper neutralises formulas."""
    ideas = (
        Idea.objects.filter(challenge=challenge)
        .select_related("author", "merged_into", "system_problem")
        .annotate(
            comment_count=Count("comments", distinct=True),
            mean_ice=Avg(F("scores__impact") * F("scores__confidence") * F("scores__ease")),
            score_count=Count("scores", distinct=True),
        )
        .order_by("-support_count", "-created_at", "-pk")
    )
    for idea in ideas:
        yield [
            idea.title, idea.author.get_full_name(), timezone.localtime(idea.created_at).date().isoformat(),
            idea.support_count, idea.comment_count,
            "" if idea.mean_ice is None else round(idea.mean_ice, 1), idea.score_count,
            idea.get_answer_display(), idea.answer_reason,
            idea.merged_into.title if idea.merged_into else "",
            idea.system_problem.title if idea.system_problem else "",
        ]


# --- task-and-finish groups -------------------------------------------------------------------------------

GROUPS_PER_PAGE = 25
GROUP_POSTS_PER_PAGE = 20


def task_group_page(community: Community, viewer, page_number) -> Page:
    """One page of the community's task-and-finish groups the person may read (every group for its leads,
    their own groups for anyone else): open ones first, soonest ending first, with how many members each has
    (2 queries: the count and the page). ``community`` comes from :func:`readable_community`."""
    groups = TaskGroup.objects.filter(community=community)
    if viewer.pk not in getattr(community, "lead_ids", set()):
        groups = groups.filter(memberships__person=viewer)
    member_count = (
        TaskGroupMember.objects.filter(group=models.OuterRef("pk"))
        .order_by().values("group").annotate(n=Count("pk")).values("n")
    )
    groups = groups.annotate(
        member_count=Coalesce(models.Subquery(member_count, output_field=IntegerField()), 0)
    ).order_by("state", "ends_on", "name", "pk")
    return Paginator(groups, GROUPS_PER_PAGE).get_page(page_number)


def readable_task_group(user, slug: str, pk: int) -> TaskGroup:
    """The group with its community and members, if the person may read it; otherwise not found (superusers
    included: only the group's members and the community's leads read a group)."""
    community = readable_community(user, slug)
    group = TaskGroup.objects.filter(community=community, pk=pk).first()
    if group is None:
        raise Http404("No such group.")
    group.community = community
    group.member_list = [
        m.person for m in group.memberships.select_related("person").order_by("person__last_name", "person__first_name")
    ]
    group.member_ids = {person.pk for person in group.member_list}
    if not rules.allowed(user, "community.read_task_group", group):
        raise Http404("No such group.")
    return group


def task_group_post_page(group: TaskGroup, page_number) -> Page:
    """One page of a group's discussion, oldest first (2 queries)."""
    posts = TaskGroupPost.objects.filter(group=group).select_related("author").order_by("created_at", "pk")
    return Paginator(posts, GROUP_POSTS_PER_PAGE).get_page(page_number)


def choosable_group_members(community: Community) -> list[Membership]:
    """The community's current members, whom its leads may put in a group (1 query)."""
    return list(
        community.memberships.filter(state=MembershipState.MEMBER, person__is_active=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


TASK_GROUP = "task_group"  # the evaluation's tie kind for two members of one task-and-finish group


def task_group_ties(start, end):
    """For the evaluation's network analysis: ``(person_a, person_b, "task_group", date)`` with
    ``person_a < person_b`` for two members of the same task-and-finish group who were both in it by the end
    of the period (start and end dates, inclusive; one query). Dated the day the later of the two was added.
    Closed groups still count: their members worked together."""
    by_group: dict[int, list[tuple[int, object]]] = defaultdict(list)
    rows = (
        TaskGroupMember.objects.filter(added_at__date__lte=end)
        .order_by("group_id", "person_id")
        .values_list("group_id", "person_id", "added_at")
    )
    for group_id, person_id, added_at in rows:
        by_group[group_id].append((person_id, timezone.localdate(added_at)))
    for members in by_group.values():
        for (a, on_a), (b, on_b) in combinations(members, 2):
            yield min(a, b), max(a, b), TASK_GROUP, max(on_a, on_b)

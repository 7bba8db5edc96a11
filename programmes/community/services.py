"""Every write in the communities: joining and leaving, discussions, moderation and the weekly digest.

Each service takes the acting person, runs in one transaction, checks permission through ``rules`` and sends
its emails after commit. Lock order: the community before its memberships; the thread before its posts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from academy import workflow
from academy.notifications.services import email_user_after_commit, notify
from academy.ui.formats import nhs_date
from programmes.community import rules, selectors
from programmes.community.models import (
    MAX_COAUTHORS,
    SUBMITTING_STAGES,
    SUPPORTING_STAGES,
    ChallengeStage,
    Community,
    Idea,
    IdeaAnswer,
    IdeaChallenge,
    IdeaCoAuthor,
    IdeaComment,
    IdeaRevision,
    IdeaScore,
    IdeaSupport,
    Membership,
    MembershipState,
    ModerationAction,
    ModerationKind,
    Post,
    PostReport,
    PostRevision,
    TaskGroup,
    TaskGroupMember,
    TaskGroupPost,
    TaskGroupState,
    Thread,
    ThreadFollow,
)
from programmes.core.models import SystemProblem
from programmes.core.services import problems as problem_services

MAX_BODY = 20_000
MAX_TITLE = 200
MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{0,59})", re.IGNORECASE)


def _require(user, perm: str, obj, message: str) -> None:
    workflow.is_system(user)  # None is refused: say who acts
    if not rules.allowed(user, perm, obj):
        raise PermissionDenied(message)


def _lock_community(community: Community) -> Community:
    return Community.objects.select_for_update().get(pk=community.pk)


def _lock_thread(thread: Thread) -> Thread:
    return Thread.objects.select_for_update().select_related("community").get(pk=thread.pk)


def thread_url(thread: Thread) -> str:
    return reverse("community:thread", args=[thread.community.slug, thread.pk])


def post_url(post: Post) -> str:
    return f"{thread_url(post.thread)}?post={post.pk}#post-{post.pk}"


# --- membership -------------------------------------------------------------------------------------------


def new_handle(community: Community, person) -> str:
    base = slugify(f"{person.first_name} {person.last_name}")[:50] or f"member-{person.pk}"
    taken = set(community.memberships.filter(handle__startswith=base).values_list("handle", flat=True))
    handle, number = base, 2
    while handle in taken:
        handle, number = f"{base}-{number}", number + 1
    return handle


def join(actor, community: Community) -> Membership:
    """Join an open community, or ask to join a closed one (its leads are told)."""
    workflow.is_system(actor)
    if not (actor and actor.is_authenticated and actor.is_active):
        raise PermissionDenied("Sign in to join a community.")
    with transaction.atomic():
        community = _lock_community(community)
        if community.is_archived:
            raise ValidationError("This community is archived: it takes no new members.")
        to_state = MembershipState.REQUESTED if community.closed else MembershipState.MEMBER
        membership = Membership.objects.filter(community=community, person=actor).first()
        if membership is None:
            membership = Membership.objects.create(
                community=community, person=actor, state=to_state, handle=new_handle(community, actor)
            )
            workflow.start(membership, actor)
        else:
            workflow.move(membership, to_state, actor)
        if to_state == MembershipState.REQUESTED:
            for lead in community.leads.filter(is_active=True):
                email_user_after_commit(
                    f"community-request:{membership.pk}:{membership.transitions.count()}:{lead.pk}",
                    "community_join_request",
                    lead,
                    {"community": community.name, "person": str(actor),
                     "path": reverse("community:requests", args=[community.slug])},
                    link=reverse("community:requests", args=[community.slug]),
                )
    return membership


def leave(actor, community: Community) -> Membership:
    """Leave a community (or withdraw a request to join a closed one)."""
    workflow.is_system(actor)
    with transaction.atomic():
        community = _lock_community(community)
        membership = Membership.objects.select_for_update().filter(community=community, person=actor).first()
        if membership is None or membership.state not in (MembershipState.MEMBER, MembershipState.REQUESTED):
            raise ValidationError("You are not a member of this community.")
        workflow.move(membership, MembershipState.LEFT, actor)
        ThreadFollow.objects.filter(person=actor, thread__community=community).delete()
    return membership


def decide_request(actor, membership: Membership, *, approve: bool) -> Membership:
    """A lead approves or declines a request to join their closed community; the person is told."""
    _require(actor, "community.moderate", membership.community, "Only the community's leads decide on requests.")
    with transaction.atomic():
        community = _lock_community(membership.community)
        membership = Membership.objects.select_for_update().get(pk=membership.pk, community=community)
        if membership.state != MembershipState.REQUESTED:
            raise ValidationError("This request has already been decided or withdrawn.")
        workflow.move(membership, MembershipState.MEMBER if approve else MembershipState.DECLINED, actor)
        email_user_after_commit(
            f"community-decision:{membership.pk}:{membership.transitions.count()}",
            "community_request_decided",
            membership.person,
            {"community": community.name, "approved": approve,
             "path": reverse("community:community", args=[community.slug])},
            link=reverse("community:community", args=[community.slug]),
        )
    return membership


# --- discussions ------------------------------------------------------------------------------------------


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter your message."})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": f"Your message must be {MAX_BODY:,} characters or fewer."})
    return body


def _mentioned(community: Community, body: str, picked: Iterable[int], author) -> list[Membership]:
    """Current members named by @handle in the text or picked from the list, the author left out."""
    handles = {match.lower() for match in MENTION.findall(body)}
    picked = {int(pk) for pk in picked}
    if not handles and not picked:
        return []
    members = community.memberships.filter(state=MembershipState.MEMBER).exclude(person=author).select_related("person")
    return [m for m in members if m.handle in handles or m.person_id in picked]


def _tell_people(post: Post, picked: Iterable[int]) -> None:
    """Mentioned members get a mention; followers of the thread (other than the author and those mentioned)
    get a reply notice. Each by their own choice of email, digest or inbox (the "communities" kind)."""
    thread = post.thread
    community = thread.community
    context = {
        "community": community.name,
        "thread": thread.title,
        "author": str(post.author),
        "body": post.body[:1000],
        "path": post_url(post),
    }
    link = post_url(post)
    mentioned = _mentioned(community, post.body, picked, post.author)
    told = set()
    for membership in mentioned:
        if not membership.person.is_active:
            continue
        email_user_after_commit(
            f"community-mention:{post.pk}:{membership.person_id}", "community_mention", membership.person, context,
            link=link,
        )
        told.add(membership.person_id)
    readers = ThreadFollow.objects.filter(thread=thread, person__is_active=True).exclude(person=post.author)
    if community.closed:
        readers = readers.filter(person__community_memberships__community=community,
                                 person__community_memberships__state=MembershipState.MEMBER)
    for follow in readers.select_related("person"):
        if follow.person_id in told:
            continue
        email_user_after_commit(
            f"community-reply:{post.pk}:{follow.person_id}", "community_reply", follow.person, context, link=link
        )


def start_thread(actor, community: Community, *, title: str, body: str, mention: Iterable[int] = ()) -> Thread:
    _require(actor, "community.post", community, "Join the community to start a discussion.")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the discussion."})
    if len(title) > MAX_TITLE:
        raise ValidationError({"title": f"The title must be {MAX_TITLE} characters or fewer."})
    body = _clean_body(body)
    with transaction.atomic():
        now = timezone.now()
        thread = Thread.objects.create(community=community, title=title, author=actor, created_at=now, last_post_at=now)
        post = Post.objects.create(thread=thread, author=actor, body=body, created_at=now)
        ThreadFollow.objects.create(thread=thread, person=actor)
        _tell_people(post, mention)
    return thread


def reply(actor, thread: Thread, *, body: str, mention: Iterable[int] = ()) -> Post:
    _require(actor, "community.post", thread.community, "Join the community to reply.")
    body = _clean_body(body)
    with transaction.atomic():
        thread = _lock_thread(thread)
        if thread.locked:
            raise ValidationError("This discussion is locked: no more replies can be added.")
        now = timezone.now()
        post = Post.objects.create(thread=thread, author=actor, body=body, created_at=now)
        thread.last_post_at = now
        thread.save(update_fields=["last_post_at"])
        ThreadFollow.objects.get_or_create(thread=thread, person=actor)
        _tell_people(post, mention)
    return post


def edit_post(actor, post: Post, *, body: str) -> Post:
    """The author changes their post; the text it had is kept as a revision."""
    workflow.is_system(actor)
    is_author = post.author_id == getattr(actor, "pk", None)
    if not is_author or not rules.allowed(actor, "community.post", post.thread.community):
        raise PermissionDenied("Only the person who wrote a post can change it.")
    body = _clean_body(body)
    with transaction.atomic():
        thread = _lock_thread(post.thread)
        post = Post.objects.select_for_update().get(pk=post.pk, thread=thread)
        if thread.locked:
            raise ValidationError("This discussion is locked: posts can no longer be changed.")
        if post.hidden:
            raise ValidationError("A community lead hid this post, so it cannot be changed.")
        if body == post.body:
            return post
        PostRevision.objects.create(post=post, body=post.body, edited_by=actor)
        post.body = body
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "edited_at"])
    return post


def follow(actor, thread: Thread) -> None:
    _require(actor, "community.read_discussions", thread.community, "You cannot follow this discussion.")
    with transaction.atomic():
        ThreadFollow.objects.get_or_create(thread=thread, person=actor)


def unfollow(actor, thread: Thread) -> None:
    workflow.is_system(actor)
    ThreadFollow.objects.filter(thread=thread, person=actor).delete()


def report_post(actor, post: Post, *, reason: str) -> PostReport:
    """Anyone who can read a post may report it to the community's leads, once."""
    _require(actor, "community.read_discussions", post.thread.community, "You cannot report this post.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say what is wrong with this post."})
    if len(reason) > 500:
        raise ValidationError({"reason": "The reason must be 500 characters or fewer."})
    community = post.thread.community
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=actor, reason=reason)
            for lead in community.leads.filter(is_active=True):
                email_user_after_commit(
                    f"community-report:{report.pk}:{lead.pk}",
                    "community_post_reported",
                    lead,
                    {"community": community.name, "thread": post.thread.title, "reason": reason,
                     "path": post_url(post)},
                    link=post_url(post),
                )
    except IntegrityError:
        raise ValidationError("You have already reported this post. The community's leads will look at it.") from None
    return report


# --- moderation -------------------------------------------------------------------------------------------


def _log(actor, kind: str, thread: Thread, post: Post | None = None, reason: str = "") -> None:
    ModerationAction.objects.create(
        community_id=thread.community_id, actor=actor, kind=kind, thread=thread, post=post, reason=reason
    )


def hide_post(actor, post: Post, *, reason: str) -> Post:
    _require(actor, "community.moderate", post.thread.community, "Only the community's leads can hide posts.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you are hiding this post: its author will see the reason."})
    if len(reason) > 500:
        raise ValidationError({"reason": "The reason must be 500 characters or fewer."})
    with transaction.atomic():
        thread = _lock_thread(post.thread)
        post = Post.objects.select_for_update().get(pk=post.pk, thread=thread)
        if post.hidden:
            raise ValidationError("This post is already hidden.")
        post.hidden, post.hidden_reason, post.hidden_by, post.hidden_at = True, reason, actor, timezone.now()
        post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
        _log(actor, ModerationKind.HIDE, thread, post, reason)
    return post


def unhide_post(actor, post: Post) -> Post:
    _require(actor, "community.moderate", post.thread.community, "Only the community's leads can show hidden posts.")
    with transaction.atomic():
        thread = _lock_thread(post.thread)
        post = Post.objects.select_for_update().get(pk=post.pk, thread=thread)
        if not post.hidden:
            raise ValidationError("This post is not hidden.")
        post.hidden, post.hidden_reason, post.hidden_by, post.hidden_at = False, "", None, None
        post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
        _log(actor, ModerationKind.UNHIDE, thread, post)
    return post


def set_locked(actor, thread: Thread, *, locked: bool) -> Thread:
    _require(actor, "community.moderate", thread.community, "Only the community's leads can lock discussions.")
    with transaction.atomic():
        thread = _lock_thread(thread)
        if thread.locked == locked:
            raise ValidationError("This discussion is already locked." if locked else "This discussion is not locked.")
        thread.locked = locked
        thread.save(update_fields=["locked"])
        _log(actor, ModerationKind.LOCK if locked else ModerationKind.UNLOCK, thread)
    return thread


def set_pinned(actor, thread: Thread, *, pinned: bool) -> Thread:
    """A lead pins a discussion (it lists first on the community's page) or unpins it."""
    _require(actor, "community.moderate", thread.community, "Only the community's leads can pin discussions.")
    with transaction.atomic():
        thread = _lock_thread(thread)
        if thread.pinned == pinned:
            raise ValidationError("This discussion is already pinned." if pinned else "This discussion is not pinned.")
        thread.pinned = pinned
        thread.save(update_fields=["pinned"])
        _log(actor, ModerationKind.PIN if pinned else ModerationKind.UNPIN, thread)
    return thread


# --- the weekly digest ------------------------------------------------------------------------------------


def digest_key(person, moment) -> str:
    year, week, _ = timezone.localtime(moment).isocalendar()
    return f"community-digest:{person.pk}:{year}-W{week:02d}"


def send_weekly_digests(now=None) -> int:
    """One email per person per ISO week (Europe/London) with what is new in their communities and the
    threads they follow over the last 7 days. Recorded under a key naming the person and the week, so
    however often beat runs, each person gets one. Returns how many were sent."""
    now = now or timezone.now()
    since = now - timezone.timedelta(days=7)
    sent = 0
    for person in selectors.digest_recipients():
        items = selectors.digest_for(person, since, now)
        if not items:
            continue
        context = {
            "first_name": person.first_name,
            "items": items,
            "since": nhs_date(since),
            "path": reverse("community:index"),
        }
        if notify(digest_key(person, now), "community_digest", person.email, context, recipient=person,
                  link=reverse("community:index")):
            sent += 1
    return sent


# --- idea challenges --------------------------------------------------------------------------------------
# Lock order: the challenge before its ideas and supports.

MAX_IDEA_BODY = 10_000


def _lock_challenge(challenge: IdeaChallenge) -> IdeaChallenge:
    return IdeaChallenge.objects.select_for_update().get(pk=challenge.pk)


def _signed_in_person(actor, message: str) -> None:
    workflow.is_system(actor)  # None is refused: say who acts
    if not (actor and getattr(actor, "is_authenticated", False) and actor.is_active):
        raise PermissionDenied(message)


def move_challenge(actor, challenge: IdeaChallenge, to_stage: str, *, note: str = "") -> IdeaChallenge:
    """The challenge owner (or the programme's admins) moves the challenge to its next stage."""
    if not workflow.is_system(actor) and not rules.allowed(actor, "community.run_challenge", challenge):
        raise PermissionDenied("Only the challenge owner or the programme's admins move a challenge on.")
    with transaction.atomic():
        challenge = _lock_challenge(challenge)
        workflow.move(challenge, to_stage, actor, note=note, update_fields=())
    return challenge


def _clean_idea(title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for your idea"
    elif len(title) > MAX_TITLE:
        errors["title"] = f"The title must be {MAX_TITLE} characters or fewer"
    if not body:
        errors["body"] = "Describe your idea"
    elif len(body) > MAX_IDEA_BODY:
        errors["body"] = f"Your idea must be {MAX_IDEA_BODY:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    return title, body


def _gathering(challenge: IdeaChallenge, today=None) -> bool:
    today = today or timezone.localdate()
    return challenge.stage in SUBMITTING_STAGES and challenge.opens_on <= today <= challenge.closes_on


def taking_ideas(challenge: IdeaChallenge) -> bool:
    """Whether the challenge takes new ideas today: gathering them, between its dates (London time)."""
    return _gathering(challenge)


def _idea_functions(challenge: IdeaChallenge, functions) -> list:
    """The priority functions an idea is about: only the challenge's own."""
    chosen = {getattr(f, "pk", f) for f in functions or ()}
    if chosen - set(challenge.priority_functions.values_list("pk", flat=True)):
        raise ValidationError({"priority_functions": "Choose from the challenge's priority functions"})
    return sorted(chosen)


def submit_idea(actor, challenge: IdeaChallenge, *, title: str, body: str, priority_functions=()) -> Idea:
    """A leader brings an idea to a challenge while it gathers them, between its dates (London time), saying
    which of the challenge's priority functions it is about (the ideas board filters by them)."""
    _signed_in_person(actor, "Sign in to submit an idea.")
    title, body = _clean_idea(title, body)
    functions = _idea_functions(challenge, priority_functions)
    with transaction.atomic():
        challenge = _lock_challenge(challenge)
        if not _gathering(challenge):
            raise ValidationError("This challenge is not taking ideas now.")
        idea = Idea.objects.create(challenge=challenge, author=actor, title=title, body=body)
        idea.priority_functions.set(functions)
        return idea


def edit_idea(actor, idea: Idea, *, title: str, body: str, priority_functions=None) -> Idea:
    """The author changes their idea while the challenge gathers ideas; the earlier text is kept."""
    workflow.is_system(actor)
    if not rules.allowed(actor, "community.edit_idea", idea):
        raise PermissionDenied("Only the idea's author can change it.")
    title, body = _clean_idea(title, body)
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        idea = Idea.objects.select_for_update().get(pk=idea.pk, challenge=challenge)
        if challenge.stage not in SUBMITTING_STAGES:
            raise ValidationError("Ideas can only be changed while the challenge is gathering them.")
        if priority_functions is not None:
            idea.priority_functions.set(_idea_functions(challenge, priority_functions))
        if (title, body) == (idea.title, idea.body):
            return idea
        IdeaRevision.objects.create(idea=idea, title=idea.title, body=idea.body, edited_by=actor)
        idea.title, idea.body, idea.edited_at = title, body, timezone.now()
        idea.save(update_fields=["title", "body", "edited_at"])
    return idea


def support_idea(actor, idea: Idea) -> IdeaSupport:
    """Support an idea. Each person has the challenge's number of supports; the challenge row is locked
    first, so two supports at the same moment are counted one after the other."""
    _signed_in_person(actor, "Sign in to support an idea.")
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        idea = Idea.objects.select_for_update().get(pk=idea.pk, challenge=challenge)
        if challenge.stage not in SUPPORTING_STAGES:
            raise ValidationError("This challenge is no longer taking supports.")
        if idea.author_id == actor.pk:
            raise ValidationError("You cannot support your own idea.")
        mine = IdeaSupport.objects.filter(challenge=challenge, person=actor)
        if mine.filter(idea=idea).exists():
            raise ValidationError("You already support this idea.")
        if mine.count() >= challenge.supports_per_person:
            raise ValidationError(
                f"You have used all {challenge.supports_per_person} of your supports in this challenge. "
                "Take one back to support this idea."
            )
        support = IdeaSupport.objects.create(challenge=challenge, idea=idea, person=actor)
        Idea.objects.filter(pk=idea.pk).update(support_count=models.F("support_count") + 1)
    return support


def withdraw_support(actor, idea: Idea) -> None:
    """Take back a support while the challenge still takes them, so it can be given to another idea."""
    _signed_in_person(actor, "Sign in to change your supports.")
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        idea = Idea.objects.select_for_update().get(pk=idea.pk, challenge=challenge)
        if challenge.stage not in SUPPORTING_STAGES:
            raise ValidationError("This challenge is no longer taking supports.")
        deleted, _ = IdeaSupport.objects.filter(idea=idea, person=actor).delete()
        if not deleted:
            raise ValidationError("You do not support this idea.")
        Idea.objects.filter(pk=idea.pk).update(support_count=models.F("support_count") - 1)


SCORE_FIELDS = ("impact", "confidence", "ease")


def score_idea(actor, idea: Idea, *, impact, confidence, ease) -> IdeaScore:
    """A named evaluator of the challenge scores an idea on impact, confidence and ease (1 to 10), while the
    challenge is evaluating ideas; scoring again replaces their score."""
    workflow.is_system(actor)
    if not rules.allowed(actor, "community.score_idea", idea):
        raise PermissionDenied("Only the challenge's named evaluators score its ideas.")
    values, errors = {}, {}
    for name, value in zip(SCORE_FIELDS, (impact, confidence, ease), strict=True):
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not 1 <= number <= 10:
            errors[name] = f"Give {name} a whole number from 1 to 10"
        values[name] = number
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        idea = Idea.objects.select_for_update().get(pk=idea.pk, challenge=challenge)
        if challenge.stage != ChallengeStage.EVALUATE:
            raise ValidationError("Ideas are scored while the challenge is evaluating them.")
        score, _ = IdeaScore.objects.update_or_create(
            idea=idea, evaluator=actor, defaults={**values, "scored_at": timezone.now()}
        )
    return score


def answer_idea(actor, idea: Idea, *, answer: str, reason: str, merged_into: Idea | None = None) -> Idea:
    """The official answer to an idea, with a reason: taken forward, merged into another idea of the same
    challenge, or not now. Given by the challenge owner (or the programme's admins) while the challenge is
    evaluating or developing ideas. An idea taken forward is linked to a problem in the register (the
    challenge's own, or a new one made through programmes.core's services), which Challenge Fund bids and
    learning sets attach to."""
    workflow.is_system(actor)
    if not rules.allowed(actor, "community.run_challenge", idea.challenge):
        raise PermissionDenied("Only the challenge owner or the programme's admins answer ideas.")
    reason = (reason or "").strip()
    errors = {}
    if answer not in IdeaAnswer.values:
        errors["answer"] = "Choose an answer"
    if not reason:
        errors["reason"] = "Give the reason for this answer"
    elif len(reason) > MAX_IDEA_BODY:
        errors["reason"] = f"The reason must be {MAX_IDEA_BODY:,} characters or fewer"
    if answer == IdeaAnswer.MERGED and merged_into is None:
        errors["merged_into"] = "Choose the idea this one is merged into"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        idea = Idea.objects.select_for_update().get(pk=idea.pk, challenge=challenge)
        if challenge.stage not in (ChallengeStage.EVALUATE, ChallengeStage.DEVELOP):
            raise ValidationError("Ideas are answered while the challenge is evaluating or developing them.")
        if idea.answer:
            raise ValidationError("This idea already has its official answer.")
        idea.merged_into = None
        if answer == IdeaAnswer.MERGED:
            if merged_into.pk == idea.pk or merged_into.challenge_id != challenge.pk:
                raise ValidationError({"merged_into": "Choose another idea of this challenge"})
            idea.merged_into = merged_into
        if answer == IdeaAnswer.TAKEN_FORWARD:
            idea.system_problem = challenge.system_problem or _new_problem(challenge, idea)
        idea.answer, idea.answer_reason = answer, reason
        idea.answered_by, idea.answered_at = actor, timezone.now()
        idea.save(update_fields=["answer", "answer_reason", "answered_by", "answered_at", "merged_into",
                                 "system_problem"])
        _tell_author_of_answer(idea, challenge)
    return idea


def _tell_author_of_answer(idea: Idea, challenge: IdeaChallenge) -> None:
    """The idea's author (and nobody else) hears the official answer once, with its reason, after commit."""
    author = idea.author
    if author is None or not author.is_active:
        return
    context = {
        "challenge": challenge.title,
        "idea": idea.title,
        "answer": idea.answer,
        "answer_label": IdeaAnswer(idea.answer).label,
        "reason": idea.answer_reason,
        "merged_into": idea.merged_into.title if idea.merged_into_id else "",
        "path": idea_url(idea),
    }
    email_user_after_commit(f"community-idea-answered:{idea.pk}", "community_idea_answered", author, context,
                            link=idea_url(idea))


def _new_problem(challenge: IdeaChallenge, idea: Idea):
    """The register's problem for an idea taken forward. The answer's permission is checked above; the
    register records the system as its maker, with the challenge owner as the problem's owner."""
    problem = problem_services.save_problem(
        workflow.SYSTEM, SystemProblem(), title=idea.title[:200],
        description=f"Taken forward from the idea challenge \"{challenge.title}\".\n\n{idea.body}",
        board=challenge.owner_body, owner=challenge.owner,
        priority_functions=list(challenge.priority_functions.all()),
    )
    return problem


# --- challenge pages: making and editing a challenge, its evaluators, comments on ideas ---------------------

MAX_COMMENT = 5_000


def challenge_url(challenge: IdeaChallenge) -> str:
    return reverse("community:challenge", args=[challenge.pk])


def idea_url(idea: Idea) -> str:
    return reverse("community:idea", args=[idea.pk])


def save_challenge(actor, challenge: IdeaChallenge | None, *, title: str, question: str, owner_body: str,
                   opens_on, closes_on, supports_per_person: int, priority_functions=(), owner=None
                   ) -> IdeaChallenge:
    """Pose a new challenge (the programme's admins), or change one (its owner or the admins). A new
    challenge starts gathering ideas, its owner being ``owner`` or the person posing it."""
    workflow.is_system(actor)
    if challenge is None:
        if not rules.allowed(actor, "community.create_challenge", None):
            raise PermissionDenied("Only the programme's admins pose a new idea challenge.")
    elif not rules.allowed(actor, "community.run_challenge", challenge):
        raise PermissionDenied("Only the challenge owner or the programme's admins change a challenge.")
    errors = {}
    title, question, owner_body = (title or "").strip(), (question or "").strip(), (owner_body or "").strip()
    if not title:
        errors["title"] = "Enter a title for the challenge"
    elif len(title) > MAX_TITLE:
        errors["title"] = f"The title must be {MAX_TITLE} characters or fewer"
    if not question:
        errors["question"] = "Describe the problem the challenge asks about"
    elif len(question) > MAX_IDEA_BODY:
        errors["question"] = f"The problem must be {MAX_IDEA_BODY:,} characters or fewer"
    if not owner_body:
        errors["owner_body"] = "Enter the board or network posing the challenge"
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = "The closing date must be the same as or after the opening date"
    if not supports_per_person or not 1 <= int(supports_per_person) <= 20:
        errors["supports_per_person"] = "Give each person from 1 to 20 supports"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        creating = challenge is None
        if creating:
            challenge = IdeaChallenge(owner=owner or actor)
        else:
            challenge = _lock_challenge(challenge)
            if owner is not None:
                challenge.owner = owner
        challenge.title, challenge.question, challenge.owner_body = title, question, owner_body
        challenge.opens_on, challenge.closes_on = opens_on, closes_on
        challenge.supports_per_person = int(supports_per_person)
        challenge.save()
        challenge.priority_functions.set(priority_functions)
        if creating:
            workflow.start(challenge, actor)
    return challenge


def set_evaluators(actor, challenge: IdeaChallenge, evaluators) -> IdeaChallenge:
    """Name the people who score the challenge's ideas (replacing those named before)."""
    workflow.is_system(actor)
    if not rules.allowed(actor, "community.run_challenge", challenge):
        raise PermissionDenied("Only the challenge owner or the programme's admins name evaluators.")
    evaluators = list(evaluators)
    if any(not person.is_active for person in evaluators):
        raise ValidationError({"evaluators": "Every evaluator must have an active account"})
    with transaction.atomic():
        challenge = _lock_challenge(challenge)
        challenge.evaluators.set(evaluators)
    return challenge


def set_coauthors(actor, idea: Idea, people) -> Idea:
    """The idea's author names up to ``MAX_COAUTHORS`` co-authors (existing, active accounts; not themselves),
    replacing those named before; until the challenge is done. Co-authors kept keep the date they were added."""
    workflow.is_system(actor)
    if not actor.is_authenticated or actor.pk != idea.author_id:
        raise PermissionDenied("Only the idea's author names its co-authors.")
    people = list(dict.fromkeys(people))
    if any(person.pk == idea.author_id for person in people):
        raise ValidationError({"coauthors": "You are the idea's author: name your colleagues only"})
    if any(not person.is_active for person in people):
        raise ValidationError({"coauthors": "Every co-author must have an active account"})
    if len(people) > MAX_COAUTHORS:
        raise ValidationError({"coauthors": f"Name {MAX_COAUTHORS} co-authors or fewer"})
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        idea = Idea.objects.select_for_update().get(pk=idea.pk, challenge=challenge)
        if challenge.stage == ChallengeStage.DONE:
            raise ValidationError("This challenge is done: its ideas' co-authors are final.")
        wanted = {person.pk for person in people}
        IdeaCoAuthor.objects.filter(idea=idea).exclude(person_id__in=wanted).delete()
        kept = set(IdeaCoAuthor.objects.filter(idea=idea).values_list("person_id", flat=True))
        IdeaCoAuthor.objects.bulk_create([IdeaCoAuthor(idea=idea, person=person) for person in people
                                          if person.pk not in kept])
    return idea


def comment_on_idea(actor, idea: Idea, *, body: str) -> IdeaComment:
    """A signed-in leader comments on an idea, until the challenge is done. Stored as typed."""
    _signed_in_person(actor, "Sign in to comment on an idea.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter your comment"})
    if len(body) > MAX_COMMENT:
        raise ValidationError({"body": f"Your comment must be {MAX_COMMENT:,} characters or fewer"})
    with transaction.atomic():
        challenge = _lock_challenge(idea.challenge)
        if challenge.stage == ChallengeStage.DONE:
            raise ValidationError("This challenge is done: its ideas take no more comments.")
        return IdeaComment.objects.create(idea=idea, author=actor, body=body)


# --- task-and-finish groups -------------------------------------------------------------------------------

MAX_GROUP_NAME = 160
MAX_GROUP_TEXT = 5_000
MAX_OUTCOME = 5_000


def task_group_url(group: TaskGroup) -> str:
    return reverse("community:group", args=[group.community.slug, group.pk])


def _clean_text(value: str, field: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter {what}."})
    if len(value) > limit:
        raise ValidationError({field: f"{what[:1].upper()}{what[1:]} must be {limit:,} characters or fewer."})
    return value


def _group_people(community: Community, people: Iterable[int]) -> list[int]:
    """The ids given, each of them a current member of the community (or one of its leads); else refused."""
    wanted = {int(pk) for pk in people}
    if not wanted:
        return []
    allowed = set(
        community.memberships.filter(person_id__in=wanted, state=MembershipState.MEMBER, person__is_active=True)
        .values_list("person_id", flat=True)
    ) | set(community.leads.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True))
    if wanted - allowed:
        raise ValidationError({"members": "Choose the group's members from the community's current members."})
    return sorted(wanted)


def create_task_group(actor, community: Community, *, name: str, objective: str, mandate: str, ends_on,
                      members: Iterable[int] = ()) -> TaskGroup:
    """A community lead sets up a task-and-finish group ending in the future, with members from the community."""
    _require(actor, "community.run_task_groups", community, "Only the community's leads set up task-and-finish groups.")
    name = _clean_text(name, "name", "a name for the group", MAX_GROUP_NAME)
    objective = _clean_text(objective, "objective", "the group's objective", MAX_GROUP_TEXT)
    mandate = _clean_text(mandate, "mandate", "the group's mandate", MAX_GROUP_TEXT)
    if ends_on is None:
        raise ValidationError({"ends_on": "Enter the date the group ends."})
    if ends_on <= timezone.localdate():
        raise ValidationError({"ends_on": "The date the group ends must be in the future."})
    with transaction.atomic():
        community = _lock_community(community)
        people = _group_people(community, members)
        group = TaskGroup.objects.create(
            community=community, name=name, objective=objective, mandate=mandate, ends_on=ends_on,
            state=TaskGroupState.OPEN, created_by=actor,
        )
        workflow.start(group, actor)
        added = TaskGroupMember.objects.bulk_create(TaskGroupMember(group=group, person_id=pk) for pk in people)
        _tell_new_group_members(group, added)
    return group


def _tell_new_group_members(group: TaskGroup, added: list[TaskGroupMember]) -> None:
    """One email to each person added to a group, after commit (keyed by the membership row: once each)."""
    if not added:
        return
    people = get_user_model().objects.in_bulk([m.person_id for m in added])
    for membership in added:
        person = people.get(membership.person_id)
        if person is None or not person.is_active:
            continue
        email_user_after_commit(
            f"community-group-member:{membership.pk}",
            "community_group_member_added",
            person,
            {"community": group.community.name, "group": group.name, "objective": group.objective,
             "ends_on": nhs_date(group.ends_on), "path": task_group_url(group)},
            link=task_group_url(group),
        )


def _lock_group(group: TaskGroup) -> TaskGroup:
    return TaskGroup.objects.select_for_update().select_related("community").get(pk=group.pk)


def set_task_group_members(actor, group: TaskGroup, members: Iterable[int]) -> TaskGroup:
    """A lead chooses who is in an open group (from the community's current members); the list replaces the
    one before. People taken off keep the posts they wrote."""
    _require(actor, "community.run_task_groups", group.community,
             "Only the community's leads choose a group's members.")
    with transaction.atomic():
        group = _lock_group(group)
        if not group.is_open:
            raise ValidationError("This group is closed: its members can no longer change.")
        people = set(_group_people(group.community, members))
        current = set(group.memberships.values_list("person_id", flat=True))
        group.memberships.filter(person_id__in=current - people).delete()
        added = TaskGroupMember.objects.bulk_create(
            TaskGroupMember(group=group, person_id=pk) for pk in sorted(people - current)
        )
        _tell_new_group_members(group, added)
    return group


def post_in_task_group(actor, group: TaskGroup, *, body: str) -> TaskGroupPost:
    """A member of an open group (or a community lead) adds to its discussion."""
    _require(actor, "community.read_task_group", group, "Only the group's members take part in its discussion.")
    body = _clean_body(body)
    with transaction.atomic():
        group = _lock_group(group)
        if not group.is_open:
            raise ValidationError("This group is closed: its discussion is kept but takes no more posts.")
        return TaskGroupPost.objects.create(group=group, author=actor, body=body)


def close_task_group(actor, group: TaskGroup, *, outcome_note: str) -> TaskGroup:
    """A lead closes a group at any time, with a short note of its outcome (required)."""
    _require(actor, "community.run_task_groups", group.community, "Only the community's leads close a group.")
    outcome_note = _clean_text(outcome_note, "outcome_note", "a short note of the group's outcome", MAX_OUTCOME)
    with transaction.atomic():
        group = _lock_group(group)
        group.outcome_note = outcome_note
        group.closed_at = timezone.now()
        workflow.move(group, TaskGroupState.CLOSED, actor, update_fields=["outcome_note", "closed_at"])
    return group

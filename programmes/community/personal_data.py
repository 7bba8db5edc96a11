"""The communities part of a person's data download: memberships, discussions started, posts (with their
earlier versions), follows, reports made, and moderation done as a lead."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.community.models import (
    CommunityEvent,
    Idea,
    IdeaChallenge,
    IdeaCoAuthor,
    IdeaComment,
    IdeaRevision,
    IdeaScore,
    IdeaSupport,
    Membership,
    ModerationAction,
    Post,
    PostReport,
    PostRevision,
    Resource,
    TaskGroup,
    TaskGroupMember,
    TaskGroupPost,
    Thread,
    ThreadFollow,
)


@register_exporter(
    "community",
    title="Communities",
    covers=[
        "community.CommunityEvent.added_by",
        "community.Membership.person",
        "community.Thread.author",
        "community.ThreadFollow.person",
        "community.Post.author",
        "community.Post.hidden_by",
        "community.PostRevision.edited_by",
        "community.PostReport.reporter",
        "community.ModerationAction.actor",
        "community.ModerationAction.person",
        "community.IdeaChallenge.owner",
        "community.Idea.author",
        "community.IdeaRevision.edited_by",
        "community.IdeaSupport.person",
        "community.IdeaCoAuthor.person",
        "community.Idea.answered_by",
        "community.IdeaScore.evaluator",
        "community.IdeaComment.author",
        "community.Resource.added_by",
        "community.TaskGroup.created_by",
        "community.TaskGroupMember.person",
        "community.TaskGroupPost.author",
    ],
)
def export(person, out: PersonalExport) -> None:
    memberships = Membership.objects.filter(person=person).order_by("created_at")
    out.table("community_memberships", rows(memberships, ["id", "community__name", "state", "handle", "created_at"]))
    out.table("community_membership_history",
              transitions_of(Membership, memberships.values_list("pk", flat=True)))
    out.table("communities_led", rows(person.communities_led.order_by("name"), ["id", "name"]))
    out.table("community_events_added",
              rows(CommunityEvent.objects.filter(added_by=person).order_by("added_at"),
                   ["community__name", "cohort__title", "added_at"]))
    out.table("community_threads_started",
              rows(Thread.objects.filter(author=person).order_by("created_at"),
                   ["id", "community__name", "title", "created_at"]))
    out.table("community_posts",
              rows(Post.objects.filter(author=person).order_by("created_at"),
                   ["id", "thread__title", "body", "created_at", "edited_at", "hidden", "hidden_reason"]))
    out.table("community_post_earlier_versions",
              rows(PostRevision.objects.filter(post__author=person).order_by("replaced_at"),
                   ["post_id", "body", "replaced_at"]))
    out.table("community_follows",
              rows(ThreadFollow.objects.filter(person=person).order_by("created_at"), ["thread__title", "created_at"]))
    out.table("community_reports_made",
              rows(PostReport.objects.filter(reporter=person).order_by("created_at"),
                   ["post_id", "reason", "created_at"]))
    out.table("community_moderation_done",
              rows(ModerationAction.objects.filter(actor=person).order_by("at"),
                   ["community__name", "kind", "thread__title", "post_id", "reason", "at"]))
    out.table("community_named_or_removed_as_lead",
              rows(ModerationAction.objects.filter(person=person).order_by("at"),
                   ["community__name", "kind", "at"]))
    out.table("idea_challenges_owned",
              rows(IdeaChallenge.objects.filter(owner=person).order_by("created_at"),
                   ["id", "title", "owner_body", "stage", "opens_on", "closes_on"]))
    out.table("idea_challenges_evaluated",
              rows(person.idea_challenges_evaluated.order_by("created_at"), ["id", "title"]))
    out.table("ideas",
              rows(Idea.objects.filter(author=person).order_by("created_at"),
                   ["id", "challenge__title", "title", "body", "created_at", "edited_at"]))
    out.table("idea_earlier_versions",
              rows(IdeaRevision.objects.filter(idea__author=person).order_by("replaced_at"),
                   ["idea_id", "title", "body", "replaced_at"]))
    out.table("ideas_coauthored",
              rows(IdeaCoAuthor.objects.filter(person=person).order_by("added_at"),
                   ["idea__title", "idea__challenge__title", "added_at"]))
    out.table("idea_supports",
              rows(IdeaSupport.objects.filter(person=person).order_by("created_at"),
                   ["idea__title", "challenge__title", "created_at"]))
    out.table("idea_scores_given",
              rows(IdeaScore.objects.filter(evaluator=person).order_by("scored_at"),
                   ["idea__title", "impact", "confidence", "ease", "scored_at"]))
    out.table("idea_answers_given",
              rows(Idea.objects.filter(answered_by=person).order_by("answered_at"),
                   ["title", "answer", "answer_reason", "answered_at"]))
    out.table("idea_comments",
              rows(IdeaComment.objects.filter(author=person).order_by("created_at"),
                   ["idea__title", "body", "created_at"]))
    out.table("community_resources_added",
              rows(Resource.objects.filter(added_by=person).order_by("created_at"),
                   ["id", "community__name", "task_group__name", "title", "description", "kind", "original_name",
                    "url", "themes", "visibility", "created_at"]))
    out.table("task_groups_set_up",
              rows(TaskGroup.objects.filter(created_by=person).order_by("created_at"),
                   ["id", "community__name", "name", "state", "ends_on", "created_at"]))
    out.table("task_group_memberships",
              rows(TaskGroupMember.objects.filter(person=person).order_by("added_at"),
                   ["group__community__name", "group__name", "added_at"]))
    out.table("task_group_posts",
              rows(TaskGroupPost.objects.filter(author=person).order_by("created_at"),
                   ["group__name", "body", "created_at"]))

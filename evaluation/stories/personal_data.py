"""The stories part of a person's data download: the stories they told and where they placed them."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from evaluation.stories.models import DyadPlacement, Story, StoryCollection, TriadPlacement


@register_exporter(
    "evaluation_stories",
    title="Stories of system leadership",
    covers=["evaluation_stories.Story.author", "evaluation_stories.StoryCollection.created_by"],
)
def export(person, out: PersonalExport) -> None:
    stories = Story.objects.filter(author=person).order_by("told_at")
    out.table("stories", rows(stories, ["id", "collection__title", "title", "text", "tone", "programme__name",
                                      "profession__name", "borough__name", "consent_to_quote", "told_at"]))
    out.table("triad_placements", rows(TriadPlacement.objects.filter(story__author=person).order_by("story_id", "pk"),
                                     ["story_id", "triad__prompt", "triad__label_a", "a", "triad__label_b", "b",
                                      "triad__label_c", "c"]))
    out.table("dyad_placements", rows(DyadPlacement.objects.filter(story__author=person).order_by("story_id", "pk"),
                                    ["story_id", "dyad__prompt", "dyad__left_label", "dyad__right_label", "value"]))
    out.table("story_collections_set_up", rows(StoryCollection.objects.filter(created_by=person).order_by("pk"),
                                             ["id", "title", "created_at"]))

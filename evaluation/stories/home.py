"""The home page's ways to stories: a leader is invited to tell a story while a collection they have not
told one in is open (one query); evaluators, programme admins and the Executive read the collections (no
query: roles are already read)."""

from django.urls import reverse

from academy.ui.home import HomeItem, register_home_panel
from evaluation.stories import selectors


@register_home_panel("Stories of system leadership", order=90, leader=True)
def teller_items(user, now) -> list[HomeItem]:
    # Leaders only: staff who take part as leaders reach the page from "Your stories" like anyone else.
    if user.has_staff_role or not user.has_perm("evaluation_stories.tell_story"):
        return []
    collection = selectors.collection_to_invite(user)
    if collection is None:
        return []
    return [HomeItem(f"Tell a story: {collection.title}", reverse("evaluation_stories:tell", args=[collection.pk]),
                     text=collection.prompt)]


@register_home_panel("Stories leaders have told", order=56)
def evaluator_items(user, now) -> list[HomeItem]:
    # Evaluators, programme admins (their own programmes) and the Executive (in aggregate); no query.
    if not user.has_perm("evaluation_stories.view_plots"):
        return []
    return [HomeItem("Read the stories leaders have told, plotted on their triads",
                     reverse("evaluation_stories:collections"))]

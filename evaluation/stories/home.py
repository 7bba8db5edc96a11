"""The home page's ways to stories: every signed-in person may tell one and see their own; evaluators read
the collections. No query: the person's roles are already read for the page."""

from django.urls import reverse

from academy.ui.home import HomeItem, register_home_panel


@register_home_panel("Your stories of system leadership", order=90, leader=True)
def teller_items(user, now) -> list[HomeItem]:
    if not user.has_perm("evaluation_stories.tell_story"):
        return []
    return [HomeItem("Tell a story of a moment of system leadership, or see your own",
                     reverse("evaluation_stories:mine"))]


@register_home_panel("Stories of system leadership", order=56)
def evaluator_items(user, now) -> list[HomeItem]:
    if not user.has_perm("evaluation_stories.analyse"):
        return []
    return [HomeItem("Read the stories leaders have told, plotted on their triads",
                     reverse("evaluation_stories:collections"))]

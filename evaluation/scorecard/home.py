"""The home page's way to the success-measures scorecard, for the ICS Executive and evaluators: beside the
investment's headline figures (governance's panel, order 50). No query: the person's roles are already read
for the page."""

from django.urls import reverse

from academy.ui.home import HomeItem, register_home_panel


@register_home_panel("Success measures", order=51)
def scorecard_items(user, now) -> list[HomeItem]:
    if not user.has_perm("evaluation_scorecard.view_scorecard"):
        return []
    return [HomeItem("See the success-measures scorecard: each measure against its target, quarter by quarter, "
                     "with the cost per leader developed", reverse("evaluation_scorecard:index"))]

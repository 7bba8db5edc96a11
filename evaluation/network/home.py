"""The home page's way to the network figures, for the people who may read them. No query: the person's
roles are already read for the page."""

from django.urls import reverse

from academy.ui.home import HomeItem, register_home_panel


@register_home_panel("The Academy's network", order=55)
def network_items(user, now) -> list[HomeItem]:
    if not user.has_perm("evaluation_network.view_network"):
        return []
    return [HomeItem("See who works with whom across boundaries, quarter by quarter",
                     reverse("evaluation_network:index"))]

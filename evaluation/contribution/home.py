"""The home page's ways to the contribution log: staff who read it see the log (no query: roles are
already read); a leader who has taken a place on a programme is invited to propose an innovation that came
of it (one query). Their proposals are on My Academy (my_academy.py)."""

from django.urls import reverse

from academy.ui.home import HomeItem, register_home_panel
from evaluation.contribution import selectors


@register_home_panel("Innovation and contribution", order=57)
def log_items(user, now) -> list[HomeItem]:
    if not user.has_perm("evaluation_contribution.view_log"):
        return []
    return [HomeItem("Read the contribution log: innovations identified, adopted and scaled",
                     reverse("evaluation_contribution:log"))]


@register_home_panel("Innovations from your work", order=92, leader=True)
def proposer_items(user, now) -> list[HomeItem]:
    if user.has_staff_role or not user.has_perm("evaluation_contribution.propose") or not selectors.took_part(user):
        return []
    return [HomeItem("Propose an innovation for the Academy's contribution log",
                     reverse("evaluation_contribution:propose"),
                     text="A new way of working, a service or a tool that came out of your work with the Academy.")]

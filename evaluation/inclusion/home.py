"""The inclusion measures' panel on the home page (see academy/ui/home.py), registered from apps.py: where
an evaluator or programme admin reads the figures, and the ICS Executive the headline. No queries beyond
the person's roles, which the page has already read."""

from __future__ import annotations

from django.urls import reverse

from academy.ui.home import HomeItem, register_home_panel
from evaluation.inclusion.rules import can_view_headline, can_view_inclusion


@register_home_panel("Evaluation", order=90)
def inclusion_items(user, now) -> list[HomeItem]:
    if can_view_inclusion(user):
        return [HomeItem("Inclusion measures", reverse("evaluation_inclusion:overview"),
                         text="Who applies, is offered a place and completes it, by ethnic group, sex, disability "
                         "and profession, against the workforce.")]
    if can_view_headline(user):
        return [HomeItem("Inclusion: headline relative likelihoods", reverse("evaluation_inclusion:headline"),
                         text="How likely each group is to be offered a place, or appointed to a role, compared "
                         "with the reference group.")]
    return []

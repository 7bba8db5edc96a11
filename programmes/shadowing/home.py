"""Shadowing's panel on the home page (see academy/ui/home.py), registered from apps.py: a shadow or a host
who owes a reflection on a visit that has happened, and a shadow whose three-month follow-up is due. One query,
and only the reader's own placements."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from academy.ui.home import HomeItem, register_home_panel
from programmes.shadowing import selectors
from programmes.shadowing.models import Side


@register_home_panel("Your shadowing", order=16, leader=True)
def shadowing_items(user, now) -> list[HomeItem]:
    if not user.is_authenticated:
        return []
    items = []
    for owed in selectors.owed_to_home(user, timezone.localdate(now)):
        placement = owed.placement
        where = f"{placement.offer.setting}, {placement.offer.organisation.name}"
        if owed.reflections_owed and owed.first_visit_id:
            if owed.side == Side.SHADOW:
                text = (f"You shadowed {placement.offer.host.get_full_name()} at {where}. Reflect on each visit "
                        "that has happened: only you can read it.")
            else:
                text = (f"{placement.shadow.get_full_name()} shadowed you at {where}. Write a short note on each "
                        "visit that has happened: only you can read it.")
            items.append(HomeItem(
                f"Shadowing visits to reflect on ({placement.offer.setting})",
                reverse("shadowing:reflection", args=[placement.pk, owed.first_visit_id]),
                count=owed.reflections_owed, text=text,
            ))
        if owed.follow_up_due:
            items.append(HomeItem(
                f"Three months on: what have you done differently? {placement.offer.setting}",
                reverse("shadowing:follow_up", args=[placement.pk]),
                text=f"Tell us what has changed since your placement at {where}.",
                deadline=placement.follow_up.due_on, deadline_label="Due",
            ))
    return items

"""The innovations a person proposed, on My Academy (see programmes/core/my_academy.py), with a link to
propose another."""

from __future__ import annotations

from django.urls import reverse

from academy.ui.formats import nhs_date
from evaluation.contribution import selectors
from programmes.core.my_academy import MyAcademySection, SectionItem, register_my_academy_section


@register_my_academy_section(order=40)
def proposed_innovations(user) -> MyAcademySection | None:
    """The person's own proposals, newest first (one query)."""
    proposals = list(selectors.own_proposals(user)[:20])
    if not proposals:
        return None
    items = [
        SectionItem(title=entry.title, url=reverse("evaluation_contribution:proposals"),
                    status=entry.get_stage_display(), tag_class=entry.stage_tag,
                    detail=f"Proposed {nhs_date(entry.created_at)}")
        for entry in proposals
    ]
    return MyAcademySection("Innovations you proposed", items, reverse("evaluation_contribution:propose"),
                            "Propose another innovation")

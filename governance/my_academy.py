"""The person's applications for leadership roles on My Academy (see programmes/core/my_academy.py)."""

from __future__ import annotations

from django.urls import reverse

from academy.ui.formats import nhs_date
from governance.recruitment.selectors import own_applications
from programmes.core.my_academy import MyAcademySection, SectionItem, register_my_academy_section


@register_my_academy_section(order=20)
def vacancy_applications(user) -> MyAcademySection | None:
    """The person's own applications to vacancies, newest first (one query)."""
    applications = own_applications(user)
    if not applications:
        return None
    items = [
        SectionItem(
            title=application.vacancy.role.title,
            url=reverse("governance:my_application", args=[application.pk]),
            status=application.display.name,
            tag_class=application.display.tag_class,
            detail=f"Applied {nhs_date(application.submitted_at)}" if application.submitted_at else "",
        )
        for application in applications
    ]
    return MyAcademySection("Your applications for leadership roles", items, reverse("governance:vacancies"),
                            "See vacancies and your applications")

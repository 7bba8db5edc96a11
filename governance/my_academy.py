"""The person's applications for leadership roles on My Academy (see programmes/core/my_academy.py)."""

from __future__ import annotations

from django.urls import reverse

from academy.ui.formats import nhs_date
from governance.meetings.selectors import attendance_rates
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


@register_my_academy_section(order=25)
def ccplg_attendance(user) -> MyAcademySection | None:
    """A C&CPLG member's own attendance over the last 12 months (three queries). Nobody else's is here:
    the co-chairs and the secretariat see everyone's on the meetings' pages."""
    rates = attendance_rates(person=user)
    if not rates:
        return None
    rate = rates[0]
    status = "No meetings yet" if rate.percent is None else f"{rate.percent}%"
    items = [SectionItem(
        title="Your attendance at C&CPLG meetings over the last 12 months", url=reverse("governance:ccplg"),
        status=status, tag_class="nhsuk-tag--blue",
        detail=f"{rate.attended} of {rate.held} meeting{'s' if rate.held != 1 else ''} held since your term began",
    )]
    return MyAcademySection("The C&CP Leadership Group", items, reverse("governance:ccplg"), "See the group's seats")

"""The quarterly name-generator survey on My Academy (see programmes/core/my_academy.py): whether the person
has answered this quarter, with a link to answer or change it (one query). Everyone signed in sees it: the
survey is for every leader."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date
from evaluation.network import selectors
from governance.investment.quarters import quarter_of
from programmes.core.my_academy import MyAcademySection, SectionItem, register_my_academy_section


@register_my_academy_section(order=45)
def name_generator(user) -> MyAcademySection | None:
    quarter = quarter_of(timezone.localdate())
    named = selectors.own_name_count(user, quarter)
    url = reverse("evaluation_network:name_generator")
    if named is None:
        item = SectionItem(title="Who did you work with across boundaries this quarter?", url=url,
                           status="Not answered yet", tag_class="nhsuk-tag--blue",
                           detail=f"Name up to 10 people by {nhs_date(quarter.end)}")
    else:
        item = SectionItem(title="Who did you work with across boundaries this quarter?", url=url,
                           status="Answered", tag_class="nhsuk-tag--green",
                           detail=f"You named {named} {'person' if named == 1 else 'people'}; you can change "
                                  f"your answer until {nhs_date(quarter.end)}")
    return MyAcademySection(f"The Academy's network: {quarter.short_label}", [item])

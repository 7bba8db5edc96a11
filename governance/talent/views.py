"""The governance secretariat's talent pool: network members who consented to the secretariat seeing
their entry, and the C&CPLG seats and leadership roles they are ready for. Every read of a page is in the
access log. Never shows equality information: only name, email, profession, organisation and the entry."""

from __future__ import annotations

from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.ui.shortcuts import home_crumb as _home
from governance.talent import selectors
from governance.talent.forms import TalentFilterForm, months_from

SHOWN_OPENINGS = 5


def _row(entry, found):
    person = entry.person
    profile = getattr(person, "profile", None)
    fits = selectors.fitting(entry, found)
    places = [b.name for b in entry.boroughs.all()] + (["ICS-wide"] if entry.ics_wide else [])
    return {
        "name": person.get_full_name() or person.email,
        "email": person.email,
        "profession": str(profile.profession) if profile else "",
        "organisation": str(profile.organisation) if profile else "",
        "aspirations": entry.aspiration_labels,
        "functions": [f.name for f in entry.functions.all()],
        "places": places,
        "readiness": entry.get_readiness_display(),
        "ready_by": entry.ready_by,
        "statement": entry.statement,
        "fits": fits[:SHOWN_OPENINGS],
        "more": max(0, len(fits) - SHOWN_OPENINGS),
    }


class TalentPoolView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_talent_pool"
    template_name = "governance/talent_pool.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        found = selectors.openings(months_from(params))
        bound = params if any(params.get(key) for key in TalentFilterForm.base_fields) else None
        form = TalentFilterForm(bound, found=found)
        filters = form.filters()
        page = selectors.talent_page(filters, found, params.get("page"))
        record_request(self.request, [entry.person_id for entry in page], "Talent pool")
        context.update(
            form=form, filters=filters, page_obj=page, openings=found,
            rows=[_row(entry, found) for entry in page], breadcrumbs=[_home()],
        )
        return context

    def render_to_response(self, context, **kwargs):
        if context["form"].is_bound and context["form"].errors:
            kwargs["status"] = 400
        return super().render_to_response(context, **kwargs)

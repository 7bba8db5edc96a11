"""The public catalogue, programmes and cohorts: anyone may browse, like a prospectus."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from academy.ui.shortcuts import home_crumb as _home
from programmes.core import selectors
from programmes.core.forms.leader import CatalogueFilterForm
from programmes.core.models import (
    Programme,
)
from programmes.core.views.base import catalogue_crumb

# --- catalogue, programmes and cohorts (public: anyone may browse) -----------------------------------




class CatalogueView(TemplateView):
    """The Academy's programmes with something open now. Public, like a prospectus."""

    template_name = "programmes/core/catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CatalogueFilterForm(self.request.GET or None)
        filters = form.filters() if self.request.GET else {}
        context.update(
            form=form,
            entries=selectors.catalogue(**filters),
            filtered=any(filters.values()),
            breadcrumbs=[_home()],
        )
        return context


class ProgrammeView(TemplateView):
    template_name = "programmes/core/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        cohorts = selectors.programme_cohorts(programme)
        groups: dict[str, list] = {}
        for cohort in cohorts:
            groups.setdefault(cohort.offer_type_label or "Cohorts", []).append(cohort)
        context.update(
            programme=programme,
            groups=groups,
            offers=selectors.programme_open_offers(programme),
            breadcrumbs=[_home(), catalogue_crumb()],
        )
        return context


class CohortView(TemplateView):
    template_name = "programmes/core/cohort.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = selectors.cohort_for_page(self.request.user, self.kwargs["pk"])
        context.update(
            cohort=cohort,
            own=selectors.own_application_for(self.request.user, cohort),
            window_open=cohort.window_open(),
            breadcrumbs=[
                _home(),
                catalogue_crumb(),
                (cohort.programme.name, reverse("programmes:programme", args=[cohort.programme.slug])),
            ],
        )
        return context

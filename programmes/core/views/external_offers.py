"""The register of other leadership development offers across south east London: public, beside the
catalogue, so leaders find the white space; programme admins keep it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.problems import ExternalOfferForm, OfferFilterForm
from programmes.core.models import ExternalOffer
from programmes.core.rules import can_manage_external_offers
from programmes.core.selectors import external_offers as offer_selectors
from programmes.core.views.base import catalogue_crumb


def offers_crumb():
    return ("Other leadership development", reverse("programmes:external_offers"))


class ExternalOffersView(TemplateView):
    """Public: the offers that are listed; programme admins also see the ones no longer listed."""

    template_name = "programmes/core/external_offers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = OfferFilterForm(self.request.GET or None)
        can_manage = can_manage_external_offers(self.request.user)
        values = form.filters() if form.is_bound else {}
        filters = selectors.OfferFilters(**values, include_inactive=can_manage)
        page = selectors.external_offers_page(filters, self.request.GET.get("page"))
        context.update(
            form=form, page_obj=page, offers=page.object_list, can_manage=can_manage,
            filtered=bool(values and any(values.values())), breadcrumbs=[_home(), catalogue_crumb()],
        )
        return context


class ExternalOfferFormView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.manage_external_offers"
    template_name = "programmes/core/external_offer_form.html"

    def instance(self) -> ExternalOffer:
        if "pk" not in self.kwargs:
            return ExternalOffer()
        if not hasattr(self, "offer"):
            self.offer = offer_selectors.external_offer(self.kwargs["pk"])
        return self.offer

    def get_form(self, data=None):
        offer = self.instance()
        if offer.pk is None:
            return ExternalOfferForm(data)
        initial = {
            "name": offer.name, "provider_kind": offer.provider_kind, "provider_name": offer.provider_name,
            "description": offer.description, "url": offer.url, "cost": offer.cost, "active": offer.active,
            "leader_groups": list(offer.leader_groups.all()), "professions": list(offer.professions.all()),
            "priority_functions": list(offer.priority_functions.all()), "boroughs": list(offer.boroughs.all()),
        }
        return ExternalOfferForm(data, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        offer = self.instance()
        context.update(
            form=form or self.get_form(), offer=offer, creating=offer.pk is None,
            breadcrumbs=[_home(), catalogue_crumb(), offers_crumb()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        offer = self.instance()
        outcome = submit(form, lambda data: services.save_external_offer(request.user, offer, **data))
        if outcome.ok:
            messages.success(request, f"Saved '{outcome.result.name}'.")
            return redirect("programmes:external_offers")
        return self.render_to_response(self.get_context_data(form=form), status=400)

"""The who's who of C&CP leadership: the signed-in page, the public page, and a holder's own entry."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance.whoswho import presenters, selectors, services
from governance.whoswho.forms import PublicSearchForm, WhosWhoEntryForm, WhosWhoSearchForm


def _crumbs():
    return [_home(), ("Who's who", reverse("governance:whoswho"))]


def _bound(form_class, params):
    """Filters come from the URL; an empty query string is an unfiltered first visit, not a form with errors."""
    return params if any(params.get(key) for key in form_class.base_fields) else None


class WhosWhoView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_whoswho"
    template_name = "governance/whoswho.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = WhosWhoSearchForm(
            _bound(WhosWhoSearchForm, params), source_url=reverse("directory:organisation_suggestions")
        )
        filters = form.filters()
        page = selectors.whoswho_page(filters, params.get("page"))
        context.update(
            form=form,
            filters=filters,
            page_obj=page,
            entries=presenters.entries(page),
            holds_posts=bool(selectors.own_posts(self.request.user)),
            breadcrumbs=[_home()],
        )
        return context


class PublicWhosWhoView(TemplateView):
    """Open to anyone: roles and seats, with holders' names only where they agreed."""

    template_name = "governance/whoswho_public.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = PublicSearchForm(_bound(PublicSearchForm, params))
        filters = form.filters()
        page = selectors.public_page(filters, params.get("page"))
        context.update(
            form=form,
            filters=filters,
            page_obj=page,
            entries=presenters.entries(page, presenters.public_entry),
            not_published=presenters.NOT_PUBLISHED,
            breadcrumbs=[_home()],
        )
        return context


class OwnEntryView(PermissionRequiredMixin, TemplateView):
    """The signed-in person's own entry: the address they publish, and their consent to the public page."""

    permission_required = "governance.edit_own_whoswho_entry"
    template_name = "governance/whoswho_entry.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if form is None:
            form = WhosWhoEntryForm(instance=selectors.own_entry(user))
        context.update(form=form, posts=selectors.own_posts(user), breadcrumbs=_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = WhosWhoEntryForm(request.POST, instance=selectors.own_entry(request.user))
        outcome = submit(
            form,
            lambda data: services.save_own_entry(
                request.user, request.user, data["contact_email"], data["public_consent"]
            ),
        )
        if outcome.ok:
            messages.success(request, "Your who's who entry has been saved.")
            return redirect("governance:whoswho_entry")
        return self.render_to_response(self.get_context_data(form=form), status=400)

"""Programme admins: the list of what they run, and creating or changing a programme."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.admin import ProgrammeForm
from programmes.core.models import (
    Programme,
)
from programmes.core.views.base import admin_home_crumb

# --- programme admins (only for the programmes they administer) ---------------------------------------




class AdminCohortsView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.administer"
    template_name = "programmes/core/admin_cohorts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cohorts=selectors.administered_cohorts(self.request.user), breadcrumbs=[_home()])
        # programme admins create programmes
        context["programmes"] = selectors.administered_programmes(self.request.user)
        return context




# --- programme admins create programmes -------------------------------------------------------------


class ProgrammeFormView(PermissionRequiredMixin, TemplateView):
    """Create a programme (any Programme admin; they become its admin) or change one they run."""

    template_name = "programmes/core/programme_form.html"

    def get_permission_required(self):
        return ["programmes.manage_cohort"] if "slug" in self.kwargs else ["programmes.administer"]

    def get_permission_object(self):
        if "slug" not in self.kwargs:
            return None
        if not hasattr(self, "programme"):
            self.programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return self.programme

    def get_form(self, data=None):
        return ProgrammeForm(data, instance=getattr(self, "programme", None) or Programme())

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, creating=form.instance.pk is None, breadcrumbs=[_home(), admin_home_crumb()])
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(
            form,
            lambda data: services.save_programme(
                request.user, form.instance, data, target_groups=data["target_groups"]
            ),
        )
        if outcome.ok:
            messages.success(
                request,
                f"Saved {outcome.result.name}. It appears in the catalogue once it has a published cohort open "
                "for applications or bookings.",
            )
            return redirect("programmes:admin_cohorts")
        return self.render_to_response(self.get_context_data(form=form), status=400)

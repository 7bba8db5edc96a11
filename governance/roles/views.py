"""The paid and protected leadership roles' pages."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance import history
from governance.models import LeadershipRole, RoleType
from governance.roles import selectors, services
from governance.roles.forms import LeadershipRoleForm, RoleFilterForm


def _roles_crumbs():
    return [_home(), ("Leadership roles", reverse("governance:roles"))]


class RoleListView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_roles"
    template_name = "governance/roles.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = RoleFilterForm(params if any(params.get(key) for key in RoleFilterForm.base_fields) else None)
        filters = form.filters()
        page, totals = selectors.roles_page(filters, params.get("page"))
        context.update(
            form=form, filter_form=form, page_obj=page, totals=totals, breadcrumbs=[_home()],
            can_manage=self.request.user.has_perm("governance.manage_roles"),
        )
        # The filter form never has errors worth a summary: an unknown choice just shows every role.
        context["form"] = None
        return context


class RoleEditView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_roles"
    template_name = "governance/role_edit.html"

    def get_role(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(LeadershipRole.objects.select_related("holder"), pk=self.kwargs["pk"])

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if form is None:
            form = LeadershipRoleForm(initial=LeadershipRoleForm.initial_for(self.role) if self.role else None)
        context.update(
            form=form, role=self.role, breadcrumbs=_roles_crumbs(), has_rates=RoleType.objects.exists(),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.role = self.get_role()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.role = self.get_role()
        form = LeadershipRoleForm(request.POST)
        outcome = submit(
            form,
            lambda data: services.save_role(request.user, self.role, form.service_data(), data["structures"]),
        )
        if outcome.ok:
            messages.success(request, f"{outcome.result} has been {'saved' if self.role else 'added'}.")
            return redirect("governance:roles")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RoleHistoryView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_roles"
    template_name = "governance/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, entries = history.history_page(
            LeadershipRole, selectors.ROLE_HISTORY_FIELDS, selectors.ROLE_HISTORY_LABELS,
            self.request.GET.get("page"), select_related=selectors.ROLE_RELATED,
        )
        context.update(
            title="History of changes: leadership roles", page_obj=page, entries=entries, item_label="Role",
            breadcrumbs=_roles_crumbs(),
        )
        return context

"""Role management pages for superusers and the governance secretariat."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.accounts import selectors, services
from academy.accounts.forms import GrantRoleForm
from academy.accounts.middleware import SESSION_LAST_SEEN, absolute_seconds_left, idle_seconds_left
from academy.accounts.models import ROLE_DESCRIPTIONS, Role, RoleAssignment, User


def _home_crumbs():
    return [("Home", reverse("ui:home"))]


class RolesView(PermissionRequiredMixin, TemplateView):
    permission_required = "accounts.manage_roles"
    template_name = "accounts/roles.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or GrantRoleForm(),
            assignments=selectors.current_assignments(),
            role_descriptions=[(Role(code).label, text) for code, text in ROLE_DESCRIPTIONS.items()],
            breadcrumbs=_home_crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = GrantRoleForm(request.POST)
        if form.is_valid():
            user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            if user is None:
                form.add_error(
                    "email",
                    "There is no account with this email address. Ask the person to create an account first, "
                    "then grant the role.",
                )
            else:
                try:
                    services.grant_role(
                        request.user, user, form.cleaned_data["role"], programme=form.cleaned_data["programme"]
                    )
                except ValidationError as exc:
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    messages.success(request, f"{user} is now {Role(form.cleaned_data['role']).label}.")
                    return redirect("accounts:roles")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RemoveRoleView(PermissionRequiredMixin, TemplateView):
    permission_required = "accounts.manage_roles"
    template_name = "accounts/role_remove.html"

    def get_assignment(self) -> RoleAssignment:
        return get_object_or_404(
            RoleAssignment.objects.select_related("user", "programme"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assignment"] = self.get_assignment()
        context["breadcrumbs"] = [*_home_crumbs(), ("Roles", reverse("accounts:roles"))]
        return context

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        label = str(assignment)
        person = assignment.user
        try:
            services.revoke_role(request.user, assignment)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts:roles")
        messages.success(request, f"{person} no longer has the role {label}.")
        return redirect("accounts:roles")


class RoleHistoryView(PermissionRequiredMixin, TemplateView):
    permission_required = "accounts.manage_roles"
    template_name = "accounts/role_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = selectors.role_history_page(self.request.GET.get("page"))
        context["breadcrumbs"] = [*_home_crumbs(), ("Roles", reverse("accounts:roles"))]
        return context


class ExtendSessionView(LoginRequiredMixin, View):
    """"Stay signed in" in the idle-timeout warning: a POST (CSRF-protected like every POST) that counts as
    activity, so staff are not signed out while they read or type. Answers how many seconds are left
    (``remaining``: never past the 12-hour sign-out, which nothing puts off) and how many before that
    sign-out (``ends_in``)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        request.session[SESSION_LAST_SEEN] = int(time.time())
        ends_in = absolute_seconds_left(request)
        idle = idle_seconds_left(request)
        remaining = ends_in if idle is None else min(idle, ends_in)
        return JsonResponse({"remaining": remaining, "ends_in": ends_in})

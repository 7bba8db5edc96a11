"""The NHSEI Design Framework self-assessment's pages."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance.framework import selectors, services
from governance.framework.forms import FrameworkPointForm
from governance.models import FrameworkPoint


def _framework_crumbs():
    return [_home(), ("Governance", reverse("governance:reference")),
            ("NHSEI Design Framework self-assessment", reverse("governance:framework"))]


class FrameworkView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_framework"
    template_name = "governance/framework.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            points=selectors.framework_points(), summary=selectors.framework_summary(),
            today=timezone.localdate(), breadcrumbs=_framework_crumbs()[:2],
            can_manage=self.request.user.has_perm("governance.manage_framework"),
        )
        return context


class FrameworkPointMixin:
    def get_point(self) -> FrameworkPoint:
        return get_object_or_404(FrameworkPoint.objects.select_related("owner"), number=self.kwargs["number"])


class FrameworkPointView(PermissionRequiredMixin, FrameworkPointMixin, TemplateView):
    """One point: its assessment, and every change to it (who changed the rating, when, from what to what)."""

    permission_required = "governance.view_framework"
    template_name = "governance/framework_point.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        point = self.get_point()
        context.update(
            point=point, history=selectors.framework_point_history(point), today=timezone.localdate(),
            breadcrumbs=_framework_crumbs(), can_manage=self.request.user.has_perm("governance.manage_framework"),
        )
        return context


class FrameworkPointEditView(PermissionRequiredMixin, FrameworkPointMixin, TemplateView):
    permission_required = "governance.manage_framework"
    template_name = "governance/framework_point_edit.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            point=self.point, form=form or FrameworkPointForm(initial=FrameworkPointForm.initial_for(self.point)),
            breadcrumbs=_framework_crumbs()
            + [(f"Point {self.point.number}", reverse("governance:framework_point", args=[self.point.number]))],
        )
        return context

    def get(self, request, *args, **kwargs):
        self.point = self.get_point()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.point = self.get_point()
        form = FrameworkPointForm(request.POST)
        outcome = submit(
            form,
            lambda data: services.assess_framework_point(
                request.user, self.point, rag=data["rag"], position=data["position"], evidence=data["evidence"],
                owner=form.owner, review_date=data["review_date"],
            ),
        )
        if outcome.ok:
            messages.success(request, f"Point {self.point.number} has been saved.")
            return redirect("governance:framework_point", self.point.number)
        return self.render_to_response(self.get_context_data(form=form), status=400)

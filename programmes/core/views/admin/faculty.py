"""Programme admins: a cohort's faculty and coaches."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.admin import FacultyForm
from programmes.core.models import (
    CohortFaculty,
)
from programmes.core.views.base import CohortObjectMixin, cohort_admin_crumbs


class CohortFacultyView(CohortObjectMixin, TemplateView):
    """The cohort's faculty and coaches as portal users: add one by their account's email address."""

    template_name = "programmes/core/cohort_faculty.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            faculty=selectors.cohort_faculty(self.cohort),
            form=form or FacultyForm(),
            breadcrumbs=cohort_admin_crumbs(self.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = FacultyForm(request.POST)
        outcome = submit(
            form, lambda data: services.add_faculty(request.user, self.cohort, data["email"], data["role"])
        )
        if outcome.ok:
            member = outcome.result
            role = member.get_role_display().lower()
            messages.success(request, f"{member.user.get_full_name()} added as {role} of {self.cohort.title}.")
            return redirect("programmes:cohort_manage", pk=self.cohort.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class FacultyRemoveView(PermissionRequiredMixin, ConfirmActionView):
    """Confirm, then stop someone being faculty or a coach of a cohort (the history keeps that they were)."""

    permission_required = "programmes.manage_cohort"
    button = "Remove them"
    warning = True
    cancel_label = "Go back to the cohort"

    def get_permission_object(self):
        if not hasattr(self, "member"):
            self.member = get_object_or_404(
                CohortFaculty.objects.select_related("cohort__programme", "user"), pk=self.kwargs["pk"]
            )
        return self.member.cohort

    def get_object(self):
        return self.member

    @property
    def title(self):
        return f"Remove {self.member.user.get_full_name()} as {self.member.get_role_display().lower()}"

    @property
    def caption(self):
        return self.member.cohort.title

    def paragraphs(self):
        role = self.member.get_role_display().lower()
        return [
            "They will no longer see the reflections this cohort's participants share, nor be able to reply. "
            f"The record that they were {role} is kept."
        ]

    def perform(self):
        cohort, name = self.member.cohort, self.member.user.get_full_name()
        services.remove_faculty(self.request.user, self.member)
        return cohort, name

    def success_message(self, result):
        cohort, name = result
        return f"{name} is no longer faculty or a coach of {cohort.title}."

    def success_url(self, result):
        return reverse("programmes:cohort_manage", args=[self.member.cohort_id])

    def breadcrumbs(self):
        return cohort_admin_crumbs(self.member.cohort)

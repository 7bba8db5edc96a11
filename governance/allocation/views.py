"""The allocation model's pages: the gap between the model and the roles running (the secretariat and the
ICS Executive, with CSV and XLSX), and the model itself, which the secretariat keeps (add, change, retire,
add a care pathway programme, history)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance import history
from governance.allocation import presenters, selectors, services
from governance.allocation.forms import ExpectedRoleForm, GapFilterForm, ProgrammeForm
from governance.models import ExpectedRole, RoleType


def _gap_crumbs():
    return [_home(), ("The allocation model against reality", reverse("governance:allocation_gap"))]


def _model_crumbs():
    return [*_gap_crumbs(), ("The allocation model", reverse("governance:allocation_model"))]


class GapView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_allocation"
    template_name = "governance/allocation/gap.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = GapFilterForm(params if any(params.get(key) for key in GapFilterForm.base_fields) else None)
        filters = form.filters()
        gap = selectors.gap_analysis(**filters)
        query = "&".join(f"{key}={params.get(key)}" for key in GapFilterForm.base_fields if params.get(key))
        context.update(
            gap=gap,
            groups=presenters.gap_groups(gap),
            checks=presenters.checks(gap),
            representation=presenters.representation(gap),
            filter_form=form,
            filtered=bool(filters),
            export_query=f"?{query}" if query else "",
            breadcrumbs=[_home()],
            can_manage=self.request.user.has_perm("governance.manage_allocation"),
        )
        return context


class GapExportView(PermissionRequiredMixin, View):
    permission_required = "governance.view_allocation"
    fmt = "csv"

    def get(self, request, *args, **kwargs):
        form = GapFilterForm(request.GET if any(request.GET.get(k) for k in GapFilterForm.base_fields) else None)
        gap = selectors.gap_analysis(representation=False, **form.filters())
        return export_response(
            self.fmt,
            f"ccp-allocation-gap-{timezone.localdate().isoformat()}",
            selectors.GAP_HEADER,
            selectors.gap_rows(gap),
        )


class ModelView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_allocation"
    template_name = "governance/allocation/model.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        include_retired = self.request.GET.get("retired") == "include"
        context.update(
            page_obj=selectors.model_page(self.request.GET.get("page"), include_retired=include_retired),
            include_retired=include_retired,
            breadcrumbs=_gap_crumbs(),
            can_manage=self.request.user.has_perm("governance.manage_allocation"),
        )
        return context


class ExpectedRoleEditView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_allocation"
    template_name = "governance/allocation/edit.html"

    def get_expected(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(ExpectedRole.objects.filter(retired_on__isnull=True), pk=self.kwargs["pk"])

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if form is None:
            initial = ExpectedRoleForm.initial_for(self.expected) if self.expected else None
            form = ExpectedRoleForm(initial=initial)
        context.update(
            form=form, expected=self.expected, breadcrumbs=_model_crumbs(), has_rates=RoleType.objects.exists()
        )
        return context

    def get(self, request, *args, **kwargs):
        self.expected = self.get_expected()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.expected = self.get_expected()
        form = ExpectedRoleForm(request.POST)
        outcome = submit(
            form, lambda data: services.save_expected_role(request.user, self.expected, form.service_data())
        )
        if outcome.ok:
            messages.success(request, f"{outcome.result} has been {'saved' if self.expected else 'added'}.")
            return redirect("governance:allocation_model")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ExpectedRoleRetireView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "governance.manage_allocation"
    button = "Retire the expected role"
    warning = True
    cancel_label = "Cancel and go back to the allocation model"

    def get_permission_object(self):
        return None  # the permission is not about one object (see governance/ccplg/views.py)

    def get_object(self) -> ExpectedRole:
        return get_object_or_404(
            ExpectedRole.objects.filter(retired_on__isnull=True).select_related(*selectors.EXPECTED_RELATED),
            pk=self.kwargs["pk"],
        )

    @property
    def title(self) -> str:
        return f"Retire {self.object}?"

    def summary(self):
        expected = self.object
        return [
            ("Priority function", f"{expected.function.number}. {expected.function}"),
            ("Where", f"{expected.get_spatial_level_display()}: {expected.body}"),
            ("Expected WTE", str(expected.expected_wte)),
        ]

    def paragraphs(self):
        return [
            "The model will no longer expect this role from today, so it leaves the gap analysis. Its history "
            "keeps what it was and who retired it. You can add it again later."
        ]

    def breadcrumbs(self):
        return _model_crumbs()

    def cancel_url(self):
        return reverse("governance:allocation_model")

    def perform(self):
        return services.retire_expected_role(self.request.user, self.object)

    def success_message(self, result):
        return f"{result} has been retired from the model."

    def success_url(self, result):
        return reverse("governance:allocation_model")


class ProgrammeAddView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_allocation"
    template_name = "governance/allocation/programme_add.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or ProgrammeForm(), breadcrumbs=_model_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = ProgrammeForm(request.POST)
        outcome = submit(form, lambda data: services.add_programme(request.user, data["name"], data["role_type"]))
        if outcome.ok:
            messages.success(request, f"The {outcome.result} programme and its expected roles have been added.")
            return redirect("governance:allocation_model")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ModelHistoryView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_allocation"
    template_name = "governance/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, entries = history.history_page(
            ExpectedRole,
            selectors.EXPECTED_HISTORY_FIELDS,
            selectors.EXPECTED_HISTORY_LABELS,
            self.request.GET.get("page"),
            select_related=selectors.EXPECTED_RELATED,
        )
        context.update(
            title="History of changes: the allocation model",
            page_obj=page,
            entries=entries,
            item_label="Expected role",
            breadcrumbs=_model_crumbs(),
        )
        return context

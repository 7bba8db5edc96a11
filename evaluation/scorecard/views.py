"""The scorecard page (evaluators, the ICS Executive) and the evaluator's form for a value."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.services import start_report
from academy.ui.shortcuts import home_crumb, submit
from evaluation.scorecard import presenters, selectors, services
from evaluation.scorecard.forms import IndicatorValueForm
from evaluation.scorecard.indicators import BY_KEY
from evaluation.scorecard.reports import EVALUATION_REPORT


def _crumbs():
    return [home_crumb(), ("Scorecard", reverse("evaluation_scorecard:index"))]


class ScorecardView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_scorecard.view_scorecard"
    template_name = "evaluation_scorecard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        quarters = services.recordable_quarters(today, selectors.SCORECARD_QUARTERS)[::-1]
        rows = presenters.scorecard_rows(selectors.scorecard(quarters, today))
        spend, developed = selectors.cost_per_leader(quarters, today)
        context.update(
            quarters=quarters, rows=rows, breadcrumbs=[home_crumb()],
            spend=presenters.money(spend), developed=developed,
            spend_period=f"{quarters[0].short_label} to {quarters[-1].short_label}",
            cost_per_leader=presenters.cost_per_leader(spend, developed),
            may_record=self.request.user.has_perm("evaluation_scorecard.record_value"),
            report_quarters=services.recordable_quarters(today),
        )
        return context


class RecordValueView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_scorecard.record_value"
    template_name = "evaluation_scorecard/record.html"

    def get_form(self, data=None):
        quarters = services.recordable_quarters(timezone.localdate())
        return IndicatorValueForm(data, quarters=quarters)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), breadcrumbs=_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(form, lambda data: services.record_value(request.user, **form.service_data()))
        if outcome.ok:
            row = outcome.result
            messages.success(request, f"The value for “{BY_KEY[row.indicator].name}” has been recorded.")
            return redirect("evaluation_scorecard:index")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReportView(PermissionRequiredMixin, View):
    """Starts the quarter's evaluation report (PDF) in the background, then shows the job's progress page."""

    permission_required = "evaluation_scorecard.view_scorecard"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        key = request.POST.get("quarter", "")
        quarters = services.recordable_quarters(timezone.localdate())
        quarter = next((q for q in quarters if q.key == key), quarters[0])
        job = start_report(request.user, EVALUATION_REPORT, {"quarter": quarter.key})
        return redirect("reports:job", pk=job.pk)

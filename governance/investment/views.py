"""The ICS Executive's investment dashboard (with its CSV and board pack) and the Academy's spend by
programme."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.reports.services import start_report
from academy.ui.context_processors import user_has_perm
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance import history, presenters
from governance.allocation import presenters as allocation_presenters
from governance.allocation import selectors as allocation
from governance.investment import selectors, services
from governance.investment.dashboard import TABLES, csv_rows, investment_dashboard
from governance.investment.forms import ProgrammeSpendForm
from governance.investment.quarters import Quarter, past_quarters, quarter_of
from governance.investment.reports import BOARD_PACK
from governance.models import ProgrammeSpend

SPEND_HISTORY_FIELDS = ("programme", "year", "quarter", "amount", "description")
SPEND_HISTORY_LABELS = {"programme": "Programme", "year": "Year", "quarter": "Quarter", "amount": "Amount (£)",
                        "description": "What it was spent on"}


def _chosen_quarter(request):
    """The past quarter asked for (``?quarter=2026-q2``), or None for today. Anything else is today."""
    key = request.GET.get("quarter", "")
    quarters = past_quarters(timezone.localdate())
    return next((quarter for quarter in quarters if quarter.key == key), None), quarters


class DashboardView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_dashboard"
    template_name = "governance/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarter, quarters = _chosen_quarter(self.request)
        board = investment_dashboard(quarter)
        context.update(
            dashboard=board, headlines=presenters.headlines(board), charts=presenters.trend_charts(board),
            by_function=presenters.function_ratings(board), quarters=quarters, chosen=quarter, tables=TABLES,
            quarter_query=f"&quarter={quarter.key}" if quarter else "", breadcrumbs=[_home()],
            can_record_spend=user_has_perm(self.request.user, "governance.manage_spend"),
        )
        if quarter is None:  # the allocation model's summary is today's
            gap = allocation.gap_analysis(representation=False)
            context.update(allocation_gap=gap, allocation_checks=allocation_presenters.checks(gap))
        return context


class BoardPackView(PermissionRequiredMixin, View):
    """Starts the board pack (PDF) for the quarter shown on the dashboard, then shows the job's page."""

    permission_required = "governance.view_dashboard"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        key = request.POST.get("quarter", "")
        quarter = next((q for q in past_quarters(timezone.localdate()) if q.key == key), None)
        job = start_report(request.user, BOARD_PACK, {"quarter": quarter.key if quarter else ""})
        return redirect("reports:job", pk=job.pk)


class DashboardCsvView(PermissionRequiredMixin, View):
    permission_required = "governance.view_dashboard"

    def get(self, request, *args, **kwargs):
        table = request.GET.get("table", "")
        if table not in TABLES:
            raise Http404("No such table")
        quarter, _ = _chosen_quarter(request)
        header, rows = csv_rows(investment_dashboard(quarter), table)
        when = quarter.key if quarter else timezone.localdate().isoformat()
        return export_response("csv", f"ccp-leadership-investment-{table}-{when}", header, rows)


def _spend_crumbs():
    return [_home(), ("Investment in C&CP leadership", reverse("governance:dashboard")),
            ("The Academy's spend", reverse("governance:spend"))]


def _spend_quarters(today, extra=None) -> list:
    """The quarter so far and the eight before it, newest first (and a record's own quarter if older)."""
    quarters = [quarter_of(today), *past_quarters(today)]
    if extra is not None and extra not in quarters:
        quarters.append(extra)
    return quarters


class SpendListView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_dashboard"
    template_name = "governance/spend.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_obj=selectors.spend_page(self.request.GET.get("page")), breadcrumbs=_spend_crumbs()[:2],
            can_manage=self.request.user.has_perm("governance.manage_spend"),
            can_see_history=self.request.user.has_perm("governance.view_history"),
        )
        return context


class SpendEditView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_spend"
    template_name = "governance/spend_edit.html"

    def get_spend(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(ProgrammeSpend.objects.select_related("programme"), pk=self.kwargs["pk"])

    def get_form(self, data=None):
        spend, initial = self.spend, None
        own = Quarter(spend.year, spend.quarter) if spend else None
        if spend is not None:
            initial = {"programme": spend.programme_id, "quarter": own.key, "amount": spend.amount,
                       "description": spend.description}
        return ProgrammeSpendForm(data, initial=initial, quarters=_spend_quarters(timezone.localdate(), own))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), spend=self.spend, breadcrumbs=_spend_crumbs())
        return context

    def get(self, request, *args, **kwargs):
        self.spend = self.get_spend()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.spend = self.get_spend()
        form = self.get_form(request.POST)
        outcome = submit(
            form, lambda data: services.record_spend(request.user, self.spend, form.service_data())
        )
        if outcome.ok:
            verb = "corrected" if self.spend else "recorded"
            messages.success(request, f"Spend on {outcome.result.programme} has been {verb}.")
            return redirect("governance:spend")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SpendHistoryView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_history"
    template_name = "governance/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, entries = history.history_page(
            ProgrammeSpend, SPEND_HISTORY_FIELDS, SPEND_HISTORY_LABELS, self.request.GET.get("page"),
            select_related=("programme",),
        )
        context.update(
            title="History of changes: the Academy's spend", page_obj=page, entries=entries, item_label="Spend",
            breadcrumbs=_spend_crumbs(),
        )
        return context

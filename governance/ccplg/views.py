"""The C&CPLG's pages: its seats, who holds them, their history and the group's make-up."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance import history
from governance.ccplg import selectors, services
from governance.ccplg.forms import SeatForm
from governance.models import Seat

SEAT_HISTORY_FIELDS = ("holder", "term_starts", "term_ends")
SEAT_HISTORY_LABELS = {"holder": "Holder", "term_starts": "Term starts", "term_ends": "Term ends"}


def _ccplg_crumbs():
    return [_home(), ("C&CP Leadership Group", reverse("governance:ccplg"))]


class CcplgView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_ccplg"
    template_name = "governance/ccplg.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            overview=selectors.ccplg_overview(), breadcrumbs=[_home()],
            can_manage=self.request.user.has_perm("governance.manage_ccplg"),
            can_see_history=self.request.user.has_perm("governance.view_history"),
        )
        return context


class SeatEditView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_ccplg"
    template_name = "governance/seat_edit.html"

    def get_seat(self) -> Seat:
        return get_object_or_404(Seat.objects.select_related("capability", "holder"), pk=self.kwargs["pk"])

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        seat = self.seat
        if form is None:
            initial = {}
            if seat.holder_id:
                initial = {"holder_email": seat.holder.email, "term_starts": seat.term_starts,
                           "term_ends": seat.term_ends}
            form = SeatForm(initial=initial)
        context.update(seat=seat, form=form, breadcrumbs=_ccplg_crumbs())
        return context

    def get(self, request, *args, **kwargs):
        self.seat = self.get_seat()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.seat = self.get_seat()
        form = SeatForm(request.POST)
        outcome = submit(
            form,
            lambda data: services.assign_seat(
                request.user, self.seat, form.holder, data["term_starts"], data["term_ends"]
            ),
        )
        if outcome.ok:
            messages.success(request, f"{self.seat} is now held by {form.holder}.")
            return redirect("governance:ccplg")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SeatVacateView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "governance.manage_ccplg"
    button = "Make the seat vacant"
    warning = True
    cancel_label = "Cancel and go back to the C&CP Leadership Group"

    def get_permission_object(self):
        # The permission is not about one object: without this, the rules mixin would call get_object()
        # before checking it, as anyone (even someone signed out).
        return None

    def get_object(self) -> Seat:
        return get_object_or_404(Seat.objects.select_related("capability", "holder"), pk=self.kwargs["pk"])

    @property
    def title(self) -> str:
        return f"Make {self.object.title} vacant?"

    def summary(self):
        seat = self.object
        if seat.holder_id is None:
            return []
        return [("Held by", str(seat.holder)),
                ("Term of office", f"{nhs_date(seat.term_starts)} to {nhs_date(seat.term_ends)}")]

    def paragraphs(self):
        return ["Do this when the holder steps down or their term has ended. The seat's history keeps who held it "
                "and when."]

    def breadcrumbs(self):
        return _ccplg_crumbs()

    def get(self, request, *args, **kwargs):
        if self.object.holder_id is None:
            messages.info(request, f"{self.object} is already vacant.")
            return redirect("governance:ccplg")
        return super().get(request, *args, **kwargs)

    def perform(self):
        return services.vacate_seat(self.request.user, self.object)

    def success_message(self, result):
        return f"{result} is now vacant."

    def success_url(self, result):
        return reverse("governance:ccplg")


class SeatHistoryView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_history"
    template_name = "governance/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page, entries = history.history_page(
            Seat, SEAT_HISTORY_FIELDS, SEAT_HISTORY_LABELS, self.request.GET.get("page"),
            select_related=("holder",),
        )
        context.update(
            title="History of changes: C&CPLG seats", page_obj=page, entries=entries, item_label="Seat",
            breadcrumbs=_ccplg_crumbs(),
        )
        return context


class CcplgMakeupView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_ccplg"
    template_name = "governance/ccplg_makeup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people, tables = selectors.ccplg_makeup()
        context.update(people=people, tables=tables, threshold=5, breadcrumbs=_ccplg_crumbs())
        return context


class CcplgMakeupCsvView(PermissionRequiredMixin, View):
    permission_required = "governance.view_ccplg"

    def get(self, request, *args, **kwargs):
        _, tables = selectors.ccplg_makeup()
        rows = []
        for makeup in tables:
            rows.extend([makeup.title, cell.label, cell.display] for cell in makeup.table)
            rows.append([makeup.title, "Total", makeup.table.total_display])
        return export_response(
            "csv", "ccplg-make-up", ["By", "Group", "Number of seat holders"], rows
        )

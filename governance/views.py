"""Governance pages: reference data and the C&CPLG. Views parse, call a service or selector, render."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.ui.context_processors import user_has_perm
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance import history
from governance.ccplg import selectors as ccplg_selectors
from governance.ccplg import services as ccplg_services
from governance.ccplg.forms import SeatForm
from governance.dashboard import TABLES, Quarter, csv_rows, investment_dashboard, past_quarters, quarter_of
from governance.framework import selectors as framework_selectors
from governance.framework import services as framework_services
from governance.framework.forms import FrameworkPointForm
from governance.investment import selectors as investment_selectors
from governance.investment import services as investment_services
from governance.investment.forms import ProgrammeSpendForm
from governance.meetings import selectors as meetings_selectors
from governance.meetings import services as meetings_services
from governance.meetings.forms import ActionForm, AgendaItemForm, AttendanceForm, MeetingForm
from governance.models import (
    Action,
    AgendaItem,
    FrameworkPoint,
    LeadershipRole,
    Meeting,
    ProgrammeSpend,
    RoleType,
    Seat,
    SpatialLevelDefinition,
)
from governance.reference import selectors as reference_selectors
from governance.reference import services as reference_services
from governance.reference.forms import reference_form_class
from governance.reference.kinds import KINDS, get_kind
from governance.roles import selectors as roles_selectors
from governance.roles import services as roles_services
from governance.roles.forms import LeadershipRoleForm, RoleFilterForm

SEAT_HISTORY_FIELDS = ("holder", "term_starts", "term_ends")
SEAT_HISTORY_LABELS = {"holder": "Holder", "term_starts": "Term starts", "term_ends": "Term ends"}
SPEND_HISTORY_FIELDS = ("programme", "year", "quarter", "amount", "description")
SPEND_HISTORY_LABELS = {"programme": "Programme", "year": "Year", "quarter": "Quarter", "amount": "Amount (£)",
                        "description": "What it was spent on"}


def _reference_crumbs():
    return [_home(), ("Governance", reverse("governance:reference"))]


# --- Reference data -------------------------------------------------------------------------------


# The governance home page: what the person may open, then the reference data.
GOVERNANCE_SECTIONS = [
    ("C&CP Leadership Group", "governance:ccplg", None,
     "The group's seats by the ten capabilities, who holds them, terms of office and the group's make-up."),
    ("Recruitment to leadership roles", "governance:recruitment", "governance.view_recruitment",
     "Publish vacant leadership roles, score and shortlist applicants, appoint, and see the pipeline's diversity."),
    ("C&CPLG meetings", "governance:meetings", "governance.view_meetings",
     "Agendas by the 10 priority functions, decisions, attendance and the action log."),
    ("Investment in C&CP leadership", "governance:dashboard", "governance.view_dashboard",
     "Where the paid and protected leadership time and money go, against the intended shares."),
    ("Leadership roles", "governance:roles", "governance.view_roles",
     "The paid and protected C&CP leadership roles, their WTE, cost and holders."),
    ("NHSEI Design Framework self-assessment", "governance:framework", "governance.view_framework",
     "Where south east London stands on the framework's nine points: RAG rating, evidence, owner and review date."),
]


class ReferenceIndexView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_reference"
    template_name = "governance/reference_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        sections = [
            (title, reverse(url_name), text)
            for title, url_name, perm, text in GOVERNANCE_SECTIONS
            if perm is None or user_has_perm(user, perm)
        ]
        context.update(kinds=list(KINDS.values()), sections=sections, breadcrumbs=[_home()])
        if user_has_perm(user, "governance.view_framework"):
            context["framework_summary"] = framework_selectors.framework_summary()
        return context


class KindMixin:
    def dispatch(self, request, *args, **kwargs):
        self.kind = get_kind(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self, *, include_list=True):
        crumbs = _reference_crumbs()
        if include_list:
            crumbs.append((self.kind.plural, reverse("governance:reference_list", args=[self.kind.slug])))
        return crumbs


class ReferenceListView(PermissionRequiredMixin, KindMixin, TemplateView):
    permission_required = "governance.view_reference"
    template_name = "governance/reference_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = reference_selectors.reference_items(self.kind)
        if self.kind.model is SpatialLevelDefinition:
            bodies = reference_selectors.level_bodies()
            for item in items:
                item.bodies = bodies.get(item.level, "")
        context.update(
            kind=self.kind, items=items, breadcrumbs=self.crumbs(include_list=False),
            can_manage=self.request.user.has_perm("governance.manage_reference"),
            can_see_history=self.request.user.has_perm("governance.view_history"),
        )
        return context


class ReferenceEditView(PermissionRequiredMixin, KindMixin, TemplateView):
    permission_required = "governance.manage_reference"
    template_name = "governance/reference_edit.html"

    def get_instance(self):
        if "pk" not in self.kwargs:
            if not self.kind.can_add:
                raise Http404("This list is fixed")
            return None
        return get_object_or_404(self.kind.model, pk=self.kwargs["pk"])

    def get_form(self, data=None):
        return reference_form_class(self.kind)(data, instance=self.instance)

    def get(self, request, *args, **kwargs):
        self.instance = self.get_instance()
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, form=form, instance=self.instance, breadcrumbs=self.crumbs())
        return context

    def post(self, request, *args, **kwargs):
        self.instance = self.get_instance()
        form = self.get_form(request.POST)
        outcome = submit(
            form,
            lambda data: reference_services.save_reference_item(
                request.user, self.kind, self.instance, {name: data[name] for name in self.kind.fields}
            ),
        )
        if outcome.ok:
            verb = "added" if self.instance is None else "saved"
            messages.success(request, f"{outcome.result} has been {verb}.")
            return redirect("governance:reference_list", self.kind.slug)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReferenceHistoryView(PermissionRequiredMixin, KindMixin, TemplateView):
    permission_required = "governance.view_history"
    template_name = "governance/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = {name: self.kind.labels.get(name, name) for name in self.kind.fields}
        page, entries = history.history_page(
            self.kind.model, self.kind.fields, labels, self.request.GET.get("page")
        )
        context.update(
            title=f"History of changes: {self.kind.plural.lower()}", page_obj=page, entries=entries,
            breadcrumbs=self.crumbs(),
        )
        return context


# --- The C&CPLG -----------------------------------------------------------------------------------


def _ccplg_crumbs():
    return [_home(), ("C&CP Leadership Group", reverse("governance:ccplg"))]


class CcplgView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_ccplg"
    template_name = "governance/ccplg.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            overview=ccplg_selectors.ccplg_overview(), breadcrumbs=[_home()],
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
            lambda data: ccplg_services.assign_seat(
                request.user, self.seat, form.holder, data["term_starts"], data["term_ends"]
            ),
        )
        if outcome.ok:
            messages.success(request, f"{self.seat} is now held by {form.holder}.")
            return redirect("governance:ccplg")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SeatVacateView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_ccplg"
    template_name = "governance/seat_vacate.html"

    def get_seat(self) -> Seat:
        return get_object_or_404(Seat.objects.select_related("capability", "holder"), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        seat = self.get_seat()
        if seat.holder_id is None:
            messages.info(request, f"{seat} is already vacant.")
            return redirect("governance:ccplg")
        return self.render_to_response(self.get_context_data(seat=seat, breadcrumbs=_ccplg_crumbs()))

    def post(self, request, *args, **kwargs):
        seat = self.get_seat()
        try:
            ccplg_services.vacate_seat(request.user, seat)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{seat} is now vacant.")
        return redirect("governance:ccplg")


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
        people, tables = ccplg_selectors.ccplg_makeup()
        context.update(people=people, tables=tables, threshold=5, breadcrumbs=_ccplg_crumbs())
        return context


class CcplgMakeupCsvView(PermissionRequiredMixin, View):
    permission_required = "governance.view_ccplg"

    def get(self, request, *args, **kwargs):
        _, tables = ccplg_selectors.ccplg_makeup()
        rows = []
        for makeup in tables:
            rows.extend([makeup.title, cell.label, cell.display] for cell in makeup.table)
            rows.append([makeup.title, "Total", makeup.table.total_display])
        return export_response(
            "csv", "ccplg-make-up", ["By", "Group", "Number of seat holders"], rows
        )


# --- Paid and protected leadership roles ----------------------------------------------------------


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
        page, totals = roles_selectors.roles_page(filters, params.get("page"))
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
            lambda data: roles_services.save_role(request.user, self.role, form.service_data(), data["structures"]),
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
            LeadershipRole, roles_selectors.ROLE_HISTORY_FIELDS, roles_selectors.ROLE_HISTORY_LABELS,
            self.request.GET.get("page"), select_related=roles_selectors.ROLE_RELATED,
        )
        context.update(
            title="History of changes: leadership roles", page_obj=page, entries=entries, item_label="Role",
            breadcrumbs=_roles_crumbs(),
        )
        return context


# --- The ICS Executive's investment dashboard -----------------------------------------------------


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
        context.update(
            dashboard=investment_dashboard(quarter), quarters=quarters, chosen=quarter, tables=TABLES,
            quarter_query=f"&quarter={quarter.key}" if quarter else "", breadcrumbs=[_home()],
            can_record_spend=user_has_perm(self.request.user, "governance.manage_spend"),
        )
        return context


class BoardPackView(PermissionRequiredMixin, View):
    """Starts the board pack (PDF) for the quarter shown on the dashboard, then shows the job's page."""

    permission_required = "governance.view_dashboard"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from academy.reports.services import start_report
        from governance.reports import BOARD_PACK

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


# --- C&CPLG meetings ------------------------------------------------------------------------------


def _meetings_crumbs(meeting=None):
    crumbs = [_home(), ("C&CPLG meetings", reverse("governance:meetings"))]
    if meeting is not None:
        crumbs.append((str(meeting), reverse("governance:meeting", args=[meeting.pk])))
    return crumbs


class MeetingListView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_meetings"
    template_name = "governance/meetings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        upcoming, past = meetings_selectors.meetings_list()
        context.update(
            upcoming=upcoming, past=past, breadcrumbs=[_home()],
            can_manage=self.request.user.has_perm("governance.manage_meetings"),
        )
        return context


class MeetingAddView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_meetings"
    template_name = "governance/meeting_add.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or MeetingForm(), breadcrumbs=_meetings_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = MeetingForm(request.POST)

        def create(data):
            starts_at = timezone.make_aware(datetime.combine(data["starts_on"], data["starts_at_time"]))
            return meetings_services.create_meeting(request.user, starts_at, data["location"], data["minutes"])

        outcome = submit(form, create)
        if outcome.ok:
            meeting = outcome.result
            messages.success(request, f"{meeting} has been added. Now add its agenda.")
            return redirect("governance:meeting", meeting.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MeetingMixin:
    def get_meeting(self) -> Meeting:
        return get_object_or_404(Meeting, pk=self.kwargs["pk"])


class MeetingView(PermissionRequiredMixin, MeetingMixin, TemplateView):
    permission_required = "governance.view_meetings"
    template_name = "governance/meeting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context.update(
            view=meetings_selectors.meeting_view(meeting), meeting=meeting, breadcrumbs=_meetings_crumbs(),
            today=timezone.localdate(),
            can_manage=self.request.user.has_perm("governance.manage_meetings"),
        )
        return context


class AgendaItemEditView(PermissionRequiredMixin, MeetingMixin, TemplateView):
    permission_required = "governance.manage_meetings"
    template_name = "governance/agenda_item_edit.html"

    def setup_objects(self):
        self.meeting = self.get_meeting()
        self.item = (
            get_object_or_404(AgendaItem, pk=self.kwargs["item"], meeting=self.meeting)
            if "item" in self.kwargs else None
        )

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or AgendaItemForm(instance=self.item), meeting=self.meeting, item=self.item,
            breadcrumbs=_meetings_crumbs(self.meeting),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        form = AgendaItemForm(request.POST)
        save = meetings_services.save_agenda_item
        if submit(form, lambda data: save(request.user, self.meeting, self.item, data)).ok:
            messages.success(request, "The agenda item has been saved.")
            return redirect("governance:meeting", self.meeting.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AttendanceView(PermissionRequiredMixin, MeetingMixin, TemplateView):
    permission_required = "governance.manage_meetings"
    template_name = "governance/attendance.html"

    def get_form(self, meeting, data=None):
        initial = {"people": list(meeting.attendance.values_list("person_id", flat=True))}
        return AttendanceForm(data, initial=initial, queryset=meetings_selectors.current_seat_holders())

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context.update(form=form or self.get_form(meeting), meeting=meeting, breadcrumbs=_meetings_crumbs(meeting))
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = self.get_form(meeting, request.POST)
        if form.is_valid():
            count = meetings_services.record_attendance(request.user, meeting, form.cleaned_data["people"])
            messages.success(request, f"Attendance recorded: {count} {'person' if count == 1 else 'people'}.")
            return redirect("governance:meeting", meeting.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActionAddView(PermissionRequiredMixin, MeetingMixin, TemplateView):
    permission_required = "governance.manage_meetings"
    template_name = "governance/action_add.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context.update(form=form or ActionForm(), meeting=meeting, breadcrumbs=_meetings_crumbs(meeting))
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = ActionForm(request.POST)
        outcome = submit(
            form,
            lambda data: meetings_services.add_action(
                request.user, meeting, data["description"], form.owner, data["due_date"]
            ),
        )
        if outcome.ok:
            messages.success(request, "The action has been added to the action log.")
            return redirect("governance:meeting", meeting.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActionCompleteView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_meetings"
    template_name = "governance/action_done.html"

    def get_action(self) -> Action:
        return get_object_or_404(
            Action.objects.select_related("owner", "meeting"), pk=self.kwargs["action"], meeting_id=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.get_action()
        context.update(action=action, breadcrumbs=_meetings_crumbs(action.meeting))
        return context

    def post(self, request, *args, **kwargs):
        action = self.get_action()
        try:
            meetings_services.complete_action(request.user, action, request.POST.get("note", "").strip()[:2000])
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, "The action is marked as done.")
        return redirect("governance:meeting", action.meeting_id)


# --- The NHSEI Design Framework self-assessment -----------------------------------------------------


def _framework_crumbs():
    return [_home(), ("Governance", reverse("governance:reference")),
            ("NHSEI Design Framework self-assessment", reverse("governance:framework"))]


class FrameworkView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_framework"
    template_name = "governance/framework.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            points=framework_selectors.framework_points(), summary=framework_selectors.framework_summary(),
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
            point=point, history=framework_selectors.framework_point_history(point), today=timezone.localdate(),
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
            lambda data: framework_services.assess_framework_point(
                request.user, self.point, rag=data["rag"], position=data["position"], evidence=data["evidence"],
                owner=form.owner, review_date=data["review_date"],
            ),
        )
        if outcome.ok:
            messages.success(request, f"Point {self.point.number} has been saved.")
            return redirect("governance:framework_point", self.point.number)
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- The Academy's spend by programme ---------------------------------------------------------------


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
            page_obj=investment_selectors.spend_page(self.request.GET.get("page")), breadcrumbs=_spend_crumbs()[:2],
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
            form, lambda data: investment_services.record_spend(request.user, self.spend, form.service_data())
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

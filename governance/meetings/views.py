"""The C&CPLG meetings' pages: agendas, attendance and the action log."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance.meetings import selectors, services
from governance.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    MeetingForm,
    MeetingSettingsForm,
    PulseForm,
)
from governance.models import Action, AgendaItem, Meeting


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
        upcoming, past = selectors.meetings_list()
        user = self.request.user
        context.update(
            upcoming=upcoming, past=past, breadcrumbs=[_home()],
            can_manage=user.has_perm("governance.manage_meetings"),
            can_see_rates=user.has_perm("governance.view_attendance_rates"),
            can_see_pulse=user.has_perm("governance.view_meeting_pulse"),
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
            return services.create_meeting(request.user, starts_at, data["location"], data["minutes"])

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
        view = selectors.meeting_view(meeting)
        context.update(
            view=view, meeting=meeting, breadcrumbs=_meetings_crumbs(),
            today=timezone.localdate(),
            started=meeting.has_started(),
            can_manage=self.request.user.has_perm("governance.manage_meetings"),
            **_warnings_context(self.request.user, meeting, view),
        )
        return context


def _warnings_context(user, meeting, view) -> dict:
    """The meeting's warnings, for the secretariat and the chair only. Each item's own warnings are also put
    on the item (``item.warnings``), for its card on the agenda."""
    if not user.has_perm("governance.view_meeting_warnings"):
        return {"warnings": []}
    warnings = selectors.meeting_warnings(meeting, view, selectors.meeting_settings())
    for warning in warnings:
        if warning.item is not None:
            warning.item.warnings = [*getattr(warning.item, "warnings", []), warning]
    return {"warnings": warnings}


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
        warnings = _warnings_context(self.request.user, self.meeting, selectors.meeting_view(self.meeting))["warnings"]
        context.update(
            form=form or self.get_form(), meeting=self.meeting, item=self.item,
            breadcrumbs=_meetings_crumbs(self.meeting),
            warnings=[w for w in warnings if w.item is None or (self.item and w.item.pk == self.item.pk)],
        )
        return context

    def get_form(self, data=None):
        form = AgendaItemForm(data, instance=self.item if data is None else None)
        if not self.meeting.has_started():
            del form.fields["outcome"]  # a decision is recorded once the meeting has started
        return form

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        form = self.get_form(request.POST)
        save = services.save_agenda_item
        if submit(form, lambda data: save(request.user, self.meeting, self.item, data)).ok:
            messages.success(request, "The agenda item has been saved.")
            return redirect("governance:meeting", self.meeting.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class NotBeforeMeetingMixin:
    """Pages that minute a meeting (attendance, actions) open once it has started: before, they send the
    secretariat back to the meeting, which says when they open."""

    not_yet = "Attendance and actions can be recorded once the meeting has started, from {when}."

    def dispatch(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        if not meeting.has_started():
            messages.info(request, self.not_yet.format(when=nhs_datetime(meeting.starts_at)))
            return redirect("governance:meeting", meeting.pk)
        return super().dispatch(request, *args, **kwargs)


class AttendanceView(PermissionRequiredMixin, NotBeforeMeetingMixin, MeetingMixin, TemplateView):
    permission_required = "governance.manage_meetings"
    template_name = "governance/attendance.html"

    def get_form(self, meeting, data=None):
        initial = {"people": list(meeting.attendance.values_list("person_id", flat=True))}
        return AttendanceForm(data, initial=initial, queryset=selectors.current_seat_holders())

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        context.update(form=form or self.get_form(meeting), meeting=meeting, breadcrumbs=_meetings_crumbs(meeting))
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = self.get_form(meeting, request.POST)
        if form.is_valid():
            count = services.record_attendance(request.user, meeting, form.cleaned_data["people"])
            messages.success(request, f"Attendance recorded: {count} {'person' if count == 1 else 'people'}.")
            return redirect("governance:meeting", meeting.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActionAddView(PermissionRequiredMixin, NotBeforeMeetingMixin, MeetingMixin, TemplateView):
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
            lambda data: services.add_action(
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
            services.complete_action(request.user, action, request.POST.get("note", "").strip()[:2000])
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, "The action is marked as done.")
        return redirect("governance:meeting", action.meeting_id)


class MeetingSettingsView(PermissionRequiredMixin, TemplateView):
    """The limits the meetings' warnings use: the secretariat changes them, with history."""

    permission_required = "governance.manage_meetings"
    template_name = "governance/meeting_settings.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = selectors.meeting_settings()
        context.update(
            form=form or MeetingSettingsForm(instance=settings), breadcrumbs=_meetings_crumbs(),
            last_change=selectors.meeting_settings_last_change(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = MeetingSettingsForm(request.POST)
        if submit(form, lambda data: services.save_meeting_settings(request.user, data)).ok:
            messages.success(request, "The meeting settings have been saved.")
            return redirect("governance:meetings")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AttendanceRatesView(PermissionRequiredMixin, TemplateView):
    """Each member's attendance over the last 12 months: the chair and the secretariat. A member sees their
    own on My Academy."""

    permission_required = "governance.view_attendance_rates"
    template_name = "governance/attendance_rates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(rates=selectors.attendance_rates(), breadcrumbs=_meetings_crumbs())
        return context


class PulseResultsView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_meeting_pulse"
    template_name = "governance/pulse_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(results=selectors.pulse_results(), breadcrumbs=_meetings_crumbs(), threshold=5)
        return context


class PulseView(PermissionRequiredMixin, MeetingMixin, TemplateView):
    """An attendee answers a meeting's pulse, once and anonymously."""

    permission_required = "governance.answer_meeting_pulse"
    template_name = "governance/pulse.html"

    def get_permission_object(self):
        return self.get_meeting()

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.get_meeting()
        now = timezone.now()
        context.update(
            meeting=meeting, form=form or PulseForm(), breadcrumbs=[_home()],
            answered=selectors.has_answered_pulse(meeting, self.request.user),
            not_yet=not meeting.has_ended(now), closed=meeting.pulse_closes_at <= now,
        )
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = PulseForm(request.POST)
        if submit(form, lambda data: services.answer_pulse(request.user, meeting, data)).ok:
            messages.success(request, "Thank you. Your answers have been recorded without your name.")
            return redirect("ui:home")
        return self.render_to_response(self.get_context_data(form=form), status=400)

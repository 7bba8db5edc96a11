"""Programme admins: sessions, attendance, the check-in code shown in the room, and completion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import submit
from programmes.core import presenters, selectors, services
from programmes.core.forms.admin import SessionForm
from programmes.core.models import (
    AttendanceStatus,
    Cohort,
    Session,
)
from programmes.core.views.base import CohortObjectMixin, cohort_admin_crumbs


class SessionFormView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/session_form.html"

    def get_permission_object(self):
        if not hasattr(self, "session"):
            if "session_pk" in self.kwargs:
                self.session = get_object_or_404(
                    Session.objects.select_related("cohort__programme"), pk=self.kwargs["session_pk"]
                )
            else:
                cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
                self.session = Session(cohort=cohort, delivery_format=cohort.delivery_format)
        return self.session.cohort

    def get_form(self, data=None):
        return SessionForm(data, instance=self.session)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.session.cohort
        context.update(
            form=form or self.get_form(),
            cohort=cohort,
            creating=self.session.pk is None,
            breadcrumbs=cohort_admin_crumbs(cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(form, lambda data: services.save_session(request.user, form.instance, data))
        if outcome.ok:
            session = outcome.result
            messages.success(request, f"Saved the session {session.title}.")
            return redirect("programmes:cohort_manage", pk=session.cohort_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AttendanceView(PermissionRequiredMixin, TemplateView):
    """Take attendance for a session in bulk (works on a phone in the room)."""

    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/attendance.html"

    def get_permission_object(self):
        if not hasattr(self, "session"):
            self.session = get_object_or_404(
                Session.objects.select_related("cohort__programme"), pk=self.kwargs["session_pk"]
            )
        return self.session.cohort

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.session.cohort
        sheet = selectors.attendance_sheet(self.session)
        started = self.session.starts_at <= timezone.now()
        context.update(
            session=self.session,
            sheet=sheet,
            statuses=AttendanceStatus.choices,
            started=started,
            unrecorded=sum(1 for _, status in sheet if not status),
            error=error,
            # The error summary links to the first radio of the first person's group (NHS.UK error pattern).
            first_input=(
                f"status-{sheet[0][0].pk}-{AttendanceStatus.values[0]}" if started and sheet else "attendance-opens"
            ),
            breadcrumbs=cohort_admin_crumbs(cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "everyone":
            try:
                saved = services.mark_everyone_present(request.user, self.session)
            except ValidationError as exc:
                return self.render_to_response(self.get_context_data(error=" ".join(exc.messages)), status=400)
            messages.success(request, f"Marked {saved} {'person' if saved == 1 else 'people'} present.")
            return redirect("programmes:attendance", session_pk=self.session.pk)
        statuses = {}
        for key, value in request.POST.items():
            if key.startswith("status_") and key[7:].isdigit():
                statuses[int(key[7:])] = value
        if not statuses:
            return self.render_to_response(
                self.get_context_data(error="Select present, sent apologies or absent for at least one person"),
                status=400,
            )
        try:
            saved = services.record_attendance(request.user, self.session, statuses)
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(error=" ".join(exc.messages)), status=400)
        messages.success(request, f"Attendance saved for {saved} {'person' if saved == 1 else 'people'}.")
        return redirect("programmes:attendance", session_pk=self.session.pk)


class CompletionView(CohortObjectMixin, TemplateView):
    template_name = "programmes/core/completion.html"

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, total, needed = selectors.completion_rows(self.cohort)
        ends_at = selectors.last_session_end(self.cohort)
        context.update(
            ends_at=ends_at,
            ended=ends_at is not None and ends_at <= timezone.now(),
            cohort=self.cohort,
            rows=rows,
            total=total,
            needed=needed,
            error=error,
            breadcrumbs=cohort_admin_crumbs(self.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        ids = [int(value) for value in request.POST.getlist("applications") if value.isdigit()]
        if not ids:
            return self.render_to_response(self.get_context_data(error="Select at least one person"), status=400)
        try:
            result = services.complete_places(request.user, self.cohort, ids)
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(error=" ".join(exc.messages)), status=400)
        parts = [f"{result['done']} completed with a certificate"]
        sessions = f"attended fewer than {result['needed']} of {result['total']} sessions"
        missing = result["missing"]
        if missing["attendance"]:
            parts.append(f"{missing['attendance']} not completed: they {sessions}")
        if missing["final"]:
            parts.append(f"{missing['final']} not completed: they have not written their final reflection")
        if missing["both"]:
            parts.append(
                f"{missing['both']} not completed: they {sessions} and have not written their final reflection"
            )
        if result["skipped"]:
            parts.append(f"{result['skipped']} skipped because their place does not allow it")
        messages.success(request, "; ".join(parts) + ".")
        return redirect("programmes:completion", pk=self.cohort.pk)




class CheckInCodeView(PermissionRequiredMixin, TemplateView):
    """The code to show in the room (on a screen or the admin's phone); it changes every minute and the
    page fetches the new one by itself (htmx). The full-screen version, for projecting, adds a QR code of
    the check-in link carrying the code; its fragment is asked for with ``?full=1``."""

    permission_required = "programmes.manage_cohort"

    def get_template_names(self):
        if self.kwargs.get("fragment"):
            return ["programmes/core/_check_in_code.html"]
        full = self.kwargs.get("full")
        return ["programmes/core/check_in_code_full.html" if full else "programmes/core/check_in_code.html"]

    def get_permission_object(self):
        if not hasattr(self, "session"):
            self.session = get_object_or_404(
                Session.objects.select_related("cohort__programme"), pk=self.kwargs["session_pk"]
            )
        return self.session.cohort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.session.cohort
        context.update(
            session=self.session,
            code=services.check_in_code(self.session),
            breadcrumbs=cohort_admin_crumbs(cohort),
        )
        if self.kwargs.get("full") or self.request.GET.get("full") == "1":
            link = presenters.check_in_link(self.request, self.session, context["code"])
            context.update(check_in_link=link, qr_svg=presenters.qr_code_svg(link))
        return context

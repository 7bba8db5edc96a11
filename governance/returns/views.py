"""Progress returns' pages: the secretariat sets who owes a return and when, and reads what came in (as does
the ICS Executive); a transformation programme's C&CP lead sends their returns."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.formats import nhs_date
from academy.ui.shortcuts import home_crumb as _home
from governance.models import LeadershipRole, ReturnSchedule
from governance.returns import selectors, services
from governance.returns.forms import ReturnForm, ScheduleForm
from governance.standards.views import FormPage

CARE_PATHWAY_FUNCTION = 2  # the priority function transformation programmes' leads hold


def _crumbs():
    return [_home(), ("Progress returns", reverse("governance:returns"))]


class ReturnsView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_returns"
    template_name = "governance/returns/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            overview=selectors.overview(),
            breadcrumbs=[_home()],
            can_manage=self.request.user.has_perm("governance.manage_returns"),
        )
        return context


class ScheduleEditView(FormPage):
    permission_required = "governance.manage_returns"
    button = "Save"
    intro = (
        "Say who owes the C&CPLG a progress return for a transformation programme, and when. They are "
        "reminded by email a week before each due date and chased after it, and each return they send is "
        "listed on the next meeting's agenda.",
    )

    def get_schedule(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_schedule"):
            self._schedule = get_object_or_404(ReturnSchedule.objects.select_related("person"), pk=self.kwargs["pk"])
        return self._schedule

    @property
    def heading(self):
        schedule = self.get_schedule()
        return f"Change: {schedule}" if schedule else "Set a progress return"

    def get_form(self, data=None):
        today = timezone.localdate()
        roles = (
            LeadershipRole.objects.filter(function__number=CARE_PATHWAY_FUNCTION)
            .exclude(end_date__lt=today)
            .select_related("holder")
            .order_by("title")
        )
        schedule = self.get_schedule()
        initial = {}
        if schedule is not None and data is None:
            initial = {
                "programme": schedule.programme,
                "role": schedule.role_id,
                "person": schedule.person.email if schedule.person_id else "",
                "first_due_on": schedule.first_due_on,
                "every_months": schedule.every_months,
                "ends_on": schedule.ends_on,
            }
        return ScheduleForm(data, initial=initial, roles=roles)

    def page_context(self):
        return {
            "breadcrumbs": _crumbs(),
            "cancel_url": reverse("governance:returns"),
            "cancel_label": "Cancel and go back to the progress returns",
        }

    def perform(self, data):
        return services.save_schedule(self.request.user, self.get_schedule(), data)

    def done(self, schedule):
        messages.success(self.request, f"The {schedule.programme} progress return has been saved.")
        return redirect("governance:returns")


class MyReturnsView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.send_returns"  # everyone signed in: the page lists only their own
    template_name = "governance/returns/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        due, sent = selectors.my_returns(self.request.user)
        context.update(due=due, sent=sent, breadcrumbs=[_home()])
        return context


class ReturnView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_return"
    template_name = "governance/returns/return.html"

    def get_return(self):
        if not hasattr(self, "_return"):
            self._return = selectors.readable_return(self.kwargs["pk"])
        return self._return

    def get_permission_object(self):
        return self.get_return()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress_return = self.get_return()
        user = self.request.user
        context.update(
            progress_return=progress_return,
            can_send=user.has_perm("governance.submit_return", progress_return),
            breadcrumbs=_crumbs()
            if user.has_perm("governance.view_returns")
            else [_home(), ("My progress returns", reverse("governance:my_returns"))],
        )
        return context


class SubmitReturnView(FormPage):
    permission_required = "governance.send_returns"  # signed in; the return is looked up among their own
    button = "Send the return"
    intro = (
        "Keep it short: the C&CPLG is action, not update, oriented. Say what the group needs to decide or "
        "do in the asks.",
    )

    def get_return(self):
        if not hasattr(self, "_return"):
            self._return = selectors.owned_return(self.request.user, self.kwargs["pk"])
        return self._return

    @property
    def heading(self):
        progress_return = self.get_return()
        return f"{progress_return.schedule.programme} progress return"

    def get_form(self, data=None):
        return ReturnForm(data)

    def get(self, request, *args, **kwargs):
        if self.get_return().display.is_received:
            messages.info(request, "This return has already been sent to the C&CPLG.")
            return redirect("governance:return", self.get_return().pk)
        return super().get(request, *args, **kwargs)

    def page_context(self):
        progress_return = self.get_return()
        return {
            "caption": f"Due {nhs_date(progress_return.due_on)}",
            "breadcrumbs": [_home(), ("My progress returns", reverse("governance:my_returns"))],
            "cancel_url": reverse("governance:my_returns"),
            "cancel_label": "Cancel and go back to my returns",
        }

    def perform(self, data):
        return services.submit_return(
            self.request.user, self.get_return(), data["progress"], data["risks"], data["asks"]
        )

    def done(self, progress_return):
        messages.success(self.request, "Your return has been sent. It will be listed on the next C&CPLG agenda.")
        return redirect("governance:return", progress_return.pk)

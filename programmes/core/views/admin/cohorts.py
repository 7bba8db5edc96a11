"""Programme admins run a cohort: its details, applications and decisions, the roster, one application, messages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.admin import CohortForm, CohortMessageForm, DecisionForm, FacultyForm
from programmes.core.models import (
    ApplicationState,
    Cohort,
    SelectionMethod,
)
from programmes.core.views.base import (
    ApplicationListMixin,
    CohortObjectMixin,
    admin_home_crumb,
    cohort_admin_crumbs,
)


class CohortFormView(PermissionRequiredMixin, TemplateView):
    template_name = "programmes/core/cohort_form.html"

    def get_permission_required(self):
        return ["programmes.manage_cohort"] if "pk" in self.kwargs else ["programmes.administer"]

    def get_permission_object(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "cohort"):
            self.cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
        return self.cohort

    def get_form(self, data=None):
        instance = getattr(self, "cohort", None) or Cohort(selection_method=SelectionMethod.SELECTION)
        return CohortForm(data, instance=instance, user=self.request.user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        crumbs = [_home(), admin_home_crumb()]
        if form.instance.pk:
            crumbs.append((form.instance.title, reverse("programmes:cohort_manage", args=[form.instance.pk])))
        context.update(form=form, creating=form.instance.pk is None, breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)

        def save(_):
            data = form.service_data()
            return services.save_cohort(
                request.user, form.instance, data,
                target_groups=data["target_groups"], priority_functions=data["priority_functions"],
            )

        outcome = submit(form, save)
        if outcome.ok:
            cohort = outcome.result
            messages.success(request, f"Saved {cohort.title}.")
            return redirect("programmes:cohort_manage", pk=cohort.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CohortManageView(ApplicationListMixin, CohortObjectMixin, TemplateView):
    """The programme admin's page for one cohort: applications and bulk decisions, the composition of
    the proposed cohort against the pool, sessions, and the roster export."""

    template_name = "programmes/core/cohort_manage.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        # roster pagination: one page of applications, sorted and filtered as asked (the pagination links keep
        # both); the composition is counted in the database
        listing = self.application_list(
            selectors.application_state_filters(),
            lambda number, **options: selectors.cohort_applications_page(self.cohort, number, **options),
        )
        record_request(
            self.request,
            [a.applicant_id for a in listing["applications"]],
            f"Cohort applications: {self.cohort.title}",
        )
        context.update(
            listing,
            cohort=self.cohort,
            composition=selectors.cohort_composition(self.cohort),
            sessions=list(self.cohort.sessions.order_by("starts_at")),
            faculty=selectors.cohort_faculty(self.cohort),
            access_needs=selectors.cohort_access_needs(self.request.user, self.cohort),
            faculty_form=FacultyForm(),
            form=form or DecisionForm(applications=listing["applications"]),
            breadcrumbs=[_home(), admin_home_crumb()],
        )
        return context

    def post(self, request, *args, **kwargs):
        applications = selectors.cohort_applications(self.cohort)
        form = DecisionForm(request.POST, applications=applications)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        result = services.decide_applications(
            request.user, self.cohort, form.cleaned_data["applications"], form.cleaned_data["decision"]
        )
        parts = [f"{result['done']} done"]
        if result["full"]:
            parts.append(f"{result['full']} not offered because the cohort is full")
        if result["skipped"]:
            parts.append(f"{result['skipped']} skipped because their state does not allow it")
        messages.success(request, "Decisions recorded: " + "; ".join(parts) + ".")
        back = reverse("programmes:cohort_manage", args=[self.cohort.pk])
        kept = request.GET.copy()  # back to the same sort, filter and page
        return redirect(f"{back}?{kept.urlencode()}" if kept else back)


class RosterExportView(CohortObjectMixin, View):
    def get(self, request, pk):
        applications = [
            a for a in selectors.cohort_applications(self.cohort) if a.state in selectors.PROPOSED_STATES
        ]
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        record_request(request, [a.applicant_id for a in applications], f"Cohort roster export: {self.cohort.title}")
        return export_response(
            fmt, f"{self.cohort.title} roster", selectors.ROSTER_HEADERS, selectors.roster_rows(applications)
        )




PLACE_ACTIONS = {
    "suspend": (ApplicationState.SUSPENDED, "Suspended: their place and history are kept."),
    "reinstate": (ApplicationState.ACCEPTED, "Reinstated: their place is active again."),
    "remove": (ApplicationState.REMOVED, "Removed from the cohort. Their history is kept and the place is offered "
               "to the waiting list."),
}


class AdminApplicationView(PermissionRequiredMixin, TemplateView):
    """One application as the programme team sees it: answers, applied problem, history; and changes to a
    place (suspend, reinstate, remove, alumni). Nothing is ever deleted."""

    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/admin_application.html"

    def get_permission_object(self):
        if not hasattr(self, "application"):
            self.application = get_object_or_404(
                selectors.sent_applications().select_related(
                    "cohort__programme", "applicant__profile__profession", "applicant__profile__organisation",
                    "applicant__profile__borough", "applicant__profile__leader_group", "priority_function",
                ).prefetch_related("transitions__actor"),
                pk=self.kwargs["pk"],
            )
        return self.application.cohort

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        record_request(self.request, [application.applicant_id], f"Programme application: {application.cohort.title}")
        context.update(
            application=application,
            profile=getattr(application.applicant, "profile", None),
            access_needs=selectors.application_access_needs(self.request.user, application),
            actions=[
                name for name, (state, _) in PLACE_ACTIONS.items()
                if application.state in services.PLACE_CHANGES.get(state, ())
            ],
            error=error,
            breadcrumbs=cohort_admin_crumbs(application.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        try:
            if action in PLACE_ACTIONS:
                state, message = PLACE_ACTIONS[action]
                services.change_place(request.user, self.application, state)
            elif action in {"alumni", "not_alumni"}:
                services.set_alumni(request.user, self.application, action == "alumni")
                message = "Marked as alumni." if action == "alumni" else "No longer marked as alumni."
            else:
                raise ValidationError("Choose one of the actions on this page.")
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(error=" ".join(exc.messages)), status=400)
        messages.success(request, message)
        return redirect("programmes:admin_application", pk=self.application.pk)




class CohortMessageView(CohortObjectMixin, TemplateView):
    """Write a message, preview it with the number of people it will reach, then send it. Nothing is sent
    until the admin confirms on the preview ("send"); "change" goes back to the form with what they wrote."""

    template_name = "programmes/core/cohort_message.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            form=form or CohortMessageForm(),
            sent=list(self.cohort.messages.select_related("sender")[:20]),
            breadcrumbs=cohort_admin_crumbs(self.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CohortMessageForm(request.POST)
        action = request.POST.get("action", "preview")
        if action == "send":
            outcome = submit(
                form, lambda data: services.message_cohort(request.user, self.cohort, data["subject"], data["body"])
            )
            if outcome.ok:
                messages.success(request, f"Message sent to {outcome.result.recipients} people.")
                return redirect("programmes:cohort_message", pk=self.cohort.pk)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if action == "change" or not form.is_valid():
            status = 200 if action == "change" else 400
            return self.render_to_response(self.get_context_data(form=form), status=status)
        return self.render_to_response(
            self.get_context_data(
                form=form, preview=form.cleaned_data, recipients=selectors.message_recipient_count(self.cohort)
            )
        )

"""The care standards register's pages: everyone signed in reads approved standards; network leads and the
secretariat propose; the secretariat records the ICS Executive's consultation and the C&CPLG's approval."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance.models import CareStandard, ClinicalNetwork
from governance.standards import selectors, services
from governance.standards.forms import ApprovalForm, ConsultationForm, StandardForm


def _crumbs(standard=None):
    crumbs = [_home(), ("Care standards", reverse("governance:standards"))]
    if standard is not None:
        crumbs.append((str(standard), reverse("governance:standard", args=[standard.pk])))
    return crumbs


class StandardListView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_standards"
    template_name = "governance/standards/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        networks = list(ClinicalNetwork.objects.order_by("name"))
        chosen = next((n for n in networks if str(n.pk) == self.request.GET.get("network", "")), None)
        context.update(
            register=selectors.register(self.request.user, chosen),
            networks=networks,
            chosen=chosen,
            can_propose=self.request.user.has_perm("governance.propose_standard"),
            breadcrumbs=[_home()],
        )
        return context


class StandardMixin:
    def get_standard(self) -> CareStandard:
        if not hasattr(self, "_standard"):
            self._standard = get_object_or_404(CareStandard.objects.select_related("network"), pk=self.kwargs["pk"])
        return self._standard

    def get_permission_object(self):
        return self.get_standard()


class StandardView(StandardMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_standard"
    template_name = "governance/standards/standard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standard = selectors.standard_with_history(self.get_standard().pk)
        user = self.request.user
        context.update(
            standard=standard,
            breadcrumbs=_crumbs(),
            can_change=user.has_perm("governance.change_standard", standard),
            can_manage=user.has_perm("governance.manage_standards"),
            can_read_meetings=user.has_perm("governance.view_meetings"),
            can_propose=user.has_perm("governance.propose_standard")
            and (
                user.has_perm("governance.manage_standards")
                or user.has_perm("governance.change_standard", CareStandard(network=standard.network))
            ),
            show_history=user.has_perm("governance.view_pending_standards")
            or user.has_perm("governance.change_standard", CareStandard(network=standard.network)),
        )
        return context


class FormPage(PermissionRequiredMixin, TemplateView):
    """A page with one form that calls one service."""

    template_name = "governance/standards/form_page.html"
    button = "Save"
    heading = ""
    intro: tuple = ()

    def get_form(self, data=None):
        raise NotImplementedError

    def perform(self, data):
        raise NotImplementedError

    def done(self, result):
        raise NotImplementedError

    def page_context(self) -> dict:
        return {}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or self.get_form(),
            button=self.button,
            heading=self.heading,
            page_title=self.heading,
            intro=self.intro,
            **self.page_context(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(form, self.perform)
        if outcome.ok:
            return self.done(outcome.result)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StandardFormPage(StandardMixin, FormPage):
    """A form page about one standard: its network as the caption, and a way back to it."""

    def page_context(self):
        standard = self.get_standard()
        return {
            "caption": str(standard.network),
            "breadcrumbs": _crumbs(standard),
            "cancel_url": reverse("governance:standard", args=[standard.pk]),
            "cancel_label": "Cancel and go back to the standard",
        }


class StandardProposeView(FormPage):
    permission_required = "governance.propose_standard"
    heading = "Propose a care standard"
    button = "Save as a draft"
    intro = (
        "A standard starts as a draft. When it is ready, send it for approval: the C&CPLG approves it at a "
        "meeting, in consultation with the ICS Executive.",
    )

    def get_form(self, data=None):
        return StandardForm(data, networks=selectors.networks_for(self.request.user))

    def page_context(self):
        return {
            "breadcrumbs": _crumbs(),
            "cancel_url": reverse("governance:standards"),
            "cancel_label": "Cancel and go back to the care standards",
        }

    def perform(self, data):
        return services.propose_standard(self.request.user, data)

    def done(self, standard):
        messages.success(self.request, f"{standard} has been saved as a draft.")
        return redirect("governance:standard", standard.pk)


class StandardChangeView(StandardFormPage):
    permission_required = "governance.change_standard"
    button = "Save the draft"

    @property
    def heading(self):
        return f"Change the draft: {self.get_standard()}"

    def get_form(self, data=None):
        standard = self.get_standard()
        initial = {"title": standard.title, "summary": standard.summary, "document_url": standard.document_url}
        return StandardForm(data, initial=initial)

    def perform(self, data):
        return services.change_draft(self.request.user, self.get_standard(), data)

    def done(self, standard):
        messages.success(self.request, "The draft has been saved.")
        return redirect("governance:standard", standard.pk)


class ConsultationView(StandardFormPage):
    permission_required = "governance.manage_standards"
    button = "Record the consultation"
    intro = (
        "Care standards are signed off by a subset of the C&CP leadership in consultation with the ICS "
        "Executive. Record the consultation before the C&CPLG's approval.",
    )

    @property
    def heading(self):
        return f"ICS Executive consultation: {self.get_standard()}"

    def get_form(self, data=None):
        standard = self.get_standard()
        initial = {
            "consulted_on": standard.consulted_on,
            "consulted_with": standard.consulted_with,
            "outcome": standard.consultation_outcome,
        }
        return ConsultationForm(data, initial=initial)

    def perform(self, data):
        return services.record_consultation(
            self.request.user, self.get_standard(), data["consulted_on"], data["consulted_with"], data["outcome"]
        )

    def done(self, standard):
        messages.success(self.request, "The ICS Executive's consultation has been recorded.")
        return redirect("governance:standard", standard.pk)


class ApproveView(StandardFormPage):
    permission_required = "governance.manage_standards"
    button = "Record the approval"
    intro = (
        "Choose the C&CPLG decision that approved the standard. The decision must be recorded on the "
        "meeting's agenda first, and the meeting must have taken place.",
    )

    @property
    def heading(self):
        return f"Record the approval: {self.get_standard()}"

    def get_form(self, data=None):
        return ApprovalForm(data, decisions=selectors.decision_choices())

    def page_context(self):
        standard = self.get_standard()
        summary = [("Network", str(standard.network)), ("Version", str(standard.version))]
        if standard.consulted_on:
            summary.append(
                ("ICS Executive consulted", f"{nhs_date(standard.consulted_on)}: {standard.consultation_outcome}")
            )
        return super().page_context() | {"summary": summary}

    def perform(self, data):
        return services.approve(self.request.user, self.get_standard(), data["decision"])

    def done(self, standard):
        messages.success(self.request, f"{standard} is approved.")
        return redirect("governance:standard", standard.pk)


class StandardConfirmView(StandardMixin, PermissionRequiredMixin, ConfirmActionView):
    cancel_label = "Cancel and go back to the standard"

    def get_object(self):
        return self.get_standard()

    def breadcrumbs(self):
        return _crumbs(self.object)

    def success_url(self, result):
        return reverse("governance:standard", args=[result.pk])


class SendForApprovalView(StandardConfirmView):
    permission_required = "governance.change_standard"
    button = "Send for approval"

    @property
    def title(self):
        return f"Send {self.object} for approval?"

    def paragraphs(self):
        return [
            "The governance secretariat will put it on a C&CPLG agenda and consult the ICS Executive. You "
            "cannot change it while it waits for approval."
        ]

    def perform(self):
        return services.send_for_approval(self.request.user, self.object)

    def success_message(self, result):
        return f"{result} has been sent for approval."


class SendBackView(StandardConfirmView):
    permission_required = "governance.manage_standards"
    button = "Send back to draft"

    @property
    def title(self):
        return f"Send {self.object} back to draft?"

    def paragraphs(self):
        return ["Its network's leads can then change it and send it for approval again."]

    def perform(self):
        return services.send_back_to_draft(self.request.user, self.object)

    def success_message(self, result):
        return f"{result} is a draft again."


class RetireView(StandardConfirmView):
    permission_required = "governance.manage_standards"
    button = "Retire the standard"
    warning = True

    @property
    def title(self):
        return f"Retire {self.object}?"

    def paragraphs(self):
        return ["A retired standard stays in the register, marked as retired. You cannot undo this."]

    def perform(self):
        return services.retire(self.request.user, self.object)

    def success_message(self, result):
        return f"{result} has been retired."


class NewVersionView(StandardConfirmView):
    permission_required = "governance.propose_standard"
    button = "Start a new version"

    @property
    def title(self):
        return f"Start a new version of {self.object}?"

    def paragraphs(self):
        return [
            "The new version starts as a draft copy of this one. This version stays approved until the new one "
            "is approved, and is then retired."
        ]

    def perform(self):
        return services.propose_new_version(self.request.user, self.object)

    def success_message(self, result):
        return f"Version {result.version} has been started as a draft."

"""The contribution log's pages: the log (filters, 25 a page, CSV), an entry with its history, recording
and proposing an innovation, confirming a proposal, recording adoption and scaling. Views parse, call a
service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.ui.shortcuts import home_crumb, submit
from evaluation.contribution import selectors, services
from evaluation.contribution.forms import AdoptionForm, DecisionForm, EntryForm, LogFilterForm, ScalingForm
from evaluation.contribution.models import Stage


def _crumbs():
    return [home_crumb(), ("Contribution log", reverse("evaluation_contribution:log"))]


class LogView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_contribution.view_log"
    template_name = "evaluation_contribution/log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LogFilterForm(self.request.GET or None)
        filters = form.filters()
        page = selectors.log_page(filters, self.request.GET.get("page"))
        user = self.request.user
        counts = selectors.stage_counts()
        context.update(
            form=form, filtered=filters.any, page_obj=page, entries=page.object_list, counts=counts,
            stages=[(Stage(s).label, counts[s]) for s in (Stage.IDENTIFIED, Stage.ADOPTED, Stage.SCALED)],
            may_record=user.has_perm("evaluation_contribution.record"),
            may_confirm=user.has_perm("evaluation_contribution.confirm"),
            query=self._query(), breadcrumbs=[home_crumb()],
        )
        return context

    def _query(self) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class EntryView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_contribution.view_log"
    template_name = "evaluation_contribution/entry.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = selectors.entry(self.kwargs["pk"])
        user = self.request.user
        may_change = user.has_perm("evaluation_contribution.change_entry", entry)
        context.update(
            entry=entry, source=selectors.source_label(entry), breadcrumbs=_crumbs(),
            may_decide=entry.stage == Stage.PROPOSED and user.has_perm("evaluation_contribution.confirm"),
            may_adopt=entry.stage == Stage.IDENTIFIED and may_change,
            may_scale=entry.stage == Stage.ADOPTED and may_change,
        )
        return context


class _EntryFormView(PermissionRequiredMixin, FormView):
    template_name = "evaluation_contribution/form.html"
    heading = ""
    button = ""
    intro = ""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": self.heading, "button": self.button, "intro": self.intro, "breadcrumbs": self.crumbs(),
        }

    def crumbs(self):
        return _crumbs()

    def form_invalid(self, form):
        """Bad input answers 400 with the error summary above the form, as the scorecard's form does."""
        return self.render_to_response(self.get_context_data(form=form), status=400)


class NewEntryView(_EntryFormView):
    permission_required = "evaluation_contribution.record"
    form_class = EntryForm
    heading = "Record an innovation"
    button = "Record the innovation"
    intro = ("Record an innovation the Academy's work has identified. Once it is adopted by an organisation, "
             "and later scaled, record that on its page with the evidence.")

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.record_entry(self.request.user, form.entry_data()))
        if not outcome:
            return self.form_invalid(form)
        messages.success(self.request, f"“{outcome.result.title}” has been added to the contribution log.")
        return redirect("evaluation_contribution:entry", pk=outcome.result.pk)


class ProposeView(_EntryFormView):
    permission_required = "evaluation_contribution.propose"
    form_class = EntryForm
    heading = "Propose an innovation"
    button = "Send the proposal"
    intro = ("Tell the Academy's evaluators about an innovation that came out of your work with the Academy: a "
             "new way of working, a service or a tool. An evaluator checks it before it joins the contribution log.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"proposal": True}

    def crumbs(self):
        return [home_crumb(), ("Your proposed innovations", reverse("evaluation_contribution:proposals"))]

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.propose_entry(self.request.user, form.entry_data()))
        if not outcome:
            return self.form_invalid(form)
        messages.success(self.request, f"Thank you. “{outcome.result.title}” has been sent to the evaluators.")
        return redirect("evaluation_contribution:proposals")


class ProposalsView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_contribution.propose"
    template_name = "evaluation_contribution/proposals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(proposals=list(selectors.own_proposals(self.request.user)[:100]), breadcrumbs=[home_crumb()])
        return context


class _EntryActionView(PermissionRequiredMixin, FormView):
    template_name = "evaluation_contribution/action.html"
    stage = ""
    heading = ""
    button = ""

    def dispatch(self, request, *args, **kwargs):
        self.entry = selectors.entry(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.entry

    def get(self, request, *args, **kwargs):
        if self.entry.stage != self.stage:
            messages.info(request, "This innovation has moved on since: here is where it is now.")
            return redirect("evaluation_contribution:entry", pk=self.entry.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "entry": self.entry, "heading": self.heading, "button": self.button,
            "breadcrumbs": _crumbs() + [(self.entry.title, reverse("evaluation_contribution:entry",
                                                                   args=[self.entry.pk]))],
        }

    def form_invalid(self, form):
        """Bad input answers 400 with the error summary above the form; nothing is saved."""
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def done(self, text: str):
        messages.success(self.request, text)
        return redirect("evaluation_contribution:entry", pk=self.entry.pk)


class DecideView(_EntryActionView):
    permission_required = "evaluation_contribution.confirm"
    form_class = DecisionForm
    stage = Stage.PROPOSED
    heading = "Confirm a proposed innovation"
    button = "Save the decision"

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.decide_proposal(
            self.request.user, self.entry, confirm=data["decision"] == "confirm", note=data["note"]))
        if not outcome:
            return self.form_invalid(form)
        if outcome.result.stage == Stage.IDENTIFIED:
            return self.done(f"“{self.entry.title}” is now in the contribution log.")
        return self.done(f"“{self.entry.title}” will not be taken forward.")


class AdoptView(_EntryActionView):
    permission_required = "evaluation_contribution.change_entry"
    form_class = AdoptionForm
    stage = Stage.IDENTIFIED
    heading = "Record that the innovation was adopted"
    button = "Record the adoption"

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.record_adoption(self.request.user, self.entry, **data))
        if not outcome:
            return self.form_invalid(form)
        return self.done(f"“{self.entry.title}” has been recorded as adopted.")


class ScaleView(_EntryActionView):
    permission_required = "evaluation_contribution.change_entry"
    form_class = ScalingForm
    stage = Stage.ADOPTED
    heading = "Record that the innovation was scaled"
    button = "Record the scaling"

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.record_scaling(self.request.user, self.entry, **data))
        if not outcome:
            return self.form_invalid(form)
        return self.done(f"“{self.entry.title}” has been recorded as scaled.")


class ExportView(PermissionRequiredMixin, View):
    permission_required = "evaluation_contribution.view_log"

    def get(self, request):
        filters = LogFilterForm(request.GET or None).filters()
        return export_response("csv", "contribution-log", selectors.EXPORT_HEADERS, selectors.export_rows(filters))

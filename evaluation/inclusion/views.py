"""The inclusion measures' pages: the figures (evaluators: all programmes; programme admins: their own),
the ICS Executive's headline likelihoods, and the workforce benchmarks. Views parse, call a selector or a
service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.ui.shortcuts import home_crumb, submit
from evaluation.inclusion import selectors, services
from evaluation.inclusion.forms import BenchmarkUploadForm


def _crumbs(*more):
    return [home_crumb(), *more]


def _scope(request):
    """The programme asked for (``?programme=<slug>``), or None for all programmes. A programme admin
    without a choice sees the first programme they run; all programmes are for evaluators only."""
    user = request.user
    every = selectors.programmes()
    choices = [programme for programme in every if user.has_perm("evaluation_inclusion.view_programme", programme)]
    slug = request.GET.get("programme", "")
    if slug:
        programme = next((p for p in every if p.slug == slug), None)
        if programme is None:
            raise Http404("No programme has this name.")
        if not user.has_perm("evaluation_inclusion.view_programme", programme):
            raise PermissionDenied("You can read the figures of the programmes you run only.")
        return programme, choices
    if user.has_perm("evaluation_inclusion.view_all"):
        return None, choices
    if not choices:
        return False, choices
    return choices[0], choices


class InclusionView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_inclusion.view"
    template_name = "evaluation_inclusion/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme, choices = _scope(self.request)
        context.update(
            programme=programme or None,
            choices=choices,
            may_see_all=self.request.user.has_perm("evaluation_inclusion.view_all"),
            report=selectors.report(programme) if programme is not False else None,
            reading=selectors.READING,
            breadcrumbs=_crumbs(),
        )
        return context


class InclusionExportView(PermissionRequiredMixin, View):
    permission_required = "evaluation_inclusion.view"

    def get(self, request, *args, **kwargs):
        programme, _ = _scope(request)
        if programme is False:
            raise Http404("You run no programme with applications yet.")
        result = selectors.report(programme)
        stem = f"inclusion-{programme.slug}" if programme else "inclusion-all-programmes"
        return export_response(request.GET.get("format", "csv"), stem, selectors.EXPORT_HEADERS,
                               selectors.export_rows(result))


class HeadlineView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_inclusion.view_headline"
    template_name = "evaluation_inclusion/headline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(headlines=selectors.headlines(), reading=selectors.READING, breadcrumbs=_crumbs())
        return context


class BenchmarksView(PermissionRequiredMixin, FormView):
    permission_required = "evaluation_inclusion.manage_benchmarks"
    template_name = "evaluation_inclusion/benchmarks.html"
    form_class = BenchmarkUploadForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            benchmarks=selectors.all_benchmarks(),
            breadcrumbs=_crumbs(("Inclusion measures", reverse("evaluation_inclusion:overview"))),
        )
        return context

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.upload_benchmarks(
            self.request.user, data["file"], data["source"]))
        if not outcome:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        count = len(outcome.result)
        messages.success(self.request, f"{count} benchmark{'s' if count != 1 else ''} saved.")
        return redirect("evaluation_inclusion:benchmarks")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BenchmarkTemplateView(PermissionRequiredMixin, View):
    permission_required = "evaluation_inclusion.manage_benchmarks"

    def get(self, request, *args, **kwargs):
        return export_response("csv", "inclusion-benchmark-template", services.HEADERS, services.template_rows())


class BenchmarkExportView(PermissionRequiredMixin, View):
    permission_required = "evaluation_inclusion.manage_benchmarks"

    def get(self, request, *args, **kwargs):
        rows = [
            [benchmark.dimension, benchmark.as_of.isoformat(), row.category, f"{row.share:f}", "",
             benchmark.source, "" if row.people is None else row.people]
            for benchmark in selectors.all_benchmarks() for row in benchmark.rows.all()
        ]
        return export_response("csv", "inclusion-benchmarks", (*services.HEADERS, "source", "people given"), rows)

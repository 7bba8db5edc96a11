"""The stories pages: a leader tells a story and sees and withdraws their own; evaluators read each
collection's ternary plots, the stories behind a region, and export; programme admins read the plots and
the consented stories of their own programmes only; the ICS Executive reads the plots in aggregate (shaded
density and region counts, never a story); a programme admin who is also the Executive reads both. Nothing
here computes beyond the selectors; a story's text reaches other people only through
``selectors.region_stories`` (consented only)."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.reports.suppression import suppress
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb, submit
from evaluation.stories import geometry, presenters, selectors, services
from evaluation.stories.forms import CollectionForm, FilterForm, TellStoryForm
from programmes.core.selectors.catalogue import all_programmes


def _mine_crumbs():
    return [home_crumb(), ("Your stories", reverse("evaluation_stories:mine"))]


def _analysis_crumbs():
    return [home_crumb(), ("Stories of system leadership", reverse("evaluation_stories:collections"))]


class MyStoriesView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_stories.tell_story"
    template_name = "evaluation_stories/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(stories=list(selectors.own_stories(self.request.user)),
                       collections=list(selectors.open_collections()), breadcrumbs=[home_crumb()])
        return context


class TellStoryView(PermissionRequiredMixin, FormView):
    permission_required = "evaluation_stories.tell_story"
    template_name = "evaluation_stories/tell.html"
    form_class = TellStoryForm

    def dispatch(self, request, *args, **kwargs):
        self.collection = selectors.open_collection(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"collection": self.collection}

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.tell_story(self.request.user, self.collection,
                                                                **form.service_arguments()))
        if not outcome:
            return self.form_invalid(form)
        messages.success(self.request, f"Thank you. Your story “{outcome.result.title}” has been added.")
        return redirect("evaluation_stories:mine")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"collection": self.collection, "breadcrumbs": _mine_crumbs()}


class WithdrawStoryView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "evaluation_stories.tell_story"
    title = "Withdraw your story"
    button = "Withdraw story"
    warning = True

    def get_permission_object(self):
        return None  # the lookup below is the person's own stories only (404 otherwise, superusers included)

    def get_object(self):
        return selectors.own_story(self.request.user, self.kwargs["pk"])

    def paragraphs(self):
        return [f"Your story “{self.object.title}” and where you placed it will be deleted. It will no longer "
                "appear in any plot, list or export. You cannot undo this."]

    def perform(self):
        services.withdraw_story(self.request.user, self.object)
        return self.object

    def success_message(self, result):
        return f"Your story “{result.title}” has been withdrawn."

    def success_url(self, result):
        return reverse("evaluation_stories:mine")

    def cancel_url(self):
        return reverse("evaluation_stories:mine")

    def breadcrumbs(self):
        return _mine_crumbs()


def _programme_scope(user) -> list | None:
    """The programmes a reader is held to: None for evaluators (and superusers) and for the Executive, who
    read every programme (the Executive in aggregate only); a programme admin's own programmes otherwise."""
    if user.has_perm("evaluation_stories.analyse") or not user.has_perm("evaluation_stories.read_stories"):
        return None
    programmes = list(all_programmes().filter(slug__in=user.administered_programme_slugs))
    if not programmes:
        raise PermissionDenied("You run no programme yet.")
    return programmes


def _story_count(count: int, analyst: bool) -> str:
    """Evaluators see each collection's count as it is; others through the one suppression helper."""
    return str(count) if analyst else suppress({"Stories": count})["Stories"].display


class CollectionsView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_stories.view_plots"
    template_name = "evaluation_stories/collections.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        analyst = user.has_perm("evaluation_stories.analyse")
        collections = list(selectors.collections_with_counts())
        scope = _programme_scope(user)
        return super().get_context_data(**kwargs) | {
            "collections": [(c, _story_count(c.story_count, analyst)) for c in collections],
            "breadcrumbs": [home_crumb()], "scope": scope, "aggregate": not analyst and scope is None,
            "also_executive": scope is not None and user.has_perm("evaluation_stories.view_all_aggregate"),
            "may_manage": user.has_perm("evaluation_stories.manage_collections"),
        }


class NewCollectionView(PermissionRequiredMixin, FormView):
    permission_required = "evaluation_stories.manage_collections"
    template_name = "evaluation_stories/collection_new.html"
    form_class = CollectionForm

    def form_valid(self, form):
        outcome = submit(form, lambda data: services.create_collection(
            self.request.user, title=data["title"], prompt=data["prompt"], triads=data["triads"], dyads=data["dyads"]))
        if not outcome:
            return self.form_invalid(form)
        messages.success(self.request, f"The story collection “{outcome.result.title}” is open for stories.")
        return redirect("evaluation_stories:collection", pk=outcome.result.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"breadcrumbs": _analysis_crumbs()}


class _AnalysisMixin(PermissionRequiredMixin):
    permission_required = "evaluation_stories.analyse"

    def setup_filters(self):
        self.collection = selectors.collection(self.kwargs["pk"])
        self.scope = _programme_scope(self.request.user)
        self.filter_form = FilterForm(self.request.GET or None, programmes=self.scope,
                                      density=self.request.user.has_perm("evaluation_stories.read_stories"))
        self.filters = self.filter_form.filters()


def _plots(result: selectors.Analysis, *, density: bool, prefix: str) -> list[dict]:
    """Each triad's plot, description, summary and region counts, for the collection page. ``prefix`` keeps the
    ids unique when a page shows two sets of plots (a programme admin who is also the Executive)."""
    plots = []
    for summary in result.triads:
        description = presenters.triad_description(summary, result.count)
        # ternary_svg escapes every word (the labels evaluators typed); the rest is numbers and fixed words.
        svg = geometry.ternary_svg(summary.triad.labels, summary.points, summary.mean, title=summary.triad.prompt,
                                   description=description, show_density=density,
                                   id_prefix=f"{prefix}ternary-{summary.triad.pk}")
        plots.append({
            "summary": summary, "svg": mark_safe(svg),  # noqa: S308
            "description": description, "mean_rows": presenters.mean_rows(summary),
            "regions": [(key, presenters.region_label(summary.triad, key), summary.regions[key])
                        for key in geometry.REGIONS],
        })
    return plots


class CollectionView(_AnalysisMixin, TemplateView):
    permission_required = "evaluation_stories.view_plots"
    template_name = "evaluation_stories/collection.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.setup_filters()
        user = self.request.user
        may_read = user.has_perm("evaluation_stories.read_stories")
        result = selectors.analysis(self.collection, self.filters)
        # The Executive sees the aggregate only: shaded density, never a dot a story (and no choice of it).
        density = not may_read or (self.filter_form.is_valid() and self.filter_form.cleaned_data["density"])
        # A programme admin who is also the Executive: their programmes' plots and stories, and below them
        # every programme's in aggregate (the same filters but the programme), as the Executive sees them.
        everyone = None
        if self.scope is not None and user.has_perm("evaluation_stories.view_all_aggregate"):
            everyone_result = selectors.analysis(self.collection, dataclasses.replace(self.filters, programme=None))
            everyone = {"result": everyone_result, "plots": _plots(everyone_result, density=True, prefix="all-")}
        context.update(collection=self.collection, form=self.filter_form, result=result,
                       plots=_plots(result, density=density, prefix=""), everyone=everyone,
                       density=density, query=self.request.GET.urlencode(), breadcrumbs=_analysis_crumbs(),
                       plot_heading="h3" if everyone else "h2", plot_subheading="h4" if everyone else "h3",
                       may_read=may_read, may_export=user.has_perm("evaluation_stories.analyse"),
                       scope=self.scope, programme=self.filters.programme)
        return context


class RegionView(_AnalysisMixin, TemplateView):
    permission_required = "evaluation_stories.read_stories"
    template_name = "evaluation_stories/region.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.setup_filters()
        triad = next((t for t in self.collection.triads.all() if t.pk == self.kwargs["triad"]), None)
        region = self.kwargs["region"]
        if triad is None or region not in geometry.REGIONS:
            raise Http404
        query = self.request.GET.urlencode()
        context.update(
            collection=self.collection, triad=triad, region_label=presenters.region_label(triad, region),
            found=selectors.region_stories(self.collection, triad, region, self.filters), query=query,
            programme=self.filters.programme if self.scope else None,
            breadcrumbs=_analysis_crumbs() + [(self.collection.title, reverse(
                "evaluation_stories:collection", args=[self.collection.pk]) + (f"?{query}" if query else ""))],
        )
        return context


class ExportView(_AnalysisMixin, View):
    def get(self, request, pk):
        self.setup_filters()
        exported = selectors.export_rows(self.collection, self.filters)
        if exported is None:
            messages.error(request, "There are too few stories for these filters to export anything.")
            return redirect(reverse("evaluation_stories:collection", args=[pk]) + (f"?{request.GET.urlencode()}"
                                                                                   if request.GET else ""))
        headers, rows = exported
        return export_response("csv", f"stories-{self.collection.pk}", headers, rows)

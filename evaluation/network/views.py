"""The network pages: the quarters computed so far, and one quarter's figures and picture. They read the
stored snapshots; the only write is an evaluator's request to compute a quarter again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.ui.shortcuts import home_crumb, submit
from evaluation.network import presenters, selectors, services
from evaluation.network.forms import NameGeneratorForm
from governance.investment.quarters import quarter_from_key, quarter_of


def _quarter(key: str):
    quarter = quarter_from_key(key)
    if quarter is None or quarter.start > timezone.localdate():
        raise Http404
    return quarter


class NetworkIndexView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_network.view_network"
    template_name = "evaluation_network/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshots = selectors.computed_snapshots()
        recent = services.recent_quarters(timezone.localdate())
        computed = {(s.year, s.quarter) for s in snapshots}
        context.update(
            trend=presenters.trend(snapshots),
            tie_kinds=presenters.tie_kind_words(),
            quarters=[(quarter, (quarter.year, quarter.number) in computed) for quarter in reversed(recent)],
            responses=selectors.name_generator_counts(list(reversed(recent))),
            breadcrumbs=[home_crumb()],
        )
        return context


class NetworkQuarterView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_network.view_network"
    template_name = "evaluation_network/quarter.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarter = _quarter(self.kwargs["key"])
        snapshot = selectors.snapshot_for(quarter)
        user = self.request.user
        context.update(quarter=quarter, snapshot=snapshot, may_recompute=services.may_recompute(user),
                       breadcrumbs=[home_crumb(), ("Network", reverse("evaluation_network:index"))])
        if snapshot is None or not snapshot.is_computed:
            return context
        previous = selectors.snapshot_for(quarter.previous())
        previous_figures = previous.figures if previous and previous.is_computed else None
        legend, any_hidden = presenters.legend(snapshot.figures)
        context.update(
            rows=presenters.figure_rows(snapshot.figures, previous_figures),
            previous=quarter.previous() if previous_figures else None,
            kinds=presenters.kind_rows(snapshot.figures),
            method_notes=presenters.method_notes(snapshot.figures),
            legend=legend, any_hidden=any_hidden,
            # The SVG is made by picture.render_svg from numbers and fixed colours only; its title and
            # description are escaped there. Nothing anyone typed is in it.
            svg=mark_safe(snapshot.svg),  # noqa: S308
        )
        if user.has_perm("evaluation_network.see_brokers"):
            brokers = selectors.named_brokers(snapshot)
            record_request(self.request, [person_id for person_id, _, _ in brokers], "The network's top brokers")
            context["brokers"] = [(person, score) for _, person, score in brokers]
        return context


class RecomputeView(PermissionRequiredMixin, View):
    permission_required = "evaluation_network.recompute"
    http_method_names = ["post"]

    def post(self, request, key):
        quarter = _quarter(key)
        try:
            services.request_recompute(request.user, quarter)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"The network for {quarter.label} will be computed again in the background. "
                                      "Refresh this page in a few minutes to see the new figures.")
        return redirect("evaluation_network:quarter", key=quarter.key)


class NameGeneratorView(PermissionRequiredMixin, TemplateView):
    """The quarterly name-generator survey: the person's own answer for this quarter (the people they named,
    ticked), a directory search to find more, and saving or withdrawing the answer. Only their own answer,
    this quarter only; nobody else reads it, superusers included."""

    permission_required = "evaluation_network.answer_name_generator"
    template_name = "evaluation_network/name_generator.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        quarter = quarter_of(timezone.localdate())
        answer = selectors.own_name_generator_answer(user, quarter)
        named = [name.person for name in answer.names.all()] if answer else []
        query = (self.request.GET.get("q") or "").strip()[:200]
        named_ids = {person.pk for person in named}
        found = [profile for profile in selectors.name_search(user, query) if profile.user_id not in named_ids]
        ticked = set(form["person"].value() or []) if form is not None and form.is_bound else None
        options = [(person.pk, person.get_full_name() or person.email, "", True) for person in named]
        options += [(p.user_id, p.user.get_full_name() or p.user.email,
                     ", ".join(part for part in (p.job_title, p.organisation.name if p.organisation else "") if part),
                     False) for p in found]
        if ticked is not None:
            options = [(pk, name, hint, str(pk) in ticked) for pk, name, hint, _ in options]
        context.update(
            quarter=quarter, answer=answer, named=named, query=query, found=found, options=options,
            form=form or NameGeneratorForm(), max_names=services.MAX_NAMES,
            breadcrumbs=[home_crumb()],
        )
        return context

    def post(self, request):
        if "withdraw" in request.POST:
            if services.withdraw_name_generator(request.user):
                messages.success(request, "Your answer for this quarter has been withdrawn.")
            return redirect("evaluation_network:name_generator")
        form = NameGeneratorForm(request.POST)
        outcome = submit(form, lambda data: services.answer_name_generator(request.user, form.people()))
        if not outcome:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        count = outcome.result.names.count()
        messages.success(request, f"Thank you. Your answer naming {count} {'person' if count == 1 else 'people'} "
                                  "has been saved.")
        return redirect("evaluation_network:name_generator")

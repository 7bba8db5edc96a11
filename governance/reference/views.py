"""The governance home page and the reference data pages (list, add, change, history). Views parse, call a
service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.context_processors import user_has_perm
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from governance import history
from governance.framework import selectors as framework_selectors
from governance.models import SpatialLevelDefinition
from governance.reference import selectors, services
from governance.reference.forms import reference_form_class
from governance.reference.kinds import KINDS, get_kind


def _reference_crumbs():
    return [_home(), ("Governance", reverse("governance:reference"))]


# The governance home page: what the person may open, then the reference data.
GOVERNANCE_SECTIONS = [
    ("Who's who in C&CP leadership", "governance:whoswho", None,
     "Who holds each leadership role and C&CPLG seat today, what they lead and how to contact them."),
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
    ("Clinical networks and their communities", "governance:networks", None,
     "Each clinical network, who leads it and its community of practice, where its members discuss and share."),
    ("Care standards register", "governance:standards", None,
     "Care standards from the clinical networks, approved by the C&CPLG in consultation with the ICS Executive."),
    ("Progress returns to the C&CPLG", "governance:returns", "governance.view_returns",
     "Transformation programmes' returns to the group: who owes them, when, and what came in."),
    ("The allocation model against reality", "governance:allocation_gap", "governance.view_allocation",
     "The leadership roles the allocation model expects against the roles running: the gap in WTE and money."),
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
        items = selectors.reference_items(self.kind)
        if self.kind.model is SpatialLevelDefinition:
            bodies = selectors.level_bodies()
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
            lambda data: services.save_reference_item(
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

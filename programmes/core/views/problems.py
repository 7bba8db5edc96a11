"""The register of real system problems: every signed-in person reads it; programme admins and the
governance secretariat keep it (problems, their states, report-backs to boards) and export it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy import workflow
from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.problems import MoveProblemForm, ProblemFilterForm, ReportBackForm, SystemProblemForm
from programmes.core.models import SYSTEM_PROBLEM_WORKFLOW, SystemProblem, SystemProblemState
from programmes.core.rules import can_manage_system_problems
from programmes.core.selectors import problems as problem_selectors

# The words of the buttons that move a problem, by the state they move it to.
MOVE_WORDS = {
    SystemProblemState.OPEN: "Open the problem",
    SystemProblemState.BEING_WORKED_ON: "Mark as being worked on",
    SystemProblemState.REPORTED_BACK: "Mark as reported back",
    SystemProblemState.ADOPTED: "Mark as adopted",
    SystemProblemState.CLOSED: "Close the problem",
}


NO_REPORT_BACK = (SystemProblemState.PROPOSED, SystemProblemState.CLOSED)


def register_crumb():
    return ("System problems", reverse("programmes:problems"))


def problem_filters(request) -> tuple[ProblemFilterForm, selectors.ProblemFilters]:
    form = ProblemFilterForm(request.GET or None)
    values = form.filters() if form.is_bound else {}
    return form, selectors.ProblemFilters(**values)


class ProblemRegisterView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.view_system_problems"
    template_name = "programmes/core/problems.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, filters = problem_filters(self.request)
        page = selectors.problem_register_page(filters, self.request.GET.get("page"))
        context.update(
            form=form, page_obj=page, problems=page.object_list, filtered=filters != selectors.ProblemFilters(),
            can_manage=can_manage_system_problems(self.request.user), breadcrumbs=[_home()],
        )
        return context


class ProblemExportView(PermissionRequiredMixin, View):
    """The register as a CSV file, with the page's filters (formulas neutralised by the exports helper)."""

    permission_required = "programmes.manage_system_problems"

    def get(self, request, *args, **kwargs):
        _form, filters = problem_filters(request)
        return export_response(
            "csv", "system-problems", problem_selectors.EXPORT_HEADERS, problem_selectors.export_rows(filters)
        )


class ProblemObjectMixin:
    def get_problem(self) -> SystemProblem:
        if not hasattr(self, "problem"):
            self.problem = problem_selectors.system_problem(self.kwargs["pk"])
        return self.problem


class ProblemView(PermissionRequiredMixin, ProblemObjectMixin, TemplateView):
    permission_required = "programmes.view_system_problems"
    template_name = "programmes/core/problem.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problem = self.get_problem()
        can_manage = can_manage_system_problems(self.request.user)
        moves = [
            (state, MOVE_WORDS[state]) for state in SystemProblemState.values
            if state in workflow.allowed_moves(problem) and state in MOVE_WORDS
        ]
        context.update(
            problem=problem, attached=selectors.attached_to_problem(problem),
            actions=selectors.actions_on_problem(problem, self.request.user),
            report_backs=list(problem.report_backs.all()), can_manage=can_manage, moves=moves if can_manage else [],
            may_report_back=can_manage and problem.state not in NO_REPORT_BACK,
            breadcrumbs=[_home(), register_crumb()],
        )
        return context


class ProblemFormView(PermissionRequiredMixin, ProblemObjectMixin, TemplateView):
    """Create a problem, or change one's details."""

    permission_required = "programmes.manage_system_problems"
    template_name = "programmes/core/problem_form.html"

    def instance(self) -> SystemProblem:
        return self.get_problem() if "pk" in self.kwargs else SystemProblem()

    def get_form(self, data=None):
        problem = self.instance()
        if problem.pk is None:
            initial = {"owner": self.request.user.email}
        else:
            initial = {
                "title": problem.title, "description": problem.description,
                "owner": problem.owner.email if problem.owner else "", "board": problem.board,
                "priority_functions": list(problem.priority_functions.all()),
                "boroughs": list(problem.boroughs.all()), "spatial_level": problem.spatial_level,
            }
        return SystemProblemForm(data, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        problem = self.instance()
        crumbs = [_home(), register_crumb()]
        if problem.pk:
            crumbs.append((problem.title, reverse("programmes:problem", args=[problem.pk])))
        context.update(form=form or self.get_form(), problem=problem, creating=problem.pk is None, breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        problem = self.instance()
        outcome = submit(form, lambda data: services.save_problem(request.user, problem, **data))
        if outcome.ok:
            messages.success(request, f"Saved '{outcome.result.title}'.")
            return redirect("programmes:problem", outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReportBackView(PermissionRequiredMixin, ProblemObjectMixin, TemplateView):
    """Record a report-back to a board and the board's adoption decision."""

    permission_required = "programmes.manage_system_problems"
    template_name = "programmes/core/report_back_form.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        problem = self.get_problem()
        context.update(
            problem=problem, form=form or ReportBackForm(initial={"board": problem.board}),
            breadcrumbs=[_home(), register_crumb(), (problem.title, reverse("programmes:problem", args=[problem.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        problem = self.get_problem()
        form = ReportBackForm(request.POST)
        outcome = submit(form, lambda data: services.record_report_back(request.user, problem, **data))
        if outcome.ok:
            messages.success(request, f"Recorded the report-back to {outcome.result.board}.")
            return redirect("programmes:problem", problem.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MoveProblemView(PermissionRequiredMixin, ProblemObjectMixin, ConfirmActionView):
    """Move a problem to another state (open it, mark it being worked on, close it...)."""

    permission_required = "programmes.manage_system_problems"
    caption = "System problems"

    def get_object(self):
        if self.kwargs["state"] not in MOVE_WORDS:
            raise Http404("No such state.")
        return self.get_problem()

    @property
    def title(self):
        return f"{MOVE_WORDS[self.kwargs['state']]}: {self.get_problem().title}"

    @property
    def button(self):
        return MOVE_WORDS[self.kwargs["state"]]

    def paragraphs(self):
        label = SystemProblemState(self.kwargs["state"]).label
        return [f"The problem's state becomes '{label}'. The change is recorded with your name in its history."]

    def not_possible(self):
        problem = self.get_problem()
        if self.kwargs["state"] in workflow.allowed_moves(problem):
            return ""
        return SYSTEM_PROBLEM_WORKFLOW.refusal(problem.state, self.kwargs["state"])

    def perform(self):
        form = MoveProblemForm(self.request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        return services.move_problem(self.request.user, self.get_problem(), self.kwargs["state"], note=note)

    def success_message(self, result):
        return f"'{result.title}' is now {result.get_state_display().lower()}."

    def success_url(self, result):
        return reverse("programmes:problem", args=[result.pk])

    def cancel_url(self):
        return reverse("programmes:problem", args=[self.get_problem().pk])

    def breadcrumbs(self):
        problem = self.get_problem()
        return [_home(), register_crumb(), (problem.title, reverse("programmes:problem", args=[problem.pk]))]

"""Action learning sets and quads: the programme admin groups the cohort; the group's members or the
programme's admins set its shared problem."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import grouping, rules, selectors, services
from programmes.core.forms.admin import ProposeGroupsForm
from programmes.core.forms.leader import SharedProblemForm
from programmes.core.views.base import CohortObjectMixin, cohort_admin_crumbs, my_academy_crumb

# --- action learning sets and quads ---------------------------------------------------------------


class LearningGroupsView(CohortObjectMixin, TemplateView):
    """The cohort's action learning sets or quads: ask for a proposal that mixes organisations,
    professions and boroughs, move people between groups, then save (which replaces the groups).
    The proposal lives in the form until it is saved."""

    template_name = "programmes/core/learning_groups.html"

    def get_context_data(self, form=None, proposal=None, **kwargs):
        context = super().get_context_data(**kwargs)
        participants = getattr(self, "participants", None)
        if participants is None:
            participants = selectors.group_participants(self.cohort)
        context.update(
            cohort=self.cohort,
            participants=participants,
            groups=selectors.cohort_groups(self.cohort) if proposal is None else [],
            form=form or ProposeGroupsForm(),
            proposal=proposal,
            breadcrumbs=cohort_admin_crumbs(self.cohort),
        )
        return context

    def _proposal(self, assignment: dict[int, int], count: int, kind: str) -> dict:
        return {
            "kind": kind,
            "count": count,
            "numbers": list(range(1, count + 1)),
            "assignment": assignment,
            "groups": selectors.proposal_groups(self.participants, assignment, count),
        }

    def _posted_assignment(self, count: int) -> dict[int, int] | None:
        assignment = {}
        for application in self.participants:
            value = self.request.POST.get(f"group_{application.pk}", "")
            if not value.isdigit() or not 1 <= int(value) <= count:
                return None
            assignment[application.pk] = int(value)
        return assignment

    def post(self, request, *args, **kwargs):
        self.participants = selectors.group_participants(self.cohort)
        form = ProposeGroupsForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not self.participants:
            form.add_error(None, "No one has a place on this cohort yet, so there is no one to group")
            return self.render_to_response(self.get_context_data(form=form), status=400)
        kind = form.cleaned_data["kind"]
        action = request.POST.get("action", "propose")
        if action == "propose":
            people = [grouping.grouping_person(a) for a in self.participants]
            proposed = grouping.propose_groups(people, form.max_size())
            assignment = {p["id"]: number for number, group in enumerate(proposed, start=1) for p in group}
            return self.render_to_response(
                self.get_context_data(form=form, proposal=self._proposal(assignment, len(proposed), kind))
            )
        count = request.POST.get("count", "")
        count = int(count) if count.isdigit() and 0 < int(count) <= len(self.participants) else 0
        assignment = self._posted_assignment(count) if count else None
        if assignment is None:
            form.add_error(
                None, "The participants have changed since this proposal was made. Make a new proposal"
            )
            return self.render_to_response(self.get_context_data(form=form), status=400)
        proposal = self._proposal(assignment, count, kind)
        if action == "save":
            if set(assignment.values()) != set(proposal["numbers"]):
                form.add_error(None, "Every group must have at least one person. Move someone into the empty group")
                return self.render_to_response(self.get_context_data(form=form, proposal=proposal), status=400)
            try:
                services.save_groups(request.user, self.cohort, kind, assignment)
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
                return self.render_to_response(self.get_context_data(form=form, proposal=proposal), status=400)
            messages.success(request, f"Saved {count} {'group' if count == 1 else 'groups'} for {self.cohort.title}.")
            return redirect("programmes:learning_groups", pk=self.cohort.pk)
        return self.render_to_response(self.get_context_data(form=form, proposal=proposal))


class LearningGroupProblemView(PermissionRequiredMixin, TemplateView):
    """The group's shared problem or priority function: its members or the programme's admins set it."""

    permission_required = "programmes.edit_learning_group"
    template_name = "programmes/core/learning_group_problem.html"

    def get_permission_object(self):
        if not hasattr(self, "group"):
            self.group = selectors.learning_group(self.kwargs["pk"])
        return self.group

    def manages(self) -> bool:
        return rules.can_manage_cohort(self.request.user, self.group.cohort)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        initial = {
            "shared_problem": self.group.shared_problem, "priority_function": self.group.priority_function,
            "system_problem": self.group.system_problem,
        }
        cohort = self.group.cohort
        if self.manages():
            crumbs = [
                *cohort_admin_crumbs(cohort),
                ("Action learning sets and quads", reverse("programmes:learning_groups", args=[cohort.pk])),
            ]
        else:
            crumbs = [_home(), my_academy_crumb()]
        context.update(group=self.group, form=form or SharedProblemForm(initial=initial), breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        form = SharedProblemForm(request.POST)
        outcome = submit(
            form,
            lambda data: services.set_shared_problem(
                request.user, self.group, data["shared_problem"], data["priority_function"],
                data["system_problem"],
            ),
        )
        if outcome.ok:
            messages.success(request, f"Saved the shared problem for {self.group}.")
            if self.manages():
                return redirect("programmes:learning_groups", pk=self.group.cohort_id)
            return redirect("programmes:my_academy")
        return self.render_to_response(self.get_context_data(form=form), status=400)

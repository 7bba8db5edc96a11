"""Leader profiles, equality monitoring and the leaders directory. Views parse, call and render."""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.directory import selectors, services
from academy.directory.forms import DirectorySearchForm, EqualityForm, ProfileForm
from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit


def _profile_crumbs():
    return [_home(), ("Your profile", reverse("directory:profile"))]


class ProfileView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.edit_own_profile"

    def get_template_names(self):
        return ["directory/profile.html" if self.profile else "directory/profile_start.html"]

    def get(self, request, *args, **kwargs):
        self.profile = selectors.own_profile(request.user)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            profile=self.profile,
            equality=selectors.own_equality_answers(self.request.user) if self.profile else None,
            breadcrumbs=[_home()],
        )
        if context["equality"] is not None:
            form = EqualityForm()
            context["equality_rows"] = [
                (form.fields[field].label, getattr(context["equality"], f"get_{field}_display")())
                for field in services.EQUALITY_FIELDS
            ]
        return context


class ProfileEditView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.edit_own_profile"
    template_name = "directory/profile_edit.html"

    def get_form(self, data=None):
        profile = selectors.own_profile(self.request.user)
        return ProfileForm(data, instance=profile, user=self.request.user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, creating=form.instance.pk is None, breadcrumbs=_profile_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if submit(form, lambda data: services.save_profile(request.user, request.user, **form.service_kwargs())).ok:
            messages.success(request, "Your profile has been saved.")
            return redirect("directory:profile")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EqualityView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.edit_own_profile"
    template_name = "directory/equality.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if form is None:
            existing = selectors.own_equality_answers(self.request.user)
            initial = (
                {field: getattr(existing, field) for field in services.EQUALITY_FIELDS} if existing else None
            )
            form = EqualityForm(initial=initial)
            context["already_given"] = existing is not None
        context.update(form=form, breadcrumbs=_profile_crumbs())
        return context

    def post(self, request, *args, **kwargs):
        form = EqualityForm(request.POST)
        if submit(form, lambda data: services.give_equality_answers(request.user, request.user, form.answers())).ok:
            messages.success(request, "Thank you. Your equality monitoring answers have been saved.")
            return redirect("directory:profile")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EqualityWithdrawView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.edit_own_profile"
    template_name = "directory/equality_withdraw.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            has_answers=selectors.has_given_equality_answers(self.request.user), breadcrumbs=_profile_crumbs()
        )
        return context

    def post(self, request, *args, **kwargs):
        if services.withdraw_equality_consent(request.user, request.user):
            messages.success(
                request, "You have withdrawn your consent. Your equality monitoring answers are deleted."
            )
        return redirect("directory:profile")


class DirectorySearchView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.view_directory"
    template_name = "directory/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        form = DirectorySearchForm(
            params if any(params.get(key) for key in DirectorySearchForm.base_fields) else None,
            source_url=reverse("directory:organisation_suggestions"),
        )
        filters = form.filters()
        page = selectors.directory_page(filters, params.get("page"))
        context.update(
            form=form,
            filters=filters,
            page_obj=page,
            breadcrumbs=[_home()],
        )
        return context


class OrganisationSuggestionsView(PermissionRequiredMixin, View):
    """Organisation names matching what was typed, as JSON, for the directory's autocomplete."""

    permission_required = "directory.view_directory"

    def get(self, request, *args, **kwargs):
        return JsonResponse({"results": selectors.organisation_suggestions(request.GET.get("q", ""))})


class LeaderView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.view_directory"
    template_name = "directory/leader.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        leader = selectors.listed_leader(self.kwargs["pk"])
        record_request(self.request, [leader.user_id], "Leaders directory: their profile")
        context.update(
            leader=leader,
            breadcrumbs=[_home(), ("Leaders directory", reverse("directory:search"))],
        )
        return context


class EqualitySummaryView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.view_equality_summary"
    template_name = "directory/equality_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions, overall = selectors.equality_summary()
        context.update(questions=questions, overall=overall, breadcrumbs=[_home()])
        return context


class EqualitySummaryCsvView(PermissionRequiredMixin, View):
    permission_required = "directory.view_equality_summary"

    def get(self, request, *args, **kwargs):
        questions, overall = selectors.equality_summary()
        answered = "Equality monitoring answers given"
        rows = [[answered, cell.label, cell.display] for cell in overall]
        rows.append([answered, "Total", overall.total_display])
        for summary in questions:
            rows.extend([summary.question, cell.label, cell.display] for cell in summary.table)
            rows.append([summary.question, "Total", summary.table.total_display])
        return export_response(
            "csv", "academy-leaders-equality-summary", ["Question", "Answer", "Number of leaders"], rows
        )

"""Panel review: cohorts with applications to score, and scoring one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.ui.shortcuts import apply_validation_error as _apply_validation_error
from academy.ui.shortcuts import home_crumb as _home
from programmes.core import selectors, services
from programmes.core.forms.admin import ScoreForm
from programmes.core.models import (
    APPLICATION_WORKFLOW,
    Cohort,
)
from programmes.core.views.base import ApplicationListMixin, review_home_crumb

# --- panel review --------------------------------------------------------------------------------------




class ReviewListView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.review"
    template_name = "programmes/core/review_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cohorts=selectors.review_cohorts(self.request.user), breadcrumbs=[_home()])
        return context


class ReviewCohortView(ApplicationListMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.score_application"
    template_name = "programmes/core/review_cohort.html"

    def get_permission_object(self):
        if not hasattr(self, "cohort"):
            self.cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
        return self.cohort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.application_list(
            selectors.review_state_filters(),
            lambda number, **options: selectors.review_applications_page(
                self.request.user, self.cohort, number, **options
            ),
        )
        context.update(listing, cohort=self.cohort, breadcrumbs=[_home(), review_home_crumb()])
        return context


class ScoreView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.score_application"
    template_name = "programmes/core/score.html"

    def get_permission_object(self):
        if not hasattr(self, "application"):
            self.application = get_object_or_404(
                selectors.sent_applications().select_related(
                    "cohort__programme", "applicant__profile__profession", "applicant__profile__organisation",
                    "priority_function",
                ),
                pk=self.kwargs["pk"],
            )
        return self.application.cohort

    def get_form(self, data=None):
        mine = self.application.scores.filter(reviewer=self.request.user).first()
        initial = {"score": mine.score, "comment": mine.comment} if mine else {}
        return ScoreForm(data, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.application.cohort
        record_request(self.request, [self.application.applicant_id], f"Application to score: {cohort.title}")
        context.update(
            application=self.application,
            profile=getattr(self.application.applicant, "profile", None),
            scorable=self.application.state in services.SCORABLE
            and self.application.applicant_id != self.request.user.pk,
            state_now=APPLICATION_WORKFLOW.now[self.application.state],
            form=form or self.get_form(),
            breadcrumbs=[
                _home(), review_home_crumb(), (cohort.title, reverse("programmes:review_cohort", args=[cohort.pk]))
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.score_application(
                    request.user, self.application, form.cleaned_data["score"], form.cleaned_data["comment"]
                )
            except ValidationError as exc:
                _apply_validation_error(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Score saved for {self.application.applicant.get_full_name()}.")
                return redirect("programmes:review_cohort", pk=self.application.cohort_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)

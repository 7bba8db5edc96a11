"""Recruitment to vacant leadership roles: leaders see open vacancies and apply; the secretariat publishes,
scores, shortlists and appoints; the pipeline's diversity is shown in suppressed aggregate. Views parse,
call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.directory.selectors import has_given_equality_answers, own_profile
from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import apply_validation_error, home_crumb, submit
from governance.models import ApplicationState, Vacancy, VacancyState
from governance.recruitment import selectors, services
from governance.recruitment.forms import ApplyForm, DecisionForm, PublishVacancyForm, ScoreForm

S = ApplicationState


def _vacancies_crumbs():
    return [home_crumb(), ("Leadership vacancies", reverse("governance:vacancies"))]


def _recruitment_crumbs(vacancy: Vacancy | None = None):
    crumbs = [home_crumb(), ("Recruitment to leadership roles", reverse("governance:recruitment"))]
    if vacancy is not None:
        crumbs.append((vacancy.role.title, reverse("governance:recruitment_vacancy", args=[vacancy.pk])))
    return crumbs


# --- Leaders: vacancies and their own applications ------------------------------------------------


class VacancyListView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_vacancies"
    template_name = "governance/vacancies.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            vacancies=selectors.open_vacancies(), applications=selectors.own_applications(user),
            breadcrumbs=[home_crumb()], can_manage=user.has_perm("governance.view_recruitment"),
        )
        return context


class VacancyView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_vacancies"
    template_name = "governance/vacancy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        vacancy = selectors.vacancy_for(user, self.kwargs["pk"])
        own = next((a for a in selectors.own_applications(user) if a.vacancy_id == vacancy.pk), None)
        context.update(
            vacancy=vacancy, own=own, accepting=services.accepting_applications(vacancy),
            breadcrumbs=_vacancies_crumbs(),
        )
        return context


class ApplyView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.apply_to_vacancy"
    template_name = "governance/vacancy_apply.html"

    def setup_objects(self):
        self.vacancy = selectors.vacancy_for(self.request.user, self.kwargs["pk"])
        self.profile = own_profile(self.request.user)
        self.has_equality = has_given_equality_answers(self.request.user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            vacancy=self.vacancy, profile=self.profile, has_equality=self.has_equality, form=form or ApplyForm(),
            breadcrumbs=_vacancies_crumbs() + [(self.vacancy.role.title,
                                                reverse("governance:vacancy", args=[self.vacancy.pk]))],
        )
        return context

    def _already(self, request):
        existing = next((a for a in selectors.own_applications(request.user) if a.vacancy_id == self.vacancy.pk), None)
        if existing is not None:
            messages.info(request, "You have already applied for this role. You can apply once for each vacancy.")
            return redirect("governance:my_application", existing.pk)
        if not services.accepting_applications(self.vacancy):
            messages.info(request, "Applications for this role have closed.")
            return redirect("governance:vacancy", self.vacancy.pk)
        return None

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return self._already(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        form = ApplyForm(request.POST)
        outcome = submit(form, lambda data: services.apply(request.user, self.vacancy, data["statement"]))
        if outcome.ok:
            messages.success(request, f"Your application for {self.vacancy.role.title} has been sent.")
            return redirect("governance:my_application", outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MyApplicationView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_vacancies"
    template_name = "governance/my_application.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = selectors.own_application(self.request.user, self.kwargs["pk"])
        context.update(
            application=application, vacancy=application.vacancy,
            can_withdraw=application.state in services.STILL_IN
            and application.vacancy.state == VacancyState.OPEN,
            breadcrumbs=_vacancies_crumbs(),
        )
        return context


class WithdrawView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "governance.view_vacancies"
    button = "Withdraw my application"
    warning = True
    cancel_label = "Cancel and go back to your application"

    def get_permission_object(self):
        # The permission is not about one object: without this, the rules mixin would call get_object()
        # before checking it, as anyone (even someone signed out).
        return None

    def get_object(self):
        return selectors.own_application(self.request.user, self.kwargs["pk"])

    @property
    def title(self) -> str:
        return f"Withdraw your application for {self.object.vacancy.role.title}?"

    def paragraphs(self):
        return ["You cannot apply again for this vacancy after you withdraw."]

    def breadcrumbs(self):
        return _vacancies_crumbs()

    def perform(self):
        return services.withdraw(self.request.user, self.object)

    def success_message(self, result):
        return "Your application has been withdrawn."

    def success_url(self, result):
        return reverse("governance:my_application", args=[self.object.pk])


# --- The secretariat: publishing, scoring, shortlisting, appointing -------------------------------


class RecruitmentView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_recruitment"
    template_name = "governance/recruitment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        page = selectors.recruitment_vacancies_page(self.request.GET.get("page"))
        context.update(
            page_obj=page, vacancies=page.object_list, today=timezone.localdate(), breadcrumbs=[home_crumb()],
            can_manage=user.has_perm("governance.manage_recruitment"),
            can_see_pipeline=user.has_perm("governance.view_recruitment_pipeline"),
            can_see_talent=user.has_perm("governance.view_talent_pool"),
        )
        return context


class PublishVacancyView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_recruitment"
    template_name = "governance/vacancy_publish.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if form is None:
            form = PublishVacancyForm(initial={"role": self.request.GET.get("role")})
        context.update(form=form, breadcrumbs=_recruitment_crumbs(), has_roles=form.fields["role"].queryset.exists())
        return context

    def post(self, request, *args, **kwargs):
        form = PublishVacancyForm(request.POST)
        outcome = submit(
            form,
            lambda data: services.publish_vacancy(
                request.user, data["role"], about=data["about"], how_to_apply=data["how_to_apply"],
                closes_on=data["closes_on"], essential=data["essential"], desirable=data["desirable"],
            ),
        )
        if outcome.ok:
            vacancy = outcome.result
            messages.success(request, f"{vacancy.role.title} has been published. Leaders can now apply.")
            return redirect("governance:recruitment_vacancy", vacancy.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ApplicantsView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.manage_recruitment"
    template_name = "governance/recruitment_vacancy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = selectors.recruitment_vacancy(self.kwargs["pk"])
        applications = selectors.applicants(vacancy)
        record_request(self.request, [a.applicant_id for a in applications], f"Applicants for {vacancy.role.title}")
        context.update(
            vacancy=vacancy, applications=applications, breadcrumbs=_recruitment_crumbs(),
            criteria_count=len(vacancy.criteria.all()), accepting=services.accepting_applications(vacancy),
        )
        return context


class ApplicationReviewView(PermissionRequiredMixin, TemplateView):
    """One application: the statement, a score and reason for each criterion, and the decision."""

    permission_required = "governance.manage_recruitment"
    template_name = "governance/recruitment_application.html"

    def setup_objects(self):
        self.application = selectors.application_for_secretariat(self.kwargs["pk"])
        self.criteria = selectors.criteria_with_scores(self.application)

    def score_form(self, data=None):
        return ScoreForm(data, criteria=self.criteria, prefix="scores")

    def decision_form(self, data=None):
        return DecisionForm(data, state=self.application.state, prefix="decision")

    def get_context_data(self, score_form=None, decision_form=None, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        record_request(self.request, [application.applicant_id], f"Job application: {application.vacancy.role.title}")
        open_vacancy = application.vacancy.state == VacancyState.OPEN
        decision_form = decision_form or self.decision_form()
        context.update(
            application=application, vacancy=application.vacancy, criteria=self.criteria,
            score_form=score_form or self.score_form(), decision_form=decision_form, form=form,
            can_score=open_vacancy and application.state != S.WITHDRAWN,
            can_decide=open_vacancy and bool(decision_form.fields["decision"].choices),
            history=selectors.application_history(application),
            total=sum(score.score for _, score in self.criteria if score),
            breadcrumbs=_recruitment_crumbs(application.vacancy),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        if "decision-decision" in request.POST or request.POST.get("form") == "decision":
            return self.post_decision(request)
        return self.post_scores(request)

    def post_scores(self, request):
        form = self.score_form(request.POST)
        if form.is_valid():
            scores = form.scores()
            if form.is_valid():
                try:
                    changed = services.score_application(request.user, self.application, scores)
                except ValidationError as exc:
                    apply_validation_error(form, exc)
                else:
                    messages.success(request, f"Scores saved ({changed} changed).")
                    return redirect("governance:recruitment_application", self.application.pk)
        return self.render_to_response(self.get_context_data(score_form=form, form=form), status=400)

    def post_decision(self, request):
        form = self.decision_form(request.POST)
        outcome = submit(
            form,
            lambda data: services.move_application(
                request.user, self.application, data["decision"], data["reason"],
                confirm_overtime=data.get("confirm_overtime", False),
            ),
        )
        if outcome.ok:
            decision = form.cleaned_data["decision"]
            if decision == S.APPOINTED:
                messages.success(request, f"{self.application.applicant} has been appointed to "
                                 f"{self.application.vacancy.role.title}. The other applicants are told by email.")
                return redirect("governance:recruitment_vacancy", self.application.vacancy_id)
            label = S(decision).label.lower()
            messages.success(request, f"The application is now '{label}'.")
            return redirect("governance:recruitment_application", self.application.pk)
        return self.render_to_response(self.get_context_data(decision_form=form, form=form), status=400)


# --- The pipeline's diversity ---------------------------------------------------------------------


def _pipeline_scope(request):
    """The vacancy asked for (``?vacancy=<pk>``), or None for every vacancy."""
    pk = request.GET.get("vacancy", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404("No vacancy has this number.")
    vacancy = Vacancy.objects.select_related("role").filter(pk=int(pk)).first()
    if vacancy is None:
        raise Http404("No vacancy has this number.")
    return vacancy


class PipelineView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_recruitment_pipeline"
    template_name = "governance/recruitment_pipeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = _pipeline_scope(self.request)
        context.update(
            vacancy=vacancy, tables=selectors.pipeline(vacancy), threshold=5, stages=selectors.STAGES,
            choices=list(Vacancy.objects.select_related("role").order_by("role__title", "pk")),
            breadcrumbs=[home_crumb()]
            + ([("Recruitment to leadership roles", reverse("governance:recruitment"))]
               if self.request.user.has_perm("governance.view_recruitment") else []),
        )
        return context


class PipelineCsvView(PermissionRequiredMixin, View):
    permission_required = "governance.view_recruitment_pipeline"

    def get(self, request, *args, **kwargs):
        vacancy = _pipeline_scope(request)
        scope = vacancy.role.title if vacancy else "All vacancies"
        rows = selectors.pipeline_csv_rows(scope, selectors.pipeline(vacancy))
        name = f"recruitment-pipeline-{vacancy.pk}" if vacancy else "recruitment-pipeline-all"
        return export_response("csv", name, selectors.PIPELINE_CSV_HEADER, rows)

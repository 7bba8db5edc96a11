"""Pages for evaluation questionnaires, by audience: evaluators build and schedule; evaluators and
programme admins read aggregate results; a participant answers and withdraws their own answers; a line
manager answers through a signed link without an account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy import workflow
from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb, submit
from evaluation.surveys import presenters, selectors, services
from evaluation.surveys.forms import AnswerForm, InstrumentForm, ItemForm, StandardScheduleForm, WaveForm


def surveys_crumb():
    return ("Questionnaires", reverse("evaluation_surveys:mine"))


def build_crumb():
    return ("Evaluation questionnaires", reverse("evaluation_surveys:instruments"))


def version_url(version) -> str:
    return reverse("evaluation_surveys:version", args=[version.pk])


class BuilderMixin(PermissionRequiredMixin):
    permission_required = "evaluation_surveys.build"


# --- a person's own --------------------------------------------------------------------------------------


class MineView(LoginRequiredMixin, TemplateView):
    """Everyone signed in: questionnaires waiting for them, and the answers they gave."""

    template_name = "evaluation_surveys/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            invitations=selectors.own_open_invitations(user),
            responses=[presenters.own_response(r) for r in selectors.own_responses(user)],
            may_build=user.has_perm("evaluation_surveys.build"),
            may_read=user.has_perm("evaluation_surveys.read_results"),
            breadcrumbs=[home_crumb()],
        )
        return context


def _answer_page(request, invitation, *, on_behalf: bool, success_url: str, actor):
    form = AnswerForm(request.POST or None, items=invitation.items)
    wave = invitation.wave
    closed = not services.wave_is_open(wave)
    if request.method == "POST" and not closed and not invitation.answered:
        outcome = submit(form, lambda data: services.submit_response(
            actor, invitation, form.answers(), consent_to_quote=data.get("consent_to_quote", False)))
        if outcome:
            messages.success(request, "Thank you: your answers are saved.")
            return redirect(success_url)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "evaluation_surveys/respond.html", {
        "invitation": invitation, "wave": wave, "form": form, "closed": closed, "on_behalf": on_behalf,
        "closes_on": presenters.date(wave.closes_on),
        "breadcrumbs": [home_crumb(), surveys_crumb()] if not on_behalf else [],
    }, status=status)


class RespondView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.invitation = selectors.own_invitation(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return _answer_page(request, self.invitation, on_behalf=False,
                            success_url=reverse("evaluation_surveys:mine"), actor=request.user)

    post = get


class LineManagerView(View):
    """A line manager answers about their colleague through the signed link in their email."""

    def get(self, request, token):
        invitation = selectors.line_manager_invitation(token)
        return _answer_page(request, invitation, on_behalf=True,
                            success_url=reverse("evaluation_surveys:line_manager", args=[token]),
                            actor=workflow.SYSTEM)

    post = get


class WithdrawView(LoginRequiredMixin, ConfirmActionView):
    title = "Withdraw your answers"
    button = "Withdraw and delete my answers"
    warning = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        return selectors.own_response(self.request.user, self.kwargs["pk"])

    def paragraphs(self):
        wave = self.object.invitation.wave
        return [
            f"Your answers to the {wave.get_kind_display().lower()} questionnaire for {wave.subject.title} will be "
            "deleted. They will not count in any results from now on. You cannot undo this.",
        ]

    def perform(self):
        return services.withdraw_response(self.request.user, self.object)

    def success_message(self, result):
        return "Your answers are withdrawn and deleted."

    def success_url(self, result):
        return reverse("evaluation_surveys:mine")

    def breadcrumbs(self):
        return [home_crumb(), surveys_crumb()]


# --- evaluators build questionnaires -------------------------------------------------------------------


class InstrumentsView(BuilderMixin, TemplateView):
    template_name = "evaluation_surveys/instruments.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            instruments=[presenters.instrument_row(i) for i in selectors.instruments()],
            breadcrumbs=[home_crumb()],
        )
        return context


class InstrumentCreateView(BuilderMixin, View):
    def get(self, request):
        return self.page(InstrumentForm())

    def post(self, request):
        form = InstrumentForm(request.POST)
        outcome = submit(form, lambda data: services.create_instrument(request.user, **data))
        if outcome:
            messages.success(request, "The questionnaire is created. Add its questions to the draft.")
            return redirect(version_url(outcome.result.versions.get()))
        return self.page(form, status=400)

    def page(self, form, status=200):
        return render(self.request, "evaluation_surveys/instrument_form.html", {
            "form": form, "breadcrumbs": [home_crumb(), build_crumb()]}, status=status)


class VersionView(BuilderMixin, View):
    """A version's questions; a draft's can be added, moved and removed, and it can be published."""

    def get(self, request, pk, form=None, status=200):
        version = selectors.instrument_version(pk)
        return render(request, "evaluation_surveys/version.html", {
            "version": version,
            "display": presenters.version_display(version),
            "items": [presenters.item_row(item) for item in version.items.all()],
            "form": form or ItemForm(),
            "breadcrumbs": [home_crumb(), build_crumb()],
        }, status=status)


class ItemAddView(BuilderMixin, View):
    def get(self, request, pk):
        return redirect(version_url(selectors.instrument_version(pk)))

    def post(self, request, pk):
        version = selectors.instrument_version(pk)
        form = ItemForm(request.POST)
        if submit(form, lambda data: services.add_item(request.user, version, **data)):
            messages.success(request, "The question is added.")
            return redirect(version_url(version) + "#questions")
        return VersionView().get(request, pk, form=form, status=400)


class ItemMoveView(BuilderMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, direction):
        found = selectors.item(pk)
        try:
            services.move_item(request.user, found, direction)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(version_url(found.version) + "#questions")


class ItemRemoveView(BuilderMixin, ConfirmActionView):
    title = "Remove this question"
    button = "Remove question"
    warning = True

    def get_object(self):
        return selectors.item(self.kwargs["pk"])

    def paragraphs(self):
        return [f"“{self.object.text}” will be removed from this draft."]

    def not_possible(self):
        if not presenters.is_draft(self.object.version):
            return "This version is in use, so its questions cannot change. Make a new version to change them."
        return ""

    def perform(self):
        return services.remove_item(self.request.user, self.object)

    def success_message(self, result):
        return "The question is removed."

    def success_url(self, result):
        return version_url(self.object.version) + "#questions"

    def breadcrumbs(self):
        return [home_crumb(), build_crumb()]


class _VersionAction(BuilderMixin, ConfirmActionView):
    def get_object(self):
        return selectors.instrument_version(self.kwargs["pk"])

    def success_url(self, result):
        return version_url(result)

    def cancel_url(self):
        return version_url(self.object)

    def breadcrumbs(self):
        return [home_crumb(), build_crumb()]


class PublishView(_VersionAction):
    title = "Publish this version"
    button = "Publish"

    def paragraphs(self):
        return [
            f"Version {self.object.number} of “{self.object.instrument.name}” will go live with "
            f"{len(self.object.items.all())} questions. Once live its questions never change: to change them "
            "you make a new version.",
        ]

    def perform(self):
        return services.publish_version(self.request.user, self.object)

    def success_message(self, result):
        return "The version is live. You can now schedule it for a cohort."


class RetireView(_VersionAction):
    title = "Retire this version"
    button = "Retire"
    warning = True

    def paragraphs(self):
        return ["A retired version cannot be scheduled for new waves. Waves already using it keep it."]

    def perform(self):
        return services.retire_version(self.request.user, self.object)

    def success_message(self, result):
        return "The version is retired."


class NewVersionView(BuilderMixin, ConfirmActionView):
    title = "Make a new version"
    button = "Make a new draft version"

    def get_object(self):
        return selectors.instrument(self.kwargs["pk"])

    def paragraphs(self):
        return ["A new draft starts with the latest version's questions. Change it, then publish it."]

    def perform(self):
        return services.new_draft(self.request.user, self.object)

    def success_message(self, result):
        return f"Version {result.number} is a draft."

    def success_url(self, result):
        return version_url(result)

    def cancel_url(self):
        return reverse("evaluation_surveys:instruments")

    def breadcrumbs(self):
        return [home_crumb(), build_crumb()]


# --- evaluators schedule waves --------------------------------------------------------------------------


class WavesView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_surveys.schedule"
    template_name = "evaluation_surveys/waves.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(waves=[presenters.wave_row(w) for w in selectors.waves_for_schedule_page()],
                       breadcrumbs=[home_crumb(), build_crumb()])
        return context


class WaveCreateView(PermissionRequiredMixin, View):
    permission_required = "evaluation_surveys.schedule"

    def form(self, data=None):
        return WaveForm(data, subjects=selectors.schedulable_subjects(), versions=selectors.live_versions())

    def get(self, request):
        return self.page(self.form())

    def post(self, request):
        form = self.form(request.POST)
        if submit(form, lambda data: services.schedule_wave(request.user, **data)):
            messages.success(request, "The questionnaire is scheduled. Invitations go out on its opening day.")
            return redirect("evaluation_surveys:waves")
        return self.page(form, status=400)

    def page(self, form, status=200):
        return render(self.request, "evaluation_surveys/wave_form.html", {
            "form": form, "today": timezone.localdate(),
            "breadcrumbs": [home_crumb(), build_crumb(), ("Schedule", reverse("evaluation_surveys:waves"))],
        }, status=status)


def schedule_crumb():
    return ("Schedule", reverse("evaluation_surveys:waves"))


class StandardCohortsView(PermissionRequiredMixin, TemplateView):
    """Evaluators: the cohorts, conference editions and shadowing placements that can still be scheduled,
    each with a link to its standard schedule."""

    permission_required = "evaluation_surveys.schedule"
    template_name = "evaluation_surveys/standard_cohorts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            subjects=[{"subject": s, "dates": presenters.cohort_dates(s)} for s in selectors.schedulable_subjects()],
            breadcrumbs=[home_crumb(), build_crumb(), schedule_crumb()],
        )
        return context


class StandardScheduleView(PermissionRequiredMixin, View):
    """Evaluators: schedule the standard Kirkpatrick waves of a cohort, a conference edition or a shadowing
    placement from its dates, in one confirm step."""

    permission_required = "evaluation_surveys.schedule"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.subject = selectors.scheduling_subject(request.user, kwargs.get("kind", "cohort"), kwargs["pk"])
            self.plan = selectors.standard_plan(self.subject)
            self.versions = selectors.live_versions()
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return StandardScheduleForm(
            data, plan=self.plan, versions=self.versions,
            defaults=selectors.default_versions(self.plan, self.versions),
        )

    def get(self, request, pk, **kwargs):
        return self.page(self.form())

    def post(self, request, pk, **kwargs):
        form = self.form(request.POST)
        outcome = submit(
            form, lambda data: services.schedule_standard(request.user, subject=self.subject, versions=data)
        )
        if outcome:
            count = len(outcome.result)
            messages.success(
                request,
                f"{count} questionnaire{'s are' if count != 1 else ' is'} scheduled for {self.subject.title}. "
                "Invitations go out on each opening day.",
            )
            return redirect("evaluation_surveys:waves")
        return self.page(form, status=400)

    def page(self, form, status=200):
        return render(self.request, "evaluation_surveys/standard_schedule.html", {
            "subject": self.subject, "dates": presenters.cohort_dates(self.subject), "form": form,
            "rows": [presenters.planned_row(p) for p in self.plan],
            "any_to_make": any(p.to_make for p in self.plan),
            "breadcrumbs": [home_crumb(), build_crumb(), schedule_crumb()],
        }, status=status)


# --- results -------------------------------------------------------------------------------------------


class ResultsIndexView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_surveys.read_results"
    template_name = "evaluation_surveys/results_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(subjects=selectors.readable_cohort_waves(self.request.user), breadcrumbs=[home_crumb()])
        return context


class CohortResultsView(PermissionRequiredMixin, TemplateView):
    """A cohort's, conference edition's or shadowing placement's results (``kind`` from the URL)."""

    permission_required = "evaluation_surveys.read_results"
    template_name = "evaluation_surveys/cohort_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = selectors.subject_results(
            self.request.user, self.kwargs.get("kind", "cohort"), self.kwargs["pk"]
        )
        context.update(
            results=results,
            waves=[presenters.wave_result(r) for r in results.waves],
            may_schedule=self.request.user.has_perm("evaluation_surveys.schedule"),
            breadcrumbs=[home_crumb(), ("Evaluation results", reverse("evaluation_surveys:results"))],
        )
        return context


class WaveExportView(PermissionRequiredMixin, View):
    """Evaluators (every cohort) and programme admins (their programmes' cohorts): one wave's aggregate
    results as CSV or XLSX, recorded in the access log against the people whose answers it rests on."""

    permission_required = "evaluation_surveys.read_results"

    def get(self, request, pk):
        exported = selectors.wave_export(request.user, pk)
        record_request(request, exported.respondent_ids, f"Questionnaire results export: {exported.stem}")
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        return export_response(fmt, exported.stem, selectors.EXPORT_HEADERS, exported.rows)

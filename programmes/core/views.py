"""Leaders' own applications and places, and the line manager's signed link. Views parse, call a
service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.reports.pdf import render_pdf
from academy.ui.shortcuts import apply_validation_error as _apply_validation_error
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import grouping, ics, presenters, rules, selectors, services
from programmes.core.forms import (
    ApplicationForm,
    CatalogueFilterForm,
    CheckInForm,
    CohortForm,
    CohortMessageForm,
    DecisionForm,
    FacultyForm,
    LineManagerDecisionForm,
    ProgrammeForm,
    ProposeGroupsForm,
    ReflectionForm,
    ReplyForm,
    ScoreForm,
    SessionForm,
    SharedProblemForm,
)
from programmes.core.models import (
    Application,
    ApplicationState,
    AttendanceStatus,
    Cohort,
    CohortFaculty,
    Programme,
    SelectionMethod,
    Session,
)


def _my_academy():
    return ("My Academy", reverse("programmes:my_academy"))


class MyAcademyView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/my_academy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        feed = selectors.own_feed(user)
        applications = list(selectors.own_applications(user))
        context.update(
            applications=applications,
            sessions=selectors.own_sessions(user),
            learning_logs=selectors.learning_log(user, applications),
            is_faculty=selectors.is_faculty(user),
            feed_url=_feed_url(self.request, feed),
            breadcrumbs=[_home()],
        )
        context["learning_groups"] = selectors.own_groups(user)  # action learning sets and quads
        return context


def _feed_url(request, feed) -> str:
    if feed is None:
        return ""
    return request.build_absolute_uri(reverse("programmes:calendar_feed", args=[feed.token]))


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class SessionCalendarView(PermissionRequiredMixin, View):
    """One session as an .ics file, for people with a place on its cohort."""

    permission_required = "programmes.view_my_academy"

    def get(self, request, pk):
        session = selectors.own_session(request.user, pk)
        return _ics_response(ics.calendar([session], name=session.cohort.title), f"academy-session-{session.pk}.ics")


class CalendarFeedView(View):
    """A person's private calendar feed: the long random token is the key, so no sign-in (calendar apps
    cannot sign in). Renewing the token stops the old address working."""

    def get(self, request, token):
        user = selectors.feed_user(token)
        sessions = selectors.own_sessions(user, upcoming_only=False)
        return _ics_response(ics.calendar(sessions), "academy.ics")


class CalendarFeedManageView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/calendar_feed.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = selectors.own_feed(self.request.user)
        context.update(feed=feed, feed_url=_feed_url(self.request, feed), breadcrumbs=[_home(), _my_academy()])
        return context

    def post(self, request, *args, **kwargs):
        had_feed = selectors.own_feed(request.user) is not None
        if had_feed:
            services.renew_calendar_feed(request.user)
            messages.success(request, "Your calendar feed has a new address. The old one no longer works.")
        else:
            services.calendar_feed(request.user)
            messages.success(request, "Your calendar feed is ready. Copy its address into your calendar app.")
        return redirect("programmes:calendar_feed_manage")


class ApplicationView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/application.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = selectors.own_application(self.request.user, self.kwargs["pk"])
        context.update(
            application=application,
            can_respond=application.state == ApplicationState.OFFERED,
            can_withdraw=application.state in services.WITHDRAWABLE,
            breadcrumbs=[_home(), _my_academy()],
        )
        return context


ACTIONS = {
    "accept": ("Accept your place", "Accept this place", services.accept, {ApplicationState.OFFERED}),
    "decline": ("Decline your place", "Decline this place", services.decline, {ApplicationState.OFFERED}),
    "withdraw": ("Withdraw", "Withdraw", services.withdraw, services.WITHDRAWABLE),
}


class ApplicationActionView(PermissionRequiredMixin, View):
    """Confirm, then accept or decline an offer, or withdraw."""

    permission_required = "programmes.view_my_academy"
    action = "accept"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.application = selectors.own_application(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, error=None):
        title, button, _, states = ACTIONS[self.action]
        return render(
            self.request,
            "programmes/core/application_action.html",
            {
                "application": self.application,
                "action": self.action,
                "title": title,
                "button": button,
                "possible": self.application.state in states,
                "error": error,
                "breadcrumbs": [
                    _home(),
                    _my_academy(),
                    (self.application.cohort.title, reverse("programmes:application", args=[self.application.pk])),
                ],
            },
            status=400 if error else 200,
        )

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        _, _, service, _ = ACTIONS[self.action]
        try:
            application = service(request.user, self.application)
        except ValidationError as exc:
            return self.render_page(error=" ".join(exc.messages))
        done = {
            "accept": f"You have accepted your place on {application.cohort.title}.",
            "decline": f"You have declined the place on {application.cohort.title}.",
            "withdraw": f"You have withdrawn from {application.cohort.title}.",
        }
        messages.success(request, done[self.action])
        return redirect("programmes:application", pk=application.pk)


class LineManagerView(View):
    """The page a line manager reaches from the emailed signed link. No account is needed; a forged or
    expired link is refused and nothing changes."""

    template_name = "programmes/core/line_manager.html"

    def load(self, token):
        try:
            return services.application_from_line_manager_token(token), None
        except signing.SignatureExpired:
            return None, "expired"
        except (signing.BadSignature, Application.DoesNotExist):
            return None, "invalid"

    def render_page(self, application, problem=None, form=None, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "application": application,
                "problem": problem,
                "form": form,
                "decided": application is not None and application.state != ApplicationState.AWAITING_LINE_MANAGER,
            },
            status=status,
        )

    def get(self, request, token):
        application, problem = self.load(token)
        if problem:
            return self.render_page(None, problem, status=404 if problem == "invalid" else 410)
        return self.render_page(application, form=LineManagerDecisionForm())

    def post(self, request, token):
        application, problem = self.load(token)
        if problem:
            return self.render_page(None, problem, status=404 if problem == "invalid" else 410)
        form = LineManagerDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_page(application, form=form, status=400)
        try:
            application = services.line_manager_decide(token, approve=form.cleaned_data["decision"] == "approve")
        except ValidationError:
            return self.render_page(application)
        return render(request, "programmes/core/line_manager_done.html", {"application": application})


# --- catalogue, programmes and cohorts (public: anyone may browse) -----------------------------------


def _catalogue():
    return ("Programmes", reverse("programmes:catalogue"))


class CatalogueView(TemplateView):
    """The Academy's programmes with something open now. Public, like a prospectus."""

    template_name = "programmes/core/catalogue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CatalogueFilterForm(self.request.GET or None)
        filters = form.filters() if self.request.GET else {}
        context.update(
            form=form,
            entries=selectors.catalogue(**filters),
            filtered=any(filters.values()),
            breadcrumbs=[_home()],
        )
        return context


class ProgrammeView(TemplateView):
    template_name = "programmes/core/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        cohorts = selectors.programme_cohorts(programme)
        groups: dict[str, list] = {}
        for cohort in cohorts:
            groups.setdefault(cohort.offer_type_label or "Cohorts", []).append(cohort)
        context.update(programme=programme, groups=groups, breadcrumbs=[_home(), _catalogue()])
        return context


class CohortView(TemplateView):
    template_name = "programmes/core/cohort.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = selectors.cohort_for_page(self.request.user, self.kwargs["pk"])
        context.update(
            cohort=cohort,
            own=selectors.own_application_for(self.request.user, cohort),
            window_open=cohort.window_open(),
            breadcrumbs=[
                _home(),
                _catalogue(),
                (cohort.programme.name, reverse("programmes:programme", args=[cohort.programme.slug])),
            ],
        )
        return context


class CohortActionMixin(PermissionRequiredMixin):
    permission_required = "programmes.view_my_academy"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.cohort = selectors.cohort_for_page(request.user, kwargs["pk"])
            self.own = selectors.own_application_for(request.user, self.cohort)
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self):
        return [
            _home(),
            _catalogue(),
            (self.cohort.programme.name, reverse("programmes:programme", args=[self.cohort.programme.slug])),
            (self.cohort.title, reverse("programmes:cohort", args=[self.cohort.pk])),
        ]


class ApplyView(CohortActionMixin, TemplateView):
    template_name = "programmes/core/apply.html"

    def get_form(self, data=None, draft=False):
        initial = {}
        profile = getattr(self.request.user, "profile", None) if data is None else None
        if profile is not None:
            initial = {"line_manager_name": profile.line_manager_name, "line_manager_email": profile.line_manager_email}
        if data is None and self.is_draft:
            initial = ApplicationForm.initial_from(self.own)
        return ApplicationForm(data, cohort=self.cohort, initial=initial, draft=draft)

    @property
    def is_draft(self) -> bool:
        return self.own is not None and self.own.state == ApplicationState.DRAFT

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            own=self.own,
            is_draft=self.is_draft,
            can_apply=(self.own is None or self.is_draft) and self.cohort.window_open()
            and not self.cohort.is_open_booking,
            form=form or self.get_form(),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "draft":
            return self.save_draft()
        form = self.get_form(request.POST)
        outcome = submit(form, lambda data: services.apply(request.user, self.cohort, **form.service_kwargs()))
        if outcome.ok:
            messages.success(
                request,
                "Application sent. We have emailed your line manager to ask them to support your protected time.",
            )
            return redirect("programmes:application", pk=outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save_draft(self):
        """Application drafts: save what is filled in so far, to finish later from My Academy."""
        form = self.get_form(self.request.POST, draft=True)
        outcome = submit(
            form, lambda data: services.save_draft(self.request.user, self.cohort, **form.service_kwargs())
        )
        if outcome.ok:
            closes = self.cohort.applications_close
            until = f" before applications close on {presenters.format_deadline(closes)}" if closes else ""
            messages.success(
                self.request,
                f"Draft saved. It has not been sent. Finish and send it from My Academy{until}.",
            )
            return redirect("programmes:application", pk=outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BookView(CohortActionMixin, TemplateView):
    template_name = "programmes/core/book.html"

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            own=self.own,
            can_book=self.own is None and self.cohort.window_open() and self.cohort.is_open_booking,
            error=error,
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            application = services.book(request.user, self.cohort)
        except ValidationError as exc:
            self.own = selectors.own_application_for(request.user, self.cohort)
            return self.render_to_response(self.get_context_data(error=" ".join(exc.messages)), status=400)
        if application.state == ApplicationState.ACCEPTED:
            messages.success(request, f"You have a place on {self.cohort.title}.")
        else:
            messages.info(
                request, "It is fully booked, so you are on the waiting list. We will email you if a place comes up."
            )
        return redirect("programmes:application", pk=application.pk)


# --- programme admins (only for the programmes they administer) ---------------------------------------


def _admin_home():
    return ("Programme admin", reverse("programmes:admin_cohorts"))


def _cohort_admin_crumbs(cohort) -> list:
    """Breadcrumbs of a page under a cohort's management page."""
    return [_home(), _admin_home(), (cohort.title, reverse("programmes:cohort_manage", args=[cohort.pk]))]


class AdminCohortsView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.administer"
    template_name = "programmes/core/admin_cohorts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cohorts=selectors.administered_cohorts(self.request.user), breadcrumbs=[_home()])
        # programme admins create programmes
        context["programmes"] = selectors.administered_programmes(self.request.user)
        return context


class CohortObjectMixin(PermissionRequiredMixin):
    """Loads the cohort from the URL; the permission is checked against it (403 outside one's programmes)."""

    permission_required = "programmes.manage_cohort"

    def get_permission_object(self):
        if not hasattr(self, "cohort"):
            self.cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
        return self.cohort


class CohortFormView(PermissionRequiredMixin, TemplateView):
    template_name = "programmes/core/cohort_form.html"

    def get_permission_required(self):
        return ["programmes.manage_cohort"] if "pk" in self.kwargs else ["programmes.administer"]

    def get_permission_object(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "cohort"):
            self.cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
        return self.cohort

    def get_form(self, data=None):
        instance = getattr(self, "cohort", None) or Cohort(selection_method=SelectionMethod.SELECTION)
        return CohortForm(data, instance=instance, user=self.request.user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        crumbs = [_home(), _admin_home()]
        if form.instance.pk:
            crumbs.append((form.instance.title, reverse("programmes:cohort_manage", args=[form.instance.pk])))
        context.update(form=form, creating=form.instance.pk is None, breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)

        def save(_):
            data = form.service_data()
            return services.save_cohort(
                request.user, form.instance, data,
                target_groups=data["target_groups"], priority_functions=data["priority_functions"],
            )

        outcome = submit(form, save)
        if outcome.ok:
            cohort = outcome.result
            messages.success(request, f"Saved {cohort.title}.")
            return redirect("programmes:cohort_manage", pk=cohort.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CohortManageView(CohortObjectMixin, TemplateView):
    """The programme admin's page for one cohort: applications and bulk decisions, the composition of
    the proposed cohort against the pool, sessions, and the roster export."""

    template_name = "programmes/core/cohort_manage.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        # roster pagination: one page of applications; the composition is counted in the database
        page = selectors.cohort_applications_page(self.cohort, self.request.GET.get("page"))
        applications = page.object_list
        context.update(
            cohort=self.cohort,
            applications=applications,
            page_obj=page,
            composition=selectors.cohort_composition(self.cohort),
            sessions=list(self.cohort.sessions.order_by("starts_at")),
            faculty=selectors.cohort_faculty(self.cohort),
            faculty_form=FacultyForm(),
            form=form or DecisionForm(applications=applications),
            breadcrumbs=[_home(), _admin_home()],
        )
        return context

    def post(self, request, *args, **kwargs):
        applications = selectors.cohort_applications(self.cohort)
        form = DecisionForm(request.POST, applications=applications)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        result = services.decide_applications(
            request.user, self.cohort, form.cleaned_data["applications"], form.cleaned_data["decision"]
        )
        parts = [f"{result['done']} done"]
        if result["full"]:
            parts.append(f"{result['full']} not offered because the cohort is full")
        if result["skipped"]:
            parts.append(f"{result['skipped']} skipped because their state does not allow it")
        messages.success(request, "Decisions recorded: " + "; ".join(parts) + ".")
        return redirect("programmes:cohort_manage", pk=self.cohort.pk)


class RosterExportView(CohortObjectMixin, View):
    def get(self, request, pk):
        applications = [
            a for a in selectors.cohort_applications(self.cohort) if a.state in selectors.PROPOSED_STATES
        ]
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        return export_response(
            fmt, f"{self.cohort.title} roster", selectors.ROSTER_HEADERS, selectors.roster_rows(applications)
        )


class SessionFormView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/session_form.html"

    def get_permission_object(self):
        if not hasattr(self, "session"):
            if "session_pk" in self.kwargs:
                self.session = get_object_or_404(
                    Session.objects.select_related("cohort__programme"), pk=self.kwargs["session_pk"]
                )
            else:
                cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
                self.session = Session(cohort=cohort, delivery_format=cohort.delivery_format)
        return self.session.cohort

    def get_form(self, data=None):
        return SessionForm(data, instance=self.session)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.session.cohort
        context.update(
            form=form or self.get_form(),
            cohort=cohort,
            creating=self.session.pk is None,
            breadcrumbs=_cohort_admin_crumbs(cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(form, lambda data: services.save_session(request.user, form.instance, data))
        if outcome.ok:
            session = outcome.result
            messages.success(request, f"Saved the session {session.title}.")
            return redirect("programmes:cohort_manage", pk=session.cohort_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AttendanceView(PermissionRequiredMixin, TemplateView):
    """Take attendance for a session in bulk (works on a phone in the room)."""

    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/attendance.html"

    def get_permission_object(self):
        if not hasattr(self, "session"):
            self.session = get_object_or_404(
                Session.objects.select_related("cohort__programme"), pk=self.kwargs["session_pk"]
            )
        return self.session.cohort

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.session.cohort
        context.update(
            session=self.session,
            sheet=selectors.attendance_sheet(self.session),
            statuses=AttendanceStatus.choices,
            error=error,
            breadcrumbs=_cohort_admin_crumbs(cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        statuses = {}
        for key, value in request.POST.items():
            if key.startswith("status_") and key[7:].isdigit():
                statuses[int(key[7:])] = value
        if not statuses:
            return self.render_to_response(
                self.get_context_data(error="Select present, sent apologies or absent for at least one person"),
                status=400,
            )
        saved = services.record_attendance(request.user, self.session, statuses)
        messages.success(request, f"Attendance saved for {saved} {'person' if saved == 1 else 'people'}.")
        return redirect("programmes:attendance", session_pk=self.session.pk)


class CompletionView(CohortObjectMixin, TemplateView):
    template_name = "programmes/core/completion.html"

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        rows, total, needed = selectors.completion_rows(self.cohort)
        context.update(
            cohort=self.cohort,
            rows=rows,
            total=total,
            needed=needed,
            error=error,
            breadcrumbs=_cohort_admin_crumbs(self.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        ids = [int(value) for value in request.POST.getlist("applications") if value.isdigit()]
        if not ids:
            return self.render_to_response(self.get_context_data(error="Select at least one person"), status=400)
        result = services.complete_places(request.user, self.cohort, ids)
        parts = [f"{result['done']} completed with a certificate"]
        sessions = f"attended fewer than {result['needed']} of {result['total']} sessions"
        missing = result["missing"]
        if missing["attendance"]:
            parts.append(f"{missing['attendance']} not completed: they {sessions}")
        if missing["final"]:
            parts.append(f"{missing['final']} not completed: they have not written their final reflection")
        if missing["both"]:
            parts.append(
                f"{missing['both']} not completed: they {sessions} and have not written their final reflection"
            )
        if result["skipped"]:
            parts.append(f"{result['skipped']} skipped because their place does not allow it")
        messages.success(request, "; ".join(parts) + ".")
        return redirect("programmes:completion", pk=self.cohort.pk)


class CertificatePdfView(PermissionRequiredMixin, View):
    permission_required = "programmes.view_my_academy"

    def get(self, request, pk):
        certificate = selectors.own_certificate(request.user, pk)
        verify_url = presenters.site_url(reverse("programmes:certificate_verify", args=[certificate.code]))
        context = {"certificate": certificate, "verify_url": verify_url}
        pdf = render_pdf("programmes/core/certificate_pdf.html", context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="academy-certificate-{certificate.application_id}.pdf"'
        return response


class CertificateVerifyView(TemplateView):
    """Anyone with the link (printed on the certificate) can confirm it is genuine."""

    template_name = "programmes/core/certificate_verify.html"

    def get(self, request, *args, **kwargs):
        try:
            certificate = selectors.certificate_by_code(kwargs["code"])
        except Http404:
            return render(request, self.template_name, {"certificate": None}, status=404)
        return render(request, self.template_name, {"certificate": certificate})


class CheckInCodeView(PermissionRequiredMixin, TemplateView):
    """The code to show in the room (on a screen or the admin's phone); it changes every minute and the
    page fetches the new one by itself (htmx)."""

    permission_required = "programmes.manage_cohort"

    def get_template_names(self):
        fragment = self.kwargs.get("fragment")
        return ["programmes/core/_check_in_code.html" if fragment else "programmes/core/check_in_code.html"]

    def get_permission_object(self):
        if not hasattr(self, "session"):
            self.session = get_object_or_404(
                Session.objects.select_related("cohort__programme"), pk=self.kwargs["session_pk"]
            )
        return self.session.cohort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.session.cohort
        context.update(
            session=self.session,
            code=services.check_in_code(self.session),
            breadcrumbs=_cohort_admin_crumbs(cohort),
        )
        return context


class CheckInView(PermissionRequiredMixin, TemplateView):
    """A participant marks themselves present with the code shown in the room."""

    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/check_in.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.session = selectors.own_session(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session, form=form or CheckInForm(), breadcrumbs=[_home(), _my_academy()]
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CheckInForm(request.POST)
        if submit(form, lambda data: services.self_check_in(request.user, self.session, data["code"])).ok:
            messages.success(request, f"You are checked in to {self.session.title}.")
            return redirect("programmes:my_academy")
        return self.render_to_response(self.get_context_data(form=form), status=400)


PLACE_ACTIONS = {
    "suspend": (ApplicationState.SUSPENDED, "Suspended: their place and history are kept."),
    "reinstate": (ApplicationState.ACCEPTED, "Reinstated: their place is active again."),
    "remove": (ApplicationState.REMOVED, "Removed from the cohort. Their history is kept and the place is offered "
               "to the waiting list."),
}


class AdminApplicationView(PermissionRequiredMixin, TemplateView):
    """One application as the programme team sees it: answers, applied problem, history; and changes to a
    place (suspend, reinstate, remove, alumni). Nothing is ever deleted."""

    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/admin_application.html"

    def get_permission_object(self):
        if not hasattr(self, "application"):
            self.application = get_object_or_404(
                Application.objects.select_related(
                    "cohort__programme", "applicant__profile__profession", "applicant__profile__organisation",
                    "applicant__profile__borough", "applicant__profile__leader_group", "priority_function",
                ).prefetch_related("transitions__actor"),
                pk=self.kwargs["pk"],
            )
        return self.application.cohort

    def get_context_data(self, error=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        context.update(
            application=application,
            profile=getattr(application.applicant, "profile", None),
            actions=[
                name for name, (state, _) in PLACE_ACTIONS.items()
                if application.state in services.PLACE_CHANGES.get(state, ())
            ],
            error=error,
            breadcrumbs=_cohort_admin_crumbs(application.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        try:
            if action in PLACE_ACTIONS:
                state, message = PLACE_ACTIONS[action]
                services.change_place(request.user, self.application, state)
            elif action in {"alumni", "not_alumni"}:
                services.set_alumni(request.user, self.application, action == "alumni")
                message = "Marked as alumni." if action == "alumni" else "No longer marked as alumni."
            else:
                raise ValidationError("Choose one of the actions on this page.")
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(error=" ".join(exc.messages)), status=400)
        messages.success(request, message)
        return redirect("programmes:admin_application", pk=self.application.pk)


# --- panel review --------------------------------------------------------------------------------------


def _review_home():
    return ("Review applications", reverse("programmes:review"))


class ReviewListView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.review"
    template_name = "programmes/core/review_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(cohorts=selectors.review_cohorts(self.request.user), breadcrumbs=[_home()])
        return context


class ReviewCohortView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.score_application"
    template_name = "programmes/core/review_cohort.html"

    def get_permission_object(self):
        if not hasattr(self, "cohort"):
            self.cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])
        return self.cohort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            applications=selectors.review_applications(self.request.user, self.cohort),
            breadcrumbs=[_home(), _review_home()],
        )
        return context


class ScoreView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.score_application"
    template_name = "programmes/core/score.html"

    def get_permission_object(self):
        if not hasattr(self, "application"):
            self.application = get_object_or_404(
                Application.objects.select_related(
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
        context.update(
            application=self.application,
            profile=getattr(self.application.applicant, "profile", None),
            scorable=self.application.state in services.SCORABLE
            and self.application.applicant_id != self.request.user.pk,
            form=form or self.get_form(),
            breadcrumbs=[
                _home(), _review_home(), (cohort.title, reverse("programmes:review_cohort", args=[cohort.pk]))
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


class CohortMessageView(CohortObjectMixin, TemplateView):
    template_name = "programmes/core/cohort_message.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            form=form or CohortMessageForm(),
            sent=list(self.cohort.messages.select_related("sender")[:20]),
            breadcrumbs=_cohort_admin_crumbs(self.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CohortMessageForm(request.POST)
        outcome = submit(
            form, lambda data: services.message_cohort(request.user, self.cohort, data["subject"], data["body"])
        )
        if outcome.ok:
            messages.success(request, f"Message sent to {outcome.result.recipients} people.")
            return redirect("programmes:cohort_message", pk=self.cohort.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


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
            breadcrumbs=_cohort_admin_crumbs(self.cohort),
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
        initial = {"shared_problem": self.group.shared_problem, "priority_function": self.group.priority_function}
        cohort = self.group.cohort
        if self.manages():
            crumbs = [
                *_cohort_admin_crumbs(cohort),
                ("Action learning sets and quads", reverse("programmes:learning_groups", args=[cohort.pk])),
            ]
        else:
            crumbs = [_home(), _my_academy()]
        context.update(group=self.group, form=form or SharedProblemForm(initial=initial), breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        form = SharedProblemForm(request.POST)
        outcome = submit(
            form,
            lambda data: services.set_shared_problem(
                request.user, self.group, data["shared_problem"], data["priority_function"]
            ),
        )
        if outcome.ok:
            messages.success(request, f"Saved the shared problem for {self.group}.")
            if self.manages():
                return redirect("programmes:learning_groups", pk=self.group.cohort_id)
            return redirect("programmes:my_academy")
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- programme admins create programmes -------------------------------------------------------------


class ProgrammeFormView(PermissionRequiredMixin, TemplateView):
    """Create a programme (any Programme admin; they become its admin) or change one they run."""

    template_name = "programmes/core/programme_form.html"

    def get_permission_required(self):
        return ["programmes.manage_cohort"] if "slug" in self.kwargs else ["programmes.administer"]

    def get_permission_object(self):
        if "slug" not in self.kwargs:
            return None
        if not hasattr(self, "programme"):
            self.programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return self.programme

    def get_form(self, data=None):
        return ProgrammeForm(data, instance=getattr(self, "programme", None) or Programme())

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(form=form, creating=form.instance.pk is None, breadcrumbs=[_home(), _admin_home()])
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(
            form,
            lambda data: services.save_programme(
                request.user, form.instance, data, target_groups=data["target_groups"]
            ),
        )
        if outcome.ok:
            messages.success(
                request,
                f"Saved {outcome.result.name}. It appears in the catalogue once it has a published cohort open "
                "for applications or bookings.",
            )
            return redirect("programmes:admin_cohorts")
        return self.render_to_response(self.get_context_data(form=form), status=400)



# --- the learning log ------------------------------------------------------------------------------------


def _reflection_crumbs(reflection, user):
    if reflection.author_id == user.pk:
        return [_home(), _my_academy()]
    return [_home(), _my_academy(), ("Reflections shared with you", reverse("programmes:shared_reflections"))]


class ReflectionFormView(PermissionRequiredMixin, TemplateView):
    """Write or change one's reflection on a session of one's cohort (``final``: the final reflection on the
    cohort). Only for people with a place; anyone else gets 404."""

    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/reflection_form.html"
    final = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if self.final:
                self.session = None
                self.cohort = selectors.own_place(request.user, kwargs["pk"]).cohort
            else:
                self.session = selectors.own_session(request.user, kwargs["pk"])
                self.cohort = self.session.cohort
            self.reflection = selectors.own_reflection(request.user, self.cohort, self.session)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        initial = {}
        if self.reflection is not None:
            initial = {"text": self.reflection.text, "sharing": "shared" if self.reflection.shared else "private"}
        return ReflectionForm(data, initial=initial)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            session=self.session,
            reflection=self.reflection,
            not_started=self.session is not None and not self.session.starts_at <= timezone.now(),
            form=form or self.get_form(),
            breadcrumbs=[_home(), _my_academy()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        outcome = submit(
            form,
            lambda data: services.save_reflection(
                request.user, self.cohort, data["text"], shared=data["sharing"] == "shared", session=self.session
            ),
        )
        if outcome.ok:
            reflection = outcome.result
            if reflection.shared:
                messages.success(request, "Reflection saved and shared with your faculty and coaches.")
            else:
                messages.success(request, "Reflection saved. It is private: only you can read it.")
            return redirect("programmes:reflection", pk=reflection.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReflectionView(PermissionRequiredMixin, TemplateView):
    """A reflection and its short thread: for its author, and, while it is shared, the cohort's faculty and
    coaches (who reply) and the programme's admins (who read). 404 for anyone else."""

    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/reflection.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.reflection = selectors.readable_reflection(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        from programmes.core.rules import can_reply_to_reflection

        context = super().get_context_data(**kwargs)
        reflection = self.reflection
        context.update(
            reflection=reflection,
            mine=reflection.author_id == self.request.user.pk,
            can_reply=can_reply_to_reflection(self.request.user, reflection),
            form=form or ReplyForm(),
            breadcrumbs=_reflection_crumbs(reflection, self.request.user),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.reply_to_reflection(request.user, self.reflection, form.cleaned_data["text"])
            except ValidationError as exc:
                _apply_validation_error(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Reply sent.")
                return redirect("programmes:reflection", pk=self.reflection.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SharedReflectionsView(PermissionRequiredMixin, TemplateView):
    """Faculty and coaches: the reflections their cohorts' participants share with them. Programme admins
    read their programmes' shared reflections here too."""

    permission_required = "programmes.read_shared_reflections"
    template_name = "programmes/core/shared_reflections.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            reflections=selectors.shared_with(self.request.user),
            breadcrumbs=[_home(), _my_academy()],
        )
        return context


class CohortFacultyView(CohortObjectMixin, TemplateView):
    """The cohort's faculty and coaches as portal users: add one by their account's email address."""

    template_name = "programmes/core/cohort_faculty.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            faculty=selectors.cohort_faculty(self.cohort),
            form=form or FacultyForm(),
            breadcrumbs=_cohort_admin_crumbs(self.cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = FacultyForm(request.POST)
        outcome = submit(
            form, lambda data: services.add_faculty(request.user, self.cohort, data["email"], data["role"])
        )
        if outcome.ok:
            member = outcome.result
            role = member.get_role_display().lower()
            messages.success(request, f"{member.user.get_full_name()} added as {role} of {self.cohort.title}.")
            return redirect("programmes:cohort_manage", pk=self.cohort.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class FacultyRemoveView(PermissionRequiredMixin, TemplateView):
    """Confirm, then stop someone being faculty or a coach of a cohort (the history keeps that they were)."""

    permission_required = "programmes.manage_cohort"
    template_name = "programmes/core/faculty_remove.html"

    def get_permission_object(self):
        if not hasattr(self, "member"):
            self.member = get_object_or_404(
                CohortFaculty.objects.select_related("cohort__programme", "user"), pk=self.kwargs["pk"]
            )
        return self.member.cohort

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cohort = self.member.cohort
        context.update(
            member=self.member,
            cohort=cohort,
            breadcrumbs=_cohort_admin_crumbs(cohort),
        )
        return context

    def post(self, request, *args, **kwargs):
        cohort, name = self.member.cohort, self.member.user.get_full_name()
        services.remove_faculty(request.user, self.member)
        messages.success(request, f"{name} is no longer faculty or a coach of {cohort.title}.")
        return redirect("programmes:cohort_manage", pk=cohort.pk)

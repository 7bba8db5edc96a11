"""Leaders: My Academy, their own applications and places, applying, booking and checking in.
Views parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.leader import ApplicationForm, CheckInForm
from programmes.core.models import (
    ApplicationState,
)
from programmes.core.views.base import catalogue_crumb, my_academy_crumb
from programmes.core.views.calendar import calendar_feed_url


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
            feed_url=calendar_feed_url(self.request, feed),
            breadcrumbs=[_home()],
        )
        context["learning_groups"] = selectors.own_groups(user)  # action learning sets and quads
        return context




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
            breadcrumbs=[_home(), my_academy_crumb()],
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
                    my_academy_crumb(),
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
            catalogue_crumb(),
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
            until = f" before applications close on {nhs_datetime(closes)}" if closes else ""
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
            session=self.session, form=form or CheckInForm(), breadcrumbs=[_home(), my_academy_crumb()]
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CheckInForm(request.POST)
        if submit(form, lambda data: services.self_check_in(request.user, self.session, data["code"])).ok:
            messages.success(request, f"You are checked in to {self.session.title}.")
            return redirect("programmes:my_academy")
        return self.render_to_response(self.get_context_data(form=form), status=400)

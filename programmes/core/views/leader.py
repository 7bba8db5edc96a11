"""Leaders: My Academy, their own applications and places, applying, booking and checking in.
Views parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date, nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors, services
from programmes.core.forms.leader import AccessNeedsForm, ApplicationForm, CheckInForm
from programmes.core.models import (
    ApplicationState,
)
from programmes.core.my_academy import my_academy_sections
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
        context.update(  # CPD, alumni status, and sections other apps register (bids, vacancy applications)
            cpd=selectors.cpd_record(user),
            alumni_of=selectors.alumni_of(applications),
            more_sections=my_academy_sections(user),
        )
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


class AccessNeedsView(PermissionRequiredMixin, TemplateView):
    """The leader shares, changes or withdraws their access needs for one application or booking (theirs
    alone: anyone else's number is a 404, superusers included)."""

    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/access_needs.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.application = selectors.own_application(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        current = getattr(self.application, "access_needs", None)
        if form is None:
            initial = {"access_needs": current.needs, "access_needs_consent": True} if current else {}
            form = AccessNeedsForm(initial=initial)
        context.update(
            application=self.application,
            current=current,
            form=form,
            breadcrumbs=[_home(), my_academy_crumb(), (
                self.application.cohort.title, reverse("programmes:application", args=[self.application.pk])
            )],
        )
        return context

    def post(self, request, *args, **kwargs):
        back = redirect(reverse("programmes:application", args=[self.application.pk]) + "#access-needs")
        if request.POST.get("action") == "withdraw":
            if services.withdraw_access_needs(request.user, self.application):
                messages.success(request, "Your access needs have been withdrawn and deleted.")
            return back
        form = AccessNeedsForm(request.POST)
        if form.is_valid() and not form.cleaned_data["access_needs"].strip():
            form.add_error("access_needs", "Describe your access needs, or withdraw them instead")
        outcome = submit(form, lambda data: services.save_access_needs(
            request.user, self.application, data["access_needs"], data["access_needs_consent"]
        ))
        if outcome.ok:
            messages.success(request, "Your access needs are saved. Only this cohort's programme team can see them.")
            return back
        return self.render_to_response(self.get_context_data(form=form), status=400)


ACTIONS = {
    "accept": ("Accept your place", "Accept this place", services.accept, {ApplicationState.OFFERED}),
    "decline": ("Decline your place", "Decline this place", services.decline, {ApplicationState.OFFERED}),
    "withdraw": ("Withdraw", "Withdraw", services.withdraw, services.WITHDRAWABLE),
}


class ApplicationActionView(PermissionRequiredMixin, ConfirmActionView):
    """Confirm, then accept or decline an offer, or withdraw (the UI kit's confirm-then-act page)."""

    permission_required = "programmes.view_my_academy"
    action = "accept"

    def get_permission_object(self):
        return None  # the permission needs no object (rules' mixin would otherwise call get_object)

    def get_object(self):
        return selectors.own_application(self.request.user, self.kwargs["pk"])

    @property
    def title(self):
        return ACTIONS[self.action][0]

    @property
    def button(self):
        return ACTIONS[self.action][1]

    @property
    def warning(self):
        return self.action != "accept"

    @property
    def caption(self):
        return self.object.cohort.title

    cancel_label = "Go back to your application"

    def paragraphs(self):
        application, cohort = self.object, self.object.cohort
        if self.action == "accept":
            return [
                f"You are accepting a place on {cohort.title}, {nhs_date(cohort.starts_on)} to "
                f"{nhs_date(cohort.ends_on)}.",
                f"The time it needs: {cohort.time_commitment}",
            ]
        if self.action == "decline":
            return ["If you decline, the place goes to the next person on the waiting list. You cannot undo this."]
        if application.holds_place:
            return ["If you withdraw, your place goes to the next person on the waiting list. You cannot undo this."]
        return ["If you withdraw, your application stops. You cannot undo this."]

    def not_possible(self):
        # On a POST the service says why (its message is the page's error), as before the UI kit.
        if self.request.method == "POST" or self.object.state in ACTIONS[self.action][3]:
            return ""
        state = self.object.display.name.lower()
        return f"Your application is {state}, so there is nothing to {self.action} now."

    def perform(self):
        return ACTIONS[self.action][2](self.request.user, self.object)

    def success_message(self, application):
        return {
            "accept": f"You have accepted your place on {application.cohort.title}.",
            "decline": f"You have declined the place on {application.cohort.title}.",
            "withdraw": f"You have withdrawn from {application.cohort.title}.",
        }[self.action]

    def success_url(self, application):
        return reverse("programmes:application", args=[application.pk])

    def breadcrumbs(self):
        return [_home(), my_academy_crumb(), (self.object.cohort.title, self.success_url(self.object))]


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
        profile = getattr(self.request.user, "profile", None)
        no_line_manager = bool(profile is not None and profile.no_line_manager_reason)
        if data is None and profile is not None and not no_line_manager:
            initial = {"line_manager_name": profile.line_manager_name, "line_manager_email": profile.line_manager_email}
        if data is None and self.is_draft:
            initial = ApplicationForm.initial_from(self.own)
        return ApplicationForm(
            data, cohort=self.cohort, initial=initial, draft=draft, no_line_manager=no_line_manager
        )

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
            application = outcome.result
            if application.display.is_declaration:
                sent = "Application sent. You confirmed you can protect the time yourself, so it goes to review."
            else:
                sent = (
                    f"Application sent. We have emailed your {application.display.confirmer} to ask them to "
                    "support your protected time."
                )
            messages.success(request, sent)
            return redirect("programmes:application", pk=application.pk)
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
            session=self.session,
            # The QR code shown in the room links here with the code filled in: the person only confirms.
            form=form or CheckInForm(initial={"code": self.request.GET.get("code", "")[:12]}),
            breadcrumbs=[_home(), my_academy_crumb()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CheckInForm(request.POST)
        if submit(form, lambda data: services.self_check_in(request.user, self.session, data["code"])).ok:
            messages.success(request, f"You are checked in to {self.session.title}.")
            return redirect("programmes:my_academy")
        return self.render_to_response(self.get_context_data(form=form), status=400)

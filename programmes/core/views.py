"""Leaders' own applications and places, and the line manager's signed link. Views parse, call a
service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from programmes.core import selectors, services
from programmes.core.forms import LineManagerDecisionForm
from programmes.core.models import Application, ApplicationState


def _home():
    return ("Home", reverse("ui:home"))


def _my_academy():
    return ("My Academy", reverse("programmes:my_academy"))


class MyAcademyView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/my_academy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(applications=list(selectors.own_applications(self.request.user)), breadcrumbs=[_home()])
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
        messages.success(request, f"Done: your application is now “{application.get_state_display().lower()}”.")
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

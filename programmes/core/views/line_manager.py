"""The line manager's page, reached from the emailed signed link (no account)."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.generic import View

from programmes.core import services
from programmes.core.forms.leader import LineManagerDecisionForm
from programmes.core.models import (
    Application,
    ApplicationState,
)


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

"""Close my account: what will happen, re-authentication (allauth's own flow), then closure."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy import erasure, retention
from academy.privacy.erasure_forms import CloseAccountForm


@method_decorator(reauthentication_required(allow_get=True), name="dispatch")
class CloseAccountView(LoginRequiredMixin, TemplateView):
    """Anyone signed in may read what closing would do; closing asks for their password (and second factor)
    again if they have not given it in the last few minutes."""

    template_name = "privacy/close_account.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or CloseAccountForm()
        context["steps"] = erasure.steps()
        context["blockers"] = erasure.blockers(self.request.user)
        context["breadcrumbs"] = [("Home", reverse("ui:home"))]
        return context

    def post(self, request, *args, **kwargs):
        form = CloseAccountForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            erasure.close_account(request.user)
        except erasure.ClosureBlocked:
            return self.render_to_response(self.get_context_data(form=form), status=409)
        logout(request)
        return redirect("erasure:account_closed")


class AccountClosedView(TemplateView):
    template_name = "privacy/account_closed.html"


class RetentionPreviewView(PermissionRequiredMixin, TemplateView):
    """What the next nightly retention run would remove, kind by kind, before it does."""

    permission_required = "privacy.view_retention"
    template_name = "privacy/retention.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = retention.preview()
        context["breadcrumbs"] = [("Home", reverse("ui:home"))]
        return context

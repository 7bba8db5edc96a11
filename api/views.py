"""A person's API tokens, under their account: make one (shown once), see them, revoke one."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb, submit
from api import selectors, services
from api.forms import TokenForm
from api.models import Scope

DEFAULT_LIFE = timedelta(days=90)


class TokenListView(PermissionRequiredMixin, TemplateView):
    permission_required = "api.manage_own_tokens"
    template_name = "api/tokens.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        if form is None:
            form = TokenForm(initial={"scopes": [Scope.PUBLIC], "expires_on": today + DEFAULT_LIFE})
        context.update(
            form=form,
            tokens=selectors.own_tokens(self.request.user),
            now=timezone.now(),
            latest=services.latest_expiry(today),
            breadcrumbs=[home_crumb()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = TokenForm(request.POST)
        outcome = submit(form, lambda data: services.create_token(request.user, **data))
        if not outcome:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        # Shown on this answer only (never stored, never put in the session); the page is not cached.
        return self.render_to_response(
            {
                "new": outcome.result,
                "breadcrumbs": [home_crumb(), ("API tokens", reverse("api:tokens"))],
            },
            template_name="api/token_created.html",
        )

    def render_to_response(self, context, template_name=None, **kwargs):
        if template_name:
            return self.response_class(
                request=self.request, template=[template_name], context=context, using=self.template_engine, **kwargs
            )
        return super().render_to_response(context, **kwargs)


class RevokeTokenView(PermissionRequiredMixin, TemplateView):
    permission_required = "api.manage_own_tokens"
    template_name = "api/token_revoke.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            token=selectors.own_token(self.request.user, self.kwargs["pk"]),
            breadcrumbs=[home_crumb(), ("API tokens", reverse("api:tokens"))],
        )
        return context

    def post(self, request, *args, **kwargs):
        token = selectors.own_token(request.user, self.kwargs["pk"])
        services.revoke_token(request.user, token)
        messages.success(request, f"The token \u201c{token.name}\u201d has been revoked: it no longer works.")
        return redirect("api:tokens")

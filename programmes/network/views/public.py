"""Pages for everyone: the network, its Big Rooms, and the supporter's signed link (no account)."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from academy.ui.shortcuts import home_crumb as _home
from programmes.network import presenters, rules, selectors, services
from programmes.network.models import Membership, Tier
from programmes.network.views.base import network_crumb


class IndexView(TemplateView):
    template_name = "network/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        memberships = selectors.memberships_of(user)
        context.update(
            memberships=memberships,
            is_member=any(presenters.is_member(m) for m in memberships),
            has_open=any(m.tier == Tier.OPEN for m in memberships),
            has_intake=any(m.tier == Tier.INTAKE for m in memberships),
            intakes=selectors.open_intakes(),
            events=selectors.upcoming_events(),
            is_admin=rules.is_network_admin(user),
            breadcrumbs=[_home()],
        )
        return context


class EventsView(TemplateView):
    template_name = "network/events.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            upcoming=selectors.upcoming_events(),
            past=selectors.past_events(),
            breadcrumbs=[_home(), network_crumb()],
        )
        return context


class SupporterView(View):
    """The line manager or sponsor's signed link: no account needed."""

    template_name = "network/supporter.html"

    def _membership(self):
        try:
            return services.membership_from_supporter_token(self.kwargs["token"])
        except (signing.BadSignature, Membership.DoesNotExist):
            return None

    def get(self, request, token):
        membership = self._membership()
        status = 200 if membership is not None else 404
        return render(request, self.template_name, {"membership": membership}, status=status)

    def post(self, request, token):
        membership = self._membership()
        if membership is None:
            return render(request, self.template_name, {"membership": None}, status=404)
        answer = request.POST.get("supports")
        if answer not in {"yes", "no"}:
            return render(request, self.template_name,
                          {"membership": membership, "error": "Say whether you support their time"}, status=400)
        try:
            services.supporter_answers(token, supports=answer == "yes")
        except ValidationError as exc:
            return render(request, self.template_name,
                          {"membership": membership, "error": " ".join(exc.messages)}, status=400)
        return render(request, self.template_name, {"membership": membership, "answered": True})

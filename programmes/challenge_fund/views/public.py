"""Pages for everyone: the fund, a round, and the projects it funds."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import TemplateView

from academy.ui.shortcuts import home_crumb as _home
from programmes.challenge_fund import rules, selectors
from programmes.challenge_fund.views.base import (
    fund_crumb,
)


class IndexView(TemplateView):
    template_name = "challenge_fund/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_rounds, closed = selectors.visible_rounds()
        context.update(
            open_rounds=open_rounds,
            closed_rounds=closed,
            is_admin=rules.is_fund_admin(self.request.user),
            breadcrumbs=[_home()],
        )
        return context


class RoundView(TemplateView):
    template_name = "challenge_fund/round.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = selectors.visible_round(self.kwargs["pk"], self.request.user)
        now = timezone.now()
        context.update(
            round=round_,
            is_open=round_.is_open(now),
            own_bid=selectors.live_bid_led_in_round(self.request.user, round_),
            status=round_.status(now),
            questions=list(round_.questions.all()),
            criteria=list(round_.criteria.all()),
            breadcrumbs=[_home(), fund_crumb()],
        )
        return context


class FundedProjectsView(TemplateView):
    """Everyone: the projects the fund supports, so that work is visible and not duplicated."""

    template_name = "challenge_fund/funded.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.funded_projects(), 20).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, breadcrumbs=[_home(), fund_crumb()])
        return context

"""The fund's programme admins: funded projects, their milestones and payments."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from academy.ui.formats import money
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.challenge_fund import selectors, services
from programmes.challenge_fund.forms.admin_bids import MilestoneForm
from programmes.challenge_fund.models import (
    BidState,
    Milestone,
)
from programmes.challenge_fund.views.base import (
    AdminMixin,
    ConfirmActionView,
    funded_bid,
    manage_crumb,
    project_reports,
)


class PortfolioView(AdminMixin, TemplateView):
    template_name = "challenge_fund/portfolio.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = selectors.portfolio_page(self.request.GET.get("page"))
        context.update(
            page_obj=page, projects=page.object_list, today=timezone.localdate(),
            breadcrumbs=[_home(), manage_crumb()],
        )
        return context


class ProjectAdminView(AdminMixin, TemplateView):
    template_name = "challenge_fund/project_admin.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = funded_bid(self.kwargs["pk"])
        context.update(
            bid=bid,
            form=form or MilestoneForm(),
            milestones=list(bid.milestones.prefetch_related("reports")),
            reports=project_reports(bid),
            today=timezone.localdate(),
            live=bid.state in (BidState.DETERMINED, *services.PROJECT_LIVE),
            breadcrumbs=[_home(), manage_crumb(), ("Funded projects", reverse("challenge_fund:portfolio"))],
        )
        return context

    def post(self, request, *args, **kwargs):
        bid = funded_bid(self.kwargs["pk"])
        form = MilestoneForm(request.POST)
        if submit(form, lambda data: services.add_milestone(request.user, bid, **data)).ok:
            messages.success(request, "The milestone has been added.")
            return redirect("challenge_fund:project_admin", bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StartProjectView(ConfirmActionView):
    def get_object(self):
        return funded_bid(self.kwargs["pk"])

    def back(self, bid) -> tuple[str, str]:
        return bid.title, reverse("challenge_fund:project_admin", args=[bid.pk])

    def question(self, bid) -> dict:
        return {
            "title": f"Start the project '{bid.title}'?",
            "body": "The project team can then submit progress reports, and overdue reports are chased by email.",
            "button": "Start project",
        }

    def act(self, user, bid) -> str:
        services.start_project(user, bid)
        return "The project has started."


class ReleasePaymentView(ConfirmActionView):
    def get_object(self) -> Milestone:
        return get_object_or_404(Milestone.objects.select_related("bid"), pk=self.kwargs["pk"])

    def back(self, milestone) -> tuple[str, str]:
        return milestone.bid.title, reverse("challenge_fund:project_admin", args=[milestone.bid_id])

    def question(self, milestone) -> dict:
        return {
            "title": f"Release the payment of {money(milestone.payment_amount)} for '{milestone.title}'?",
            "body": "Record this once finance has been asked to pay. It cannot be undone here.",
            "button": "Release payment",
        }

    def act(self, user, milestone) -> str:
        services.release_payment(user, milestone)
        return "The payment is recorded as released."

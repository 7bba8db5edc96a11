"""The reviewers' pages: their reviews, declaring interest and scoring, and what changed between versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.forms.reviewer import DeclareForm, ScoreForm
from programmes.challenge_fund.models import (
    Bid,
    ReviewAssignment,
)
from programmes.challenge_fund.views.base import (
    bid_context,
    manage_crumb,
)


class ReviewsView(PermissionRequiredMixin, TemplateView):
    permission_required = "challenge_fund.review"
    template_name = "challenge_fund/reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(assignments=selectors.reviewer_assignments(self.request.user), breadcrumbs=[_home()])
        return context


class ReviewView(PermissionRequiredMixin, TemplateView):
    """One review: declare any conflict of interest first, then read and score the bid."""

    permission_required = "challenge_fund.review"
    template_name = "challenge_fund/review.html"

    def get_assignment(self) -> ReviewAssignment:
        assignment = (
            ReviewAssignment.objects.select_related("bid__round", "bid__lead", "bid__lead_organisation")
            .filter(pk=self.kwargs["pk"], reviewer=self.request.user, conflicted=False)
            .first()
        )
        if (
            assignment is None or assignment.bid.state not in services.REVIEWABLE
            or assignment.version != assignment.bid.version
        ):
            raise Http404("No such review")
        return assignment

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.get_assignment()
        bid = assignment.bid
        if not bid.round.blind_review:  # a blind reviewer is not shown who leads the bid
            record_request(self.request, [bid.lead_id], f"Challenge Fund bid to review: {bid.title}")
        context.update(assignment=assignment, bid=bid, blind=bid.round.blind_review,
                       breadcrumbs=[_home(), ("Review bids", reverse("challenge_fund:reviews"))])
        if assignment.declared_at is None:
            context["form"] = form or DeclareForm()
            context["step"] = "declare"
            context["other_organisations"] = [] if bid.round.blind_review else selectors.other_organisations(bid)
        elif assignment.submitted_at is None:
            context.update(bid_context(bid))
            context["form"] = form or ScoreForm(round_=bid.round)
            context["step"] = "score"
        else:
            context.update(bid_context(bid))
            context["scores"] = selectors.score_table(bid)
            context["step"] = "done"
        return context

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        if assignment.declared_at is None:
            form = DeclareForm(request.POST)
            declared = submit(
                form,
                lambda data: services.declare_interest(
                    request.user, assignment, conflicted=data["conflicted"], reason=data["reason"]
                ),
            )
            if declared.ok:
                if form.cleaned_data["conflicted"]:
                    messages.success(request, "Thank you. You will not see this bid, and the Challenge Fund "
                                     "team has been told so that they can ask someone else.")
                    return redirect("challenge_fund:reviews")
                return redirect("challenge_fund:review", assignment.pk)
        elif assignment.submitted_at is None:
            form = ScoreForm(request.POST, round_=assignment.bid.round)
            scored = submit(
                form, lambda data: services.submit_scores(request.user, assignment, form.scores(), data["comments"])
            )
            if scored.ok:
                messages.success(request, "Your scores have been submitted. You can now see other reviewers' scores.")
                return redirect("challenge_fund:review", assignment.pk)
        else:
            return redirect("challenge_fund:review", assignment.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class WhatChangedView(PermissionRequiredMixin, TemplateView):
    """Version N of a bid against version N-1, section by section. Under blind review, reviewers see no
    applicant's or organisation's name here either."""

    template_name = "challenge_fund/changes.html"

    def has_permission(self):
        self.bid = Bid.objects.select_related("round").filter(pk=self.kwargs["pk"]).first()
        if self.bid is None:
            raise Http404("No such bid")
        return self.request.user.is_authenticated and rules.can_see_changes(self.request.user, self.bid)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid
        old, new = selectors.version_pair(bid, self.kwargs["number"])
        is_admin = rules.is_fund_admin(self.request.user)
        blind = bid.round.blind_review and not is_admin
        sections = selectors.version_changes(old.content, new.content, blind=blind)
        if is_admin:
            crumbs = [_home(), manage_crumb(), ("Bids", reverse("challenge_fund:round_bids", args=[bid.round_id])),
                      (bid.title, reverse("challenge_fund:admin_bid", args=[bid.pk]))]
        else:
            crumbs = [_home(), ("Review bids", reverse("challenge_fund:reviews"))]
        context.update(
            bid=bid, old=old, new=new, blind=blind, show_people=not blind,
            changed=[section for section in sections if section["changed"]],
            unchanged=[section for section in sections if not section["changed"]],
            breadcrumbs=crumbs,
        )
        return context

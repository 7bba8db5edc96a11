"""The fund's programme admins: a round's bids, sending a bid to review, assigning reviewers and the decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from academy.privacy.services import record_request
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.forms.admin_bids import (
    AssignForm,
    BidListForm,
    DecisionForm,
    EligibilityForm,
    OpenReviewForm,
)
from programmes.challenge_fund.models import (
    BidState,
    Round,
)
from programmes.challenge_fund.views.base import (
    AdminMixin,
    ConfirmActionView,
    bid_context,
    manage_crumb,
    round_crumbs,
    visible_bid_for_admin,
)


class RoundBidsView(AdminMixin, TemplateView):
    template_name = "challenge_fund/round_bids.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        hidden = rules.bids_hidden_from_staff(round_)
        params = self.request.GET
        filter_form = BidListForm(params if any(params.get(key) for key in ("sort", "state")) else None)
        sort, state = filter_form.choices()
        page = (
            None
            if hidden
            else selectors.round_bids_page(
                round_,
                params.get("page"),
                sort=sort,
                state=state,
                hide_scores_of=selectors.conflicted_bid_ids(self.request.user, round_),
            )
        )
        context.update(
            round=round_,
            hidden=hidden,
            closes=nhs_datetime(round_.closes_at),
            filter_form=filter_form,
            filtered=bool(state),
            page_obj=page,
            bids=page.object_list if page else [],
            money=selectors.money_at_a_glance(round_),
            breadcrumbs=round_crumbs(round_),
        )
        return context


class AdminBidView(AdminMixin, TemplateView):
    template_name = "challenge_fund/admin_bid.html"

    def get_context_data(self, assign_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = visible_bid_for_admin(self.kwargs["pk"], self.request.user)
        round_ = bid.round
        transitions = list(bid.transitions.select_related("actor"))
        context.update(bid_context(bid))
        record_request(self.request, [bid.lead_id], f"Challenge Fund bid: {bid.title}")
        context.update(
            assign_form=assign_form or AssignForm(),
            form=assign_form,
            assignments=list(bid.assignments.filter(version=bid.version).select_related("reviewer")),
            scores=selectors.score_table(bid),
            versions=selectors.bid_versions(bid),
            previous_scores=[
                (number, selectors.score_table(bid, version=number)) for number in range(bid.version - 1, 0, -1)
            ],
            closed=round_.closes_at <= timezone.now(),
            transitions=transitions,
            eligibility=next((t for t in reversed(transitions) if t.from_state == BidState.ELIGIBILITY), None),
            breadcrumbs=[
                _home(), manage_crumb(), (round_.title, reverse("challenge_fund:round_manage", args=[round_.pk])),
                ("Bids", reverse("challenge_fund:round_bids", args=[round_.pk])),
            ],
        )
        return context


class AssignView(AdminBidView):
    def post(self, request, *args, **kwargs):
        bid = visible_bid_for_admin(self.kwargs["pk"], self.request.user)
        form = AssignForm(request.POST)
        if submit(form, lambda data: services.assign_reviewer(request.user, bid, data["reviewer"])).ok:
            name = form.cleaned_data["reviewer"].get_full_name()
            messages.success(request, f"{name} is assigned to review this bid.")
            return redirect("challenge_fund:admin_bid", bid.pk)
        return self.render_to_response(self.get_context_data(assign_form=form), status=400)


class OpenReviewView(ConfirmActionView):
    def get_object(self):
        return visible_bid_for_admin(self.kwargs["pk"], self.request.user)

    def back(self, bid) -> tuple[str, str]:
        return bid.title, reverse("challenge_fund:admin_bid", args=[bid.pk])

    def question(self, bid) -> dict:
        return {
            "title": f"Check the eligibility of '{bid.title}'",
            "body": "Record the eligibility check's outcome. An eligible bid goes to review: you can then assign its "
            "reviewers. A bid that is not eligible is decided 'Not funded', with your reason as the feedback the "
            "applicants read; its email is drafted in the outbox.",
            "button": "Record the eligibility check",
        }

    def form_class(self, bid):
        return OpenReviewForm if bid.version > 1 else EligibilityForm

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or self.form_class(self.get_object())()
        return context

    def post(self, request, *args, **kwargs):
        bid = self.get_object()
        form = self.form_class(bid)(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            if data["eligible"]:
                services.open_review(
                    request.user, bid, keep_reviewers=data.get("reviewers") == "keep", reason=data["reason"]
                )
            else:
                services.record_ineligible(request.user, bid, reason=data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if not data["eligible"]:
                messages.success(
                    request, "The bid is recorded as not eligible and decided 'Not funded'. Its email is drafted "
                    "in the outbox, not sent yet.",
                )
            elif bid.version > 1:
                messages.success(request, "The revised bid has gone to review.")
            else:
                messages.success(request, "The bid is eligible and has gone to review. Assign its reviewers.")
        return redirect("challenge_fund:admin_bid", bid.pk)


class DecideView(AdminMixin, TemplateView):
    template_name = "challenge_fund/decide.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = visible_bid_for_admin(self.kwargs["pk"], self.request.user)
        context.update(
            bid=bid,
            form=form or DecisionForm(),
            money=selectors.money_at_a_glance(bid.round),
            scores=selectors.score_table(bid),
            breadcrumbs=[_home(), manage_crumb(), ("Bids", reverse("challenge_fund:round_bids", args=[bid.round_id])),
                         (bid.title, reverse("challenge_fund:admin_bid", args=[bid.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        bid = visible_bid_for_admin(self.kwargs["pk"], self.request.user)
        form = DecisionForm(request.POST)
        decided = submit(
            form,
            lambda data: services.determine(
                request.user, bid, outcome=data["outcome"], awarded_amount=data["awarded_amount"],
                conditions=data["conditions"], feedback=data["feedback"], resubmit_by=data["resubmit_by"],
            ),
        )
        if decided.ok:
            messages.success(request, "The decision is recorded. Its emails are drafted in the outbox, not sent yet.")
            return redirect("challenge_fund:round_bids", bid.round_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)

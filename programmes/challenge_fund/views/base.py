"""What the Challenge Fund's pages share: breadcrumbs, the permission mixins, the confirm-then-act page and
the look-ups of a bid for each audience."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.models import (
    FUNDED_OUTCOMES,
    Bid,
    BidState,
    Round,
)


def fund_crumb():
    return ("Challenge Fund", reverse("challenge_fund:index"))


def manage_crumb():
    return ("Manage the Challenge Fund", reverse("challenge_fund:manage"))


def round_crumbs(round_: Round):
    return [_home(), manage_crumb(), (round_.title, reverse("challenge_fund:round_manage", args=[round_.pk]))]


class BidMixin(PermissionRequiredMixin):
    """A page about one bid, for its lead and co-applicants."""

    permission_required = "challenge_fund.edit_bid"

    def get_permission_object(self):
        if not hasattr(self, "bid"):
            self.bid = selectors.bid_for_applicant(self.kwargs["pk"], self.request.user)
        return self.bid

    def crumbs(self):
        return [_home(), ("Your bids", reverse("challenge_fund:own_bids")),
                (self.bid.title, reverse("challenge_fund:bid", args=[self.bid.pk]))]

    def require_editable(self):
        if not selectors.is_editable(self.bid):
            messages.warning(self.request, "This bid can no longer be changed.")
            return redirect("challenge_fund:bid", self.bid.pk)
        return None


class DeclaredConflict(PermissionDenied):
    """The person declared a conflict of interest on the bid: they may not see it as staff."""

    def __init__(self, bid: Bid):
        super().__init__("You declared a conflict of interest on this bid.")
        self.bid = bid


class AdminMixin(PermissionRequiredMixin):
    permission_required = "challenge_fund.manage_rounds"

    def dispatch(self, request, *args, **kwargs):
        """A bid the admin declared a conflict on is refused with a page that says why (403)."""
        try:
            return super().dispatch(request, *args, **kwargs)
        except DeclaredConflict as refusal:
            return render(
                request, "challenge_fund/conflicted.html",
                {"bid": refusal.bid, "breadcrumbs": [_home(), manage_crumb()]}, status=403,
            )


class ConfirmActionView(AdminMixin, TemplateView):
    """Ask "Do this?" and, on POST, run one service. The service's ValidationError becomes an error message;
    either way the person goes back to the page they came from."""

    template_name = "challenge_fund/confirm.html"

    def get_object(self):
        return get_object_or_404(Round, pk=self.kwargs["pk"])

    def back(self, obj) -> tuple[str, str]:
        """The page this action belongs to: (its title, its URL)."""
        return obj.title, reverse("challenge_fund:round_manage", args=[obj.pk])

    def crumbs(self, obj) -> list:
        return [_home(), manage_crumb(), self.back(obj)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        question = self.question(obj)
        name = self.back(obj)[0]
        # The page's title names the object the action is about, unless the question already does.
        subject = "" if name in question["title"] else name
        context.update(question, subject=subject, cancel_url=self.back(obj)[1], breadcrumbs=self.crumbs(obj))
        return context

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            done = self.act(request.user, obj)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(self.back(obj)[1])


def visible_bid_for_admin(pk: int, user) -> Bid:
    """A bid staff may open: not a draft, and not in a sealed round that is still open. A person who declared a
    conflict of interest on it (a fund admin or a superuser too) is refused with :class:`DeclaredConflict`."""
    bid = Bid.objects.select_related("round", "lead", "lead_organisation").filter(pk=pk).first()
    revising = bid is not None and bid.version > 1
    if bid is None or (bid.state == BidState.DRAFT and not revising) or rules.bids_hidden_from_staff(bid.round):
        raise Http404("No such bid")
    if rules.has_declared_conflict(user, bid):
        raise DeclaredConflict(bid)
    return bid


def bid_context(bid: Bid) -> dict:
    answers = {a.question_id: a.text for a in bid.answers.all()}
    return {
        "bid": bid,
        "functions": list(bid.functions.all()),
        "partners": list(bid.partners.all()),
        "coapplicants": selectors.accepted_coapplicants(bid),
        "lines": list(bid.budget_lines.all()),
        "total": services.budget_total(bid),
        "answers": [(q, answers.get(q.pk, "")) for q in bid.round.questions.all()],
    }


def funded_bid(pk: int) -> Bid:
    bid = Bid.objects.select_related("round", "lead", "lead_organisation").filter(pk=pk).first()
    if bid is None or bid.outcome not in FUNDED_OUTCOMES:
        raise Http404("No such project")
    return bid


def project_reports(bid: Bid) -> list:
    return list(
        bid.reports.select_related("milestone", "submitted_by").prefetch_related("spend__budget_line")
    )

"""Mentoring's pages. Leaders offer to mentor, ask for a mentor, see their mentoring, agree each pair's
terms, check in at 1, 3 and 6 months and end a pair without fault. The network's admins see counts, run
the draft matching (with pins, exclusions and a random comparison) and publish it through a confirm page.

A pair's page is its two people's alone: not found for everyone else, admins and superusers included. The
admins' draft (its pins, exclusions and latest run) is kept in the database, shared by every network admin,
until published."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.network import mentoring_selectors as selectors
from programmes.network import mentoring_services as services
from programmes.network.mentoring_forms import AgreementForm, CheckInForm, OfferForm, PinForm, RequestForm
from programmes.network.models import CHECKIN_MONTHS, PairState
from programmes.network.views.base import AdminMixin, MemberMixin, manage_crumb, network_crumb


def mine_crumb():
    return ("My mentoring", reverse("network:mentoring"))


def mentoring_manage_crumb():
    return ("Mentoring", reverse("network:mentoring_manage"))


def _name(user) -> str:
    return user.get_full_name() or user.email


# --- leaders ---------------------------------------------------------------------------------------------


class MyMentoringView(MemberMixin, View):
    def get(self, request):
        mine = selectors.my_mentoring(request.user)
        rows = []
        for pair in mine.pairs:
            as_mentor = pair.mentor_id == request.user.pk
            rows.append({"pair": pair, "other": _name(pair.mentee if as_mentor else pair.mentor),
                         "role": "You mentor" if as_mentor else "Your mentor"})
        return render(request, "network/mentoring/mine.html", {
            "mine": mine, "rows": rows, "is_member": request.user.network_memberships.filter(state="accepted").exists(),
            "breadcrumbs": [_home(), network_crumb()],
        })


class OfferView(MemberMixin, View):
    """Offer to mentor, or change the open offer."""

    def page(self, form, offer, status=200):
        return render(self.request, "network/mentoring/offer_form.html", {
            "form": form, "offer": offer, "breadcrumbs": [_home(), network_crumb(), mine_crumb()],
        }, status=status)

    def get(self, request):
        offer = selectors.open_offer_of(request.user)
        initial = {}
        if offer is not None:
            initial = {"capacity": offer.capacity, "topics": list(offer.topics.all()), "format": offer.format,
                       "experience": offer.experience}
        return self.page(OfferForm(initial=initial), offer)

    def post(self, request):
        offer = selectors.open_offer_of(request.user)
        form = OfferForm(request.POST)
        if offer is None:
            outcome = submit(form, lambda d: services.offer_to_mentor(request.user, **d))
        else:
            outcome = submit(form, lambda d: services.edit_offer(request.user, offer, **d))
        if not outcome:
            return self.page(form, offer, status=400)
        messages.success(request, "Your offer to mentor is saved." if offer else
                         "Thank you for offering to mentor. The network's admins will match you with a mentee.")
        return redirect("network:mentoring")


class OfferWithdrawView(MemberMixin, ConfirmActionView):
    title = "Withdraw your offer to mentor"
    button = "Withdraw my offer"
    warning = True

    def get_object(self):
        return selectors.own_offer_or_404(self.request.user, self.kwargs["pk"])

    def paragraphs(self):
        return ["You will not be matched with anyone new. Mentoring you have already started goes on."]

    def perform(self):
        return services.withdraw_offer(self.request.user, self.object)

    def success_message(self, result):
        return "Your offer to mentor is withdrawn."

    def success_url(self, result):
        return reverse("network:mentoring")

    def breadcrumbs(self):
        return [_home(), network_crumb(), mine_crumb()]


class RequestView(MemberMixin, View):
    """Ask for a mentor (members of the network)."""

    def page(self, form, status=200):
        return render(self.request, "network/mentoring/request_form.html", {
            "form": form, "existing": selectors.my_mentoring(self.request.user).request,
            "breadcrumbs": [_home(), network_crumb(), mine_crumb()],
        }, status=status)

    def get(self, request):
        return self.page(RequestForm())

    def post(self, request):
        form = RequestForm(request.POST)
        if not submit(form, lambda d: services.ask_for_mentor(request.user, **d)):
            return self.page(form, status=400)
        messages.success(request, "You have asked for a mentor. We will email you when you are matched.")
        return redirect("network:mentoring")


class RequestWithdrawView(MemberMixin, ConfirmActionView):
    title = "Withdraw your request for a mentor"
    button = "Withdraw my request"
    warning = True

    def get_object(self):
        return selectors.own_request_or_404(self.request.user, self.kwargs["pk"])

    def paragraphs(self):
        return ["You will not be matched with a mentor. You can ask again at any time."]

    def perform(self):
        return services.withdraw_request(self.request.user, self.object)

    def success_message(self, result):
        return "Your request for a mentor is withdrawn."

    def success_url(self, result):
        return reverse("network:mentoring")

    def breadcrumbs(self):
        return [_home(), network_crumb(), mine_crumb()]


def _checkin_rows(pair, person, answered):
    today = timezone.localdate()
    rows = []
    for months in CHECKIN_MONTHS:
        due = services.checkin_due_on(pair, months)
        rows.append({
            "months": months, "due": due, "answer": answered.get(months),
            "open": services.checkin_open(pair, months, today) and months not in answered,
        })
    return rows


class PairView(MemberMixin, View):
    """A pair's page for its mentor and mentee: the agreement (recorded by either while proposed), the
    check-ins, and the way to end it."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.pair = selectors.pair_for_side_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form=None, status=200):
        pair, me = self.pair, self.request.user
        as_mentor = pair.mentor_id == me.pk
        if form is None and pair.state == PairState.PROPOSED:
            initial = {}
            if pair.goals:
                initial = {"goals": pair.goals, "frequency": pair.frequency,
                           "confidentiality": pair.confidentiality, "ends_on": pair.ends_on}
            form = AgreementForm(initial=initial)
        mine_at, theirs_at = ((pair.mentor_agreed_at, pair.mentee_agreed_at) if as_mentor
                              else (pair.mentee_agreed_at, pair.mentor_agreed_at))
        return render(self.request, "network/mentoring/pair.html", {
            "pair": pair, "form": form, "as_mentor": as_mentor, "i_agreed": mine_at, "they_agreed": theirs_at,
            "other": pair.mentee if as_mentor else pair.mentor,
            "checkins": _checkin_rows(pair, me, selectors.my_checkins(me, pair)),
            "breadcrumbs": [_home(), network_crumb(), mine_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        if self.pair.state != PairState.PROPOSED:
            raise Http404
        form = AgreementForm(request.POST)
        outcome = submit(form, lambda d: services.agree(request.user, self.pair, **d))
        if not outcome:
            return self.page(form, status=400)
        if outcome.result.state == PairState.ACTIVE:
            messages.success(request, "You have both agreed: the mentoring has started.")
        else:
            messages.success(request, "You have agreed these terms. The mentoring starts when the other person "
                             "agrees them too.")
        return redirect("network:mentoring_pair", pk)


class PairEndView(MemberMixin, ConfirmActionView):
    title = "End this mentoring"
    button = "End the mentoring"
    warning = True

    def get_object(self):
        return selectors.pair_for_side_or_404(self.request.user, self.kwargs["pk"])

    def summary(self):
        other = self.object.mentee if self.object.mentor_id == self.request.user.pk else self.object.mentor
        return [("With", _name(other))]

    def paragraphs(self):
        return ["Either of you can end mentoring at any time. It is no-fault: no reason is asked and none is "
                "recorded. We email the other person to say it has ended. You cannot undo this."]

    def not_possible(self):
        return "This mentoring has already ended." if self.object.state == PairState.ENDED else ""

    def perform(self):
        return services.end_pair(self.request.user, self.object)

    def success_message(self, result):
        return "The mentoring has ended. We have told the other person."

    def success_url(self, result):
        return reverse("network:mentoring")

    def cancel_url(self):
        return reverse("network:mentoring_pair", args=[self.object.pk])

    def breadcrumbs(self):
        return [_home(), network_crumb(), mine_crumb()]


class CheckInView(MemberMixin, View):
    """A short check-in, answerable only once it is due (checked here and in the service)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.pair = selectors.pair_for_side_or_404(request.user, kwargs["pk"])
            if kwargs["months"] not in CHECKIN_MONTHS:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, status=200):
        months = self.kwargs["months"]
        answered = selectors.my_checkins(self.request.user, self.pair).get(months)
        return render(self.request, "network/mentoring/checkin.html", {
            "pair": self.pair, "months": months, "form": form, "answered": answered,
            "due": services.checkin_due_on(self.pair, months),
            "is_open": services.checkin_open(self.pair, months),
            "breadcrumbs": [_home(), network_crumb(), mine_crumb(),
                            ("Your mentoring", reverse("network:mentoring_pair", args=[self.pair.pk]))],
        }, status=status)

    def get(self, request, pk, months):
        return self.page(CheckInForm())

    def post(self, request, pk, months):
        form = CheckInForm(request.POST)
        if not submit(form, lambda d: services.check_in(request.user, self.pair, months=months, **d)):
            return self.page(form, status=400)
        messages.success(request, f"Thank you: your {months}-month check-in is saved.")
        return redirect("network:mentoring_pair", pk)


# --- the network's admins --------------------------------------------------------------------------------

class MentoringManageView(AdminMixin, View):
    def get(self, request):
        state = request.GET.get("state", "")
        page = selectors.pairs_page(request.GET.get("page"), state)
        return render(request, "network/mentoring/manage.html", {
            "o": selectors.overview(), "page": page, "state": state if state in PairState.values else "",
            "states": PairState.choices, "breadcrumbs": [_home(), manage_crumb()],
        })


class MatchingView(AdminMixin, View):
    """The shared draft matching: the latest run compared with a random matching, its pairs with the
    boundaries they cross, and the pins and exclusions for the next run (kept for every network admin)."""

    def page(self, form=None, status=200):
        requests, offers = selectors.open_requests_and_offers()
        form = form or PinForm(requests=requests, offers=offers)
        shared = selectors.matching_draft()
        return render(self.request, "network/mentoring/matching.html", {
            "draft": shared.draft, "draft_pairs": shared.pairs, "stale": shared.stale, "choices": shared.choices,
            "form": form, "waiting": len(requests), "offers": len(offers),
            "breadcrumbs": [_home(), manage_crumb(), mentoring_manage_crumb()],
        }, status=status)

    def get(self, request):
        return self.page()

    def post(self, request):
        remove = request.POST.get("remove", "")
        if remove:
            if not remove.isdigit():
                raise Http404
            services.remove_choice(request.user, selectors.draft_choice_or_404(int(remove)))
            messages.success(request, "Removed. Run the matching again to see its effect.")
            return redirect(reverse("network:mentoring_matching") + "#pins")
        requests, offers = selectors.open_requests_and_offers()
        form = PinForm(request.POST, requests=requests, offers=offers)
        by_request, by_offer = {r.pk: r for r in requests}, {o.pk: o for o in offers}
        if not submit(form, lambda d: services.choose_pair(
                request.user, by_request[d["request"]], by_offer[d["offer"]], d["kind"])):
            return self.page(form, status=400)
        messages.success(request, "The pair is saved for every admin. Run the matching again to see its effect.")
        return redirect(reverse("network:mentoring_matching") + "#pins")


class MatchingRunView(AdminMixin, ConfirmActionView):
    title = "Run the mentoring matching"
    button = "Run the matching"

    def paragraphs(self):
        return ["The optimiser proposes a mentor for each mentee waiting: pairs that cross the most boundaries "
                "(organisation, profession and place), share the functions the mentee asked about and suit both "
                "on format, within each mentor's capacity, never within a line-management relation, and keeping "
                "the pinned and excluded pairs. It is compared with a random matching. Every network admin sees "
                "the result. Nothing is sent."]

    def perform(self):
        return services.run_draft(self.request.user)

    def success_message(self, result):
        n = len(result.pairs)
        return f"The draft has {n} pair{'' if n == 1 else 's'}."

    def success_url(self, result):
        return reverse("network:mentoring_matching")

    def breadcrumbs(self):
        return [_home(), manage_crumb(), mentoring_manage_crumb()]


class MatchingPublishView(AdminMixin, ConfirmActionView):
    title = "Publish the mentoring matches"
    button = "Publish the matches"
    warning = True

    def get_object(self):
        return services.latest_draft()

    def summary(self):
        return [("Pairs to publish", str(len(self.object.pairs)))] if self.object else []

    def paragraphs(self):
        return ["Each pair in the latest draft becomes a proposed mentoring pair, and its mentor and mentee can then "
                "agree their goals, how often they meet, what stays between them and an end date. Every rule is "
                "checked again as it is published. You cannot undo this."]

    def not_possible(self):
        if not self.object or not self.object.pairs:
            return "There is no draft with pairs to publish: run the matching first."
        if services.draft_is_stale(self.object):
            return "The pins or exclusions changed since the matching was run: run it again first."
        return ""

    def perform(self):
        return services.publish_draft(self.request.user)

    def success_message(self, result):
        return ("1 mentoring pair is published." if len(result) == 1
                else f"{len(result)} mentoring pairs are published.")

    def success_url(self, result):
        return reverse("network:mentoring_manage")

    def cancel_url(self):
        return reverse("network:mentoring_matching")

    def breadcrumbs(self):
        return [_home(), manage_crumb(), mentoring_manage_crumb()]

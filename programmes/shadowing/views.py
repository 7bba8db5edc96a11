"""Shadowing's pages: leaders offer placements, say they are interested and see their own shadowing; the
shadowing programme's admins open rounds, see everyone interested and every offer, match and publish."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from academy.accounts.rules import private_perm_allows
from academy.privacy.services import record_request
from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date
from academy.ui.shortcuts import home_crumb, submit
from programmes.shadowing import presenters, selectors, services
from programmes.shadowing.calendar import visit_calendar
from programmes.shadowing.forms import (
    AgreementForm,
    CancelPlacementForm,
    CancelVisitForm,
    FollowFilterForm,
    FollowUpForm,
    HostReflectionForm,
    InterestForm,
    OfferForm,
    PairForm,
    RearrangeVisitForm,
    RoundForm,
    ShadowReflectionForm,
)
from programmes.shadowing.models import PLACEMENT_WORKFLOW, PlacementState


def index_crumb():
    return ("Shadowing", reverse("shadowing:index"))


def manage_crumb():
    return ("Manage shadowing", reverse("shadowing:manage"))


def round_crumbs(round_):
    return [home_crumb(), manage_crumb(), (round_.name, reverse("shadowing:round_manage", args=[round_.pk]))]


class LeaderView(PermissionRequiredMixin, View):
    permission_required = "shadowing.take_part"


class AdminView(PermissionRequiredMixin, View):
    permission_required = "shadowing.manage"


# --- leaders ----------------------------------------------------------------------------------------------


class IndexView(LeaderView):
    def get(self, request):
        return render(request, "shadowing/index.html", {
            "rounds": selectors.open_rounds(), "breadcrumbs": [home_crumb()],
        })


class MineView(LeaderView):
    def get(self, request):
        mine = selectors.my_shadowing(request.user)
        for placement in mine.placements_as_shadow + mine.placements_as_host:
            placement.tag = presenters.placement_tag(placement)
        for interest in mine.interests:
            interest.changeable = presenters.round_actions(interest.round)["close_for_matching"]
        return render(request, "shadowing/mine.html", {
            "mine": mine, "breadcrumbs": [home_crumb(), index_crumb()],
        })


class OfferCreateView(LeaderView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = selectors.open_round_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, status=200):
        return render(self.request, "shadowing/offer_form.html", {
            "form": form, "round": self.round, "offer": None, "breadcrumbs": [home_crumb(), index_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.page(OfferForm())

    def post(self, request, pk):
        form = OfferForm(request.POST)
        outcome = submit(form, lambda data: services.offer_placement(request.user, self.round, data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, f"Your placement at {outcome.result.setting} is offered in {self.round.name}.")
        return redirect("shadowing:mine")


class OfferEditView(LeaderView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.offer = selectors.own_offer_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, status=200):
        return render(self.request, "shadowing/offer_form.html", {
            "form": form, "round": self.offer.round, "offer": self.offer,
            "breadcrumbs": [home_crumb(), index_crumb(), ("My shadowing", reverse("shadowing:mine"))],
        }, status=status)

    def get(self, request, pk):
        return self.page(OfferForm(initial=OfferForm.initial_for(self.offer)))

    def post(self, request, pk):
        form = OfferForm(request.POST)
        outcome = submit(form, lambda data: services.update_offer(request.user, self.offer, data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "Your placement is saved.")
        return redirect("shadowing:mine")


class InterestView(LeaderView):
    """Say you are interested in shadowing in an open round, or change what you said."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = selectors.open_round_or_404(kwargs["pk"])
            self.interest = selectors.own_interest(request.user, self.round)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        initial = None
        if self.interest is not None and data is None:
            i = self.interest
            initial = {name: getattr(i, name) for name in services.INTEREST_FIELDS}
            initial.update(unfamiliar_professions=list(i.unfamiliar_professions.all()),
                           unfamiliar_boroughs=list(i.unfamiliar_boroughs.all()), own_offer=i.own_offer)
        elif data is None:
            profile = getattr(self.request.user, "profile", None)
            if profile is not None:
                initial = {"line_manager_name": profile.line_manager_name,
                           "line_manager_email": profile.line_manager_email}
        return InterestForm(data, initial=initial, user=self.request.user, round_=self.round)

    def page(self, form, status=200):
        return render(self.request, "shadowing/interest_form.html", {
            "form": form, "round": self.round, "interest": self.interest,
            "visits": f"{nhs_date(self.round.visits_from)} to {nhs_date(self.round.visits_until)}",
            "breadcrumbs": [home_crumb(), index_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.page(self.form())

    def post(self, request, pk):
        form = self.form(request.POST)
        outcome = submit(form, lambda data: services.express_interest(request.user, self.round, data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, f"Your interest in {self.round.name} is saved. Nothing is matched until the "
                                  "round closes; you will be told when you have a placement.")
        return redirect("shadowing:mine")


# --- programme admins -------------------------------------------------------------------------------------


class ManageView(AdminView):
    def get(self, request):
        return render(request, "shadowing/manage.html", {
            "rows": [(r, presenters.round_tag(r)) for r in selectors.admin_rounds()], "breadcrumbs": [home_crumb()],
        })


class RoundCreateView(AdminView):
    def page(self, form, status=200):
        return render(self.request, "shadowing/round_form.html", {
            "form": form, "breadcrumbs": [home_crumb(), manage_crumb()],
        }, status=status)

    def get(self, request):
        return self.page(RoundForm())

    def post(self, request):
        form = RoundForm(request.POST)
        outcome = submit(form, lambda data: services.open_round(request.user, **data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, f"{outcome.result.name} is open for offers and interest.")
        return redirect("shadowing:round_manage", outcome.result.pk)


class RoundManageView(AdminView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.round = selectors.round_or_404(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, pair_form=None, status=200):
        overview = selectors.round_overview(self.round)
        for placement in overview.placements:
            placement.tag = presenters.placement_tag(placement)
        return render(self.request, "shadowing/round_manage.html", {
            "o": overview, "round": self.round, "tag": presenters.round_tag(self.round),
            "actions": presenters.round_actions(self.round),
            "pair_form": pair_form or PairForm(overview=overview),
            "see_access_needs": private_perm_allows(self.request.user, "shadowing.see_access_needs"),
            "breadcrumbs": [home_crumb(), manage_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        """Pin or exclude a pair (the form on the matching part of the page)."""
        overview = selectors.round_overview(self.round)
        form = PairForm(request.POST, overview=overview)
        outcome = submit(form, lambda d: services.choose_pair(request.user, self.round, d["interest"], d["offer"],
                                                              d["kind"]))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "The pair is saved. Run the matching again to see its effect.")
        return redirect(reverse("shadowing:round_manage", args=[pk]) + "#matching")


class RoundActionView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "shadowing.manage"

    def get_object(self):
        return selectors.round_or_404(self.kwargs["pk"])

    def breadcrumbs(self):
        return round_crumbs(self.object)

    def success_url(self, result):
        return reverse("shadowing:round_manage", args=[self.object.pk])


class CloseForMatchingView(RoundActionView):
    title = "Close the round for matching"
    button = "Close for matching"

    def paragraphs(self):
        return ["Hosts can no longer offer placements and leaders can no longer say they are interested. "
                "You can then run the matching. Nobody is told anything until you publish."]

    def perform(self):
        return services.close_for_matching(self.request.user, self.object)

    def success_message(self, result):
        return f"{result.name} is closed for matching."


class ReopenView(RoundActionView):
    title = "Open the round again"
    button = "Open again"

    def paragraphs(self):
        return ["Hosts and leaders can offer and say they are interested again until the closing date."]

    def perform(self):
        return services.reopen(self.request.user, self.object)

    def success_message(self, result):
        return f"{result.name} is open again."


class RunDraftView(RoundActionView):
    title = "Run the matching"
    button = "Run the matching"

    def paragraphs(self):
        return ["The optimiser proposes pairs that cross the most boundaries (place, organisation, sector and "
                "profession, and each shadow's own wishes), within each host's capacity and dates, never within one "
                "organisation, and keeping your pinned and excluded pairs. It is compared with a random matching. "
                "Nothing is sent."]

    def perform(self):
        return services.run_draft(self.request.user, self.object)

    def success_message(self, result):
        pairs = result.figures["pairs"]
        return f"The draft has {pairs} pair{'' if pairs == 1 else 's'}."


class PublishView(RoundActionView):
    title = "Publish the matches"
    button = "Publish and tell everyone"
    warning = True

    def paragraphs(self):
        return ["Each pair in the latest draft becomes a proposed placement, and both the shadow and the host are "
                "emailed. You cannot undo this."]

    def perform(self):
        return services.publish(self.request.user, self.object)

    def success_message(self, result):
        return f"{len(result)} placements are published and both sides have been told."


class CloseRoundView(RoundActionView):
    title = "Close the round"
    button = "Close the round"

    def paragraphs(self):
        return ["The round's matches stay as they are; the round moves to the closed rounds."]

    def perform(self):
        return services.close_round(self.request.user, self.object)

    def success_message(self, result):
        return f"{result.name} is closed."


class ChoiceRemoveView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "shadowing.manage"
    title = "Remove this pin or exclusion"
    button = "Remove"

    def get_object(self):
        return selectors.choice_or_404(self.kwargs["pk"])

    def paragraphs(self):
        choice = self.object
        who = choice.interest.shadow.get_full_name() or choice.interest.shadow.email
        return [f"{who} and {choice.offer.setting}: {choice.get_kind_display().lower()}."]

    def breadcrumbs(self):
        return round_crumbs(self.object.round)

    def perform(self):
        return services.remove_choice(self.request.user, self.object)

    def success_url(self, result):
        return reverse("shadowing:round_manage", args=[self.object.round_id]) + "#matching"

    def success_message(self, result):
        return "Removed. Run the matching again to see its effect."


# --- a placement's agreement (its shadow and host; the line manager through a signed link) -----------------


def placement_crumbs():
    return [home_crumb(), index_crumb(), ("My shadowing", reverse("shadowing:mine"))]


class PlacementView(LeaderView):
    """The placement for its shadow or host: the agreement, its visits (each with an .ics) and who has signed."""

    def get(self, request, pk):
        placement = selectors.party_placement_or_404(request.user, pk)
        agreement = getattr(placement, "agreement", None)
        side = "shadow" if placement.shadow_id == request.user.pk else "host"
        proposed = placement.state == PlacementState.PROPOSED
        visits = presenters.visit_rows(placement, selectors.own_reflections(request.user, placement),
                                       timezone.localdate(), selectors.shared_with_me(request.user, placement))
        follow_up = getattr(placement, "follow_up", None)
        return render(request, "shadowing/placement.html", {
            "placement": placement, "agreement": agreement, "side": side, "tag": presenters.placement_tag(placement),
            "visits": visits, "any_to_reflect": any(v["reflect"] and not v["reflected"] for v in visits),
            "follow_up": follow_up if side == "shadow" and follow_up and follow_up.invited_at else None,
            "can_edit": proposed,
            "can_sign": proposed and agreement is not None and getattr(agreement, f"{side}_signed_at") is None,
            "breadcrumbs": placement_crumbs(),
        })


class AgreementEditView(LeaderView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.placement = selectors.party_placement_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        placement = self.placement
        agreement = getattr(placement, "agreement", None)
        initial = {}
        if agreement is not None:
            initial = {name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS}
            for visit in placement.visits.all():
                initial[f"visit_{visit.number}"] = visit.on
        return AgreementForm(data, initial=initial, visits=max(placement.offer.visits, 2))

    def page(self, form, status=200):
        return render(self.request, "shadowing/agreement_form.html", {
            "form": form, "placement": self.placement,
            "breadcrumbs": placement_crumbs() + [
                ("Your placement", reverse("shadowing:placement", args=[self.placement.pk]))],
        }, status=status)

    def get(self, request, pk):
        if self.placement.state != PlacementState.PROPOSED:
            return redirect("shadowing:placement", pk)
        return self.page(self.form())

    def post(self, request, pk):
        form = self.form(request.POST)
        outcome = submit(form, lambda data: services.save_agreement(request.user, self.placement, data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "The agreement is saved. Each of you signs it, then the line manager or sponsor.")
        return redirect("shadowing:placement", pk)


class SignAgreementView(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "shadowing.take_part"
    title = "Sign the agreement"
    button = "Sign the agreement"

    def get_permission_object(self):
        return None  # the permission is to take part; whose placement it is, get_object decides (404)

    def get_object(self):
        return selectors.party_placement_or_404(self.request.user, self.kwargs["pk"])

    def not_possible(self):
        agreement = getattr(self.object, "agreement", None)
        if self.object.state != PlacementState.PROPOSED:
            return "This placement's agreement is settled."
        if agreement is None:
            return "There is no agreement to sign yet."
        return ""

    def paragraphs(self):
        return ["By signing you agree to the learning goals, the visit dates, confidentiality and the practical "
                "arrangements as they are now. If anyone changes them, everyone signs again.",
                "When you and the other side have signed, the shadow's line manager or sponsor is emailed a link "
                "to sign too."]

    def perform(self):
        return services.sign_agreement(self.request.user, self.object)

    def success_message(self, result):
        return "You have signed the agreement."

    def success_url(self, result):
        return reverse("shadowing:placement", args=[self.object.pk])

    def breadcrumbs(self):
        return placement_crumbs()


class VisitCalendarView(LeaderView):
    def get(self, request, pk, visit):
        placement, visit = selectors.party_visit_or_404(request.user, pk, visit)
        response = HttpResponse(visit_calendar(placement, visit, cancel=visit.cancelled_at is not None),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="shadowing-visit-{visit.number}.ics"'
        return response


class ManagerSignView(View):
    """The page the shadow's line manager or sponsor reaches from the emailed signed link (no account). A
    forged, expired or out-of-date link (the agreement changed since) is refused and nothing changes."""

    def load(self, token):
        try:
            return services.agreement_from_manager_token(token), None
        except signing.SignatureExpired:
            return None, "expired"
        except signing.BadSignature:
            return None, "invalid"

    def page(self, agreement, problem="", error="", status=200):
        placement = agreement.placement if agreement else None
        return render(self.request, "shadowing/agreement_manager.html", {
            "agreement": agreement, "placement": placement, "problem": problem, "error": error,
            "visits": list(placement.visits.all()) if placement else [],
        }, status=status)

    def get(self, request, token):
        agreement, problem = self.load(token)
        if problem:
            return self.page(None, problem, status=410 if problem == "expired" else 404)
        return self.page(agreement)

    def post(self, request, token):
        agreement, problem = self.load(token)
        if problem:
            return self.page(None, problem, status=410 if problem == "expired" else 404)
        try:
            agreement = services.manager_sign(token)
        except signing.BadSignature:
            return self.page(None, "invalid", status=404)
        except ValidationError as error:
            return self.page(agreement, error=" ".join(error.messages), status=400)
        messages.success(request, "Thank you: you have signed the agreement.")
        return self.page(agreement)


# --- after the agreement: visits changed, reflections, the follow-up (the two sides alone) ----------------


def placement_page_crumbs(placement):
    return placement_crumbs() + [("Your placement", reverse("shadowing:placement", args=[placement.pk]))]


class VisitFormView(LeaderView):
    """A form about one visit of the reader's own placement (not found for anyone else, superusers included)."""

    template_name = "shadowing/visit_form.html"
    form_class = None
    title = ""
    button = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.placement, self.visit = selectors.party_visit_or_404(request.user, kwargs["pk"], kwargs["visit"])
            self.side = "shadow" if self.placement.shadow_id == request.user.pk else "host"
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        return self.form_class(data)

    def extra(self) -> dict:
        return {}

    def page(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "placement": self.placement, "visit": self.visit, "side": self.side,
            "title": self.title, "button": self.button, "breadcrumbs": placement_page_crumbs(self.placement),
            **self.extra(),
        }, status=status)

    def get(self, request, pk, visit):
        return self.page(self.get_form())

    def post(self, request, pk, visit):
        form = self.get_form(request.POST)
        outcome = submit(form, lambda data: self.perform(data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, self.success_message(outcome.result))
        return redirect("shadowing:placement", pk)


class VisitRearrangeView(VisitFormView):
    form_class = RearrangeVisitForm
    title = "Rearrange a visit"
    button = "Rearrange the visit"

    def extra(self):
        return {"intro": f"Visit {self.visit.number} is on {nhs_date(self.visit.on)}. Choose a new day between "
                         f"{nhs_date(self.placement.round.visits_from)} and "
                         f"{nhs_date(self.placement.round.visits_until)}. The other side and the shadow's line "
                         "manager or sponsor are emailed the new date with a calendar file."}

    def perform(self, data):
        return services.rearrange_visit(self.request.user, self.visit, day=data["day"], reason=data["reason"])

    def success_message(self, result):
        return f"Visit {self.visit.number} is now on {nhs_date(result.to_day)}. The other side has been told."


class VisitCancelView(VisitFormView):
    form_class = CancelVisitForm
    title = "Cancel a visit"
    button = "Cancel the visit"

    def extra(self):
        return {"intro": f"Visit {self.visit.number} on {nhs_date(self.visit.on)} will be cancelled. The other "
                         "side and the shadow's line manager or sponsor are emailed a calendar cancellation. You "
                         "cannot undo this.", "warning": True}

    def perform(self, data):
        return services.cancel_visit(self.request.user, self.visit, reason=data["reason"])

    def success_message(self, result):
        return f"Visit {self.visit.number} is cancelled. The other side has been told."


class ReflectionView(VisitFormView):
    """The reader's own reflection on a visit: only they ever read it."""

    template_name = "shadowing/reflection_form.html"
    title = "Your reflection"
    button = "Save your reflection"

    def get_form(self, data=None):
        form_class = ShadowReflectionForm if self.side == "shadow" else HostReflectionForm
        mine = selectors.own_reflection(self.request.user, self.visit)
        initial = {}
        if mine is not None and data is None:
            initial = {name: getattr(mine, name) for name in form_class.base_fields}
        return form_class(data, initial=initial)

    def extra(self):
        happened = self.visit.cancelled_at is None and self.visit.on < timezone.localdate()
        return {"happened": happened}

    def get(self, request, pk, visit):
        return self.page(self.get_form())

    def perform(self, data):
        return services.save_reflection(self.request.user, self.visit, data)

    def success_message(self, result):
        other = "your host" if self.side == "shadow" else "the shadow"
        return (f"Your reflection on visit {self.visit.number} is saved. "
                + (f"You have shared it with {other}." if result.shared else "Only you can read it.")
                + (" Your placement is completed." if result.visit.placement.state == PlacementState.COMPLETED
                   else ""))


class PlacementCancelView(LeaderView):
    """Cancel a whole placement with a reason: its shadow, its host or the shadowing programme's admins (not
    found for anyone else). A completed or cancelled placement shows why it cannot be cancelled."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.placement = selectors.cancellable_placement_or_404(request.user, kwargs["pk"])
            self.party = request.user.pk in (self.placement.shadow_id, self.placement.offer.host_id)
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        if self.party:
            return reverse("shadowing:placement", args=[self.placement.pk])
        return reverse("shadowing:follow", args=[self.placement.round_id])

    def page(self, form, status=200):
        placement = self.placement
        crumbs = (placement_page_crumbs(placement) if self.party else round_crumbs(placement.round) + [
            ("Follow the placements", reverse("shadowing:follow", args=[placement.round_id]))])
        future = [v for v in placement.visits.all() if v.cancelled_at is None and v.on >= timezone.localdate()]
        return render(self.request, "shadowing/placement_cancel.html", {
            "form": form, "placement": placement, "future": future, "back_url": self.back_url(),
            "not_possible": "" if placement.cancellable else (
                f"This placement {PLACEMENT_WORKFLOW.now[placement.state]}: it cannot be cancelled."),
            "breadcrumbs": crumbs,
        }, status=status)

    def get(self, request, pk):
        return self.page(CancelPlacementForm())

    def post(self, request, pk):
        form = CancelPlacementForm(request.POST)
        outcome = submit(form, lambda data: services.cancel_placement(request.user, self.placement,
                                                                     reason=data["reason"]))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "The placement is cancelled. Everyone involved has been told.")
        return redirect(self.back_url())


class FollowUpView(LeaderView):
    """The shadow's three-month follow-up, once they are invited to it (not found before, or for anyone else)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.follow_up = selectors.own_follow_up_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form, status=200):
        return render(self.request, "shadowing/follow_up_form.html", {
            "form": form, "follow_up": self.follow_up, "placement": self.follow_up.placement,
            "breadcrumbs": placement_page_crumbs(self.follow_up.placement),
        }, status=status)

    def get(self, request, pk):
        f = self.follow_up
        return self.page(FollowUpForm(initial={"answer": f.answer, "may_use": f.may_use}))

    def post(self, request, pk):
        form = FollowUpForm(request.POST)
        outcome = submit(form, lambda data: services.answer_follow_up(request.user, self.follow_up, data))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "Thank you: your follow-up is saved.")
        return redirect("shadowing:placement", pk)


# --- the admin follows a round's placements and chases what is stuck --------------------------------------


class FollowView(AdminView):
    """Each placement's progress in a round (agreed, visits done, reflections in as counts, follow-up), 25 a
    page, with filters and the chase action."""

    def get(self, request, pk):
        round_ = selectors.round_or_404(pk)
        form = FollowFilterForm(request.GET or None, choices=selectors.Progress.CHOICES)
        progress = form.cleaned_data["progress"] if form.is_valid() else ""
        page = Paginator(selectors.follow_placements(round_, progress), selectors.FOLLOW_PAGE_SIZE).get_page(
            request.GET.get("page"))
        rows = [presenters.follow_row(p) for p in page.object_list]
        record_request(request, [pid for row in rows for pid in row["people"]], "Shadowing placements followed")
        return render(request, "shadowing/follow.html", {
            "round": round_, "page_obj": page, "rows": rows, "filter_form": form, "progress": progress,
            "counts": selectors.follow_counts(round_), "can_chase": presenters.round_can_chase(round_),
            "breadcrumbs": round_crumbs(round_),
        })


class ChaseView(RoundActionView):
    title = "Chase everyone who is stuck"
    button = "Send the reminders"

    def stuck(self):
        if not hasattr(self, "_stuck"):
            self._stuck = selectors.stuck_people(self.object)
        return self._stuck

    def not_possible(self):
        if not presenters.round_can_chase(self.object):
            return "There is nobody to chase until the round's matches are published."
        if not self.stuck():
            return "Nothing waits for anyone in this round."
        return ""

    def paragraphs(self):
        return [f"{len(self.stuck())} people have something waiting for them. Each gets one email listing what "
                "waits; anyone chased in the last 7 days is not emailed again."]

    def summary(self):
        return [(person.get_full_name() or person.email, "; ".join(what)) for person, what in self.stuck()]

    def extra_context(self):
        record_request(self.request, [person.pk for person, _ in self.stuck()], "Shadowing people to chase")
        return {}

    def perform(self):
        return services.chase(self.request.user, self.object)

    def success_message(self, result):
        return f"{len(result)} people have been reminded."

    def success_url(self, result):
        return reverse("shadowing:follow", args=[self.object.pk])

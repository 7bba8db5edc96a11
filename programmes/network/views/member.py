"""Pages for members and people joining: joining, applying, the member page, RSVPs, their table and
invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core import selectors as core_selectors
from programmes.core.presenters import site_url
from programmes.network import followup_selectors, presenters, rules, selectors, services
from programmes.network.forms import ApplyForm, InterestsForm, JoinForm
from programmes.network.models import Event, Intake, Membership, MembershipState, RsvpStatus, Tier
from programmes.network.views.base import MemberMixin, network_crumb


class JoinView(MemberMixin, View):
    template_name = "network/join.html"

    def render_form(self, form, status=200):
        return render(self.request, self.template_name,
                      {"form": form, "breadcrumbs": [_home(), network_crumb()]}, status=status)

    def get(self, request):
        return self.render_form(JoinForm())

    def post(self, request):
        form = JoinForm(request.POST)
        if submit(form, lambda data: services.join_open(request.user, interests=data["interests"])):
            messages.success(request, "Welcome to the network. You can now come to Big Room events.")
            return redirect("network:membership")
        return self.render_form(form, status=400)


class ApplyView(MemberMixin, View):
    template_name = "network/apply.html"

    def dispatch(self, request, *args, **kwargs):
        self.intake = get_object_or_404(Intake, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "intake": self.intake, "is_open": selectors.intake_is_open(self.intake),
            "breadcrumbs": [_home(), network_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.render_form(ApplyForm())

    def post(self, request, pk):
        form = ApplyForm(request.POST)
        if submit(form, lambda data: services.apply_to_intake(request.user, self.intake, **data)):
            messages.success(request, f"Your application to {self.intake.name} has been sent.")
            return redirect("network:membership")
        return self.render_form(form, status=400)


class MembershipView(MemberMixin, View):
    """A person's member page: where their membership stands and their interests."""

    template_name = "network/membership.html"

    def render_page(self, form=None, status=200):
        memberships = selectors.memberships_of(self.request.user)
        current = memberships[0] if memberships else None
        if current is not None and form is None:
            form = InterestsForm(initial={"interests": list(current.interests.all())})
        return render(self.request, self.template_name, {
            "memberships": [
                {"m": m, "summary": presenters.membership_summary(m), "tag": presenters.membership_tag(m),
                 "waiting": presenters.is_waiting(m)}
                for m in memberships
            ],
            "current": current,
            "form": form,
            "breadcrumbs": [_home(), network_crumb()],
        }, status=status)

    def get(self, request):
        return self.render_page()

    def post(self, request):
        memberships = selectors.memberships_of(request.user)
        if not memberships:
            raise Http404
        form = InterestsForm(request.POST)
        if submit(form, lambda data: services.update_interests(request.user, memberships[0], data["interests"])):
            messages.success(request, "Your interests have been saved.")
            return redirect("network:membership")
        return self.render_page(form, status=400)


class LeaveView(MemberMixin, ConfirmActionView):
    title = "Leave the network"
    button = "Leave"
    warning = True

    def get_object(self):
        return get_object_or_404(
            Membership.objects.select_related("intake"),
            pk=self.kwargs["pk"],
            person=self.request.user,
            state__in=[MembershipState.APPLIED, MembershipState.ACCEPTED],
        )

    def paragraphs(self):
        if self.object.state == MembershipState.APPLIED:
            return ["Your application will be withdrawn. You can apply to a later intake."]
        return ["You will no longer be a member. Nobody asks why, and you can join again at any time."]

    def perform(self):
        return services.leave(self.request.user, self.object)

    def success_message(self, result):
        return "You have left the network." if result.tier == Tier.OPEN else "Your intake membership has ended."

    def success_url(self, result):
        return reverse("network:membership")

    def cancel_url(self):
        return reverse("network:membership")

    def breadcrumbs(self):
        return [_home(), network_crumb()]


class EventView(MemberMixin, TemplateView):
    """A Big Room: RSVP, your table, an invitation link for a colleague; afterwards the recording and
    slides and how many organisations came."""

    template_name = "network/event.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = get_object_or_404(Event, pk=self.kwargs["pk"])
        event = selectors.event_with_counts(event.pk)
        user = self.request.user
        rsvp = selectors.rsvp_of(user, event)
        now = timezone.now()
        ended = event.ends_at <= now
        # After the event: may this person give feedback (they came), have they, and the slides (3 queries,
        # none before).
        came = ended and followup_selectors.may_give_feedback(user, event)
        context.update(
            event=event,
            rsvp=rsvp,
            rsvp_tag=presenters.rsvp_tag_after(rsvp, came) if ended else presenters.rsvp_tag(rsvp),
            going=rsvp is not None and rsvp.status == RsvpStatus.GOING,
            answered=presenters.has_answered(rsvp) or came,
            started=event.starts_at <= now,
            ended=ended,
            full=event.going >= event.capacity,
            organisations=selectors.organisations_that_came(event, now),
            alumni_only_refused=event.alumni_only and not core_selectors.is_alumnus(user),
            may_give_feedback=came,
            feedback_given=ended and followup_selectors.feedback_of(user, event) is not None,
            slides=followup_selectors.slides_of(event) if ended else None,
            invite_url=site_url(reverse("network:invite", args=[services.invite_token(event, user)])),
            is_admin=rules.is_network_admin(user),
            breadcrumbs=[_home(), network_crumb(), ("Big Room events", reverse("network:events"))],
        )
        return context


class RsvpView(MemberMixin, ConfirmActionView):
    title = "Say you are coming"
    button = "I am coming"

    def get_object(self):
        return get_object_or_404(Event, pk=self.kwargs["pk"])

    def summary(self):
        return [("Event", self.object.title), ("When", nhs_datetime(self.object.starts_at)),
                ("Where", self.object.venue)]

    def paragraphs(self):
        return ["If the event is full you join the waiting list, and we email you if a place comes up."]

    def not_possible(self):
        if self.object.starts_at <= timezone.now():
            return "This event has already started."
        if self.object.alumni_only and not core_selectors.is_alumnus(self.request.user):
            return services.ALUMNI_ONLY
        return ""

    def perform(self):
        return services.rsvp(self.request.user, self.object)

    def success_message(self, result):
        if result.status == RsvpStatus.GOING:
            return f"You are coming to {result.event.title}."
        return "The event is full: you are on the waiting list."

    def success_url(self, result):
        return reverse("network:event", args=[self.object.pk])

    def breadcrumbs(self):
        return [_home(), network_crumb(), (self.object.title, self.success_url(None))]


class CancelRsvpView(RsvpView):
    title = "Say you are not coming"
    button = "I am not coming"
    warning = True

    def summary(self):
        return [("Event", self.object.title), ("When", nhs_datetime(self.object.starts_at))]

    def paragraphs(self):
        return ["Your place goes to the next person on the waiting list."]

    def not_possible(self):
        return "This event has already started." if self.object.starts_at <= timezone.now() else ""

    def perform(self):
        return services.cancel_rsvp(self.request.user, self.object)

    def success_message(self, result):
        return f"You have said you are not coming to {result.event.title}."


class InviteView(MemberMixin, View):
    """A colleague's "invite a colleague" link: the invited person signs in, then says they are coming."""

    template_name = "network/invite.html"

    def setup_invite(self, token):
        try:
            event_id, inviter_id = services.read_invite(token)
        except signing.BadSignature:
            raise Http404 from None
        self.event = get_object_or_404(Event, pk=event_id)
        self.inviter_id = inviter_id

    def context(self, error=""):
        inviter = get_user_model().objects.filter(pk=self.inviter_id).first()
        rsvp = selectors.rsvp_of(self.request.user, self.event)
        return {
            "event": self.event, "inviter": inviter, "error": error,
            "answered": presenters.has_answered(rsvp),
            "started": self.event.starts_at <= timezone.now(),
            "breadcrumbs": [_home(), network_crumb()],
        }

    def get(self, request, token):
        self.setup_invite(token)
        return render(request, self.template_name, self.context())

    def post(self, request, token):
        self.setup_invite(token)
        inviter = get_user_model().objects.filter(pk=self.inviter_id).first()
        try:
            answer = services.rsvp(request.user, self.event, invited_by=inviter)
        except ValidationError as exc:
            return render(request, self.template_name, self.context(" ".join(exc.messages)), status=400)
        if answer.status == RsvpStatus.GOING:
            messages.success(request, f"You are coming to {self.event.title}.")
        else:
            messages.success(request, "The event is full: you are on the waiting list.")
        return redirect("network:event", self.event.pk)

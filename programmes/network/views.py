"""Pages of the managed network: for everyone (what it is, Big Rooms), for members (joining, applying,
their member page, RSVPs and their table) and for the network's admins (members, intakes, events and
the table plan). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.core.presenters import site_url
from programmes.network import presenters, rules, selectors, services
from programmes.network.forms import ApplyForm, DecideForm, EventForm, IntakeForm, InterestsForm, JoinForm
from programmes.network.models import Event, Intake, Membership, MembershipState, RsvpStatus, Tier


def network_crumb():
    return ("Managed network", reverse("network:index"))


def manage_crumb():
    return ("Manage the network", reverse("network:manage"))


class MemberMixin(PermissionRequiredMixin):
    permission_required = "network.take_part"

    def get_permission_object(self):
        return None  # the permission is about the person; each view finds its object for them


class AdminMixin(PermissionRequiredMixin):
    permission_required = "network.administer"

    def get_permission_object(self):
        return None


# --- everyone ------------------------------------------------------------------------------------


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


# --- members -------------------------------------------------------------------------------------


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
        context.update(
            event=event,
            rsvp=rsvp,
            rsvp_tag=presenters.rsvp_tag(rsvp),
            going=rsvp is not None and rsvp.status == RsvpStatus.GOING,
            answered=presenters.has_answered(rsvp),
            started=event.starts_at <= now,
            ended=event.ends_at <= now,
            full=event.going >= event.capacity,
            organisations=selectors.organisations_that_came(event, now),
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


# --- the network's admins --------------------------------------------------------------------------


class ManageView(AdminMixin, TemplateView):
    template_name = "network/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            intakes=selectors.intakes_with_counts(),
            upcoming=selectors.upcoming_events(),
            past=selectors.past_events(),
            breadcrumbs=[_home(), network_crumb()],
        )
        return context


class MembersView(AdminMixin, View):
    """Every membership and application, with a bulk accept or decline of the ones ticked."""

    template_name = "network/members.html"

    def render_page(self, error="", status=200):
        state = self.request.GET.get("state", "")
        if state not in MembershipState.values:
            state = ""
        intake = None
        intake_id = self.request.GET.get("intake", "")
        if intake_id.isdigit():
            intake = Intake.objects.filter(pk=intake_id).first()
        page = Paginator(selectors.members(state=state, intake=intake), selectors.MEMBERS_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        rows = [
            {"m": m, "tag": presenters.membership_tag(m), "supporter": presenters.supporter_label(m),
             "can_decide": presenters.is_waiting(m)}
            for m in page.object_list
        ]
        record_request(self.request, [row["m"].person_id for row in rows], "Network members list")
        return render(self.request, self.template_name, {
            "page_obj": page, "rows": rows, "state": state, "intake": intake, "error": error,
            "states": MembershipState.choices, "intakes": Intake.objects.all(),
            "any_waiting": any(row["can_decide"] for row in rows),
            "breadcrumbs": [_home(), network_crumb(), manage_crumb()],
        }, status=status)

    def get(self, request):
        return self.render_page()

    def post(self, request):
        form = DecideForm(request.POST)
        outcome = submit(form, lambda data: services.decide(request.user, data["memberships"], data["decision"]))
        if outcome:
            word = "accepted" if form.cleaned_data["decision"] == MembershipState.ACCEPTED else "declined"
            messages.success(request, f"{outcome.result} applications {word}.")
            return redirect(request.get_full_path())
        errors = [e for errors in form.errors.values() for e in errors]
        return self.render_page(error=" ".join(errors), status=400)


class IntakeCreateView(AdminMixin, View):
    template_name = "network/intake_form.html"

    def render_form(self, form, status=200):
        return render(self.request, self.template_name,
                      {"form": form, "breadcrumbs": [_home(), network_crumb(), manage_crumb()]}, status=status)

    def get(self, request):
        return self.render_form(IntakeForm())

    def post(self, request):
        form = IntakeForm(request.POST)
        if submit(form, lambda data: services.create_intake(request.user, **data)):
            messages.success(request, "The intake has been created.")
            return redirect("network:manage")
        return self.render_form(form, status=400)


class IntakeCloseView(AdminMixin, ConfirmActionView):
    title = "Close the intake"
    button = "Close the intake"

    def get_object(self):
        return get_object_or_404(Intake, pk=self.kwargs["pk"])

    def paragraphs(self):
        return [f"{self.object.name} will stop taking applications. Applications already made stay for you to decide."]

    def not_possible(self):
        return "This intake is already closed." if self.object.state == Intake.State.CLOSED else ""

    def perform(self):
        return services.close_intake(self.request.user, self.object)

    def success_message(self, result):
        return f"{result.name} is closed."

    def success_url(self, result):
        return reverse("network:manage")

    def breadcrumbs(self):
        return [_home(), network_crumb(), manage_crumb()]


class EventFormView(AdminMixin, View):
    template_name = "network/event_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(Event, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        show_links = self.event is not None and self.event.starts_at <= timezone.now()
        initial = {}
        if self.event is not None:
            names = (*services.EVENT_FIELDS, "recording_url", "slides_url")
            initial = {name: getattr(self.event, name) for name in names}
        return EventForm(data, initial=initial, show_links=show_links)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "event": self.event, "breadcrumbs": [_home(), network_crumb(), manage_crumb()],
        }, status=status)

    def get(self, request, **kwargs):
        return self.render_form(self.form())

    def post(self, request, **kwargs):
        form = self.form(request.POST)
        outcome = submit(form, lambda data: services.save_event(request.user, self.event, **data))
        if outcome:
            messages.success(request, f"{outcome.result.title} has been saved.")
            return redirect("network:event_manage", outcome.result.pk)
        return self.render_form(form, status=400)


class EventManageView(AdminMixin, TemplateView):
    template_name = "network/event_manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = get_object_or_404(Event, pk=self.kwargs["pk"])
        event = selectors.event_with_counts(event.pk)
        people = selectors.attendees(event)
        record_request(self.request, [r.person_id for r in people], f"Big Room attendees: {event.title}")
        context.update(
            event=event,
            people=people,
            unseated=selectors.unseated_count(event),
            organisations=selectors.organisations_that_came(event),
            breadcrumbs=[_home(), network_crumb(), manage_crumb()],
        )
        return context


class TablePlanMakeView(AdminMixin, ConfirmActionView):
    title = "Make the table plan"
    button = "Make the table plan"

    def get_object(self):
        return get_object_or_404(Event, pk=self.kwargs["pk"])

    def paragraphs(self):
        words = [
            f"Everyone coming is seated at tables of {self.object.table_size}, mixing organisations and professions "
            "so that, where possible, nobody shares a table with someone from their own organisation or profession.",
        ]
        if self.object.table_plan_made_at:
            words.append("This replaces the plan you made before: people may move tables.")
        return words

    def perform(self):
        return services.make_table_plan(self.request.user, self.object)

    def success_message(self, result):
        return f"The table plan is made: {len(result)} tables."

    def success_url(self, result):
        return reverse("network:event_manage", args=[self.object.pk])

    def breadcrumbs(self):
        return [_home(), network_crumb(), manage_crumb()]


class TablePlanView(AdminMixin, TemplateView):
    """The table plan, laid out to print."""

    template_name = "network/table_plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = get_object_or_404(Event, pk=self.kwargs["pk"])
        tables = selectors.table_plan(event)
        record_request(self.request, [r.person_id for t in tables for r in t["people"]], f"Table plan: {event.title}")
        context.update(event=event, tables=tables, unseated=selectors.unseated_count(event),
                       breadcrumbs=[_home(), network_crumb(), manage_crumb()])
        return context


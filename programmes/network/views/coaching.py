"""Coaching pages, pull not push: a leader's coaching page and request, the coach's own page, the
relationship page (only the coach and the coachee: 404 for everyone else, superusers included), and the
coaching lead's requests, pool and assigning. Reports see only the anonymised figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.privacy.services import record_access
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.network import coaching_selectors as selectors
from programmes.network import coaching_services as services
from programmes.network.coaching_forms import AssignForm, CoachForm, CoachingRequestForm, SessionForm
from programmes.network.models import Coach, CoachingState, MembershipState
from programmes.network.rules import is_coaching_lead
from programmes.network.views.base import AdminMixin, MemberMixin, manage_crumb, network_crumb


def coaching_crumb():
    return ("Coaching", reverse("network:coaching"))


def lead_crumb():
    return ("Coaching requests", reverse("network:coaching_manage"))


def _log_read(request, people) -> None:
    """The lead's reads go to the access log like every staff read, under the network's name and its
    manage page: the log is open to governance and superusers, and an entry saying "coaching" would tell
    them who asked for coaching."""
    if request.method == "GET":
        record_access(request.user, people, "Managed network", reverse("network:manage"))


class LeadMixin(LoginRequiredMixin):
    """The coaching lead only. Checked with the predicate itself, not ``has_perm``: Django grants a superuser
    every permission, and a superuser is not the coaching lead by being a superuser."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coaching_lead(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- leaders -------------------------------------------------------------------------------------------


class CoachingView(MemberMixin, TemplateView):
    """A leader's coaching page: what coaching is, their requests and coaching, and (for a coach) a link
    to their own page."""

    template_name = "network/coaching/index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            requests=selectors.requests_of(user),
            coach=selectors.coach_of(user),
            is_member=user.network_memberships.filter(state=MembershipState.ACCEPTED).exists(),
            breadcrumbs=[_home(), network_crumb()],
            **kwargs,
        )


class RequestView(MemberMixin, View):
    template_name = "network/coaching/request.html"

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form,
            "is_member": self.request.user.network_memberships.filter(state=MembershipState.ACCEPTED).exists(),
            "breadcrumbs": [_home(), network_crumb(), coaching_crumb()],
        }, status=status)

    def get(self, request):
        return self.render_form(CoachingRequestForm())

    def post(self, request):
        form = CoachingRequestForm(request.POST)
        outcome = submit(form, lambda data: services.request_coaching(request.user, **data))
        if outcome:
            messages.success(request, "Your request has been sent to the coaching lead, who will find you a coach.")
            return redirect("network:coaching_detail", outcome.result.pk)
        return self.render_form(form, status=400)


class DetailView(MemberMixin, View):
    """A request and, once a coach accepts, the coaching relationship: seen only by the coachee and the
    coach (404 for everyone else, superusers included). The coach logs sessions here."""

    template_name = "network/coaching/detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = selectors.visible_request(request.user, kwargs["pk"])
            if self.object is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form=None, status=200):
        obj = self.object
        as_coach = obj.coach is not None and obj.coach.person_id == self.request.user.pk
        can_log = as_coach and obj.state == CoachingState.ACTIVE
        sessions = selectors.sessions_of(obj)
        return render(self.request, self.template_name, {
            "object": obj, "as_coach": as_coach, "sessions": sessions,
            "session_total": sum(s.count for s in sessions),
            "form": (form or SessionForm()) if can_log else None,
            "breadcrumbs": [_home(), network_crumb(),
                            ("Your coaching page", reverse("network:coach_profile")) if as_coach else coaching_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        form = SessionForm(request.POST)
        if submit(form, lambda data: services.log_session(request.user, self.object, **data)):
            messages.success(request, "The session has been logged.")
            return redirect("network:coaching_detail", pk)
        return self.render_page(form, status=400)


class _SideAction(MemberMixin, ConfirmActionView):
    """A confirm page on a request the person can see (404 otherwise)."""

    def get_object(self):
        obj = selectors.visible_request(self.request.user, self.kwargs["pk"])
        if obj is None:
            raise Http404
        return obj

    def success_url(self, result):
        return reverse("network:coaching_detail", args=[result.pk])

    def breadcrumbs(self):
        return [_home(), network_crumb(), coaching_crumb()]


class WithdrawView(_SideAction):
    title = "Withdraw your request for coaching"
    button = "Withdraw the request"
    warning = True

    def get_object(self):
        obj = super().get_object()
        if obj.requester_id != self.request.user.pk:
            raise Http404
        return obj

    def paragraphs(self):
        return ["The coaching lead will stop looking for a coach for you. You can ask again whenever you are ready."]

    def not_possible(self):
        if self.object.state not in (CoachingState.WAITING, CoachingState.OFFERED):
            return "Only a request that has not started can be withdrawn."
        return ""

    def perform(self):
        return services.withdraw(self.request.user, self.object)

    def success_message(self, result):
        return "Your request has been withdrawn."


class _CoachAnswer(_SideAction):
    def get_object(self):
        obj = super().get_object()
        if obj.coach is None or obj.coach.person_id != self.request.user.pk:
            raise Http404
        return obj

    def summary(self):
        o = self.object
        return [("Who", o.requester.get_full_name() or o.requester.email),
                ("For", f"Their team of {o.team_size}" if o.team_size else "Themselves"),
                ("What for", o.what_for), ("How soon", o.get_urgency_display()), ("Format", o.get_format_display())]

    def not_possible(self):
        if self.object.state != CoachingState.OFFERED:
            return "This request is not waiting for your answer."
        return ""

    def breadcrumbs(self):
        return [_home(), network_crumb(), ("Your coaching page", reverse("network:coach_profile"))]


class AcceptView(_CoachAnswer):
    title = "Accept this coaching"
    button = "Accept"

    def paragraphs(self):
        return ["You and the leader will each get an email with the other's name and address, to arrange your "
                "first session."]

    def perform(self):
        return services.accept(self.request.user, self.object)

    def success_message(self, result):
        return "You have accepted. The leader has been emailed."


class DeclineView(_CoachAnswer):
    title = "Decline this coaching"
    button = "Decline"
    warning = True

    def paragraphs(self):
        return ["No reason is asked. The coaching lead will offer the request to another coach."]

    def perform(self):
        return services.decline(self.request.user, self.object)

    def success_message(self, result):
        return "You have declined. The coaching lead will find another coach."

    def success_url(self, result):
        return reverse("network:coach_profile")


class EndView(_SideAction):
    title = "End the coaching"
    button = "End the coaching"
    warning = True

    def paragraphs(self):
        return ["Either of you can end the coaching at any time. No reason is asked and none is recorded. "
                "The other person is told by email."]

    def not_possible(self):
        return "" if self.object.state == CoachingState.ACTIVE else "Only coaching that is under way can be ended."

    def perform(self):
        return services.end(self.request.user, self.object)

    def success_message(self, result):
        return "The coaching has ended."


class CoachProfileView(MemberMixin, TemplateView):
    """A coach's own page: their credentials and capacity, requests offered to them and their coachees."""

    template_name = "network/coaching/coach.html"

    def get_context_data(self, **kwargs):
        coach = selectors.coach_of(self.request.user)
        if coach is None:
            raise Http404
        rows = selectors.coachees_of(coach)
        return super().get_context_data(
            coach=coach,
            offered=[r for r in rows if r.state == CoachingState.OFFERED],
            active=[r for r in rows if r.state == CoachingState.ACTIVE],
            ended=[r for r in rows if r.state == CoachingState.ENDED],
            breadcrumbs=[_home(), network_crumb()],
            **kwargs,
        )


# --- the coaching lead ------------------------------------------------------------------------------------


class ManageView(LeadMixin, TemplateView):
    """The requests waiting for a coach or for a coach's answer (once a coach accepts, the lead no longer
    sees who is coached by whom)."""

    template_name = "network/coaching/manage.html"

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("state", "")
        if state not in selectors.LEAD_STATES:
            state = ""
        page = Paginator(selectors.lead_requests(state), selectors.PAGE_SIZE).get_page(self.request.GET.get("page"))
        _log_read(self.request, [r.requester_id for r in page.object_list])
        return super().get_context_data(
            page_obj=page, state=state,
            states=[(s.value, s.label) for s in selectors.LEAD_STATES],
            breadcrumbs=[_home(), network_crumb(), manage_crumb()],
            **kwargs,
        )


class AssignView(LeadMixin, View):
    template_name = "network/coaching/assign.html"

    def dispatch(self, request, *args, **kwargs):
        if is_coaching_lead(request.user):
            self.object = selectors.lead_request(kwargs["pk"])
            if self.object is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form=None, status=200):
        coaches = services.coaches_with_room(self.object)
        _log_read(self.request, [self.object.requester_id])
        return render(self.request, self.template_name, {
            "object": self.object, "form": form or AssignForm(coaches=coaches), "coaches": coaches,
            "waiting": self.object.state == CoachingState.WAITING,
            "breadcrumbs": [_home(), network_crumb(), manage_crumb(), lead_crumb()],
        }, status=status)

    def get(self, request, pk):
        return self.render_form()

    def post(self, request, pk):
        form = AssignForm(request.POST, coaches=services.coaches_with_room(self.object))
        if submit(form, lambda data: services.assign(request.user, self.object, data["coach"])):
            messages.success(request, "The request has been offered to the coach, who has been emailed.")
            return redirect("network:coaching_manage")
        return self.render_form(form, status=400)


class CoachesView(LeadMixin, TemplateView):
    template_name = "network/coaching/coaches.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.pool(), selectors.PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=page,
            breadcrumbs=[_home(), network_crumb(), manage_crumb(), lead_crumb()],
            **kwargs,
        )


class CoachFormView(LeadMixin, View):
    template_name = "network/coaching/coach_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.coach = None
        if "pk" in kwargs and is_coaching_lead(request.user):
            self.coach = get_object_or_404(Coach.objects.select_related("person"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "coach": self.coach,
            "breadcrumbs": [_home(), network_crumb(), manage_crumb(), ("Coaches", reverse("network:coaching_coaches"))],
        }, status=status)

    def get(self, request, pk=None):
        if self.coach is None:
            return self.render_form(CoachForm())
        c = self.coach
        return self.render_form(CoachForm(editing=True, initial={
            "accreditation_body": c.accreditation_body, "accreditation_level": c.accreditation_level,
            "specialisms": c.specialisms, "capacity": c.capacity, "status": c.status,
        }))

    def post(self, request, pk=None):
        form = CoachForm(request.POST, editing=self.coach is not None)
        if self.coach is None:
            def action(data):
                data = dict(data)
                data.pop("email")
                return services.add_coach(request.user, **data)
            message = "The coach has been added to the pool."
        else:
            def action(data):
                return services.update_coach(request.user, self.coach, **data)
            message = "The coach's details have been saved."
        if submit(form, action):
            messages.success(request, message)
            return redirect("network:coaching_coaches")
        return self.render_form(form, status=400)


class FiguresView(AdminMixin, TemplateView):
    """Anonymised counts for the network's admins and reports: nothing names anyone."""

    template_name = "network/coaching/figures.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=selectors.figures(), breadcrumbs=[_home(), network_crumb(), manage_crumb()], **kwargs
        )

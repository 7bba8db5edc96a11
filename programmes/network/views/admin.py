"""Pages for the network's admins: members and bulk decisions, intakes, Big Rooms and the table plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from academy.privacy.services import record_request
from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.network import followup_selectors, presenters, selectors, services
from programmes.network.forms import DecideForm, EventForm, IntakeForm
from programmes.network.models import Event, Intake, MembershipState
from programmes.network.views.base import AdminMixin, manage_crumb, network_crumb


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
            started=event.starts_at <= timezone.now(),
            register=followup_selectors.register_counts(event),
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

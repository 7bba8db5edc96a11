"""Registration (issue 11, fourth slice). The conference team sets up ticket types (capacity, approval, on sale
from/until), sees their counts and the attendee list (with access and dietary needs, for the team only),
downloads it as CSV and approves or declines registrations; signed-in leaders register, see and cancel their
registration. Every rule (capacity, sale window, one registration each) is the services'."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.directory import selectors as directory
from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb
from programmes.conference import selectors, services
from programmes.conference.forms import (
    CancelRegistrationForm,
    DecideRegistrationForm,
    RegistrationForm,
    TicketTypeForm,
)
from programmes.conference.models import Edition, Registration, TicketType
from programmes.conference.views.base import (
    AdminMixin,
    FormPageView,
    SignedInMixin,
    conference_crumb,
    edition_crumbs,
)


def tickets_crumbs(edition):
    return [*edition_crumbs(edition), ("Tickets", reverse("conference:ticket_types", args=[edition.pk]))]


def attendees_crumbs(edition):
    return [*edition_crumbs(edition), ("Attendees", reverse("conference:attendees", args=[edition.pk]))]


# --- the conference team --------------------------------------------------------------------------------------


class TicketTypesView(AdminMixin, TemplateView):
    template_name = "conference/ticket_types.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        context.update(edition=edition, ticket_types=selectors.ticket_types(edition),
                       breadcrumbs=edition_crumbs(edition))
        return context


class TicketTypeFormView(AdminMixin, FormPageView):
    form_class = TicketTypeForm
    creating = False
    button = "Save the ticket type"

    def dispatch(self, request, *args, **kwargs):
        if self.creating:
            self.edition, self.ticket_type = get_object_or_404(Edition, pk=kwargs["pk"]), None
        else:
            self.ticket_type = get_object_or_404(TicketType.objects.select_related("edition"), pk=kwargs["pk"])
            self.edition = self.ticket_type.edition
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        return "Add a ticket type" if self.ticket_type is None else f"Change {self.ticket_type.name}"

    @property
    def caption(self):
        return self.edition.name

    def initial(self):
        t = self.ticket_type
        if t is None:
            return {}
        return {"name": t.name, "capacity": t.capacity, "needs_approval": t.needs_approval,
                "on_sale_from": t.on_sale_from, "on_sale_until": t.on_sale_until}

    def perform(self, data):
        return services.save_ticket_type(self.request.user, self.edition, self.ticket_type, **data)

    def success_message(self, result):
        return f"{result.name} has been saved."

    def crumbs(self):
        return tickets_crumbs(self.edition)

    def success_url(self, result):
        return reverse("conference:ticket_types", args=[self.edition.pk])


def _show(request) -> str:
    show = request.GET.get("show", "")
    return show if show in selectors.REGISTRATION_FILTERS else ""


class AttendeesView(AdminMixin, TemplateView):
    """Everyone registered, 25 a page, with their answers. Access needs are shown here, to the team only."""

    template_name = "conference/attendees.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        show = _show(self.request)
        page = selectors.attendee_page(edition, show=show, page=self.request.GET.get("page"))
        record_request(self.request, {r.user_id for r in page.object_list}, f"Conference attendees: {edition}")
        context.update(
            edition=edition, page=page, page_obj=page, show=show, query_string=f"show={show}" if show else "",
            page_numbers=page.paginator.get_elided_page_range(page.number),
            filters=[(key, label) for key, (label, _q) in selectors.REGISTRATION_FILTERS.items()],
            breadcrumbs=edition_crumbs(edition),
        )
        return context


class AttendeesExportView(AdminMixin, View):
    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        registrations = list(selectors.attendees(edition, show=_show(request)))
        record_request(request, {r.user_id for r in registrations}, f"Conference attendees export: {edition}")
        headers = ["Name", "Email", "Ticket type", "Status", "Organisation", "Profession", "Dietary needs",
                   "Access needs", "Registered"]
        rows = [
            [r.user.get_full_name(), r.user.email, r.ticket_type.name, r.state_label, r.organisation, r.profession,
             r.dietary_needs, r.access_needs, nhs_datetime(r.created_at)]
            for r in registrations
        ]
        return export_response("csv", f"{edition.slug}-attendees", headers, rows)


class DecideRegistrationView(AdminMixin, FormPageView):
    form_class = DecideRegistrationForm
    button = "Record the decision"

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(Registration.objects.select_related("edition", "user", "ticket_type"),
                                              pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        user = self.registration.user
        return f"Approve or decline {user.get_full_name() or user.email}"

    @property
    def caption(self):
        return self.registration.edition.name

    @property
    def intro(self):
        r = self.registration
        return (f"Ticket type: {r.ticket_type.name}. Organisation: {r.organisation}. Profession: {r.profession}. "
                f"Status: {r.state_label}. The person is emailed either way.")

    def perform(self, data):
        if data["decision"] == "approve":
            return services.approve_registration(self.request.user, self.registration)
        return services.decline_registration(self.request.user, self.registration, data["reason"])

    def success_message(self, result):
        name = result.user.get_full_name() or result.user.email
        return f"{name}'s registration is now: {result.state_label.lower()}."

    def crumbs(self):
        return attendees_crumbs(self.registration.edition)

    def success_url(self, result):
        return reverse("conference:attendees", args=[result.edition_id])


# --- leaders --------------------------------------------------------------------------------------------------


class RegisterView(SignedInMixin, FormPageView):
    template_name = "conference/register.html"
    form_class = RegistrationForm
    button = "Register"

    def dispatch(self, request, *args, **kwargs):
        self.edition = selectors.published_edition(kwargs["slug"])
        if request.user.is_authenticated:
            existing = selectors.live_registration(self.edition, request.user)
            if existing is not None:
                messages.info(request, "You are already registered for this edition.")
                return redirect("conference:registration", existing.pk)
            self.on_sale = selectors.tickets_on_sale(self.edition)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        return RegistrationForm(data, initial=self.initial(), ticket_types=self.on_sale)

    def initial(self):
        profile = directory.own_profile(self.request.user)
        if profile is None:
            return {}
        return {"organisation": profile.organisation.name, "profession": profile.profession.name}

    def page_title(self):
        return f"Register for {self.edition.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(edition=self.edition, on_sale=self.on_sale)
        return context

    def perform(self, data):
        return services.register(self.request.user, self.edition, **data)

    def success_message(self, result):
        if result.is_confirmed:
            return "You are registered: your place is confirmed. We have emailed you."
        if result.is_awaiting_approval:
            return "You are registered. The conference team will approve your place; we have emailed you."
        return "This ticket type is full: you are on the waiting list. We will email you if a place comes free."

    def crumbs(self):
        return [home_crumb(), conference_crumb()]

    def success_url(self, result):
        return reverse("conference:registration", args=[result.pk])


class RegistrationView(SignedInMixin, TemplateView):
    template_name = "conference/registration.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = selectors.own_registration(self.kwargs["pk"], self.request.user)
        context.update(registration=registration, edition=registration.edition,
                       breadcrumbs=[home_crumb(), conference_crumb()])
        return context


class CancelRegistrationView(SignedInMixin, FormPageView):
    form_class = CancelRegistrationForm
    title = "Cancel your registration"
    button = "Cancel my registration"
    intro = "Your place goes to the next person on the waiting list. You can register again while tickets are on sale."

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.registration = selectors.own_registration(kwargs["pk"], request.user)
        return super().dispatch(request, *args, **kwargs)

    @property
    def caption(self):
        return self.registration.edition.name

    def perform(self, data):
        return services.cancel_registration(self.request.user, self.registration)

    def success_message(self, result):
        return "Your registration has been cancelled."

    def crumbs(self):
        return [home_crumb(), conference_crumb(),
                ("Your registration", reverse("conference:registration", args=[self.registration.pk]))]

    def success_url(self, result):
        return reverse("conference:registration", args=[result.pk])

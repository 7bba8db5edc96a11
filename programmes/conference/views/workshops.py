"""Workshop choices (issue 11). Leaders with a confirmed registration see the released workshops, take a place or
join a waiting list, and leave; the conference team sees each workshop's places, waiting list and names, sets
its capacity and downloads the names as CSV. Every rule (capacity, clashes, the waiting list) is the services'."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.formats import nhs_datetime, nhs_datetime_range
from academy.ui.shortcuts import home_crumb
from programmes.conference import workshop_selectors, workshops
from programmes.conference.forms import WorkshopCapacityForm
from programmes.conference.models import Edition, Proposal
from programmes.conference.views.base import (
    AdminMixin,
    FormPageView,
    SignedInMixin,
    conference_crumb,
    edition_crumbs,
)


def team_crumbs(edition):
    return [*edition_crumbs(edition), ("Workshops", reverse("conference:workshops_admin", args=[edition.pk]))]


# --- leaders --------------------------------------------------------------------------------------------------


class ChoicesView(SignedInMixin, TemplateView):
    template_name = "conference/workshops.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = workshop_selectors.choices_page(self.kwargs["slug"], self.request.user)
        context.update(page=page, edition=page.edition, breadcrumbs=[home_crumb(), conference_crumb()])
        return context


class ChoiceView(SignedInMixin, View):
    """POST only: take a place (or join the waiting list), or leave; back to the workshops page with a message."""

    http_method_names = ["post"]
    leaving = False

    def post(self, request, slug, pk):
        edition = get_object_or_404(Edition, slug=slug, state="published")
        proposal = get_object_or_404(Proposal.objects.select_related("session_type"), pk=pk, edition=edition)
        try:
            if self.leaving:
                workshops.leave_workshop(request.user, edition, proposal)
                messages.success(request, f"You are no longer down for “{proposal.title}”.")
            else:
                choice = workshops.choose_workshop(request.user, edition, proposal)
                if choice.has_place:
                    messages.success(request, f"You have a place at “{proposal.title}”.")
                else:
                    messages.success(request, f"“{proposal.title}” is full: you are on its waiting list. We will "
                                              "email you if a place comes free.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("conference:workshops", edition.slug)


# --- the conference team --------------------------------------------------------------------------------------


class TeamWorkshopsView(AdminMixin, TemplateView):
    template_name = "conference/workshops_admin.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        clashes = workshop_selectors.clashes(edition)
        if clashes:
            record_request(self.request, {clash.person.pk for clash in clashes},
                           "Conference workshops: people down for two at the same time")
        context.update(edition=edition, rows=workshop_selectors.team_workshops(edition), clashes=clashes,
                       breadcrumbs=edition_crumbs(edition))
        return context


class TeamWorkshopView(AdminMixin, TemplateView):
    """One workshop's names: those with a place and the waiting list in order."""

    template_name = "conference/workshop_admin.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        names = workshop_selectors.workshop_names(edition, self.kwargs["proposal"])
        record_request(self.request, {c.user_id for c in names.places + names.waiting},
                       f"Conference workshop: {names.row.proposal.title}")
        context.update(edition=edition, names=names, row=names.row, breadcrumbs=team_crumbs(edition))
        return context


class CapacityView(AdminMixin, FormPageView):
    form_class = WorkshopCapacityForm
    button = "Save the capacity"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        self.row = workshop_selectors.workshop_for_team(self.edition, kwargs["proposal"])
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        return f"Capacity of {self.row.proposal.title}"

    @property
    def caption(self):
        return self.edition.name

    @property
    def intro(self):
        return (f"{nhs_datetime_range(self.row.starts_at, self.row.ends_at)}, {self.row.room}. "
                f"{self.row.places_held} places taken. The capacity cannot be more than the room's seats nor below "
                "the places taken; more places go at once to the waiting list.")

    def initial(self):
        return {"capacity": self.row.capacity}

    def perform(self, data):
        return workshops.set_workshop_capacity(self.request.user, self.edition, self.row.proposal, data["capacity"])

    def success_message(self, result):
        return f"The capacity of “{self.row.proposal.title}” is now {result.capacity}."

    def crumbs(self):
        return team_crumbs(self.edition)

    def success_url(self, result):
        return reverse("conference:workshop_admin", args=[self.edition.pk, self.row.proposal.pk])


class ExportView(AdminMixin, View):
    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        choices = workshop_selectors.export_rows(edition)
        record_request(request, {c.user_id for c in choices}, f"Conference workshops export: {edition}")
        headers = ["Workshop", "Name", "Email", "Status", "Chosen"]
        rows = [[c.workshop.proposal.title, c.user.get_full_name(), c.user.email, c.state_label,
                 nhs_datetime(c.created_at)] for c in choices]
        return export_response("csv", f"{edition.slug}-workshops", headers, rows)

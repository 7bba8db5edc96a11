"""On the day (issue 11): the conference team's check-in desk (scan a ticket with the phone's camera, or
search by name or email, then check in with one button), the live counts, the undo and the badges; the
person's ticket QR code. Every rule is in programmes/conference/checkin.py."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from academy.privacy.services import record_request
from academy.reports.pdf import render_pdf
from academy.ui.formats import nhs_time
from academy.ui.shortcuts import submit
from programmes.conference import checkin, selectors
from programmes.conference.checkin_forms import CheckInForm, UndoCheckInForm
from programmes.conference.models import Edition, Registration
from programmes.conference.views.base import AdminMixin, FormPageView, SignedInMixin, edition_crumbs


def check_in_url(edition, query: str = "") -> str:
    url = reverse("conference:check_in", args=[edition.pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


class CheckInView(AdminMixin, TemplateView):
    """The check-in desk, phone first: scan or search, then one POST checks the person in. A refusal (before
    the day, not confirmed, already checked in) shows the page again with the message (400), nothing saved."""

    template_name = "conference/check_in.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or self.request.POST.get("q") or "").strip()[:100]
        results = checkin.search(self.edition, query)
        record_request(self.request, {r.user_id for r in results}, f"Conference check-in search: {self.edition}")
        context.update(
            edition=self.edition, form=form or CheckInForm(), query=query, results=results, searched=bool(query),
            counts=checkin.counts(self.edition), recent=checkin.recent_check_ins(self.edition),
            opens=checkin.check_in_opens(self.edition), breadcrumbs=edition_crumbs(self.edition),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CheckInForm(request.POST)
        outcome = submit(form, self._check_in)
        if outcome.ok:
            registration = outcome.result.registration
            messages.success(request, f"{checkin.person_name(registration)} is checked in "
                                      f"({registration.ticket_type.name}).")
            return redirect(check_in_url(self.edition, (request.POST.get("q") or "").strip()[:100]))
        # The code box starts empty again, so the next scan (a handheld scanner types) is not added to the last.
        form.errors  # noqa: B018 - the errors are worked out before the box is emptied
        form.data = form.data.copy()
        form.data["token"] = ""
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _check_in(self, data):
        if data.get("token"):
            registration = checkin.registration_for_token(self.edition, data["token"])
        else:
            registration = Registration.objects.filter(pk=data["registration"], edition=self.edition).first()
            if registration is None:
                raise Http404("No such registration")
        return checkin.check_in(self.request.user, registration)


class CountsView(AdminMixin, TemplateView):
    """The live counts: a page of their own (for a second screen), or the fragment htmx polls every 15 s."""

    template_name = "conference/check_in_counts.html"

    def get_template_names(self):
        return ["conference/_check_in_counts.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        context.update(edition=edition, counts=checkin.counts(edition), brief=bool(self.request.GET.get("brief")),
                       breadcrumbs=[
            *edition_crumbs(edition), ("Check-in", reverse("conference:check_in", args=[edition.pk]))])
        return context


class UndoCheckInView(AdminMixin, FormPageView):
    form_class = UndoCheckInForm
    button = "Undo the check-in"

    def dispatch(self, request, *args, **kwargs):
        self.registration = get_object_or_404(Registration.objects.select_related("edition", "user", "ticket_type"),
                                              pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        return f"Undo {checkin.person_name(self.registration)}'s check-in?"

    @property
    def caption(self):
        return self.registration.edition.name

    @property
    def intro(self):
        standing = checkin.standing_check_in(self.registration)
        if standing is None:
            return "This person is not checked in."
        return (f"Checked in at {nhs_time(standing.checked_in_at)}. Undo it if it was a mistake: they can be "
                "checked in again later.")

    def perform(self, data):
        return checkin.undo_check_in(self.request.user, self.registration)

    def success_message(self, result):
        return f"{checkin.person_name(self.registration)}'s check-in has been undone."

    def crumbs(self):
        edition = self.registration.edition
        return [*edition_crumbs(edition), ("Check-in", reverse("conference:check_in", args=[edition.pk]))]

    def success_url(self, result):
        return reverse("conference:check_in", args=[self.registration.edition_id])


def _badges_response(request, edition, registrations, filename: str) -> HttpResponse:
    record_request(request, {r.user_id for r in registrations}, f"Conference badges: {edition}")
    pdf = render_pdf("conference/badges_pdf.html", {"edition": edition, "registrations": registrations})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


class BadgesView(AdminMixin, View):
    """Every confirmed registration's badge, A6, one a page, by surname."""

    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        registrations = checkin.badge_registrations(edition)
        if not registrations:
            messages.info(request, "There are no confirmed registrations to print badges for yet.")
            return redirect("conference:check_in", edition.pk)
        return _badges_response(request, edition, registrations, f"{edition.slug}-badges")


class BadgeView(AdminMixin, View):
    """One person's badge (a lost or misprinted one). Only a confirmed registration has a badge."""

    def get(self, request, pk):
        registration = get_object_or_404(Registration.objects.select_related("edition"), pk=pk)
        registrations = checkin.badge_registrations(registration.edition, registration)
        if not registrations:
            raise Http404("Only a confirmed registration has a badge")
        return _badges_response(request, registration.edition, registrations,
                                f"{registration.edition.slug}-badge-{registration.pk}")


class TicketCodeView(SignedInMixin, View):
    """The person's ticket as a QR code (SVG): theirs alone (404 for everyone else, superusers included), and
    only while the registration is confirmed. Never cached: a cancelled ticket's code is not kept around."""

    def get(self, request, pk):
        registration = selectors.own_registration(pk, request.user)
        if not registration.is_confirmed:
            raise Http404("Only a confirmed registration has a ticket")
        out = io.BytesIO()
        segno.make(checkin.ticket_token(registration), error="m").save(
            out, kind="svg", scale=8, border=4, dark="#212b32", light="#ffffff", xmldecl=True,
            title="Your conference ticket",
        )
        response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
        response["Cache-Control"] = "private, no-store"
        return response

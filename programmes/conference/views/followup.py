"""Pages after the conference: attendees' feedback on the day and on each session, a session's page with its
slides and recording, the speakers' page to add them, the slides' download, and the team's feedback figures
(suppressed) with their CSV. Every rule (when, who, once) is the services'."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from academy.reports.exports import export_response
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb, submit
from programmes.conference import followup, followup_selectors, selectors, ticket_change
from programmes.conference.followup_forms import (
    ChangeTicketForm,
    DayFeedbackForm,
    MaterialForm,
    SessionFeedbackForm,
)
from programmes.conference.models import Edition
from programmes.conference.views.base import (
    AdminMixin,
    FormPageView,
    SignedInMixin,
    conference_crumb,
    edition_crumbs,
)


def _feedback_crumbs(edition):
    return [home_crumb(), conference_crumb(), ("Your feedback", reverse("conference:feedback", args=[edition.slug]))]


def _edition_feedback_state(request, edition) -> dict:
    user = request.user
    return {
        "edition": edition,
        "ended": followup_selectors.ended(edition),
        "opens_at": nhs_datetime(followup_selectors.feedback_opens_at(edition)),
        "may": followup_selectors.may_give_feedback(user, edition),
    }


class FeedbackView(SignedInMixin, View):
    """An attendee's feedback on the day, and the list of sessions to give feedback on, after the last day."""

    template_name = "conference/feedback.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = selectors.published_edition(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form=None, status=200):
        user = self.request.user
        context = _edition_feedback_state(self.request, self.edition)
        context.update(
            given=followup_selectors.day_feedback_of(user, self.edition),
            sessions=followup_selectors.sessions(self.edition),
            rated=followup_selectors.sessions_rated_by(user, self.edition),
            form=form or DayFeedbackForm(),
            breadcrumbs=[home_crumb(), conference_crumb()],
        )
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        return self.page()

    def post(self, request, slug):
        form = DayFeedbackForm(request.POST)
        if not submit(form, lambda d: followup.give_day_feedback(request.user, self.edition, **d)):
            return self.page(form, status=400)
        messages.success(request, "Thank you: your feedback on the conference is saved.")
        return redirect("conference:feedback", slug)


class SessionFeedbackView(SignedInMixin, View):
    template_name = "conference/session_feedback.html"

    def dispatch(self, request, *args, **kwargs):
        self.proposal = followup_selectors.session(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def page(self, form=None, status=200):
        context = _edition_feedback_state(self.request, self.proposal.edition)
        context.update(
            proposal=self.proposal,
            given=followup_selectors.session_feedback_of(self.request.user, self.proposal),
            form=form or SessionFeedbackForm(),
            breadcrumbs=_feedback_crumbs(self.proposal.edition),
        )
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        form = SessionFeedbackForm(request.POST)
        if not submit(form, lambda d: followup.give_session_feedback(request.user, self.proposal, **d)):
            return self.page(form, status=400)
        messages.success(request, f"Thank you: your feedback on “{self.proposal.title}” is saved.")
        return redirect("conference:feedback", self.proposal.edition.slug)


class SessionView(SignedInMixin, TemplateView):
    """A session of a published edition with its slides and recording, for everyone signed in (as the network's
    Big Room slides and recordings are): what was presented on the day is shared learning for the system."""

    template_name = "conference/session.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = followup_selectors.session(self.kwargs["pk"])
        context.update(_edition_feedback_state(self.request, proposal.edition))
        context.update(
            proposal=proposal,
            material=followup_selectors.material_of(proposal),
            co_speakers=followup_selectors.accepted_co_speakers(proposal),
            is_speaker=followup_selectors.may_add_material(self.request.user, proposal),
            breadcrumbs=[home_crumb(), conference_crumb()],
        )
        return context


class SlidesDownloadView(SignedInMixin, View):
    """Anyone signed in downloads a session's slides; a proposal that is not a session, or has no slides, is
    not found."""

    def get(self, request, pk):
        proposal = followup_selectors.session(pk)
        material = followup_selectors.material_of(proposal)
        if material is None or not material.has_slides:
            raise Http404("No slides")
        return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.original_name,
                            content_type=material.content_type)


class MaterialView(SignedInMixin, View):
    """The speakers of an accepted session add its slides and recording link. Not found for anyone else,
    superusers included, and for a proposal that is not a session."""

    template_name = "conference/material.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.proposal = selectors.proposal_for_speaker(kwargs["pk"], request.user)
            if not followup_selectors.may_add_material(request.user, self.proposal):
                raise Http404("Not a session")
        return super().dispatch(request, *args, **kwargs)

    def page(self, form=None, status=200):
        material = followup_selectors.material_of(self.proposal)
        initial = {"recording_url": material.recording_url} if material else {}
        return render(self.request, self.template_name, {
            "proposal": self.proposal, "material": material, "form": form or MaterialForm(initial=initial),
            "breadcrumbs": [home_crumb(), conference_crumb(),
                            (self.proposal.title, reverse("conference:proposal", args=[self.proposal.pk]))],
        }, status=status)

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        form = MaterialForm(request.POST, request.FILES)
        outcome = submit(form, lambda d: followup.save_material(
            request.user, self.proposal, upload=d["file"], recording_url=d["recording_url"]))
        if not outcome:
            return self.page(form, status=400)
        messages.success(request, "The session's slides and recording are saved.")
        return redirect("conference:session", pk)


class ChangeTicketView(SignedInMixin, FormPageView):
    """The person switches their live registration to another ticket type on sale, in one step; if the type is
    full they say beforehand whether to join its waiting list or keep their place."""

    form_class = ChangeTicketForm
    title = "Change your ticket type"
    button = "Change my ticket type"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.registration = selectors.own_registration(kwargs["pk"], request.user)
            if not self.registration.is_live:
                raise Http404("Not a live registration")
            self.on_sale = [t for t in selectors.tickets_on_sale(self.registration.edition)
                            if t.pk != self.registration.ticket_type_id]
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        return ChangeTicketForm(data, ticket_types=self.on_sale)

    @property
    def caption(self):
        return self.registration.edition.name

    @property
    def intro(self):
        r = self.registration
        return (f"Your ticket type now: {r.ticket_type.name} ({r.state_label.lower()}). If you move, your place goes "
                "to the next person waiting for it, and your answers (organisation, profession, dietary and access "
                "needs) move with you.")

    def perform(self, data):
        return ticket_change.change_ticket_type(self.request.user, self.registration, data["ticket_type"],
                                                if_full=data["if_full"])

    def success_message(self, result):
        if result.pk == self.registration.pk:
            return "That ticket type is full: you have kept your place."
        if result.is_waiting:
            return (f"You are on the waiting list for {result.ticket_type.name}. "
                    "We will email you if a place comes free.")
        return f"Your ticket type is now {result.ticket_type.name}: {result.state_label.lower()}."

    def crumbs(self):
        return [home_crumb(), conference_crumb(),
                ("Your registration", reverse("conference:registration", args=[self.registration.pk]))]

    def success_url(self, result):
        return reverse("conference:registration", args=[result.pk])


# --- the conference team ---------------------------------------------------------------------------------------


class FeedbackFiguresView(AdminMixin, TemplateView):
    """What attendees said: suppressed counts, mean ratings once 5 have answered, free text without names."""

    template_name = "conference/feedback_figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        context.update(edition=edition, ended=followup_selectors.ended(edition),
                       figures=followup_selectors.feedback_figures(edition), breadcrumbs=edition_crumbs(edition))
        return context


class FeedbackExportView(AdminMixin, View):
    """The same figures as CSV, through academy.reports.exports (cells a spreadsheet would read as a formula are
    neutralised). Free text is listed without names, and only where 5 or more answered."""

    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        figures = followup_selectors.feedback_figures(edition)
        hidden = "not shown"
        whole = "The conference as a whole"
        rows = [[whole, figures["responses"], hidden if figures["average"] is None else figures["average"], "", ""]]
        rows += [[whole, "", "", "What would make it better", text]
                 for text in figures["improve"]]
        rows += [[whole, "", "", "Anything else", text] for text in figures["comments"]]
        for row in figures["sessions"]:
            title = row["proposal"].title
            rows.append([title, row["responses"], hidden if row["average"] is None else row["average"], "", ""])
            rows += [[title, "", "", "Comment", text] for text in row["comments"]]
        headers = ["Part", "Responses", "Mean rating (1 to 5)", "Free text", "Text"]
        return export_response("csv", f"{edition.slug}-feedback", headers, rows)

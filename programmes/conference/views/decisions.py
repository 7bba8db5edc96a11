"""Decisions (issue 11, third slice). The conference team records decisions on the ranked list as pending
(seen by the team only), edits each decision's email, reads every message in the outbox, and sends them
through a confirm page; accepted speakers confirm or withdraw. Nothing reaches a speaker until the team sends
the outbox, and the send refuses if the outbox changed after the team checked it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from academy.privacy.services import record_request
from academy.ui.shortcuts import home_crumb, submit
from programmes.conference import schedule_services, selectors, services
from programmes.conference.forms import ConfirmSessionForm, DecisionTemplateForm, SendDecisionsForm
from programmes.conference.models import Decision, Edition, ProposalState
from programmes.conference.schedule_forms import unavailable_field
from programmes.conference.views.base import AdminMixin, FormPageView, SignedInMixin, edition_crumbs


def decisions_crumbs(edition):
    return [*edition_crumbs(edition), ("Decisions", reverse("conference:decisions", args=[edition.pk]))]


def _edition(view) -> Edition:
    return get_object_or_404(Edition, pk=view.kwargs["pk"])


class DecisionsView(AdminMixin, TemplateView):
    """Counts per state, pending decisions, and the way to each decision's email and the outbox."""

    template_name = "conference/decisions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = _edition(self)
        saved = {t.decision: t for t in edition.decision_templates.all()}
        context.update(
            edition=edition, overview=selectors.decisions_overview(edition),
            templates=[(value, label, value in saved) for value, label in Decision.choices],
            breadcrumbs=edition_crumbs(edition),
        )
        return context


class DecisionTemplateView(AdminMixin, FormPageView):
    form_class = DecisionTemplateForm
    button = "Save the email"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        if kwargs["decision"] not in Decision.values:
            raise Http404("No such decision")
        self.decision = Decision(kwargs["decision"])
        return super().dispatch(request, *args, **kwargs)

    def page_title(self):
        return f"Email for proposals with the decision: {self.decision.label.lower()}"

    @property
    def caption(self):
        return self.edition.name

    @property
    def intro(self):
        return ("Each speaker and co-speaker gets their own copy, with the placeholders filled in. You can read "
                "every message in the outbox before anything is sent.")

    def initial(self):
        subject, body = services.decision_template(self.edition, self.decision)
        return {"subject": subject, "body": body}

    def perform(self, data):
        return services.save_decision_template(self.request.user, self.edition, self.decision, **data)

    def success_message(self, result):
        return "The email has been saved."

    def crumbs(self):
        return decisions_crumbs(self.edition)

    def success_url(self, result):
        return reverse("conference:decisions", args=[self.edition.pk])


class OutboxView(AdminMixin, TemplateView):
    """Every message the pending decisions would send, as it will be sent, 25 a page."""

    template_name = "conference/decision_outbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = _edition(self)
        all_messages = selectors.outbox_messages(edition)
        page = Paginator(all_messages, selectors.PAGE_SIZE).get_page(self.request.GET.get("page"))
        record_request(self.request, {m.person.pk for m in page}, f"Conference decisions outbox: {edition}")
        context.update(edition=edition, page=page, page_obj=page, total=len(all_messages),
                       page_numbers=page.paginator.get_elided_page_range(page.number),
                       proposals=len({m.proposal.pk for m in all_messages}), breadcrumbs=decisions_crumbs(edition))
        return context


class SendDecisionsView(AdminMixin, TemplateView):
    """The confirm page: how many emails go to whom, then one button. The form carries the number of emails
    shown, so if a decision changed meanwhile nothing is sent."""

    template_name = "conference/decision_send.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = _edition(self)
        all_messages = selectors.outbox_messages(edition)
        counts = {}
        for message in all_messages:
            counts.setdefault(message.decision_label, set()).add(message.proposal.pk)
        context.update(
            edition=edition, total=len(all_messages), counts=[(label, len(ids)) for label, ids in counts.items()],
            form=form or SendDecisionsForm(initial={"expected": len(all_messages)}),
            breadcrumbs=decisions_crumbs(edition),
        )
        return context

    def post(self, request, *args, **kwargs):
        edition = _edition(self)
        form = SendDecisionsForm(request.POST)
        outcome = submit(form, lambda data: services.send_decisions(request.user, edition, expected=data["expected"]))
        if not outcome.ok:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        sent = outcome.result
        messages.success(request, f"{sent} email{'s' if sent != 1 else ''} sent. The speakers can now see their "
                                  "decisions.")
        return redirect("conference:decisions", edition.pk)


class SpeakersView(AdminMixin, TemplateView):
    """The accepted proposals' speakers: who has confirmed, who has not answered yet."""

    template_name = "conference/speakers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = _edition(self)
        show = self.request.GET.get("show", "")
        show = show if show in selectors.SPEAKER_FILTERS else ""
        page = selectors.accepted_speakers(edition, show=show, page=self.request.GET.get("page"))
        people = {p.speaker_id for p in page} | {s.user_id for p in page for s in p.accepted_co_speakers}
        record_request(self.request, people, f"Conference speakers: {edition}")
        context.update(
            edition=edition, page=page, page_obj=page, show=show, query_string=f"show={show}" if show else "",
            page_numbers=page.paginator.get_elided_page_range(page.number),
            filters=[(key, label) for key, (label, _q) in selectors.SPEAKER_FILTERS.items()],
            breadcrumbs=decisions_crumbs(edition),
        )
        return context


# --- speakers ------------------------------------------------------------------------------------------


class ConfirmSessionView(SignedInMixin, TemplateView):
    """The speaker of an accepted proposal confirms they will speak, or withdraws. Not found for anyone else
    (co-speakers and superusers included)."""

    template_name = "conference/confirm_session.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.proposal = selectors.proposal_for_speaker(kwargs["pk"], request.user)
            if self.proposal.speaker_id != request.user.pk:
                raise Http404("No such proposal")
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        form = ConfirmSessionForm(data)
        if self.proposal.state == ProposalState.CONFIRMED:
            form.fields["answer"].choices = [("withdraw", "I can no longer speak: withdraw my session")]
            form.fields["answer"].label = "You have confirmed. If you can no longer speak, tell us here."
        else:  # the schedule slice: times the speaker cannot speak, for the team's schedule editor
            form.fields["unavailable"] = unavailable_field(schedule_services.half_day_choices(self.proposal.edition))
            saved = getattr(self.proposal, "availability", None)
            form.initial["unavailable"] = saved.unavailable if saved else []
        return form

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        answerable = self.proposal.state in (ProposalState.ACCEPTED, ProposalState.CONFIRMED)
        context.update(
            proposal=self.proposal, form=(form or self.get_form()) if answerable else None,
            breadcrumbs=[home_crumb(), ("My proposals", reverse("conference:my_proposals")),
                         (self.proposal.title, reverse("conference:proposal", args=[self.proposal.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)

        def perform(data):
            if data["answer"] == "confirm":
                with transaction.atomic():
                    proposal = services.confirm_session(request.user, self.proposal)
                    schedule_services.save_unavailability(request.user, proposal, data.get("unavailable") or [])
                return proposal
            return services.decline_session(request.user, self.proposal, data["reason"])

        outcome = submit(form, perform)
        if not outcome.ok:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if outcome.result.state == ProposalState.CONFIRMED:
            messages.success(request, "Thank you: you have confirmed that you will speak.")
        else:
            messages.success(request, "Your session has been withdrawn. Thank you for telling us.")
        return redirect("conference:my_proposals")

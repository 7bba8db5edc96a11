"""The fund's programme admins: the decision emails of a round (templates and the outbox) and releasing the
reviewers' feedback."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from academy.ui.shortcuts import submit
from programmes.challenge_fund import services
from programmes.challenge_fund.forms.admin_rounds import EmailForm
from programmes.challenge_fund.models import (
    OutboxMessage,
    OutboxStatus,
    Outcome,
    Round,
)
from programmes.challenge_fund.views.base import (
    AdminMixin,
    ConfirmActionView,
    round_crumbs,
)


class EmailTemplatesView(AdminMixin, TemplateView):
    template_name = "challenge_fund/email_templates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        context.update(
            round=round_,
            templates=[(outcome, services.email_template(round_, outcome)) for outcome in Outcome],
            breadcrumbs=round_crumbs(round_),
        )
        return context


class EmailTemplateView(AdminMixin, TemplateView):
    template_name = "challenge_fund/email_form.html"

    def get_round_and_outcome(self):
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        if self.kwargs["outcome"] not in Outcome.values:
            raise Http404("No such decision")
        return round_, Outcome(self.kwargs["outcome"])

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        round_, outcome = self.get_round_and_outcome()
        subject, body = services.email_template(round_, outcome)
        context.update(
            form=form or EmailForm(initial={"subject": subject, "body": body}, placeholders=True),
            title=f"Email for '{outcome.label}'",
            caption=round_.title,
            breadcrumbs=[*round_crumbs(round_), ("Decision emails", reverse("challenge_fund:email_templates",
                                                                             args=[round_.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        round_, outcome = self.get_round_and_outcome()
        form = EmailForm(request.POST, placeholders=True)
        if submit(form, lambda data: services.save_email_template(request.user, round_, outcome, **data)).ok:
            messages.success(request, f"The email for '{outcome.label}' has been saved.")
            return redirect("challenge_fund:email_templates", round_.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OutboxView(AdminMixin, TemplateView):
    template_name = "challenge_fund/outbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        outbox = list(OutboxMessage.objects.filter(bid__round=round_).select_related("bid", "recipient"))
        context.update(
            round=round_,
            drafts=[m for m in outbox if m.status == OutboxStatus.DRAFT],
            sent=[m for m in outbox if m.status == OutboxStatus.SENT],
            breadcrumbs=round_crumbs(round_),
        )
        return context


class OutboxSendView(AdminMixin, TemplateView):
    template_name = "challenge_fund/confirm.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        count = OutboxMessage.objects.filter(bid__round=round_, status=OutboxStatus.DRAFT).count()
        context.update(
            title=f"Send {count} decision email{'s' if count != 1 else ''}?",
            subject=round_.title,
            body="Each applicant receives the email as it is in the outbox now. You cannot recall them.",
            button="Send emails",
            cancel_url=reverse("challenge_fund:outbox", args=[round_.pk]),
            breadcrumbs=round_crumbs(round_),
        )
        return context

    def post(self, request, *args, **kwargs):
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        sent = services.send_outbox(request.user, round_)
        messages.success(request, f"{sent} email{'s' if sent != 1 else ''} sent.")
        return redirect("challenge_fund:outbox", round_.pk)


class OutboxMessageView(AdminMixin, TemplateView):
    template_name = "challenge_fund/email_form.html"

    def get_message(self) -> OutboxMessage:
        return get_object_or_404(
            OutboxMessage.objects.select_related("bid__round", "recipient"), pk=self.kwargs["pk"],
            status=OutboxStatus.DRAFT,
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.get_message()
        round_ = message.bid.round
        context.update(
            form=form or EmailForm(initial={"subject": message.subject, "body": message.body}),
            title=f"Email to {message.recipient.get_full_name()}",
            caption=message.bid.title,
            breadcrumbs=[*round_crumbs(round_), ("Outbox", reverse("challenge_fund:outbox", args=[round_.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        message = self.get_message()
        form = EmailForm(request.POST)
        if submit(form, lambda data: services.update_outbox_message(request.user, message, **data)).ok:
            messages.success(request, "The email has been changed. It has not been sent yet.")
            return redirect("challenge_fund:outbox", message.bid.round_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReleaseFeedbackView(ConfirmActionView):
    def back(self, round_) -> tuple[str, str]:
        return round_.title, reverse("challenge_fund:round_bids", args=[round_.pk])

    def crumbs(self, round_) -> list:
        return round_crumbs(round_)

    def question(self, round_) -> dict:
        return {
            "title": "Release the reviewers' feedback to applicants?",
            "body": "Applicants whose bid has a decision will see each reviewer's scores and comments, as "
            "'Reviewer 1', 'Reviewer 2' and so on, never their names. You cannot take this back.",
            "button": "Release feedback",
        }

    def act(self, user, round_) -> str:
        services.release_feedback(user, round_)
        return "Applicants with a decision can now read the reviewers' anonymised feedback."

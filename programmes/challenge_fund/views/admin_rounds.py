"""The fund's programme admins: set up rounds (details, questions, review rubric), publish them, export their
bids and make the round report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.reports.services import start_report
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.forms.admin_rounds import CriterionForm, QuestionForm, RoundForm
from programmes.challenge_fund.models import (
    Criterion,
    Question,
    Round,
)
from programmes.challenge_fund.reports import ROUND_REPORT
from programmes.challenge_fund.views.base import (
    AdminMixin,
    ConfirmActionView,
    fund_crumb,
    manage_crumb,
    round_crumbs,
)


class ManageView(AdminMixin, TemplateView):
    template_name = "challenge_fund/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(rounds=selectors.admin_rounds(), now=timezone.now(), breadcrumbs=[_home(), fund_crumb()])
        return context


class RoundFormView(AdminMixin, TemplateView):
    template_name = "challenge_fund/round_form.html"

    def get_round(self):
        return get_object_or_404(Round, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.get_round()
        crumbs = [_home(), manage_crumb()]
        if round_:
            crumbs.append((round_.title, reverse("challenge_fund:round_manage", args=[round_.pk])))
        context.update(form=form or RoundForm(instance=round_), round=round_, breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        round_ = self.get_round()
        form = RoundForm(request.POST, instance=round_)

        def save(_):
            if round_ is None:
                return services.create_round(request.user, **form.service_values())
            return services.update_round(request.user, round_, **form.service_values())

        outcome = submit(form, save)
        if outcome.ok:
            messages.success(request, f"'{outcome.result.title}' has been saved.")
            return redirect("challenge_fund:round_manage", outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RoundManageView(AdminMixin, TemplateView):
    template_name = "challenge_fund/round_manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        now = timezone.now()
        context.update(
            round=round_,
            status=round_.status(now),
            closed=round_.closes_at <= now,
            opens=nhs_datetime(round_.opens_at),
            closes=nhs_datetime(round_.closes_at),
            questions=list(round_.questions.all()),
            criteria=list(round_.criteria.all()),
            figures=selectors.round_figures(round_),
            scale=f"0 to {round_.score_max}",
            partners_rule=f"At least {round_.min_partner_organisations}, the lead's included",
            breadcrumbs=[_home(), manage_crumb()],
        )
        return context


class PublishRoundView(ConfirmActionView):
    def question(self, round_) -> dict:
        return {
            "title": f"Publish '{round_.title}'?",
            "body": f"Leaders will see the round from {nhs_datetime(round_.opens_at)} and can bid until "
            f"{nhs_datetime(round_.closes_at)}. You can still change it after publishing.",
            "button": "Publish round",
        }

    def act(self, user, round_) -> str:
        services.publish_round(user, round_)
        return f"'{round_.title}' is published."


class RoundPartFormView(AdminMixin, TemplateView):
    """Add or change one question or criterion of a round."""
    template_name = "challenge_fund/part_form.html"
    model = None
    form_class = None
    noun = ""

    def get_objects(self):
        if "round_pk" in self.kwargs:
            return get_object_or_404(Round, pk=self.kwargs["round_pk"]), None
        obj = get_object_or_404(self.model.objects.select_related("round"), pk=self.kwargs["pk"])
        return obj.round, obj

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        round_, obj = self.get_objects()
        context.update(
            form=form or self.form_class(instance=obj),
            title=f"{'Change the' if obj else 'Add a'} {self.noun}",
            round=round_,
            breadcrumbs=round_crumbs(round_),
        )
        return context

    def post(self, request, *args, **kwargs):
        round_, obj = self.get_objects()
        form = self.form_class(request.POST, instance=obj)
        if submit(form, lambda data: self.save(request.user, round_, obj, data)).ok:
            messages.success(request, f"The {self.noun} has been saved.")
            return redirect("challenge_fund:round_manage", round_.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class QuestionFormView(RoundPartFormView):
    model, form_class, noun = Question, QuestionForm, "question"

    def save(self, user, round_, obj, data):
        services.save_question(user, round_, text=data["text"], hint=data["hint"], question=obj)


class CriterionFormView(RoundPartFormView):
    model, form_class, noun = Criterion, CriterionForm, "review criterion"

    def save(self, user, round_, obj, data):
        services.save_criterion(
            user, round_, title=data["title"], guidance=data["guidance"], weight=data["weight"], criterion=obj
        )


class RoundPartDeleteView(AdminMixin, TemplateView):
    template_name = "challenge_fund/confirm.html"
    model = None
    noun = ""

    def get_object(self):
        return get_object_or_404(self.model.objects.select_related("round"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context.update(
            title=f"Remove the {self.noun} '{obj}'?",
            body="",
            button=f"Remove {self.noun}",
            warning=True,
            cancel_url=reverse("challenge_fund:round_manage", args=[obj.round_id]),
            breadcrumbs=[
                _home(), manage_crumb(), (obj.round.title, reverse("challenge_fund:round_manage", args=[obj.round_id]))
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            self.delete(request.user, obj)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"The {self.noun} has been removed.")
        return redirect("challenge_fund:round_manage", obj.round_id)


class QuestionDeleteView(RoundPartDeleteView):
    model, noun = Question, "question"

    def delete(self, user, obj):
        services.delete_question(user, obj)


class CriterionDeleteView(RoundPartDeleteView):
    model, noun = Criterion, "review criterion"

    def delete(self, user, obj):
        services.delete_criterion(user, obj)


class RoundExportView(AdminMixin, View):
    """Bids, scores and awards of a round as CSV or XLSX."""
    def get(self, request, *args, **kwargs):
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        if self.kwargs["fmt"] not in ("csv", "xlsx") or rules.bids_hidden_from_staff(round_):
            raise Http404("No such export")
        headers, rows = selectors.export_rows(round_, selectors.conflicted_bid_ids(request.user, round_))
        record_request(request, round_.bids.filter(submitted_at__isnull=False).values_list("lead_id", flat=True),
                       f"Challenge Fund bids export: {round_.title}")
        stem = f"challenge-fund-{slugify(round_.title)}-bids"
        return export_response(self.kwargs["fmt"], stem, headers, rows)


class RoundReportView(PermissionRequiredMixin, TemplateView):
    """Start the round report (a PDF made in the background) and go to its job page."""
    permission_required = "challenge_fund.round_report"
    template_name = "challenge_fund/confirm.html"

    def get_permission_object(self):
        return get_object_or_404(Round, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        context.update(
            title="Download the round report (PDF)",
            subject=round_.title,
            body=(
                "The report gives the round's money, the ranking with weighted scores, the determinations and "
                "amounts, and the funded projects. It takes a moment to make: you will see its progress."
            ),
            button="Make the report",
            cancel_url=reverse("challenge_fund:round_manage", args=[round_.pk]),
            breadcrumbs=round_crumbs(round_),
        )
        return context

    def post(self, request, *args, **kwargs):
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        job = start_report(request.user, ROUND_REPORT, {"round": round_.pk})
        return redirect("reports:job", job.pk)

"""Challenge Fund pages: rounds and bids for leaders, round set-up for the fund's programme admins.
Views parse, call a service or selector, and render."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.challenge_fund import forms, selectors, services
from programmes.challenge_fund.models import (
    FUNDED_OUTCOMES,
    Attachment,
    Bid,
    BidState,
    CoApplicant,
    Criterion,
    Milestone,
    OutboxMessage,
    OutboxStatus,
    Outcome,
    Question,
    ReportKind,
    ReviewAssignment,
    Round,
)


def _fund():
    return ("Challenge Fund", reverse("challenge_fund:index"))


def _manage():
    return ("Manage the Challenge Fund", reverse("challenge_fund:manage"))


# --- leaders ---------------------------------------------------------------------------------------


class IndexView(TemplateView):
    template_name = "challenge_fund/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_rounds, closed = selectors.visible_rounds()
        context.update(
            open_rounds=open_rounds,
            closed_rounds=closed,
            is_admin=services.is_fund_admin(self.request.user),
            breadcrumbs=[_home()],
        )
        return context


class RoundView(TemplateView):
    template_name = "challenge_fund/round.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = selectors.visible_round(self.kwargs["pk"], self.request.user)
        now = timezone.now()
        context.update(
            round=round_,
            is_open=round_.is_open(now),
            status=round_.status(now),
            questions=list(round_.questions.all()),
            criteria=list(round_.criteria.all()),
            breadcrumbs=[_home(), _fund()],
        )
        return context


class StartBidView(PermissionRequiredMixin, TemplateView):
    permission_required = "challenge_fund.apply"
    template_name = "challenge_fund/start.html"

    def dispatch(self, request, *args, **kwargs):
        self.round = get_object_or_404(Round, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        if not self.round.is_visible(timezone.now()) and not services.is_fund_admin(self.request.user):
            raise Http404("No such round")
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or forms.StartBidForm(),
            round=self.round,
            is_open=self.round.is_open(timezone.now()),
            breadcrumbs=[_home(), _fund(), (self.round.title, reverse("challenge_fund:round", args=[self.round.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = forms.StartBidForm(request.POST)
        outcome = submit(form, lambda data: services.start_bid(request.user, self.round, title=data["title"]))
        if outcome.ok:
            messages.success(request, "Your draft bid has been saved. Complete each section, then submit it.")
            return redirect("challenge_fund:bid", outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OwnBidsView(PermissionRequiredMixin, TemplateView):
    permission_required = "challenge_fund.apply"
    template_name = "challenge_fund/own_bids.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(bids=selectors.own_bids(self.request.user), breadcrumbs=[_home(), _fund()])
        return context


class BidMixin(PermissionRequiredMixin):
    """A page about one bid, for its lead and co-applicants."""

    permission_required = "challenge_fund.edit_bid"

    def get_permission_object(self):
        if not hasattr(self, "bid"):
            self.bid = selectors.bid_for_applicant(self.kwargs["pk"], self.request.user)
        return self.bid

    def crumbs(self):
        return [_home(), ("Your bids", reverse("challenge_fund:own_bids")),
                (self.bid.title, reverse("challenge_fund:bid", args=[self.bid.pk]))]

    def require_editable(self):
        if not selectors.is_editable(self.bid):
            messages.warning(self.request, "This bid can no longer be changed.")
            return redirect("challenge_fund:bid", self.bid.pk)
        return None


class BidView(BidMixin, TemplateView):
    template_name = "challenge_fund/bid.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid
        problems = services.submission_problems(bid)
        context.update(
            bid=bid,
            sections=services.section_statuses(bid, problems),
            problems=problems,
            editable=selectors.is_editable(bid),
            closes=services.london(bid.deadline),
            is_lead=bid.lead_id == self.request.user.pk,
            withdrawable=bid.state in services.WITHDRAWABLE,
            project=self.project(bid),
            released=self.released(bid),
            can_revise=services.can_revise(bid),
            revising=bid.version > 1 and bid.state == BidState.DRAFT and bid.outcome == Outcome.REVISE,
            versions=selectors.bid_versions(bid),
            breadcrumbs=[_home(), ("Your bids", reverse("challenge_fund:own_bids"))],
        )
        return context

    def released(self, bid):
        """The reviewers' anonymised feedback on the version the panel decided, once released."""
        if not (bid.outcome and bid.round.feedback_released):
            return None
        decided = bid.version if bid.state != BidState.DRAFT else bid.version - 1
        return selectors.score_table(bid, version=decided)

    def project(self, bid):
        if bid.state not in (BidState.ACTIVE, BidState.OVERDUE, BidState.CLOSED):
            return None
        milestones = list(bid.milestones.prefetch_related("reports"))
        return {
            "milestones": milestones,
            "reports": _reports(bid),
            "today": timezone.localdate(),
            "live": bid.state in services.PROJECT_LIVE,
            "can_report_progress": any(not m.reports.all() for m in milestones),
        }


SECTION_FORMS = {
    "about": ("About the project", forms.AboutForm),
    "functions": ("Priority functions", forms.FunctionsForm),
    "involvement": ("Involvement, outcomes and measures", forms.InvolvementForm),
    "budget": ("Budget", forms.BudgetForm),
    "questions": ("The round's questions", forms.AnswersForm),
}


class BidSectionView(BidMixin, TemplateView):
    template_name = "challenge_fund/bid_section.html"

    def get_form(self, data=None):
        section = self.kwargs["section"]
        if section not in SECTION_FORMS:
            raise Http404("No such section")
        form_class = SECTION_FORMS[section][1]
        bid = self.bid
        if form_class in (forms.AboutForm, forms.InvolvementForm):
            return form_class(data, instance=bid)
        if form_class is forms.FunctionsForm:
            return form_class(data, initial={"functions": list(bid.functions.all())})
        return form_class(data, bid=bid)

    def get(self, request, *args, **kwargs):
        return self.require_editable() or super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.kwargs["section"]
        form = form or self.get_form()
        context.update(
            bid=self.bid, form=form, section=section, heading=SECTION_FORMS[section][0], breadcrumbs=self.crumbs()
        )
        return context

    def post(self, request, *args, **kwargs):
        blocked = self.require_editable()
        if blocked:
            return blocked
        form = self.get_form(request.POST)
        if submit(form, lambda data: self.save(form)).ok:
            messages.success(request, f"'{SECTION_FORMS[self.kwargs['section']][0]}' has been saved.")
            return redirect("challenge_fund:bid", self.bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def save(self, form) -> None:
        section, user, bid = self.kwargs["section"], self.request.user, self.bid
        data = form.cleaned_data
        if section in ("about", "involvement"):
            services.update_bid(user, bid, **{name: data[name] for name in form.Meta.fields})
        elif section == "functions":
            services.update_bid(user, bid, functions=data["functions"])
        elif section == "budget":
            services.save_budget(user, bid, amount_requested=data.get("amount_requested"), lines=data["lines"])
        else:
            services.save_answers(user, bid, form.answers())


class PartnersView(BidMixin, TemplateView):
    """Partner organisations and co-applicants, on one page; two forms post to their own URLs."""

    template_name = "challenge_fund/partners.html"

    def get(self, request, *args, **kwargs):
        return self.require_editable() or super().get(request, *args, **kwargs)

    def partners_form(self, data=None):
        return forms.PartnersForm(
            data,
            lead_organisation_id=self.bid.lead_organisation_id,
            initial={"partners": list(self.bid.partners.all())},
        )

    def get_context_data(self, form=None, invite_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            bid=self.bid,
            form=form or self.partners_form(),
            invite_form=invite_form or forms.InviteForm(),
            coapplicants=list(self.bid.coapplicants.select_related("user__profile__organisation")),
            is_lead=self.bid.lead_id == self.request.user.pk,
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        blocked = self.require_editable()
        if blocked:
            return blocked
        form = self.partners_form(request.POST)
        if submit(form, lambda data: services.update_bid(request.user, self.bid, partners=data["partners"])).ok:
            messages.success(request, "'Partners and co-applicants' has been saved.")
            return redirect("challenge_fund:bid", self.bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class InviteView(PartnersView):
    permission_required = "challenge_fund.lead_bid"

    def post(self, request, *args, **kwargs):
        blocked = self.require_editable()
        if blocked:
            return blocked
        invite_form = forms.InviteForm(request.POST)
        outcome = submit(invite_form, lambda data: services.invite_coapplicant(request.user, self.bid, data["email"]))
        if outcome.ok:
            messages.success(
                request,
                f"{outcome.result.user.get_full_name()} is now a co-applicant. "
                "We have emailed them a link to the bid.",
            )
            return redirect("challenge_fund:bid_partners", self.bid.pk)
        context = self.get_context_data(invite_form=invite_form)
        context["invite_errors"] = True
        return self.render_to_response(context, status=400)


class RemoveCoApplicantView(BidMixin, TemplateView):
    permission_required = "challenge_fund.lead_bid"
    template_name = "challenge_fund/confirm.html"

    def get_coapplicant(self):
        return get_object_or_404(CoApplicant.objects.select_related("user"), pk=self.kwargs["cid"], bid=self.bid)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coapplicant = self.get_coapplicant()
        context.update(
            title=f"Remove {coapplicant.user.get_full_name()} as a co-applicant?",
            body="They will no longer be able to see or change this bid. Their organisation stays a partner "
            "until you remove it from the partner organisations.",
            button="Remove co-applicant",
            warning=True,
            cancel_url=reverse("challenge_fund:bid_partners", args=[self.bid.pk]),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        coapplicant = self.get_coapplicant()
        try:
            services.remove_coapplicant(request.user, coapplicant)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"{coapplicant.user.get_full_name()} is no longer a co-applicant.")
        return redirect("challenge_fund:bid_partners", self.bid.pk)


class CheckView(BidMixin, TemplateView):
    """Check your answers, then submit."""

    template_name = "challenge_fund/check.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid
        answers = {a.question_id: a.text for a in bid.answers.all()}
        context.update(
            bid=bid,
            problems=kwargs.get("problems", services.submission_problems(bid)),
            functions=list(bid.functions.all()),
            partners=list(bid.partners.all()),
            coapplicants=list(bid.coapplicants.select_related("user")),
            lines=list(bid.budget_lines.all()),
            total=services.budget_total(bid),
            answers=[(q, answers.get(q.pk, "")) for q in bid.round.questions.all()],
            editable=selectors.is_editable(bid),
            closes=services.london(bid.deadline),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.submit_bid(request.user, self.bid)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("challenge_fund:bid_check", self.bid.pk)
        messages.success(request, "Your bid has been submitted. We have emailed you a confirmation.")
        return redirect("challenge_fund:bid", self.bid.pk)


class WithdrawView(BidMixin, TemplateView):
    permission_required = "challenge_fund.lead_bid"
    template_name = "challenge_fund/confirm.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=f"Withdraw '{self.bid.title}'?",
            body="The panel will not consider a withdrawn bid, and you cannot undo this. You could then start a new "
            "bid while the round is open.",
            button="Withdraw bid",
            warning=True,
            cancel_url=reverse("challenge_fund:bid", args=[self.bid.pk]),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw_bid(request.user, self.bid)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Your bid has been withdrawn.")
        return redirect("challenge_fund:own_bids")


# --- programme admins ------------------------------------------------------------------------------


class AdminMixin(PermissionRequiredMixin):
    permission_required = "challenge_fund.manage_rounds"


class ManageView(AdminMixin, TemplateView):
    template_name = "challenge_fund/manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(rounds=selectors.admin_rounds(), now=timezone.now(), breadcrumbs=[_home(), _fund()])
        return context


class RoundFormView(AdminMixin, TemplateView):
    template_name = "challenge_fund/round_form.html"

    def get_round(self):
        return get_object_or_404(Round, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.get_round()
        crumbs = [_home(), _manage()]
        if round_:
            crumbs.append((round_.title, reverse("challenge_fund:round_manage", args=[round_.pk])))
        context.update(form=form or forms.RoundForm(instance=round_), round=round_, breadcrumbs=crumbs)
        return context

    def post(self, request, *args, **kwargs):
        round_ = self.get_round()
        form = forms.RoundForm(request.POST, instance=round_)

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
            opens=services.london(round_.opens_at),
            closes=services.london(round_.closes_at),
            questions=list(round_.questions.all()),
            criteria=list(round_.criteria.all()),
            figures=selectors.round_figures(round_),
            scale=f"0 to {round_.score_max}",
            partners_rule=f"At least {round_.min_partner_organisations}, the lead's included",
            breadcrumbs=[_home(), _manage()],
        )
        return context


class ConfirmActionView(AdminMixin, TemplateView):
    """Ask "Do this?" and, on POST, run one service. The service's ValidationError becomes an error message;
    either way the person goes back to the page they came from."""

    template_name = "challenge_fund/confirm.html"

    def get_object(self):
        return get_object_or_404(Round, pk=self.kwargs["pk"])

    def back(self, obj) -> tuple[str, str]:
        """The page this action belongs to: (its title, its URL)."""
        return obj.title, reverse("challenge_fund:round_manage", args=[obj.pk])

    def crumbs(self, obj) -> list:
        return [_home(), _manage(), self.back(obj)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context.update(self.question(obj), cancel_url=self.back(obj)[1], breadcrumbs=self.crumbs(obj))
        return context

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            done = self.act(request.user, obj)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(self.back(obj)[1])


class PublishRoundView(ConfirmActionView):
    def question(self, round_) -> dict:
        return {
            "title": f"Publish '{round_.title}'?",
            "body": f"Leaders will see the round from {services.london(round_.opens_at)} and can bid until "
            f"{services.london(round_.closes_at)}. You can still change it after publishing.",
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
            breadcrumbs=[_home(), _manage(), (round_.title, reverse("challenge_fund:round_manage", args=[round_.pk]))],
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
    model, form_class, noun = Question, forms.QuestionForm, "question"

    def save(self, user, round_, obj, data):
        services.save_question(user, round_, text=data["text"], hint=data["hint"], question=obj)


class CriterionFormView(RoundPartFormView):
    model, form_class, noun = Criterion, forms.CriterionForm, "review criterion"

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
                _home(), _manage(), (obj.round.title, reverse("challenge_fund:round_manage", args=[obj.round_id]))
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



# --- review and determination ----------------------------------------------------------------------


def _visible_bid_for_admin(pk: int) -> Bid:
    """A bid staff may open: not a draft, and not in a sealed round that is still open."""
    bid = Bid.objects.select_related("round", "lead", "lead_organisation").filter(pk=pk).first()
    revising = bid is not None and bid.version > 1
    if bid is None or (bid.state == BidState.DRAFT and not revising) or services.bids_hidden_from_staff(bid.round):
        raise Http404("No such bid")
    return bid


class RoundBidsView(AdminMixin, TemplateView):
    template_name = "challenge_fund/round_bids.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        hidden = services.bids_hidden_from_staff(round_)
        context.update(
            round=round_,
            hidden=hidden,
            closes=services.london(round_.closes_at),
            bids=[] if hidden else selectors.round_bid_rows(round_),
            money=selectors.money_at_a_glance(round_),
            breadcrumbs=[_home(), _manage(), (round_.title, reverse("challenge_fund:round_manage", args=[round_.pk]))],
        )
        return context


def _bid_context(bid: Bid) -> dict:
    answers = {a.question_id: a.text for a in bid.answers.all()}
    return {
        "bid": bid,
        "functions": list(bid.functions.all()),
        "partners": list(bid.partners.all()),
        "coapplicants": list(bid.coapplicants.select_related("user")),
        "lines": list(bid.budget_lines.all()),
        "total": services.budget_total(bid),
        "answers": [(q, answers.get(q.pk, "")) for q in bid.round.questions.all()],
    }


class AdminBidView(AdminMixin, TemplateView):
    template_name = "challenge_fund/admin_bid.html"

    def get_context_data(self, assign_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = _visible_bid_for_admin(self.kwargs["pk"])
        round_ = bid.round
        context.update(_bid_context(bid))
        context.update(
            assign_form=assign_form or forms.AssignForm(),
            form=assign_form,
            assignments=list(bid.assignments.filter(version=bid.version).select_related("reviewer")),
            scores=selectors.score_table(bid),
            versions=selectors.bid_versions(bid),
            previous_scores=[
                (number, selectors.score_table(bid, version=number)) for number in range(bid.version - 1, 0, -1)
            ],
            closed=round_.closes_at <= timezone.now(),
            transitions=list(bid.transitions.select_related("by")),
            breadcrumbs=[
                _home(), _manage(), (round_.title, reverse("challenge_fund:round_manage", args=[round_.pk])),
                ("Bids", reverse("challenge_fund:round_bids", args=[round_.pk])),
            ],
        )
        return context


class AssignView(AdminBidView):
    def post(self, request, *args, **kwargs):
        bid = _visible_bid_for_admin(self.kwargs["pk"])
        form = forms.AssignForm(request.POST)
        if submit(form, lambda data: services.assign_reviewer(request.user, bid, data["reviewer"])).ok:
            name = form.cleaned_data["reviewer"].get_full_name()
            messages.success(request, f"{name} is assigned to review this bid.")
            return redirect("challenge_fund:admin_bid", bid.pk)
        return self.render_to_response(self.get_context_data(assign_form=form), status=400)


class OpenReviewView(ConfirmActionView):
    def get_object(self):
        return _visible_bid_for_admin(self.kwargs["pk"])

    def back(self, bid) -> tuple[str, str]:
        return bid.title, reverse("challenge_fund:admin_bid", args=[bid.pk])

    def question(self, bid) -> dict:
        return {
            "title": f"Send '{bid.title}' to review?",
            "body": "Do this when the bid has passed its eligibility check. You can then assign its reviewers.",
            "button": "Send to review",
        }

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.get_object().version > 1:
            context["form"] = form or forms.OpenReviewForm()
        return context

    def post(self, request, *args, **kwargs):
        bid = self.get_object()
        if bid.version == 1:
            return super().post(request, *args, **kwargs)
        form = forms.OpenReviewForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.open_review(request.user, bid, keep_reviewers=form.cleaned_data["reviewers"] == "keep")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "The revised bid has gone to review.")
        return redirect("challenge_fund:admin_bid", bid.pk)

    def act(self, user, bid) -> str:
        services.open_review(user, bid)
        return "The bid is eligible and has gone to review. Assign its reviewers."


class DecideView(AdminMixin, TemplateView):
    template_name = "challenge_fund/decide.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = _visible_bid_for_admin(self.kwargs["pk"])
        context.update(
            bid=bid,
            form=form or forms.DecisionForm(),
            money=selectors.money_at_a_glance(bid.round),
            scores=selectors.score_table(bid),
            breadcrumbs=[_home(), _manage(), ("Bids", reverse("challenge_fund:round_bids", args=[bid.round_id])),
                         (bid.title, reverse("challenge_fund:admin_bid", args=[bid.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        bid = _visible_bid_for_admin(self.kwargs["pk"])
        form = forms.DecisionForm(request.POST)
        decided = submit(
            form,
            lambda data: services.determine(
                request.user, bid, outcome=data["outcome"], awarded_amount=data["awarded_amount"],
                conditions=data["conditions"], feedback=data["feedback"], resubmit_by=data["resubmit_by"],
            ),
        )
        if decided.ok:
            messages.success(request, "The decision is recorded. Its emails are drafted in the outbox, not sent yet.")
            return redirect("challenge_fund:round_bids", bid.round_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReviewsView(PermissionRequiredMixin, TemplateView):
    permission_required = "challenge_fund.review"
    template_name = "challenge_fund/reviews.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(assignments=selectors.reviewer_assignments(self.request.user), breadcrumbs=[_home()])
        return context


class ReviewView(PermissionRequiredMixin, TemplateView):
    """One review: declare any conflict of interest first, then read and score the bid."""

    permission_required = "challenge_fund.review"
    template_name = "challenge_fund/review.html"

    def get_assignment(self) -> ReviewAssignment:
        assignment = (
            ReviewAssignment.objects.select_related("bid__round", "bid__lead", "bid__lead_organisation")
            .filter(pk=self.kwargs["pk"], reviewer=self.request.user, conflicted=False)
            .first()
        )
        if (
            assignment is None or assignment.bid.state not in services.REVIEWABLE
            or assignment.version != assignment.bid.version
        ):
            raise Http404("No such review")
        return assignment

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.get_assignment()
        bid = assignment.bid
        context.update(assignment=assignment, bid=bid, blind=bid.round.blind_review,
                       breadcrumbs=[_home(), ("Review bids", reverse("challenge_fund:reviews"))])
        if assignment.declared_at is None:
            context["form"] = form or forms.DeclareForm()
            context["step"] = "declare"
        elif assignment.submitted_at is None:
            context.update(_bid_context(bid))
            context["form"] = form or forms.ScoreForm(round_=bid.round)
            context["step"] = "score"
        else:
            context.update(_bid_context(bid))
            context["scores"] = selectors.score_table(bid)
            context["step"] = "done"
        return context

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        if assignment.declared_at is None:
            form = forms.DeclareForm(request.POST)
            declared = submit(
                form,
                lambda data: services.declare_interest(
                    request.user, assignment, conflicted=data["conflicted"], reason=data["reason"]
                ),
            )
            if declared.ok:
                if form.cleaned_data["conflicted"]:
                    messages.success(request, "Thank you. You will not see this bid, and the Challenge Fund "
                                     "team has been told so that they can ask someone else.")
                    return redirect("challenge_fund:reviews")
                return redirect("challenge_fund:review", assignment.pk)
        elif assignment.submitted_at is None:
            form = forms.ScoreForm(request.POST, round_=assignment.bid.round)
            scored = submit(
                form, lambda data: services.submit_scores(request.user, assignment, form.scores(), data["comments"])
            )
            if scored.ok:
                messages.success(request, "Your scores have been submitted. You can now see other reviewers' scores.")
                return redirect("challenge_fund:review", assignment.pk)
        else:
            return redirect("challenge_fund:review", assignment.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RoundExportView(AdminMixin, View):
    """Bids, scores and awards of a round as CSV or XLSX."""

    def get(self, request, *args, **kwargs):
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        if self.kwargs["fmt"] not in ("csv", "xlsx") or services.bids_hidden_from_staff(round_):
            raise Http404("No such export")
        headers, rows = selectors.export_rows(round_)
        stem = f"challenge-fund-{slugify(round_.title)}-bids"
        return export_response(self.kwargs["fmt"], stem, headers, rows)


class FundedProjectsView(TemplateView):
    """Everyone: the projects the fund supports, so that work is visible and not duplicated."""

    template_name = "challenge_fund/funded.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.funded_projects(), 20).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, breadcrumbs=[_home(), _fund()])
        return context


# --- funded projects -------------------------------------------------------------------------------


class PortfolioView(AdminMixin, TemplateView):
    template_name = "challenge_fund/portfolio.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(projects=selectors.portfolio(), today=timezone.localdate(), breadcrumbs=[_home(), _manage()])
        return context


def _funded_bid(pk: int) -> Bid:
    bid = Bid.objects.select_related("round", "lead", "lead_organisation").filter(pk=pk).first()
    if bid is None or bid.outcome not in FUNDED_OUTCOMES:
        raise Http404("No such project")
    return bid


def _reports(bid: Bid) -> list:
    return list(
        bid.reports.select_related("milestone", "submitted_by").prefetch_related("spend__budget_line")
    )


class ProjectAdminView(AdminMixin, TemplateView):
    template_name = "challenge_fund/project_admin.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = _funded_bid(self.kwargs["pk"])
        context.update(
            bid=bid,
            form=form or forms.MilestoneForm(),
            milestones=list(bid.milestones.prefetch_related("reports")),
            reports=_reports(bid),
            today=timezone.localdate(),
            live=bid.state in (BidState.DETERMINED, *services.PROJECT_LIVE),
            breadcrumbs=[_home(), _manage(), ("Funded projects", reverse("challenge_fund:portfolio"))],
        )
        return context

    def post(self, request, *args, **kwargs):
        bid = _funded_bid(self.kwargs["pk"])
        form = forms.MilestoneForm(request.POST)
        if submit(form, lambda data: services.add_milestone(request.user, bid, **data)).ok:
            messages.success(request, "The milestone has been added.")
            return redirect("challenge_fund:project_admin", bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StartProjectView(ConfirmActionView):
    def get_object(self):
        return _funded_bid(self.kwargs["pk"])

    def back(self, bid) -> tuple[str, str]:
        return bid.title, reverse("challenge_fund:project_admin", args=[bid.pk])

    def question(self, bid) -> dict:
        return {
            "title": f"Start the project '{bid.title}'?",
            "body": "The project team can then submit progress reports, and overdue reports are chased by email.",
            "button": "Start project",
        }

    def act(self, user, bid) -> str:
        services.start_project(user, bid)
        return "The project has started."


class ReleasePaymentView(ConfirmActionView):
    def get_object(self) -> Milestone:
        return get_object_or_404(Milestone.objects.select_related("bid"), pk=self.kwargs["pk"])

    def back(self, milestone) -> tuple[str, str]:
        return milestone.bid.title, reverse("challenge_fund:project_admin", args=[milestone.bid_id])

    def question(self, milestone) -> dict:
        return {
            "title": f"Release the payment of {services.money(milestone.payment_amount)} for '{milestone.title}'?",
            "body": "Record this once finance has been asked to pay. It cannot be undone here.",
            "button": "Release payment",
        }

    def act(self, user, milestone) -> str:
        services.release_payment(user, milestone)
        return "The payment is recorded as released."


class ReportFormView(BidMixin, TemplateView):
    """The project team's progress or final report."""

    template_name = "challenge_fund/report_form.html"

    def get_form(self, data=None):
        kind = self.kwargs["kind"]
        if kind not in ReportKind.values or self.bid.state not in services.PROJECT_LIVE:
            raise Http404("No such report")
        milestones = self.bid.milestones.filter(reports__isnull=True)
        return forms.ReportForm(data, bid=self.bid, kind=kind, milestones=milestones)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.get_form()
        context.update(
            bid=self.bid, form=form, heading=ReportKind(self.kwargs["kind"]).label, breadcrumbs=self.crumbs()
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        submitted = submit(
            form,
            lambda data: services.submit_report(
                request.user, self.bid, kind=self.kwargs["kind"], milestone=data.get("milestone"),
                done=data["done"], outcomes=data["outcomes"], learning=data["learning"], risks=data["risks"],
                spend=form.spend(),
            ),
        )
        if submitted.ok:
            messages.success(request, "Thank you. Your report has been submitted.")
            return redirect("challenge_fund:bid", self.bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- attachments -----------------------------------------------------------------------------------


class AttachmentsView(BidMixin, TemplateView):
    template_name = "challenge_fund/attachments.html"

    def get(self, request, *args, **kwargs):
        return self.require_editable() or super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            bid=self.bid, form=form or forms.AttachmentForm(), attachments=list(self.bid.attachments.all()),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        blocked = self.require_editable()
        if blocked:
            return blocked
        form = forms.AttachmentForm(request.POST, request.FILES)
        if submit(form, lambda data: services.add_attachment(request.user, self.bid, data["file"])).ok:
            messages.success(request, "The document has been uploaded.")
            return redirect("challenge_fund:bid_attachments", self.bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RemoveAttachmentView(BidMixin, TemplateView):
    template_name = "challenge_fund/confirm.html"

    def get_attachment(self) -> Attachment:
        return get_object_or_404(Attachment, pk=self.kwargs["aid"], bid=self.bid)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attachment = self.get_attachment()
        context.update(
            title=f"Remove '{attachment.original_name}'?", body="", button="Remove document", warning=True,
            cancel_url=reverse("challenge_fund:bid_attachments", args=[self.bid.pk]), breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.remove_attachment(request.user, self.get_attachment())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "The document has been removed.")
        return redirect("challenge_fund:bid_attachments", self.bid.pk)


class DownloadAttachmentView(View):
    """Applicants, the fund's admins and the bid's declared reviewers download a document; everyone else
    gets 404, so that the document's existence is not given away."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        attachment = get_object_or_404(
            Attachment.objects.select_related("bid__round"), pk=self.kwargs["aid"], bid_id=self.kwargs["pk"]
        )
        if not services.can_download(request.user, attachment):
            raise Http404("No such document")
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
            content_type=attachment.content_type,
        )


# --- determination emails --------------------------------------------------------------------------


def _round_crumbs(round_: Round):
    return [_home(), _manage(), (round_.title, reverse("challenge_fund:round_manage", args=[round_.pk]))]


class EmailTemplatesView(AdminMixin, TemplateView):
    template_name = "challenge_fund/email_templates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        context.update(
            round=round_,
            templates=[(outcome, services.email_template(round_, outcome)) for outcome in Outcome],
            breadcrumbs=_round_crumbs(round_),
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
            form=form or forms.EmailForm(initial={"subject": subject, "body": body}, placeholders=True),
            title=f"Email for '{outcome.label}'",
            caption=round_.title,
            breadcrumbs=[*_round_crumbs(round_), ("Decision emails", reverse("challenge_fund:email_templates",
                                                                             args=[round_.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        round_, outcome = self.get_round_and_outcome()
        form = forms.EmailForm(request.POST, placeholders=True)
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
            breadcrumbs=_round_crumbs(round_),
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
            body="Each applicant receives the email as it is in the outbox now. You cannot recall them.",
            button="Send emails",
            cancel_url=reverse("challenge_fund:outbox", args=[round_.pk]),
            breadcrumbs=_round_crumbs(round_),
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
            form=form or forms.EmailForm(initial={"subject": message.subject, "body": message.body}),
            title=f"Email to {message.recipient.get_full_name()}",
            caption=message.bid.title,
            breadcrumbs=[*_round_crumbs(round_), ("Outbox", reverse("challenge_fund:outbox", args=[round_.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        message = self.get_message()
        form = forms.EmailForm(request.POST)
        if submit(form, lambda data: services.update_outbox_message(request.user, message, **data)).ok:
            messages.success(request, "The email has been changed. It has not been sent yet.")
            return redirect("challenge_fund:outbox", message.bid.round_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ReleaseFeedbackView(ConfirmActionView):
    def back(self, round_) -> tuple[str, str]:
        return round_.title, reverse("challenge_fund:round_bids", args=[round_.pk])

    def crumbs(self, round_) -> list:
        return _round_crumbs(round_)

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
            body=(
                "The report gives the round's money, the ranking with weighted scores, the determinations and "
                "amounts, and the funded projects. It takes a moment to make: you will see its progress."
            ),
            button="Make the report",
            cancel_url=reverse("challenge_fund:round_manage", args=[round_.pk]),
            breadcrumbs=_round_crumbs(round_),
        )
        return context

    def post(self, request, *args, **kwargs):
        from academy.reports.services import start_report
        from programmes.challenge_fund.reports import ROUND_REPORT

        round_ = get_object_or_404(Round, pk=self.kwargs["pk"])
        job = start_report(request.user, ROUND_REPORT, {"round": round_.pk})
        return redirect("reports:job", job.pk)


# --- revise and resubmit: versions and what changed ------------------------------------------------


class StartRevisionView(BidMixin, TemplateView):
    """The applicants start the revised version the panel invited."""

    template_name = "challenge_fund/confirm.html"

    def get(self, request, *args, **kwargs):
        if not services.can_revise(self.bid):
            messages.warning(request, "This bid cannot be revised now.")
            return redirect("challenge_fund:bid", self.bid.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=f"Revise '{self.bid.title}'?",
            body=f"Your bid becomes a draft again, as version {self.bid.version + 1}, starting from everything "
            f"version {self.bid.version} said. Change what the panel asked for, then submit it again by "
            f"{services.london(self.bid.resubmit_by)} (London time). Version {self.bid.version} stays as it was "
            "submitted.",
            button="Start the revised bid",
            cancel_url=reverse("challenge_fund:bid", args=[self.bid.pk]),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.start_revision(request.user, self.bid)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Your revised bid is a draft. Change what you need to, then submit it again.")
        return redirect("challenge_fund:bid", self.bid.pk)


class VersionView(BidMixin, TemplateView):
    """An earlier version of the applicants' own bid, read only, with the panel's decision on it."""

    template_name = "challenge_fund/version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = (
            self.bid.versions.select_related("submitted_by").filter(number=self.kwargs["number"]).first()
        )
        if version is None:
            raise Http404("No such version")
        content = version.content
        context.update(
            bid=self.bid,
            version=version,
            content=content,
            lines=[(line["description"], Decimal(line["amount"])) for line in content["budget_lines"]],
            amount_requested=Decimal(content["amount_requested"]) if content["amount_requested"] else None,
            decision=selectors.decision_on_version(self.bid, version.number),
            breadcrumbs=self.crumbs(),
        )
        return context


def can_see_changes(user, bid: Bid) -> bool:
    """Staff who assess the bid: the fund's admins, once staff may see the bid, and the reviewers assigned to
    its current version who declared no conflict of interest. Never the applicants or anyone else."""
    if services.is_fund_admin(user):
        return not services.bids_hidden_from_staff(bid.round)
    return bid.assignments.filter(
        reviewer=user, version=bid.version, conflicted=False, declared_at__isnull=False
    ).exists()


class WhatChangedView(PermissionRequiredMixin, TemplateView):
    """Version N of a bid against version N-1, section by section. Under blind review, reviewers see no
    applicant's or organisation's name here either."""

    template_name = "challenge_fund/changes.html"

    def has_permission(self):
        self.bid = Bid.objects.select_related("round").filter(pk=self.kwargs["pk"]).first()
        if self.bid is None:
            raise Http404("No such bid")
        return self.request.user.is_authenticated and can_see_changes(self.request.user, self.bid)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid
        old, new = selectors.version_pair(bid, self.kwargs["number"])
        is_admin = services.is_fund_admin(self.request.user)
        blind = bid.round.blind_review and not is_admin
        sections = selectors.version_changes(old.content, new.content, blind=blind)
        if is_admin:
            crumbs = [_home(), _manage(), ("Bids", reverse("challenge_fund:round_bids", args=[bid.round_id])),
                      (bid.title, reverse("challenge_fund:admin_bid", args=[bid.pk]))]
        else:
            crumbs = [_home(), ("Review bids", reverse("challenge_fund:reviews"))]
        context.update(
            bid=bid, old=old, new=new, blind=blind, show_people=not blind,
            changed=[section for section in sections if section["changed"]],
            unchanged=[section for section in sections if not section["changed"]],
            breadcrumbs=crumbs,
        )
        return context

"""The applicants' pages: start a bid, complete its task list, invite co-applicants, check and submit,
withdraw, revise and resubmit, read earlier versions, and report on a funded project."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.forms.applicant import (
    AboutForm,
    AnswersForm,
    BudgetForm,
    FunctionsForm,
    InvitationAnswerForm,
    InviteForm,
    InvolvementForm,
    PartnersForm,
    ReportForm,
    StartBidForm,
)
from programmes.challenge_fund.models import (
    BidState,
    CoApplicant,
    CoApplicantState,
    Outcome,
    ReportKind,
    Round,
)
from programmes.challenge_fund.views.base import (
    BidMixin,
    fund_crumb,
    project_reports,
)
from programmes.core.selectors import attachable_problems


class StartBidView(PermissionRequiredMixin, TemplateView):
    permission_required = "challenge_fund.apply"
    template_name = "challenge_fund/start.html"

    def dispatch(self, request, *args, **kwargs):
        self.round = get_object_or_404(Round, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def problem(self):
        """The problem in the register the bid will name, when started from it (``?problem=``): one that work can
        still attach to, else none (a stale or altered link starts a bid without one)."""
        if not hasattr(self, "_problem"):
            raw = self.request.POST.get("problem") or self.request.GET.get("problem") or ""
            self._problem = attachable_problems().filter(pk=int(raw)).first() if raw.isdigit() else None
        return self._problem

    def get_context_data(self, form=None, **kwargs):
        if not self.round.is_visible(timezone.now()) and not rules.is_fund_admin(self.request.user):
            raise Http404("No such round")
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or StartBidForm(),
            problem=self.problem(),
            round=self.round,
            own_bid=selectors.live_bid_led_in_round(self.request.user, self.round),
            is_open=self.round.is_open(timezone.now()),
            breadcrumbs=[
                _home(), fund_crumb(), (self.round.title, reverse("challenge_fund:round", args=[self.round.pk]))
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = StartBidForm(request.POST)
        outcome = submit(form, lambda data: services.start_bid(request.user, self.round, title=data["title"],
                                                              system_problem=self.problem()))
        if outcome.ok:
            messages.success(request, "Your draft bid has been saved. Complete each section, then submit it.")
            return redirect("challenge_fund:bid", outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OwnBidsView(PermissionRequiredMixin, TemplateView):
    permission_required = "challenge_fund.apply"
    template_name = "challenge_fund/own_bids.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(bids=selectors.own_bids(self.request.user), breadcrumbs=[_home(), fund_crumb()])
        return context


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
            closes=nhs_datetime(bid.deadline),
            is_lead=bid.lead_id == self.request.user.pk,
            withdrawable=bid.state in services.WITHDRAWABLE,
            project=self.project(bid),
            released=self.released(bid),
            can_revise=services.can_revise(bid),
            revising=bid.version > 1 and bid.state == BidState.DRAFT and bid.outcome == Outcome.REVISE,
            versions=selectors.bid_versions(bid),
            coapplicants=selectors.live_coapplicants(bid),
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
            "reports": project_reports(bid),
            "today": timezone.localdate(),
            "live": bid.state in services.PROJECT_LIVE,
            "can_report_progress": any(not m.reports.all() for m in milestones),
        }


SECTION_FORMS = {
    "about": ("About the project", AboutForm),
    "functions": ("Priority functions", FunctionsForm),
    "involvement": ("Involvement, outcomes and measures", InvolvementForm),
    "budget": ("Budget", BudgetForm),
    "questions": ("The round's questions", AnswersForm),
}


class BidSectionView(BidMixin, TemplateView):
    template_name = "challenge_fund/bid_section.html"

    def get_form(self, data=None):
        section = self.kwargs["section"]
        if section not in SECTION_FORMS:
            raise Http404("No such section")
        form_class = SECTION_FORMS[section][1]
        bid = self.bid
        if form_class in (AboutForm, InvolvementForm):
            return form_class(data, instance=bid)
        if form_class is FunctionsForm:
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
        return PartnersForm(
            data,
            lead_organisation_id=self.bid.lead_organisation_id,
            initial={"partners": list(self.bid.partners.all())},
        )

    def get_context_data(self, form=None, invite_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            bid=self.bid,
            form=form or self.partners_form(),
            invite_form=invite_form or InviteForm(),
            coapplicants=selectors.live_coapplicants(self.bid),
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
        invite_form = InviteForm(request.POST)
        outcome = submit(invite_form, lambda data: services.invite_coapplicant(request.user, self.bid, data["email"]))
        if outcome.ok:
            messages.success(
                request,
                f"We have emailed an invitation to {outcome.result.email}. They will be a co-applicant once they "
                "accept it.",
            )
            return redirect("challenge_fund:bid_partners", self.bid.pk)
        context = self.get_context_data(invite_form=invite_form)
        context["invite_errors"] = True
        return self.render_to_response(context, status=400)


class CoApplicantActionView(BidMixin, TemplateView):
    """The lead's confirm-then-act pages about one co-applicant or invitation of their bid."""

    permission_required = "challenge_fund.lead_bid"
    template_name = "challenge_fund/confirm.html"
    states: tuple = ()

    def get_coapplicant(self):
        return get_object_or_404(
            CoApplicant.objects.select_related("user").filter(state__in=self.states),
            pk=self.kwargs["cid"], bid=self.bid,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            self.question(self.get_coapplicant()),
            subject=self.bid.title,
            cancel_url=reverse("challenge_fund:bid_partners", args=[self.bid.pk]),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        coapplicant = self.get_coapplicant()
        try:
            done = self.act(request.user, coapplicant)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect("challenge_fund:bid_partners", self.bid.pk)


class RemoveCoApplicantView(CoApplicantActionView):
    states = (CoApplicantState.ACCEPTED,)

    def question(self, coapplicant):
        return {
            "title": f"Remove {coapplicant.name} as a co-applicant?",
            "body": "They will no longer be able to see or change this bid. Their organisation stays a partner "
            "until you remove it from the partner organisations.",
            "button": "Remove co-applicant",
            "warning": True,
        }

    def act(self, user, coapplicant):
        services.remove_coapplicant(user, coapplicant)
        return f"{coapplicant.name} is no longer a co-applicant."


class WithdrawInvitationView(CoApplicantActionView):
    states = (CoApplicantState.INVITED,)

    def question(self, coapplicant):
        return {
            "title": f"Withdraw the invitation to {coapplicant.name}?",
            "body": "The link in the email we sent them will no longer work, and they will not be added to the bid. "
            "You can invite them again later.",
            "button": "Withdraw invitation",
            "warning": True,
        }

    def act(self, user, coapplicant):
        services.withdraw_invitation(user, coapplicant)
        return f"The invitation to {coapplicant.name} has been withdrawn."


class ResendInvitationView(CoApplicantActionView):
    states = (CoApplicantState.INVITED,)

    def get(self, request, *args, **kwargs):
        return self.require_editable() or super().get(request, *args, **kwargs)

    def question(self, coapplicant):
        return {
            "title": f"Send the invitation to {coapplicant.name} again?",
            "body": f"We will email {coapplicant.email} the invitation again, with the same link. "
            f"It was last sent on {nhs_datetime(coapplicant.last_sent_at or coapplicant.added_at)}.",
            "button": "Send the invitation again",
        }

    def act(self, user, coapplicant):
        services.resend_invitation(user, coapplicant)
        return f"We have emailed the invitation to {coapplicant.email} again."


class InvitationView(PermissionRequiredMixin, TemplateView):
    """The person invited to be a co-applicant reads what the bid is and what accepting means, and accepts
    or declines. Nobody else may see it (404), superusers included."""

    permission_required = "challenge_fund.answer_invitation"
    template_name = "challenge_fund/invitation.html"

    def get_permission_object(self):
        if not hasattr(self, "invitation"):
            self.invitation = selectors.invitation_for(self.kwargs["pk"], self.request.user)
        return self.invitation

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        invitation = self.invitation
        bid = invitation.bid
        context.update(
            invitation=invitation,
            bid=bid,
            form=form or InvitationAnswerForm(),
            can_join=services.can_still_join(bid),
            has_profile=hasattr(self.request.user, "profile"),
            closes=nhs_datetime(bid.deadline),
            breadcrumbs=[_home()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = InvitationAnswerForm(request.POST)
        invitation = self.invitation
        if not invitation.display.is_pending:
            messages.warning(request, "This invitation has already been answered or withdrawn.")
            return redirect("challenge_fund:invitation", invitation.pk)
        action = services.accept_invitation if request.POST.get("answer") == "accept" else services.decline_invitation
        outcome = submit(form, lambda data: action(request.user, invitation))
        if not outcome.ok:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if form.cleaned_data["answer"] == "accept":
            messages.success(request, f"You are now a co-applicant on '{invitation.bid.title}'.")
            return redirect("challenge_fund:bid", invitation.bid_id)
        lead = invitation.bid.lead.get_full_name()
        messages.success(request, f"You have declined the invitation. We have told {lead}.")
        return redirect("ui:home")


def problem_links(bid, problems) -> list[tuple[str, str]]:
    """Each problem's message with a link to the field of its section's form that puts it right (the first
    option of a list of checkboxes), as the error summary gives them."""
    links = []
    for problem in problems:
        if problem.section == "partners":
            url = reverse("challenge_fund:bid_partners", args=[bid.pk])
        else:
            url = reverse("challenge_fund:bid_section", args=[bid.pk, problem.section])
        if problem.field:
            url += f"#id_{problem.field}" + ("_0" if problem.field in ("functions", "partners") else "")
        links.append((problem.message, url))
    return links


class CheckView(BidMixin, TemplateView):
    """Check your answers, then submit. A submission refused for the problems it has shows them in the error
    summary at the top of the page, each linked to the field that puts it right."""

    template_name = "challenge_fund/check.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid
        answers = {a.question_id: a.text for a in bid.answers.all()}
        problems = kwargs.get("problems", services.submission_problems(bid))
        context.update(
            bid=bid,
            problems=problems,
            problem_links=problem_links(bid, problems),
            functions=list(bid.functions.all()),
            partners=list(bid.partners.all()),
            coapplicants=selectors.accepted_coapplicants(bid),
            pending=list(bid.coapplicants.pending().select_related("user")),
            lines=list(bid.budget_lines.all()),
            total=services.budget_total(bid),
            answers=[(q, answers.get(q.pk, "")) for q in bid.round.questions.all()],
            editable=selectors.is_editable(bid),
            closes=nhs_datetime(bid.deadline),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.submit_bid(request.user, self.bid)
        except ValidationError as exc:
            problems = services.submission_problems(self.bid)
            if not problems:  # refused for another reason (the round closed, the bid changed state)
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("challenge_fund:bid_check", self.bid.pk)
            return self.render_to_response(self.get_context_data(problems=problems, refused=True), status=400)
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
            f"{nhs_datetime(self.bid.resubmit_by)} (London time). Version {self.bid.version} stays as it was "
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


class ReportFormView(BidMixin, TemplateView):
    """The project team's progress or final report."""

    template_name = "challenge_fund/report_form.html"

    def get_form(self, data=None):
        kind = self.kwargs["kind"]
        if kind not in ReportKind.values or self.bid.state not in services.PROJECT_LIVE:
            raise Http404("No such report")
        milestones = self.bid.milestones.filter(reports__isnull=True)
        return ReportForm(data, bid=self.bid, kind=kind, milestones=milestones)

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

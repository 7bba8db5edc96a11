"""Review (issue 11, second slice). The conference team sets how an edition is reviewed (blind or not, the
phases, the weighted score categories, the reviewers) and reads the proposals ranked; reviewers declare any
conflict of interest, then score. A reviewer who declared a conflict never sees the proposal again (404, for
superusers and conference admins too), and sees the other reviewers' scores only after sending their own."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy.services import record_request
from academy.reports.exports import export_response
from academy.ui.shortcuts import home_crumb, submit
from programmes.conference import selectors, services
from programmes.conference.forms import (
    CLEAR,
    BulkDecisionForm,
    DeclareInterestForm,
    ReviewerForm,
    ReviewForm,
    ReviewPhaseForm,
    ReviewSettingsForm,
    ScoreCategoryForm,
)
from programmes.conference.models import Decision, Edition
from programmes.conference.views.base import AdminMixin, FormPageView, edition_crumbs


def review_setup_crumbs(edition):
    return [*edition_crumbs(edition), ("Review", reverse("conference:review_setup", args=[edition.pk]))]


# --- the conference team ---------------------------------------------------------------------------------


class ReviewSetupView(AdminMixin, TemplateView):
    template_name = "conference/review_setup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        context.update(
            edition=edition, blind=edition.blind_review, phases=list(edition.review_phases.all()),
            open_phase=services.open_phase(edition), categories=list(edition.score_categories.all()),
            reviewers=list(edition.reviewers.select_related("user").prefetch_related("themes")),
            breadcrumbs=edition_crumbs(edition),
        )
        return context


class _EditionReviewForm(AdminMixin, FormPageView):
    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self):
        return review_setup_crumbs(self.edition)

    def success_url(self, result):
        return reverse("conference:review_setup", args=[self.edition.pk])


class ReviewSettingsView(_EditionReviewForm):
    form_class = ReviewSettingsForm
    title = "How proposals are reviewed"
    button = "Save"

    def initial(self):
        return {"blind": self.edition.blind_review}

    def perform(self, data):
        return services.save_review_settings(self.request.user, self.edition, **data)

    def success_message(self, result):
        return "Blind review is on." if result.blind else "Reviewers see the speakers' names."


class ReviewPhaseView(_EditionReviewForm):
    form_class = ReviewPhaseForm
    title = "Add a review phase"
    button = "Add phase"
    intro = "Reviewers can score proposals only while a phase is open."

    def perform(self, data):
        return services.add_review_phase(self.request.user, self.edition, **data)

    def success_message(self, result):
        return f"The phase {result.name} has been added."


class ScoreCategoryView(_EditionReviewForm):
    form_class = ScoreCategoryForm
    title = "Add a score category"
    button = "Add category"
    intro = "Reviewers score each category from 1 (poor) to 5 (excellent). The total is the weighted mean."

    def initial(self):
        return {"weight": 1}

    def perform(self, data):
        return services.add_score_category(self.request.user, self.edition, **data)

    def success_message(self, result):
        return f"The category {result.name} has been added."


class AddReviewerView(_EditionReviewForm):
    form_class = ReviewerForm
    title = "Add a reviewer"
    button = "Add reviewer"

    def get_form(self, data=None):
        return ReviewerForm(data, edition=self.edition)

    def perform(self, data):
        return services.add_reviewer(self.request.user, self.edition, user=data["user"], themes=data["themes"])

    def success_message(self, result):
        return f"{result.user.get_full_name() or result.user.email} has been added as a reviewer."


class RankingView(AdminMixin, TemplateView):
    """The ranked list; the team ticks proposals and records a pending decision on them (nothing is sent)."""

    template_name = "conference/ranking.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.edition
        filters = {"session_type": self.request.GET.get("type", ""), "theme": self.request.GET.get("theme", ""),
                   "flagged": self.request.GET.get("flagged") == "1"}
        proposals = selectors.ranked_proposals(edition, **filters)
        record_request(self.request, {p.speaker_id for p in proposals}, f"Conference ranking: {edition}")
        chosen = {str(pk) for pk in (form.data.getlist("proposals") if form is not None else [])}
        context.update(
            edition=edition, proposals=proposals, filters=filters, spread_flag=selectors.SPREAD_FLAG,
            independent=[c for c in edition.score_categories.all() if c.independent],
            session_types=list(edition.session_types.all()), themes=list(edition.themes.all()),
            form=form or BulkDecisionForm(edition=edition), chosen=chosen,
            breadcrumbs=edition_crumbs(edition),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = BulkDecisionForm(request.POST, edition=self.edition)
        outcome = submit(form, lambda data: services.set_pending_decisions(
            request.user, self.edition, **form.service_values()))
        if not outcome.ok:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        count, decision = outcome.result, form.cleaned_data["decision"]
        what = "cleared" if decision == CLEAR else f"marked {Decision(decision).label.lower()} (pending)"
        messages.success(request, f"{count} proposal{'s' if count != 1 else ''} {what}. Nothing has been sent: "
                                  "send the decisions from the outbox.")
        query = request.GET.urlencode()
        return redirect(reverse("conference:ranking", args=[self.edition.pk]) + (f"?{query}" if query else ""))


class RankingExportView(AdminMixin, View):
    """The ranked list as a CSV file, with the same filters (through the reports' exports: formulas neutralised)."""

    def get(self, request, pk):
        edition = get_object_or_404(Edition, pk=pk)
        filters = {"session_type": request.GET.get("type", ""), "theme": request.GET.get("theme", ""),
                   "flagged": request.GET.get("flagged") == "1"}
        proposals = selectors.ranked_proposals(edition, **filters)
        record_request(request, {p.speaker_id for p in proposals}, f"Conference ranking export: {edition}")
        independent = [c for c in edition.score_categories.all() if c.independent]
        headers = ["Rank", "Title", "Speaker", "Session type", "Score", "Spread", "Reviewers disagree", "Reviews",
                   "Conflicts declared", "Decision", *(category.name for category in independent)]
        rows = []
        for rank, p in enumerate(proposals, start=1):
            pending = getattr(p, "pending_decision", None)  # the reverse one-to-one raises when there is none
            decision = f"{pending.get_decision_display()} (pending)" if pending else p.display.admin_state
            rows.append([
                rank if p.mean is not None else "Not reviewed", p.title,
                p.speaker.get_full_name() or p.speaker.email, p.session_type.get_kind_display(),
                f"{p.mean:.2f}" if p.mean is not None else "", f"{p.spread:.2f}", "Yes" if p.flagged else "No",
                p.review_count, p.conflicts, decision,
                *(f"{mean:.1f}" if mean is not None else "" for _, mean in p.independent),
            ])
        return export_response("csv", f"{edition.slug}-ranking", headers, rows)


# --- reviewers -------------------------------------------------------------------------------------------


class ReviewerMixin(PermissionRequiredMixin):
    permission_required = "conference.review"

    def get_permission_object(self):
        return None  # the look-ups answer 404 for an edition or proposal that is not the reviewer's


def review_crumb():
    return ("Review proposals", reverse("conference:review_index"))


class ReviewIndexView(ReviewerMixin, TemplateView):
    template_name = "conference/review_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reviewers=selectors.reviewer_editions(self.request.user), breadcrumbs=[home_crumb()])
        return context


class ReviewQueueView(ReviewerMixin, TemplateView):
    template_name = "conference/review_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviewer = selectors.reviewer_of(self.request.user, self.kwargs["pk"])
        proposals = selectors.review_queue(reviewer)
        context.update(
            edition=reviewer.edition, proposals=proposals, blind=reviewer.edition.blind_review,
            open_phase=services.open_phase(reviewer.edition),
            done=sum(1 for p in proposals if p.my_review and p.my_review.submitted_at),
            breadcrumbs=[home_crumb(), review_crumb()],
        )
        return context


class NextProposalView(ReviewerMixin, View):
    """Open the proposal with the fewest reviews that the reviewer has not reviewed yet."""

    def get(self, request, pk):
        reviewer = selectors.reviewer_of(request.user, pk)
        proposal = selectors.next_for_review(reviewer)
        if proposal is None:
            messages.success(request, "You have reviewed every proposal you were asked to. Thank you.")
            return redirect("conference:review_queue", pk)
        return redirect("conference:review_proposal", proposal.pk)


class ReviewProposalView(ReviewerMixin, TemplateView):
    """Before the reviewer has declared: only the title (and the speaker, unless review is blind) and the
    declaration. After declaring no conflict: the proposal and the score form; once sent, the others' scores."""

    template_name = "conference/review_proposal.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.proposal, self.reviewer, self.review = selectors.proposal_for_reviewer(kwargs["pk"], request.user)
        return super().dispatch(request, *args, **kwargs)

    def categories(self):
        return list(self.proposal.edition.score_categories.all())

    def get_form(self, data=None):
        if self.review is None:
            return DeclareInterestForm(data)
        initial = {"comment": self.review.comment}
        initial.update({f"score_{s.category_id}": str(s.score) for s in self.review.scores.all()})
        return ReviewForm(data, initial=initial, categories=self.categories())

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.proposal.edition
        submitted = bool(self.review and self.review.submitted_at)
        context.update(
            proposal=self.proposal, review=self.review, form=form or self.get_form(), blind=edition.blind_review,
            open_phase=services.open_phase(edition), submitted=submitted, categories=self.categories(),
            others=selectors.others_reviews(self.proposal, self.request.user) if submitted else [],
            breadcrumbs=[home_crumb(), review_crumb(),
                         (edition.name, reverse("conference:review_queue", args=[edition.pk]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if self.review is None:
            def perform(data):
                return services.declare_interest(request.user, self.proposal, conflicted=data["conflicted"] == "yes",
                                                 reason=data["reason"])
        else:
            def perform(data):
                return services.submit_review(request.user, self.proposal, **form.service_values())
        outcome = submit(form, perform)
        if not outcome.ok:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        review = outcome.result
        edition_pk = self.proposal.edition_id
        if review.conflicted:
            messages.success(request, "Thank you. You will not review this proposal or see it again.")
            return redirect("conference:review_queue", edition_pk)
        if review.submitted_at:
            messages.success(request, "Your review has been saved.")
        return redirect("conference:review_proposal", self.proposal.pk)

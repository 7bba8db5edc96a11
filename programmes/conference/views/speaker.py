"""Leaders and speakers: the open calls, proposing a session, "My proposals", co-speaker invitations and
the speaker profile. A proposal is its speakers' alone: not found for anyone else, superusers included."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_datetime
from academy.ui.shortcuts import home_crumb, submit
from programmes.conference import selectors, services
from programmes.conference.forms import InvitationAnswerForm, InviteForm, ProposalForm, SpeakerProfileForm
from programmes.conference.models import ProposalSpeaker, SpeakerProfile
from programmes.conference.views.base import FormPageView, SignedInMixin, conference_crumb


def proposals_crumb():
    return ("My proposals", reverse("conference:my_proposals"))


class IndexView(TemplateView):
    template_name = "conference/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(editions=selectors.open_editions(), breadcrumbs=[home_crumb()])
        return context


class CallView(TemplateView):
    template_name = "conference/call.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = selectors.published_edition(self.kwargs["slug"])
        session_types = list(edition.session_types.all())
        context.update(
            edition=edition, call=edition.call, session_types=session_types,
            is_open=any(not services.deadline_passed(st) for st in session_types),
            breadcrumbs=[home_crumb(), conference_crumb()],
        )
        return context


def _proposal_form(edition, data=None, initial=None, proposal=None):
    session_types = [st for st in edition.session_types.all() if not services.deadline_passed(st)]
    if proposal is not None and proposal.session_type not in session_types:
        session_types.append(proposal.session_type)
    return ProposalForm(data, initial=initial, edition=edition, session_types=session_types)


class ProposeView(SignedInMixin, TemplateView):
    template_name = "conference/proposal_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.edition = selectors.published_edition(kwargs["slug"])
        if request.user.is_authenticated and all(
            services.deadline_passed(st) for st in self.edition.session_types.all()
        ):
            messages.warning(request, "This call for proposals has closed, so it takes no more proposals.")
            return redirect("conference:call", self.edition.slug)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            edition=self.edition, form=form or _proposal_form(self.edition), title="Propose a session",
            breadcrumbs=[home_crumb(), conference_crumb(),
                         ("Call for proposals", reverse("conference:call", args=[self.edition.slug]))],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = _proposal_form(self.edition, request.POST)
        outcome = submit(
            form, lambda _: services.create_proposal(request.user, self.edition, **form.service_values())
        )
        if outcome.ok:
            messages.success(request, "Your draft proposal has been saved. Submit it when it is ready.")
            return redirect("conference:proposal", outcome.result.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MyProposalsView(SignedInMixin, TemplateView):
    template_name = "conference/my_proposals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            proposals=selectors.own_proposals(self.request.user),
            invitations=selectors.pending_invitations(self.request.user),
            breadcrumbs=[home_crumb(), conference_crumb()],
        )
        return context


class ProposalMixin(SignedInMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.proposal = selectors.proposal_for_speaker(kwargs["pk"], request.user)
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self):
        return [home_crumb(), proposals_crumb(),
                (self.proposal.title, reverse("conference:proposal", args=[self.proposal.pk]))]


class ProposalView(ProposalMixin, TemplateView):
    template_name = "conference/proposal.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        is_lead = proposal.speaker_id == self.request.user.pk
        open_ = not services.deadline_passed(proposal.session_type)
        context.update(
            proposal=proposal, is_lead=is_lead, before_deadline=open_,
            can_edit=is_lead and open_ and proposal.display.is_editable_state,
            problems=services.submission_problems(proposal) if proposal.display.is_draft else {},
            answers={a.question_id: a.text for a in proposal.answers.all()},
            questions=list(proposal.session_type.questions.all()),
            co_speakers=[s for s in proposal.co_speakers.all() if s.display.is_live],
            breadcrumbs=[home_crumb(), proposals_crumb()],
        )
        return context


class EditProposalView(ProposalMixin, TemplateView):
    template_name = "conference/proposal_form.html"

    def _initial(self):
        p = self.proposal
        initial = {"session_type": p.session_type, "title": p.title, "abstract": p.abstract,
                   "themes": list(p.themes.all()), "accessibility_needs": p.accessibility_needs,
                   "av_needs": p.av_needs}
        initial.update({f"question_{a.question_id}": a.text for a in p.answers.all()})
        return initial

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            edition=self.proposal.edition, proposal=self.proposal, title="Change your proposal",
            form=form or _proposal_form(self.proposal.edition, initial=self._initial(), proposal=self.proposal),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = _proposal_form(self.proposal.edition, request.POST, proposal=self.proposal)
        outcome = submit(
            form, lambda _: services.update_proposal(request.user, self.proposal, **form.service_values())
        )
        if outcome.ok:
            messages.success(request, "Your proposal has been saved.")
            return redirect("conference:proposal", self.proposal.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SubmitProposalView(ProposalMixin, ConfirmActionView):
    title = "Submit your proposal"
    button = "Submit proposal"

    def get_object(self):
        return self.proposal

    def paragraphs(self):
        deadline = nhs_datetime(self.proposal.session_type.deadline)
        return [
            "The conference team will see your proposal. We email you, and your co-speakers, to confirm it.",
            f"You can still change it until the deadline, {deadline} (London time).",
        ]

    def perform(self):
        return services.submit_proposal(self.request.user, self.proposal)

    def success_message(self, result):
        return "Your proposal has been submitted."

    def success_url(self, result):
        return reverse("conference:proposal", args=[self.proposal.pk])

    def breadcrumbs(self):
        return self.crumbs()


class WithdrawProposalView(ProposalMixin, ConfirmActionView):
    title = "Withdraw your proposal"
    button = "Withdraw proposal"
    warning = True

    def get_object(self):
        return self.proposal

    def paragraphs(self):
        return ["The conference team will no longer consider it. You cannot undo this."]

    def perform(self):
        return services.withdraw_proposal(self.request.user, self.proposal)

    def success_message(self, result):
        return "Your proposal has been withdrawn."

    def success_url(self, result):
        return reverse("conference:proposal", args=[self.proposal.pk])

    def breadcrumbs(self):
        return self.crumbs()


class InviteView(ProposalMixin, FormPageView):
    form_class = InviteForm
    title = "Invite a co-speaker"
    button = "Send invitation"

    def page_title(self):
        return self.title

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        limit = self.proposal.session_type.max_co_speakers
        context["intro"] = (
            f"A {self.proposal.session_type.get_kind_display().lower()} can have up to {limit} co-speakers."
        )
        return context

    def perform(self, data):
        return services.invite_co_speaker(self.request.user, self.proposal, data["email"])

    def success_message(self, result):
        return f"We have emailed an invitation to {result.email}."

    def success_url(self, result):
        return reverse("conference:proposal", args=[self.proposal.pk])


class WithdrawInvitationView(ProposalMixin, ConfirmActionView):
    title = "Withdraw the invitation"
    button = "Withdraw invitation"
    warning = True

    def get_object(self):
        return get_object_or_404(ProposalSpeaker, pk=self.kwargs["cid"], proposal=self.proposal)

    def paragraphs(self):
        return [f"{self.object.name} will no longer be a co-speaker on this proposal, and their link stops working."]

    def perform(self):
        return services.withdraw_invitation(self.request.user, self.object)

    def success_message(self, result):
        return "The invitation has been withdrawn."

    def success_url(self, result):
        return reverse("conference:proposal", args=[self.proposal.pk])

    def breadcrumbs(self):
        return self.crumbs()


class InvitationView(SignedInMixin, TemplateView):
    """The page where the person invited answers. Not found for anyone else, superusers included."""

    template_name = "conference/invitation.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.invitation = selectors.invitation_for(kwargs["pk"], request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            invitation=self.invitation, proposal=self.invitation.proposal, form=form or InvitationAnswerForm(),
            breadcrumbs=[home_crumb(), proposals_crumb()],
        )
        return context

    def post(self, request, *args, **kwargs):
        form = InvitationAnswerForm(request.POST)

        def answer(data):
            if data["answer"] == "accept":
                return services.accept_invitation(request.user, self.invitation)
            return services.decline_invitation(request.user, self.invitation)

        outcome = submit(form, answer)
        if outcome.ok:
            if outcome.result.display.is_accepted:
                messages.success(request, "You are now a co-speaker on this proposal.")
                return redirect("conference:proposal", self.invitation.proposal_id)
            messages.success(request, "You have declined the invitation.")
            return redirect("conference:my_proposals")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SpeakerProfileView(SignedInMixin, FormPageView):
    form_class = SpeakerProfileForm
    title = "Your speaker profile"
    button = "Save profile"
    intro = ("The conference team sees your biography beside your proposals only if you choose to share it. "
             "Once your session is in the published programme, your speaker page there shows your name, the role "
             "and organisation you give here, and your biography only if you choose to show it.")

    def initial(self):
        profile = SpeakerProfile.objects.filter(user=self.request.user).first()
        if profile is None:
            return {}
        return {"bio": profile.bio, "share_bio": profile.share_bio, "role": profile.role,
                "organisation": profile.organisation, "public_bio": profile.public_bio}

    def crumbs(self):
        return [home_crumb(), proposals_crumb()]

    def perform(self, data):
        return services.save_speaker_profile(self.request.user, **data)

    def success_message(self, result):
        return "Your speaker profile has been saved."

    def success_url(self, result):
        return reverse("conference:my_proposals")

"""Idea challenges' pages: the list, a challenge and its board of ideas, an idea with its comments and
supports; the owner's and admins' pages (pose and change a challenge, move its stage, name evaluators,
answer ideas, take one forward, export); and the evaluators' scoring and ranking.

Every page needs a signed-in person. Each action's permission is the rules' (owner, admins and superusers
run a challenge; only the named evaluators score), checked here for the page and again by the service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from academy import workflow
from academy.reports.exports import export_response
from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date
from academy.ui.shortcuts import home_crumb, submit
from programmes.community import rules, selectors, services
from programmes.community.forms import (
    AnswerForm,
    ChallengeForm,
    CoAuthorsForm,
    CommentForm,
    EvaluatorsForm,
    IdeaBoardFilterForm,
    IdeaForm,
    ScoreForm,
    TakeForwardForm,
)
from programmes.community.models import (
    CHALLENGE_WORKFLOW,
    SUPPORTING_STAGES,
    ChallengeStage,
    IdeaAnswer,
)
from programmes.community.views.communities import SignedIn
from programmes.core import selectors as core_selectors

ANSWERING_STAGES = (ChallengeStage.EVALUATE, ChallengeStage.DEVELOP)
MOVE_BUTTONS = {
    ChallengeStage.GATHER: "Go back to gathering ideas",
    ChallengeStage.DISCUSS: "Move to discussing ideas",
    ChallengeStage.EVALUATE: "Move to evaluating ideas",
    ChallengeStage.DEVELOP: "Move to developing ideas",
    ChallengeStage.DONE: "Close the challenge",
}
MOVE_WORDS = {
    ChallengeStage.GATHER: "Leaders can submit ideas again until the last day for ideas, and support them.",
    ChallengeStage.DISCUSS: "No new ideas can be submitted or changed. Leaders can still support and comment on ideas.",
    ChallengeStage.EVALUATE: "Supports close. The named evaluators can score each idea on impact, confidence "
    "and ease, and you can give ideas their official answers.",
    ChallengeStage.DEVELOP: "Scoring closes. You can still give ideas their official answers.",
    ChallengeStage.DONE: "The challenge closes for good: no more supports, comments, scores or answers.",
}


def challenges_crumb():
    return ("Idea challenges", reverse("community:challenges"))


def challenge_crumbs(challenge):
    return [home_crumb(), challenges_crumb(), (challenge.title, services.challenge_url(challenge))]


def idea_crumbs(idea):
    return [*challenge_crumbs(idea.challenge), (idea.title, services.idea_url(idea))]


def supports_left(challenge, mine: set[int]) -> int:
    return max(challenge.supports_per_person - len(mine), 0)


def _moves(challenge) -> list[tuple[str, str]]:
    allowed = workflow.allowed_moves(challenge)
    return [(stage, MOVE_BUTTONS[stage]) for stage in ChallengeStage.values if stage in allowed]


class ChallengeMixin(SignedIn):
    def get_challenge(self):
        if not hasattr(self, "challenge"):
            self.challenge = selectors.challenge_for(self.request.user, self.kwargs["pk"])
        return self.challenge


class RunChallengeMixin(ChallengeMixin):
    """A page for the challenge owner and the programme's admins (and superusers); others are refused."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.allowed(
            request.user, "community.run_challenge", self.get_challenge()
        ):
            raise PermissionDenied("Only the challenge owner or the programme's admins can do this.")
        return super().dispatch(request, *args, **kwargs)


class IdeaMixin(SignedIn):
    def get_idea(self):
        if not hasattr(self, "idea"):
            idea = selectors.idea_for(self.kwargs["pk"])
            idea.challenge = selectors.challenge_for(self.request.user, idea.challenge_id)
            self.idea = idea
        return self.idea


class FormPageMixin:
    """A page with one form: title, caption, what it is about (summary rows and paragraphs), one button."""

    template_name = "community/form_page.html"
    form_class = None
    title = ""
    button = "Save"

    def make_form(self, data=None):
        return self.form_class(data, initial=self.initial())

    def initial(self) -> dict:
        return {}

    def page_context(self) -> dict:
        return {}

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {
            "form": form, "title": self.title, "button": self.button, "summary": [], "paragraphs": [],
            **self.page_context(),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.make_form())


class ChallengeListView(SignedIn, TemplateView):
    template_name = "community/challenges.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=selectors.challenge_page(self.request.GET.get("page")),
            can_create=rules.allowed(self.request.user, "community.create_challenge", None),
            breadcrumbs=[home_crumb()],
            **kwargs,
        )


class ChallengeView(ChallengeMixin, TemplateView):
    template_name = "community/challenge.html"

    def get_context_data(self, **kwargs):
        challenge = self.get_challenge()
        user = self.request.user
        asked = any(name in self.request.GET for name in IdeaBoardFilterForm.base_fields)
        filters = IdeaBoardFilterForm(self.request.GET if asked else None, functions=challenge.function_list)
        chosen = filters.chosen()
        sort = chosen.get("sort") or "newest"
        mine = selectors.supports_of(challenge, user)
        can_run = rules.allowed(user, "community.run_challenge", challenge)
        keep = self.request.GET.copy()  # the sort links keep the filters
        for name in ("sort", "page"):
            keep.pop(name, None)
        return super().get_context_data(
            challenge=challenge,
            board=selectors.idea_board(
                challenge, sort, self.request.GET.get("page"), answer=chosen.get("answer") or "",
                function=chosen.get("function"), text=chosen.get("q") or "",
            ),
            filters=filters if filters.is_bound else IdeaBoardFilterForm(
                initial={"sort": "newest"}, functions=challenge.function_list),
            filtered=any(chosen.get(name) for name in ("answer", "function", "q")),
            filter_query=keep.urlencode(),
            sort=sort,
            mine=mine,
            supports_left=supports_left(challenge, mine),
            can_submit=services.taking_ideas(challenge),
            can_support=challenge.stage in SUPPORTING_STAGES,
            can_run=can_run,
            moves=_moves(challenge) if can_run else [],
            can_rank=can_run or challenge.viewer_evaluates,
            breadcrumbs=[home_crumb(), challenges_crumb()],
            **kwargs,
        )


class ChallengeFormView(SignedIn, FormPageMixin, View):
    """Pose a new challenge (admins) or change one (pk given: its owner or the admins)."""

    form_class = ChallengeForm

    def dispatch(self, request, *args, **kwargs):
        self.challenge = None
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.challenge = selectors.challenge_for(request.user, kwargs["pk"])
                if not rules.allowed(request.user, "community.run_challenge", self.challenge):
                    raise PermissionDenied("Only the challenge owner or the programme's admins change a challenge.")
            elif not rules.allowed(request.user, "community.create_challenge", None):
                raise PermissionDenied("Only the programme's admins pose a new idea challenge.")
        return super().dispatch(request, *args, **kwargs)

    @property
    def title(self):
        return "Change the challenge" if self.challenge else "Pose an idea challenge"

    @property
    def button(self):
        return "Save changes" if self.challenge else "Pose challenge"

    def initial(self):
        c = self.challenge
        if c is None:
            return {"supports_per_person": 3}
        return {"title": c.title, "question": c.question, "owner_body": c.owner_body, "opens_on": c.opens_on,
                "closes_on": c.closes_on, "supports_per_person": c.supports_per_person,
                "priority_functions": c.function_list}

    def page_context(self):
        crumbs = challenge_crumbs(self.challenge) if self.challenge else [home_crumb(), challenges_crumb()]
        return {"caption": "Idea challenges", "breadcrumbs": crumbs}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.save_challenge(
            request.user, self.challenge, title=data["title"], question=data["question"],
            owner_body=data["owner_body"], opens_on=data["opens_on"], closes_on=data["closes_on"],
            supports_per_person=data["supports_per_person"], priority_functions=data["priority_functions"],
            owner=data.get("owner"),
        ))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "The challenge is changed." if self.challenge else "The challenge is posed.")
        return redirect(services.challenge_url(outcome.result))


class MoveChallengeView(RunChallengeMixin, ConfirmActionView):
    caption = "Idea challenges"

    def get_object(self):
        if self.kwargs["stage"] not in ChallengeStage.values:
            raise Http404("No such stage.")
        return self.get_challenge()

    @property
    def title(self):
        return f"{MOVE_BUTTONS[self.kwargs['stage']]}: {self.object.title}"

    @property
    def button(self):
        return MOVE_BUTTONS[self.kwargs["stage"]]

    @property
    def warning(self):
        return self.kwargs["stage"] == ChallengeStage.DONE

    def paragraphs(self):
        return [MOVE_WORDS[self.kwargs["stage"]], "The move is recorded with your name in the challenge's history."]

    def summary(self):
        return [("Stage now", self.object.get_stage_display())]

    def not_possible(self):
        if self.kwargs["stage"] in workflow.allowed_moves(self.object):
            return ""
        return CHALLENGE_WORKFLOW.refusal(self.object.stage, self.kwargs["stage"])

    def perform(self):
        return services.move_challenge(self.request.user, self.object, self.kwargs["stage"])

    def success_message(self, result):
        return f"The challenge is now at the stage '{result.get_stage_display()}'."

    def success_url(self, result):
        return services.challenge_url(self.object)

    def breadcrumbs(self):
        return challenge_crumbs(self.object)


class EvaluatorsView(RunChallengeMixin, FormPageMixin, View):
    form_class = EvaluatorsForm
    title = "Name the evaluators"
    button = "Save evaluators"

    def initial(self):
        return {"evaluators": "\n".join(person.email for person in self.get_challenge().evaluator_list)}

    def page_context(self):
        challenge = self.get_challenge()
        return {"caption": challenge.title, "breadcrumbs": challenge_crumbs(challenge),
                "paragraphs": ["The evaluators score every idea on impact, confidence and ease from 1 to 10 "
                               "while the challenge is evaluating ideas. They see the ranked list."]}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.set_evaluators(
            request.user, self.get_challenge(), data["evaluators"]))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "The evaluators are saved.")
        return redirect(services.challenge_url(self.get_challenge()))


class RankingView(ChallengeMixin, TemplateView):
    """The ideas ranked by their mean ICE score: for the evaluators, the owner and the admins."""

    template_name = "community/ranking.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            challenge = self.get_challenge()
            if not (challenge.viewer_evaluates or rules.allowed(request.user, "community.run_challenge", challenge)):
                raise PermissionDenied("Only the challenge's evaluators, its owner and the admins see the ranking.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        challenge = self.get_challenge()
        return super().get_context_data(
            challenge=challenge,
            page=selectors.ranked_ideas(challenge, self.request.user, self.request.GET.get("page")),
            can_score=challenge.viewer_evaluates and challenge.stage == ChallengeStage.EVALUATE,
            breadcrumbs=challenge_crumbs(challenge),
            **kwargs,
        )


class ExportView(RunChallengeMixin, View):
    def get(self, request, *args, **kwargs):
        challenge = self.get_challenge()
        return export_response("csv", f"ideas-{challenge.title}", selectors.EXPORT_HEADERS,
                               selectors.export_rows(challenge))


# --- ideas ------------------------------------------------------------------------------------------------


class NewIdeaView(ChallengeMixin, FormPageMixin, View):
    form_class = IdeaForm
    title = "Submit an idea"
    button = "Submit idea"

    def page_context(self):
        challenge = self.get_challenge()
        return {"caption": challenge.title, "breadcrumbs": challenge_crumbs(challenge),
                "paragraphs": ["Everyone signed in to the portal sees your idea and your name. You can change "
                               f"it until {nhs_date(challenge.closes_on)}."]}

    def get(self, request, *args, **kwargs):
        if not services.taking_ideas(self.get_challenge()):
            raise PermissionDenied("This challenge is not taking ideas now.")
        return super().get(request, *args, **kwargs)

    def make_form(self, data=None):
        return IdeaForm(data, initial=self.initial(), functions=self.get_challenge().function_list)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.submit_idea(
            request.user, self.get_challenge(), title=data["title"], body=data["body"],
            priority_functions=data.get("priority_functions", ())))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "Your idea is submitted. Others can now support it and comment on it.")
        return redirect(services.idea_url(outcome.result))


class IdeaView(IdeaMixin, View):
    template_name = "community/idea.html"

    def render_page(self, form=None, status=200):
        idea = self.get_idea()
        challenge = idea.challenge
        user = self.request.user
        mine = selectors.supports_of(challenge, user)
        can_run = rules.allowed(user, "community.run_challenge", challenge)
        can_comment = challenge.stage != ChallengeStage.DONE
        return render(self.request, self.template_name, {
            "idea": idea,
            "challenge": challenge,
            "comments": selectors.comment_page(idea, self.request.GET.get("page")),
            "form": form or (CommentForm() if can_comment else None),
            "mine": mine,
            "supports_left": supports_left(challenge, mine),
            "can_support": challenge.stage in SUPPORTING_STAGES,
            "can_edit": idea.author_id == user.pk and challenge.stage == ChallengeStage.GATHER,
            "can_answer": can_run and challenge.stage in ANSWERING_STAGES and not idea.answer,
            "can_score": challenge.viewer_evaluates and challenge.stage == ChallengeStage.EVALUATE,
            "my_score": selectors.score_of(idea, user) if challenge.viewer_evaluates else None,
            "merged_ideas": list(idea.merged_ideas.order_by("title")),
            "coauthors": selectors.coauthors_of(idea),
            "can_name_coauthors": idea.author_id == user.pk and challenge.stage != ChallengeStage.DONE,
            # An idea taken forward is a problem in the register: what the reader can start on it in one click
            # (a Challenge Fund bid in an open round...), from programmes.core's register.
            "problem_actions": (core_selectors.actions_on_problem(idea.system_problem, user)
                                if idea.system_problem_id else []),
            "breadcrumbs": challenge_crumbs(challenge),
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST)
        outcome = submit(form, lambda data: services.comment_on_idea(request.user, self.get_idea(), body=data["body"]))
        if not outcome:
            return self.render_page(form, status=400)
        messages.success(request, "Your comment is posted.")
        return redirect(f"{services.idea_url(self.idea)}#comment-{outcome.result.pk}")


class EditIdeaView(IdeaMixin, FormPageMixin, View):
    form_class = IdeaForm
    title = "Change your idea"
    button = "Save changes"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.allowed(request.user, "community.edit_idea", self.get_idea()):
            raise PermissionDenied("Only the idea's author can change it.")
        return super().dispatch(request, *args, **kwargs)

    def initial(self):
        return {"title": self.idea.title, "body": self.idea.body,
                "priority_functions": list(self.idea.priority_functions.values_list("pk", flat=True))}

    def make_form(self, data=None):
        functions = list(self.idea.challenge.priority_functions.order_by("number"))
        return IdeaForm(data, initial=self.initial(), functions=functions)

    def get(self, request, *args, **kwargs):
        if self.idea.challenge.stage != ChallengeStage.GATHER:
            raise PermissionDenied("Ideas can only be changed while the challenge is gathering them.")
        return super().get(request, *args, **kwargs)

    def page_context(self):
        return {"caption": self.idea.challenge.title, "breadcrumbs": idea_crumbs(self.idea),
                "paragraphs": ["The earlier text is kept in the idea's history."]}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.edit_idea(
            request.user, self.idea, title=data["title"], body=data["body"],
            priority_functions=data.get("priority_functions") if "priority_functions" in form.fields else None))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "Your idea is changed.")
        return redirect(services.idea_url(outcome.result))


class CoAuthorsView(IdeaMixin, FormPageMixin, View):
    """The idea's author (no one else, superusers included) names up to three co-authors, until the challenge
    is done."""

    form_class = CoAuthorsForm
    title = "Name your co-authors"
    button = "Save co-authors"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            idea = self.get_idea()
            if idea.author_id != request.user.pk:
                raise PermissionDenied("Only the idea's author names its co-authors.")
            if idea.challenge.stage == ChallengeStage.DONE:
                raise PermissionDenied("This challenge is done: its ideas' co-authors are final.")
        return super().dispatch(request, *args, **kwargs)

    def initial(self):
        return {"coauthors": "\n".join(person.email for person in selectors.coauthors_of(self.idea))}

    def page_context(self):
        return {"caption": self.idea.title, "breadcrumbs": idea_crumbs(self.idea),
                "paragraphs": ["Co-authors are shown on the idea with you. Name colleagues who have an account "
                               "on the portal, by the email address they sign in with."]}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.set_coauthors(request.user, self.idea, data["coauthors"]))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, "Your co-authors are saved.")
        return redirect(services.idea_url(self.idea))


class SupportView(IdeaMixin, View):
    """POST only: support an idea or take the support back. With htmx, answers the button's fragment;
    without JavaScript, goes back to the page it came from with a message."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        idea = self.get_idea()
        withdraw = request.POST.get("support") == "no"
        error = ""
        try:
            if withdraw:
                services.withdraw_support(request.user, idea)
            else:
                services.support_idea(request.user, idea)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        if request.headers.get("HX-Request"):
            idea.refresh_from_db(fields=["support_count"])
            mine = selectors.supports_of(idea.challenge, request.user)
            return render(request, "community/_support.html", {
                "idea": idea, "challenge": idea.challenge, "mine": mine, "can_support": True,
                "supports_left": supports_left(idea.challenge, mine), "error": error,
                "next": request.POST.get("next", ""),
                # from the challenge's board: keep its summary's "supports left" in step (out of band)
                "on_board": bool(request.POST.get("on_board")), "summary_oob": bool(request.POST.get("on_board")),
            })
        if error:
            messages.error(request, error)
        else:
            messages.success(request, f"You took back your support of “{idea.title}”." if withdraw
                             else f"You support “{idea.title}”.")
        target = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        if not safe or not target.startswith("/"):
            target = services.idea_url(idea)
        return redirect(target)


class ScoreView(IdeaMixin, FormPageMixin, View):
    form_class = ScoreForm
    title = "Score this idea"
    button = "Save score"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.allowed(request.user, "community.score_idea", self.get_idea()):
            raise PermissionDenied("Only the challenge's named evaluators score its ideas.")
        return super().dispatch(request, *args, **kwargs)

    def initial(self):
        score = selectors.score_of(self.idea, self.request.user)
        return {name: getattr(score, name) for name in services.SCORE_FIELDS} if score else {}

    def page_context(self):
        idea = self.idea
        return {"caption": idea.challenge.title, "breadcrumbs": idea_crumbs(idea), "idea_body": idea.body,
                "summary": [("Idea", idea.title), ("Supports", str(idea.support_count))],
                "paragraphs": ["Score each from 1 to 10. The idea's ICE score is impact × confidence × ease; "
                               "scoring again replaces your score."]}

    def get(self, request, *args, **kwargs):
        if self.idea.challenge.stage != ChallengeStage.EVALUATE:
            raise PermissionDenied("Ideas are scored while the challenge is evaluating them.")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.score_idea(request.user, self.idea, **data))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, f"Your score of “{self.idea.title}” is saved: ICE {outcome.result.ice}.")
        return redirect("community:challenge_ranking", self.idea.challenge.pk)


class AnswerMixin(IdeaMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not rules.allowed(
            request.user, "community.run_challenge", self.get_idea().challenge
        ):
            raise PermissionDenied("Only the challenge owner or the programme's admins answer ideas.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.idea.answer or self.idea.challenge.stage not in ANSWERING_STAGES:
            raise PermissionDenied("This idea cannot be answered now.")
        return super().get(request, *args, **kwargs)


class AnswerView(AnswerMixin, FormPageMixin, View):
    form_class = AnswerForm
    title = "Give the official answer"
    button = "Give answer"

    def make_form(self, data=None):
        return AnswerForm(data, others=selectors.other_ideas(self.idea))

    def page_context(self):
        idea = self.idea
        return {"caption": idea.challenge.title, "breadcrumbs": idea_crumbs(idea),
                "summary": [("Idea", idea.title), ("Supports", str(idea.support_count))],
                "paragraphs": ["To take the idea forward, use “Take forward” on the idea's page instead."]}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.answer_idea(
            request.user, self.idea, answer=data["answer"], reason=data["reason"],
            merged_into=data.get("merged_into")))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, f"“{self.idea.title}” has its official answer.")
        return redirect(services.idea_url(self.idea))


class TakeForwardView(AnswerMixin, FormPageMixin, View):
    form_class = TakeForwardForm
    title = "Take this idea forward"
    button = "Take forward"

    def page_context(self):
        idea = self.idea
        problem = idea.challenge.system_problem
        where = (f"It is linked to the problem “{problem.title}” in the register of system problems." if problem
                 else f"A new problem “{idea.title[:200]}” is made in the register of system problems, owned by "
                 "the challenge owner, for Challenge Fund bids and learning sets to attach to.")
        return {"caption": idea.challenge.title, "breadcrumbs": idea_crumbs(idea),
                "summary": [("Idea", idea.title), ("By", idea.author.get_full_name()),
                            ("Supports", str(idea.support_count))],
                "paragraphs": [where, "The answer is official and cannot be changed."]}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: services.answer_idea(
            request.user, self.idea, answer=IdeaAnswer.TAKEN_FORWARD, reason=data["reason"]))
        if not outcome:
            return self.render_form(form, status=400)
        messages.success(request, f"“{self.idea.title}” is taken forward.")
        return redirect(services.idea_url(self.idea))

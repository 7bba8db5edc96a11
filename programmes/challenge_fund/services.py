"""Writes for the Challenge Fund. Each takes the acting person, checks them and the invariants, and runs
in one transaction. A bid's state changes only through :func:`transition`, which records who and when.

Times are stored in UTC and shown in Europe/London; the deadline is checked by the server against
``timezone.now()``, so the clocks changing cannot move it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit
from academy.workflow.models import Transition
from programmes.challenge_fund.models import (
    APPLICANT_EDITABLE,
    BID_WORKFLOW,
    FUNDED_OUTCOMES,
    Answer,
    Attachment,
    Bid,
    BidState,
    BidVersion,
    BudgetLine,
    CoApplicant,
    Criterion,
    EmailTemplate,
    Milestone,
    OutboxMessage,
    OutboxStatus,
    Outcome,
    ProgressReport,
    Question,
    ReportKind,
    ReportSpend,
    ReviewAssignment,
    Round,
    Score,
)

log = logging.getLogger(__name__)

PROGRAMME_SLUG = "challenge-fund"

ROUND_FIELDS = (
    "title",
    "summary",
    "guidance",
    "eligibility",
    "budget",
    "min_award",
    "max_award",
    "opens_at",
    "closes_at",
    "min_partner_organisations",
    "require_priority_function",
    "score_max",
    "sealed",
    "blind_review",
)
TEXT_SECTIONS = ("title", "summary", "problem", "proposed_change", "ppi", "outcomes", "measures")

# The one state machine for a bid, declared on the model: which states each state may move to.
TRANSITIONS = BID_WORKFLOW.moves
REVIEWABLE = (BidState.IN_REVIEW, BidState.PANEL)
WITHDRAWABLE = (BidState.DRAFT, BidState.SUBMITTED, BidState.ELIGIBILITY, BidState.IN_REVIEW, BidState.PANEL)


def london(value) -> str:
    """A moment as people in London read it: "12:00pm on 15 January 2027"."""
    local = timezone.localtime(value)
    return f"{date_format(local, 'g:iA').lower()} on {date_format(local, 'j F Y')}"


def money(value: Decimal) -> str:
    return f"£{value:,.2f}".replace(".00", "")


# --- permissions -----------------------------------------------------------------------------------


def is_fund_admin(user) -> bool:
    """A Programme admin of the Challenge Fund, or a superuser."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or PROGRAMME_SLUG in user.administered_programme_slugs)
    )


def _require_admin(actor) -> None:
    """A fund admin, or workflow.SYSTEM (scheduled work, demo data). None raises: say who acts."""
    if not workflow.is_system(actor) and not is_fund_admin(actor):
        raise PermissionDenied("Only the Challenge Fund's programme admins can change its rounds.")


def is_applicant(user, bid: Bid) -> bool:
    """The bid's lead or one of its co-applicants."""
    if not (user and user.is_authenticated):
        return False
    if bid.lead_id == user.pk:
        return True
    return bid.coapplicants.filter(user=user).exists()


# --- the state machine -----------------------------------------------------------------------------


def lock_bid(bid_id: int) -> Bid:
    """Lock the bid's round, then the bid, and return the bid (with its round) as now committed.

    Every service that needs both locks takes them in this order: deciding a bid locks the round first to
    check the money left, so a service that locked the bid and then its round could deadlock with it."""
    round_id = Bid.objects.values_list("round_id", flat=True).get(pk=bid_id)
    Round.objects.select_for_update().filter(pk=round_id).values_list("pk", flat=True).get()
    return Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid_id)


def transition(bid: Bid, to_state: str, actor, note: str = "") -> Transition:
    """Move ``bid`` to ``to_state`` if the state machine allows it, and record who and when. The caller
    holds a lock on the bid (``select_for_update``) and has checked the actor's permission; ``actor`` is a
    user or workflow.SYSTEM."""
    record = workflow.move(bid, to_state, actor, note=note)
    log.info("challenge fund bid %s: %s -> %s", bid.pk, record.from_state, to_state)
    if to_state == BidState.ELIGIBILITY:
        # The applicants can no longer change it: what they submitted is kept as this version.
        freeze_version(bid)
    return record


# --- versions: what each submission said ---------------------------------------------------------


def snapshot(bid: Bid) -> dict:
    """Everything the applicants submitted, as plain values: the content of a :class:`BidVersion`."""
    answers = {a.question_id: a.text for a in bid.answers.all()}
    return {
        **{name: getattr(bid, name) for name in TEXT_SECTIONS},
        "lead": bid.lead.get_full_name(),
        "lead_organisation": bid.lead_organisation.name,
        "partners": sorted(bid.partners.exclude(pk=bid.lead_organisation_id).values_list("name", flat=True)),
        "coapplicants": sorted(c.user.get_full_name() for c in bid.coapplicants.select_related("user")),
        "functions": [f"{f.number}. {f.name}" for f in bid.functions.order_by("number")],
        "amount_requested": None if bid.amount_requested is None else str(bid.amount_requested),
        "budget_lines": [
            {"description": line.description, "amount": str(line.amount)} for line in bid.budget_lines.all()
        ],
        "answers": [
            {"question_id": q.pk, "question": q.text, "text": answers.get(q.pk, "")} for q in bid.round.questions.all()
        ],
        "attachments": [a.original_name for a in bid.attachments.all()],
    }


def freeze_version(bid: Bid) -> BidVersion:
    """Keep the bid's current version as submitted, once: a version, once kept, never changes."""
    existing = BidVersion.objects.filter(bid=bid, number=bid.version).first()
    if existing is not None:
        return existing
    submission = bid.transitions.filter(to_state=BidState.SUBMITTED).order_by("-at", "-pk").first()
    submitted_at = bid.submitted_at or (submission.at if submission else timezone.now())
    return BidVersion.objects.create(
        bid=bid, number=bid.version, submitted_at=submitted_at,
        submitted_by=submission.actor if submission else None,
        content=snapshot(bid),
    )


def can_revise(bid: Bid, now=None) -> bool:
    """Whether the applicants may start a revised version now (the reasons are in start_revision)."""
    now = now or timezone.now()
    return (
        bid.state == BidState.DETERMINED and bid.outcome == Outcome.REVISE and bid.round.feedback_released
        and bid.resubmit_by is not None and now < bid.resubmit_by
    )


@transaction.atomic
def start_revision(actor: User, bid: Bid) -> Bid:
    """Revise and resubmit: the bid goes back to a draft, as its next version, starting from everything
    the last version said. The panel's decision on the last version stays readable until it is resubmitted."""
    bid = lock_bid(bid.pk)
    if not is_applicant(actor, bid):
        raise PermissionDenied("Only the bid's lead and co-applicants can revise it.")
    if bid.state != BidState.DETERMINED or bid.outcome != Outcome.REVISE:
        raise ValidationError("Only a bid the panel invited to revise and resubmit can be revised.")
    if not bid.round.feedback_released:
        raise ValidationError("You can revise the bid once the panel's feedback has been released.")
    if timezone.now() >= bid.resubmit_by:
        raise ValidationError(
            f"The resubmission deadline was {london(bid.resubmit_by)}. The bid can no longer be revised."
        )
    freeze_version(bid)
    bid.version += 1
    bid.submitted_at = None
    bid.save(update_fields=["version", "submitted_at", "updated_at"])
    transition(bid, BidState.DRAFT, actor, note=f"Revising: version {bid.version}")
    return bid


# --- rounds ----------------------------------------------------------------------------------------


def _check_round(values: dict, instance: Round | None = None) -> None:
    errors: dict[str, list[str]] = {}
    if values["min_award"] > values["max_award"]:
        errors.setdefault("max_award", []).append(
            "The maximum award must be the same as or more than the minimum award"
        )
    if values["max_award"] > values["budget"]:
        errors.setdefault("max_award", []).append("The maximum award cannot be more than the round's budget")
    if values["closes_at"] <= values["opens_at"]:
        errors.setdefault("closes_on", []).append("The closing date must be after the opening date")
    if values["min_partner_organisations"] < 1 or values["min_partner_organisations"] > 10:
        errors.setdefault("min_partner_organisations", []).append("Enter a number from 1 to 10")
    if values["score_max"] < 1 or values["score_max"] > 10:
        errors.setdefault("score_max", []).append("Enter a top score from 1 to 10")
    closed = instance is not None and instance.pk and instance.closes_at <= timezone.now()
    if closed and (values["closes_at"] != instance.closes_at or values["score_max"] != instance.score_max):
        errors.setdefault("closes_on", []).append(
                "This round has closed, so its closing date and scoring scale cannot change"
            )
    duplicate = Round.objects.filter(title__iexact=values["title"])
    if instance is not None and instance.pk:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        errors.setdefault("title", []).append("There is already a round with this title. Choose another title")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_round(actor, **values) -> Round:
    _require_admin(actor)
    _check_round(values)
    return Round.objects.create(
        created_by=workflow.user_or_none(actor), **{name: values[name] for name in ROUND_FIELDS}
    )


@transaction.atomic
def update_round(actor, round_: Round, **values) -> Round:
    _require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    _check_round(values, round_)
    for name in ROUND_FIELDS:
        setattr(round_, name, values[name])
    round_.save()
    return round_


@transaction.atomic
def publish_round(actor, round_: Round) -> Round:
    """Make the round visible to leaders (from its opening time). It needs its review rubric first."""
    _require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.published:
        return round_
    if not round_.criteria.exists():
        raise ValidationError("Add at least one review criterion before you publish the round.")
    if round_.closes_at <= timezone.now():
        raise ValidationError("The closing date has passed. Change the dates before you publish the round.")
    round_.published = True
    round_.save(update_fields=["published"])
    return round_


def _check_form_can_change(round_: Round, what: str) -> None:
    if round_.closes_at <= timezone.now():
        raise ValidationError(f"This round has closed, so its {what} cannot change.")


@transaction.atomic
def save_question(actor, round_: Round, *, text: str, hint: str = "", question: Question | None = None):
    _require_admin(actor)
    _check_form_can_change(round_, "questions")
    if question is None:
        position = (round_.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        return Question.objects.create(round=round_, text=text, hint=hint, position=position)
    question.text, question.hint = text, hint
    question.save()
    return question


@transaction.atomic
def delete_question(actor, question: Question) -> None:
    _require_admin(actor)
    _check_form_can_change(question.round, "questions")
    if question.answers.exists():
        raise ValidationError(
            "Applicants have answered this question, so it cannot be removed. You can change its wording."
        )
    question.delete()


@transaction.atomic
def save_criterion(
    actor, round_: Round, *, title: str, guidance: str, weight: int, criterion: Criterion | None = None
):
    _require_admin(actor)
    _check_form_can_change(round_, "review rubric")
    if not 1 <= weight <= 10:
        raise ValidationError({"weight": "Enter a weight from 1 to 10"})
    duplicate = round_.criteria.filter(title__iexact=title)
    if criterion is not None:
        duplicate = duplicate.exclude(pk=criterion.pk)
    if duplicate.exists():
        raise ValidationError({"title": "This round already has a criterion with this title"})
    if criterion is None:
        position = (round_.criteria.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        return Criterion.objects.create(round=round_, title=title, guidance=guidance, weight=weight, position=position)
    criterion.title, criterion.guidance, criterion.weight = title, guidance, weight
    criterion.save()
    return criterion


@transaction.atomic
def delete_criterion(actor, criterion: Criterion) -> None:
    _require_admin(actor)
    _check_form_can_change(criterion.round, "review rubric")
    if criterion.round.published and criterion.round.criteria.count() == 1:
        raise ValidationError("A published round needs at least one review criterion. Add another one first.")
    criterion.delete()


# --- bids ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something that stops a bid being submitted, with the task-list section where it is put right."""

    section: str
    message: str


SECTIONS = [
    ("about", "About the project"),
    ("functions", "Priority functions"),
    ("partners", "Partners and co-applicants"),
    ("involvement", "Involvement, outcomes and measures"),
    ("budget", "Budget"),
    ("questions", "The round's questions"),
]


def _profile(user: User):
    from academy.directory.models import LeaderProfile

    return LeaderProfile.objects.select_related("organisation").filter(user=user).first()


@transaction.atomic
def start_bid(actor: User, round_: Round, *, title: str) -> Bid:
    """A leader starts a draft bid on an open round. They need a leader profile: it says they are a
    clinical or care professional working in south east London, and for which organisation."""
    now = timezone.now()
    if not round_.is_open(now):
        raise ValidationError("This round is not open for bids.")
    profile = _profile(actor)
    if profile is None:
        raise ValidationError(
            "Set up your leader profile before you start a bid: it tells the panel your profession and organisation."
        )
    if Bid.objects.filter(round=round_, lead=actor).exclude(state=BidState.WITHDRAWN).exists():
        raise ValidationError("You already have a bid in this round. Open it from your bids.")
    try:
        with transaction.atomic():
            bid = Bid.objects.create(round=round_, lead=actor, lead_organisation=profile.organisation, title=title)
    except IntegrityError as exc:
        raise ValidationError("You already have a bid in this round. Open it from your bids.") from exc
    workflow.start(bid, actor, note="Started", at=now)
    return bid


def _lock_for_edit(actor: User, bid: Bid) -> Bid:
    bid = lock_bid(bid.pk)
    if not is_applicant(actor, bid):
        raise PermissionDenied("Only the bid's lead and co-applicants can change it.")
    if bid.state not in APPLICANT_EDITABLE:
        raise ValidationError("This bid can no longer be changed.")
    if timezone.now() >= bid.deadline:
        if bid.version > 1:
            raise ValidationError(
                f"The resubmission deadline was {london(bid.deadline)}. The bid can no longer be changed."
            )
        raise ValidationError(
            f"The round closed at {london(bid.round.closes_at)}. Bids can no longer be changed."
        )
    return bid


def _keep_submitted_complete(bid: Bid) -> None:
    """A submitted bid may be changed until the deadline, but must stay ready to assess."""
    if bid.state == BidState.SUBMITTED:
        problems = submission_problems(bid)
        if problems:
            raise ValidationError(
                ["Your bid is submitted, so it must stay complete. " + problems[0].message]
                + [problem.message for problem in problems[1:]]
            )


@transaction.atomic
def update_bid(actor: User, bid: Bid, **values) -> Bid:
    """Save one section of the task list: any of the text sections, ``functions`` and ``partners``."""
    bid = _lock_for_edit(actor, bid)
    for name in TEXT_SECTIONS:
        if name in values:
            setattr(bid, name, values[name].strip())
    bid.save()
    if "functions" in values:
        bid.functions.set(values["functions"])
    if "partners" in values:
        bid.partners.set([org for org in values["partners"] if org.pk != bid.lead_organisation_id])
    _keep_submitted_complete(bid)
    return bid


@transaction.atomic
def save_budget(actor: User, bid: Bid, *, amount_requested: Decimal | None, lines: list[tuple[str, Decimal]]) -> Bid:
    """Replace the budget: the amount requested and its lines. Their total is checked at submission,
    and at once for a bid that is already submitted."""
    bid = _lock_for_edit(actor, bid)
    round_ = bid.round
    if amount_requested is not None and not round_.min_award <= amount_requested <= round_.max_award:
        raise ValidationError(
            {
                "amount_requested": f"Enter an amount from {money(round_.min_award)} to "
                f"{money(round_.max_award)}, the limits of this round"
            }
        )
    bid.amount_requested = amount_requested
    bid.save()
    bid.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(bid=bid, description=description, amount=amount, position=position)
        for position, (description, amount) in enumerate(lines, start=1)
    )
    _keep_submitted_complete(bid)
    return bid


@transaction.atomic
def save_answers(actor: User, bid: Bid, answers: dict[int, str]) -> Bid:
    bid = _lock_for_edit(actor, bid)
    questions = {q.pk: q for q in bid.round.questions.all()}
    for question_id, text in answers.items():
        if question_id not in questions:
            raise ValidationError("That question is not part of this round.")
        text = (text or "").strip()
        if text:
            Answer.objects.update_or_create(bid=bid, question_id=question_id, defaults={"text": text})
        else:
            Answer.objects.filter(bid=bid, question_id=question_id).delete()
    _keep_submitted_complete(bid)
    return bid


@transaction.atomic
def invite_coapplicant(actor: User, bid: Bid, email: str) -> CoApplicant:
    """The lead adds a colleague with an Academy account and a leader profile; their organisation joins
    the bid's partners, and they are emailed a link to the bid."""
    bid = _lock_for_edit(actor, bid)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can invite co-applicants.")
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError(
            {"email": "There is no Academy account with this email address. Ask your colleague to create one, "
             "then invite them again"}
        )
    if user.pk == bid.lead_id:
        raise ValidationError({"email": "You are the bid's lead. Enter a colleague's email address"})
    profile = _profile(user)
    if profile is None:
        raise ValidationError(
            {"email": "Your colleague has not set up a leader profile yet. Ask them to, then invite them again"}
        )
    try:
        with transaction.atomic():
            coapplicant = CoApplicant.objects.create(bid=bid, user=user, added_by=actor)
    except IntegrityError as exc:
        raise ValidationError({"email": "This colleague is already a co-applicant"}) from exc
    if profile.organisation_id != bid.lead_organisation_id:
        bid.partners.add(profile.organisation)
    email_user_after_commit(
        f"cf-coapplicant-{coapplicant.pk}",
        "cf_coapplicant_invited",
        user,
        {"bid_title": bid.title, "round_title": bid.round.title, "lead_name": actor.get_full_name(),
         "closes": london(bid.round.closes_at), "bid_path": reverse("challenge_fund:bid", args=[bid.pk])},
    )
    return coapplicant


@transaction.atomic
def remove_coapplicant(actor: User, coapplicant: CoApplicant) -> None:
    bid = _lock_for_edit(actor, coapplicant.bid)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can remove co-applicants.")
    coapplicant.delete()
    _keep_submitted_complete(bid)


def organisation_count(bid: Bid) -> int:
    """The organisations taking part: the lead's and the partners (co-applicants' organisations are
    added to the partners when they are invited)."""
    return 1 + bid.partners.exclude(pk=bid.lead_organisation_id).count()


def budget_total(bid: Bid) -> Decimal:
    return bid.budget_lines.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def submission_problems(bid: Bid) -> list[Problem]:
    """Everything that stops the bid being submitted, in task-list order, each saying how to put it right."""
    round_ = bid.round
    problems: list[Problem] = []
    about = {"summary": "a summary", "problem": "the problem", "proposed_change": "the proposed change"}
    for field, words in about.items():
        if not getattr(bid, field).strip():
            problems.append(Problem("about", f"Describe {words} in 'About the project'"))
    if round_.require_priority_function and not bid.functions.exists():
        problems.append(Problem("functions", "Choose at least one of the 10 priority functions your project serves"))
    count = organisation_count(bid)
    if count < round_.min_partner_organisations:
        problems.append(
            Problem(
                "partners",
                f"Your bid involves {count} organisation{'s' if count != 1 else ''}. This round needs at least "
                f"{round_.min_partner_organisations}: add partner organisations or invite co-applicants from "
                "other organisations",
            )
        )
    involvement = {"ppi": "how patients and the public are involved", "outcomes": "the outcomes you expect",
                   "measures": "how you will measure the outcomes"}
    for field, words in involvement.items():
        if not getattr(bid, field).strip():
            problems.append(Problem("involvement", f"Describe {words}"))
    if bid.amount_requested is None:
        problems.append(Problem("budget", "Enter the amount you are asking for"))
    else:
        if not round_.min_award <= bid.amount_requested <= round_.max_award:
            problems.append(
                Problem("budget", f"Ask for an amount from {money(round_.min_award)} to {money(round_.max_award)}")
            )
        total = budget_total(bid)
        if not bid.budget_lines.exists():
            problems.append(Problem("budget", "Add the budget lines that make up the amount you are asking for"))
        elif total != bid.amount_requested:
            problems.append(
                Problem(
                    "budget",
                    f"Your budget lines add up to {money(total)} but you are asking for "
                    f"{money(bid.amount_requested)}. Make them the same",
                )
            )
    answered = set(bid.answers.values_list("question_id", flat=True))
    for question in round_.questions.all():
        if question.pk not in answered:
            problems.append(Problem("questions", f"Answer the question '{question.text}'"))
    return problems


def section_statuses(bid: Bid, problems: list[Problem]) -> list[dict]:
    failing = {problem.section for problem in problems}
    has_questions = bid.round.questions.exists()
    return [
        {"key": key, "label": label, "complete": key not in failing}
        for key, label in SECTIONS
        if key != "questions" or has_questions
    ]


@transaction.atomic
def submit_bid(actor: User, bid: Bid) -> Bid:
    bid = _lock_for_edit(actor, bid)
    if bid.state != BidState.DRAFT:
        raise ValidationError("This bid has already been submitted.")
    problems = submission_problems(bid)
    if problems:
        raise ValidationError([problem.message for problem in problems])
    record = transition(bid, BidState.SUBMITTED, actor, note=f"Version {bid.version}" if bid.version > 1 else "")
    bid.submitted_at = record.at
    if bid.version > 1:
        # A resubmission is decided afresh. The last decision stays in the bid's history and its version.
        bid.outcome, bid.conditions, bid.feedback = "", "", ""
        bid.determined_at = bid.determined_by = None
    bid.save()
    people = [bid.lead, *[c.user for c in bid.coapplicants.select_related("user")]]
    for person in people:
        email_user_after_commit(
            f"cf-submitted-{record.pk}-{person.pk}",
            "cf_bid_submitted",
            person,
            {"bid_title": bid.title, "round_title": bid.round.title, "closes": london(bid.round.closes_at),
             "bid_path": reverse("challenge_fund:bid", args=[bid.pk])},
        )
    return bid


@transaction.atomic
def withdraw_bid(actor: User, bid: Bid) -> Bid:
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if actor.pk != bid.lead_id:
        raise PermissionDenied("Only the bid's lead can withdraw it.")
    if bid.state not in WITHDRAWABLE:
        raise ValidationError("A bid that has had its decision cannot be withdrawn.")
    transition(bid, BidState.WITHDRAWN, actor)
    return bid


# --- review ----------------------------------------------------------------------------------------


def is_reviewer(user) -> bool:
    from academy.accounts.models import Role

    return bool(user and user.is_authenticated and user.has_role(Role.REVIEWER))


def bids_hidden_from_staff(round_: Round, now=None) -> bool:
    """A sealed round shows staff no bid until it closes."""
    return round_.sealed and (now or timezone.now()) < round_.closes_at


def _lock_bid_for_admin(actor, bid: Bid) -> Bid:
    _require_admin(actor)
    bid = lock_bid(bid.pk)
    if timezone.now() < bid.round.closes_at:
        raise ValidationError("The round is still open. Review starts after it closes.")
    return bid


@transaction.atomic
def open_review(actor, bid: Bid, *, keep_reviewers: bool = False) -> Bid:
    """The eligibility check is passed: the bid goes to review. A resubmitted bid is reviewed afresh; with
    ``keep_reviewers`` the reviewers of the last version who had no conflict are asked again (they declare
    again and score the new version), otherwise the admin assigns reviewers as for any bid."""
    bid = _lock_bid_for_admin(actor, bid)
    if bid.state == BidState.SUBMITTED:
        transition(bid, BidState.ELIGIBILITY, actor)
    if bid.state != BidState.ELIGIBILITY:
        raise ValidationError("Only a submitted bid can be sent to review.")
    transition(bid, BidState.IN_REVIEW, actor, note="Eligible")
    if keep_reviewers and bid.version > 1:
        ReviewAssignment.objects.bulk_create(
            ReviewAssignment(
                bid=bid, reviewer_id=reviewer_id, assigned_by=workflow.user_or_none(actor), version=bid.version
            )
            for reviewer_id in bid.assignments.filter(version=bid.version - 1, conflicted=False)
            .order_by("pk").values_list("reviewer_id", flat=True)
        )
    return bid


@transaction.atomic
def assign_reviewer(actor, bid: Bid, reviewer: User) -> ReviewAssignment:
    bid = _lock_bid_for_admin(actor, bid)
    if bid.state not in (BidState.IN_REVIEW, BidState.PANEL):
        raise ValidationError("Send the bid to review before you assign reviewers.")
    if not is_reviewer(reviewer):
        raise ValidationError({"reviewer": "Choose someone with the Reviewer role"})
    if reviewer.pk == bid.lead_id or bid.coapplicants.filter(user=reviewer).exists():
        raise ValidationError({"reviewer": "An applicant cannot review their own bid"})
    try:
        with transaction.atomic():
            return ReviewAssignment.objects.create(
                bid=bid, reviewer=reviewer, assigned_by=workflow.user_or_none(actor), version=bid.version
            )
    except IntegrityError as exc:
        raise ValidationError({"reviewer": "This reviewer is already assigned to this bid"}) from exc


def _own_assignment(actor: User, assignment: ReviewAssignment) -> ReviewAssignment:
    lock_bid(assignment.bid_id)
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",)).select_related("bid__round").get(pk=assignment.pk)
    )
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied("This review is assigned to someone else.")
    if assignment.conflicted:
        raise PermissionDenied("You declared a conflict of interest on this bid.")
    if assignment.bid.state not in (BidState.IN_REVIEW, BidState.PANEL):
        raise ValidationError("This bid is no longer being reviewed.")
    if assignment.version != assignment.bid.version:
        raise ValidationError("This review is of an earlier version of the bid.")
    return assignment


@transaction.atomic
def declare_interest(actor: User, assignment: ReviewAssignment, *, conflicted: bool, reason: str = ""):
    """The reviewer says whether they have a conflict of interest before they see the bid."""
    assignment = _own_assignment(actor, assignment)
    if assignment.declared_at is not None:
        raise ValidationError("You have already made your declaration for this bid.")
    if conflicted and not reason.strip():
        raise ValidationError({"reason": "Describe your conflict of interest, for example 'I work with the lead'"})
    assignment.conflicted = conflicted
    assignment.conflict_reason = reason.strip() if conflicted else ""
    assignment.declared_at = timezone.now()
    assignment.save()
    return assignment


@transaction.atomic
def submit_scores(actor: User, assignment: ReviewAssignment, scores: dict[int, tuple[int, str]], comments: str):
    """Score every criterion from 0 to the round's top score. Submitted scores are final."""
    assignment = _own_assignment(actor, assignment)
    if assignment.declared_at is None:
        raise ValidationError("Declare whether you have a conflict of interest first.")
    if assignment.submitted_at is not None:
        raise ValidationError("You have already submitted your scores for this bid.")
    round_ = assignment.bid.round
    criteria = list(round_.criteria.all())
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk, (None, ""))[0]
        if value is None or not 0 <= value <= round_.score_max:
            errors[f"score_{criterion.pk}"] = f"Score '{criterion.title}' from 0 to {round_.score_max}"
    if set(scores) - {c.pk for c in criteria}:
        raise ValidationError("Score only this round's criteria.")
    if errors:
        raise ValidationError(errors)
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=c, score=scores[c.pk][0], comment=scores[c.pk][1].strip())
        for c in criteria
    )
    assignment.comments = comments.strip()
    assignment.submitted_at = timezone.now()
    assignment.save()
    return assignment


# --- determination ---------------------------------------------------------------------------------


def awarded_total(round_: Round) -> Decimal:
    return Bid.objects.filter(round=round_).aggregate(total=Sum("awarded_amount"))["total"] or Decimal("0")


@transaction.atomic
def determine(
    actor, bid: Bid, *, outcome: str, awarded_amount: Decimal | None = None,
    conditions: str = "", feedback: str, resubmit_by=None,
) -> Bid:
    """Record the panel's decision. The round's row is locked while the money is checked, so two admins
    awarding at the same moment can never commit more than the budget."""
    _require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=bid.round_id)
    bid = _lock_bid_for_admin(actor, bid)
    if bid.state not in (BidState.IN_REVIEW, BidState.PANEL):
        raise ValidationError("Only a bid under review can be decided.")
    if not feedback.strip():
        raise ValidationError({"feedback": "Enter the feedback the applicants will read"})
    funded = outcome in FUNDED_OUTCOMES
    if funded:
        if awarded_amount is None:
            raise ValidationError({"awarded_amount": "Enter the amount awarded"})
        if awarded_amount > (bid.amount_requested or Decimal("0")):
            raise ValidationError({"awarded_amount": f"Award no more than the {money(bid.amount_requested)} asked for"})
        remaining = round_.budget - awarded_total(round_)
        if awarded_amount > remaining:
            raise ValidationError(
                {"awarded_amount": f"Only {money(remaining)} of the round's budget is left. Award that or less"}
            )
        if outcome == Outcome.FUNDED_CONDITIONS and not conditions.strip():
            raise ValidationError({"conditions": "Enter the conditions of the award"})
    if outcome == Outcome.REVISE:
        if resubmit_by is None:
            raise ValidationError({"resubmit_on": "Enter the date by which the revised bid must be resubmitted"})
        if resubmit_by <= timezone.now():
            raise ValidationError({"resubmit_on": "The resubmission deadline must be in the future"})
    if bid.state == BidState.IN_REVIEW:
        transition(bid, BidState.PANEL, actor)
    bid.outcome = outcome
    bid.awarded_amount = awarded_amount if funded else None
    bid.conditions = conditions.strip() if outcome == Outcome.FUNDED_CONDITIONS else ""
    bid.feedback = feedback.strip()
    bid.resubmit_by = resubmit_by if outcome == Outcome.REVISE else None
    bid.determined_at = timezone.now()
    bid.determined_by = workflow.user_or_none(actor)
    bid.save()
    transition(bid, BidState.DETERMINED, actor, note=Outcome(outcome).label)
    draft_determination_emails(bid, round_)
    return bid


# --- funded projects -------------------------------------------------------------------------------

PROJECT_LIVE = (BidState.ACTIVE, BidState.OVERDUE)


def _lock_funded(actor, bid: Bid) -> Bid:
    _require_admin(actor)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.outcome not in FUNDED_OUTCOMES or bid.state not in (BidState.DETERMINED, *PROJECT_LIVE):
        raise ValidationError("Milestones belong to funded projects that are not closed.")
    return bid


@transaction.atomic
def add_milestone(actor, bid: Bid, *, title: str, due_date, payment_amount: Decimal) -> Milestone:
    """A milestone with its report due date and the payment released once it is reported. Payments
    never add up to more than the award."""
    bid = _lock_funded(actor, bid)
    planned = bid.milestones.aggregate(total=Sum("payment_amount"))["total"] or Decimal("0")
    if planned + payment_amount > bid.awarded_amount:
        left = bid.awarded_amount - planned
        raise ValidationError(
            {"payment_amount": f"Payments cannot add up to more than the {money(bid.awarded_amount)} awarded. "
             f"{money(left)} is left to plan"}
        )
    return Milestone.objects.create(bid=bid, title=title.strip(), due_date=due_date, payment_amount=payment_amount)


@transaction.atomic
def start_project(actor, bid: Bid) -> Bid:
    bid = _lock_funded(actor, bid)
    if bid.state != BidState.DETERMINED:
        raise ValidationError("This project has already started.")
    if not bid.milestones.exists():
        raise ValidationError("Add at least one milestone before you start the project.")
    transition(bid, BidState.ACTIVE, actor)
    return bid


@transaction.atomic
def release_payment(actor, milestone: Milestone) -> Milestone:
    _require_admin(actor)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.paid_at is not None:
        raise ValidationError("This payment has already been released.")
    if not milestone.reports.exists():
        raise ValidationError("Release the payment once the milestone's progress report is in.")
    milestone.paid_at, milestone.paid_by = timezone.now(), workflow.user_or_none(actor)
    milestone.save()
    return milestone


def overdue_milestones(bid: Bid, today=None):
    today = today or timezone.localdate()
    return bid.milestones.filter(due_date__lt=today, reports__isnull=True)


@transaction.atomic
def submit_report(
    actor: User, bid: Bid, *, kind: str, milestone: Milestone | None, done: str, outcomes: str, learning: str,
    risks: str, spend: dict[int, Decimal],
) -> ProgressReport:
    """The project team reports progress at a milestone, with spend to date against the budget lines;
    the final report closes the project."""
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if not is_applicant(actor, bid):
        raise PermissionDenied("Only the project's lead and co-applicants can report on it.")
    if bid.state not in PROJECT_LIVE:
        raise ValidationError("Reports are for projects under way.")
    if kind == ReportKind.PROGRESS:
        if milestone is None or milestone.bid_id != bid.pk:
            raise ValidationError({"milestone": "Choose the milestone you are reporting on"})
        if milestone.reports.exists():
            raise ValidationError({"milestone": "This milestone has a report already. Choose another"})
    elif bid.reports.filter(kind=ReportKind.FINAL).exists():
        raise ValidationError("The final report has been submitted already.")
    lines = {line.pk: line for line in bid.budget_lines.all()}
    if set(spend) - set(lines):
        raise ValidationError("Report spend only against this project's budget lines.")
    if any(value < 0 for value in spend.values()):
        raise ValidationError("Spend to date cannot be negative.")
    total = sum(spend.values(), Decimal("0"))
    if total > bid.awarded_amount:
        raise ValidationError(
            f"Your spend to date adds up to {money(total)}, more than the {money(bid.awarded_amount)} awarded. "
            "Check the figures"
        )
    report = ProgressReport.objects.create(
        bid=bid, milestone=milestone if kind == ReportKind.PROGRESS else None, kind=kind, done=done.strip(),
        outcomes=outcomes.strip(), learning=learning.strip(), risks=risks.strip(), submitted_by=actor,
        submitted_at=timezone.now(),
    )
    ReportSpend.objects.bulk_create(
        ReportSpend(report=report, budget_line_id=line_id, spent_to_date=value) for line_id, value in spend.items()
    )
    if kind == ReportKind.FINAL:
        transition(bid, BidState.CLOSED, actor, note="Final report")
    elif bid.state == BidState.OVERDUE and not overdue_milestones(bid).exists():
        transition(bid, BidState.ACTIVE, actor, note="Reports up to date")
    return report


def chase_overdue_reports(today=None) -> int:
    """Mark projects with a report past due as overdue and remind their lead once per milestone
    (the notification key makes a second run, or a retry, send nothing). Returns reminders recorded."""
    today = today or timezone.localdate()
    recorded = 0
    milestones = (
        Milestone.objects.filter(bid__state__in=PROJECT_LIVE, due_date__lt=today, reports__isnull=True)
        .select_related("bid__lead", "bid__round")
        .order_by("pk")
    )
    for milestone in milestones:
        with transaction.atomic():
            bid = Bid.objects.select_for_update().get(pk=milestone.bid_id)
            if bid.state == BidState.ACTIVE:
                transition(bid, BidState.OVERDUE, workflow.SYSTEM, note=f"Report for '{milestone.title}' overdue")
            lead = milestone.bid.lead
            before = email_user_after_commit(
                f"cf-report-overdue-{milestone.pk}",
                "cf_report_overdue",
                lead,
                {"bid_title": bid.title, "milestone": milestone.title,
                 "due": date_format(milestone.due_date, "j F Y"),
                 "report_path": reverse("challenge_fund:report", args=[bid.pk, ReportKind.PROGRESS])},
            )
            recorded += bool(before)
    return recorded


# --- attachments -----------------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WRONG_TYPE = "The file must be a PDF, a Word document (.docx) or an Excel spreadsheet (.xlsx)"


def _sniff(upload, extension: str) -> bool:
    """Whether the file's content is what its name says: a PDF header, or an Office Open XML package
    with the Word or Excel part. The browser's declared content type is not trusted."""
    import zipfile

    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if extension == "pdf":
        return head == b"%PDF-"
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    part = "word/document.xml" if extension == "docx" else "xl/workbook.xml"
    return "[Content_Types].xml" in names and part in names


@transaction.atomic
def add_attachment(actor: User, bid: Bid, upload) -> Attachment:
    bid = _lock_for_edit(actor, bid)
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES or not _sniff(upload, extension):
        raise ValidationError({"file": WRONG_TYPE})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": "The file must be smaller than 10 MB"})
    if bid.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": f"A bid can have up to {MAX_ATTACHMENTS} documents. Remove one first"})
    attachment = Attachment(
        bid=bid, original_name=name, content_type=ATTACHMENT_TYPES[extension], size=upload.size, uploaded_by=actor
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(actor: User, attachment: Attachment) -> None:
    _lock_for_edit(actor, attachment.bid)
    attachment.file.delete(save=False)
    attachment.delete()


def can_download(user, attachment: Attachment) -> bool:
    """The applicants; the fund's admins once staff may see the bid; a reviewer assigned to the bid who
    has declared no conflict of interest."""
    bid = attachment.bid
    if is_applicant(user, bid):
        return True
    if bid.state == BidState.DRAFT:
        return False
    if is_fund_admin(user):
        return not bids_hidden_from_staff(bid.round)
    return bid.assignments.filter(
        reviewer=user, conflicted=False, declared_at__isnull=False, version=bid.version
    ).exists()


# --- determination emails: editable templates and an outbox ----------------------------------------

PLACEHOLDERS = (
    "first_name", "bid_title", "round_title", "decision", "amount", "conditions", "feedback", "bid_link",
    "resubmit_by",
)
DEFAULT_EMAILS = {
    Outcome.FUNDED: (
        "Your Challenge Fund bid has been funded",
        "Dear {first_name},\n\nWe are delighted to tell you that the panel has funded \"{bid_title}\" in the "
        "round \"{round_title}\", with an award of {amount}.\n\nThe panel's feedback:\n{feedback}\n\nThe "
        "Challenge Fund team will be in touch to agree your milestones. You can read the decision here:\n"
        "{bid_link}\n\nSEL Challenge Fund team",
    ),
    Outcome.FUNDED_CONDITIONS: (
        "Your Challenge Fund bid has been funded, with conditions",
        "Dear {first_name},\n\nThe panel has funded \"{bid_title}\" in the round \"{round_title}\", with an "
        "award of {amount}, on these conditions:\n{conditions}\n\nThe panel's feedback:\n{feedback}\n\nYou "
        "can read the decision here:\n{bid_link}\n\nSEL Challenge Fund team",
    ),
    Outcome.REVISE: (
        "Your Challenge Fund bid: revise and resubmit",
        "Dear {first_name},\n\nThe panel would like you to revise \"{bid_title}\" and submit it again by "
        "{resubmit_by}.\n\nThe panel's feedback:\n{feedback}\n\nYou can read the decision, and start your "
        "revised bid once the reviewers' feedback is released, here:\n{bid_link}\n\n"
        "SEL Challenge Fund team",
    ),
    Outcome.DECLINED: (
        "The decision on your Challenge Fund bid",
        "Dear {first_name},\n\nThank you for bidding to \"{round_title}\". The panel has not been able to "
        "fund \"{bid_title}\" this time.\n\nThe panel's feedback:\n{feedback}\n\nYou can read the decision "
        "here:\n{bid_link}\n\nSEL Challenge Fund team",
    ),
}


def _fill(text: str, values: dict) -> str:
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", str(values.get(name, "")))
    return text


def check_placeholders(text: str, field: str) -> None:
    import re

    unknown = sorted(set(re.findall(r"{([^{}]*)}", text)) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {field: "Use only these placeholders: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS)
             + f". Remove {{{unknown[0]}}}"}
        )


def email_template(round_: Round, outcome: str) -> tuple[str, str]:
    saved = round_.email_templates.filter(outcome=outcome).first()
    return (saved.subject, saved.body) if saved else DEFAULT_EMAILS[Outcome(outcome)]


@transaction.atomic
def save_email_template(actor, round_: Round, outcome: str, *, subject: str, body: str) -> EmailTemplate:
    _require_admin(actor)
    check_placeholders(subject, "subject")
    check_placeholders(body, "body")
    template, _ = EmailTemplate.objects.update_or_create(
        round=round_, outcome=outcome, defaults={"subject": subject.strip(), "body": body.strip()}
    )
    return template


def draft_determination_emails(bid: Bid, round_: Round) -> list[OutboxMessage]:
    """One draft per applicant from the round's template for the outcome. Nothing is sent here."""
    from django.conf import settings

    subject, body = email_template(round_, bid.outcome)
    values = {
        "bid_title": bid.title, "round_title": round_.title, "decision": Outcome(bid.outcome).label,
        "amount": money(bid.awarded_amount) if bid.awarded_amount else "", "conditions": bid.conditions,
        "feedback": bid.feedback, "bid_link": settings.ACADEMY_SITE_URL + reverse("challenge_fund:bid", args=[bid.pk]),
        "resubmit_by": london(bid.resubmit_by) if bid.resubmit_by else "",
    }
    people = [bid.lead, *[c.user for c in bid.coapplicants.select_related("user")]]
    return [
        OutboxMessage.objects.create(
            bid=bid, recipient=person, version=bid.version,
            subject=_fill(subject, {**values, "first_name": person.first_name}),
            body=_fill(body, {**values, "first_name": person.first_name or "colleague"}),
        )
        for person in people
    ]


@transaction.atomic
def update_outbox_message(actor, message: OutboxMessage, *, subject: str, body: str) -> OutboxMessage:
    _require_admin(actor)
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != OutboxStatus.DRAFT:
        raise ValidationError("This email has been sent, so it cannot change.")
    message.subject, message.body = subject.strip(), body.strip()
    message.save()
    return message


@transaction.atomic
def send_outbox(actor, round_: Round) -> int:
    """Send every draft determination email of the round. Each is recorded under its own key first, so
    pressing the button twice, or a retry, sends nothing twice."""
    _require_admin(actor)
    drafts = list(
        OutboxMessage.objects.select_for_update().filter(bid__round=round_, status=OutboxStatus.DRAFT)
        .select_related("recipient")
    )
    now = timezone.now()
    for message in drafts:
        email_user_after_commit(f"cf-outbox-{message.pk}", "cf_outbox", message.recipient,
                     {"subject": message.subject, "body": message.body})
        message.status, message.sent_at, message.sent_by = OutboxStatus.SENT, now, workflow.user_or_none(actor)
        message.save()
    return len(drafts)


@transaction.atomic
def release_feedback(actor, round_: Round) -> Round:
    """Let applicants with a decision see the reviewers' scores and comments, without reviewers' names."""
    _require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closes_at > timezone.now():
        raise ValidationError("Release the reviewers' feedback after the round has closed.")
    round_.feedback_released = True
    round_.save(update_fields=["feedback_released"])
    return round_

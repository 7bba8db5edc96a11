"""The applicants' writes: start, complete, submit, withdraw and revise a bid."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.models import LeaderProfile
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import money, nhs_datetime
from programmes.challenge_fund.models import (
    APPLICANT_EDITABLE,
    Answer,
    Bid,
    BidState,
    BudgetLine,
    Outcome,
    Round,
)
from programmes.challenge_fund.rules import is_applicant
from programmes.challenge_fund.services.workflow import (
    TEXT_SECTIONS,
    WITHDRAWABLE,
    freeze_version,
    lock_bid,
    transition,
)
from programmes.core.selectors import attachable_problems

# --- bids ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something that stops a bid being submitted, with the task-list section where it is put right and the
    field of that section's form it is about (so that a form can mark it and the error summary link to it)."""

    section: str
    message: str
    field: str = ""


SECTIONS = [
    ("about", "About the project"),
    ("functions", "Priority functions"),
    ("partners", "Partners and co-applicants"),
    ("involvement", "Involvement, outcomes and measures"),
    ("budget", "Budget"),
    ("questions", "The round's questions"),
]


def _profile(user: User):
    return LeaderProfile.objects.select_related("organisation").filter(user=user).first()


@transaction.atomic
def start_bid(actor: User, round_: Round, *, title: str, system_problem=None) -> Bid:
    """A leader starts a draft bid on an open round. They need a leader profile: it says they are a
    clinical or care professional working in south east London, and for which organisation. Started from a
    problem in the register, the bid names that problem (while work can still attach to it)."""
    now = timezone.now()
    if not round_.is_open(now):
        raise ValidationError("This round is not open for bids.")
    profile = _profile(actor)
    if profile is None:
        raise ValidationError(
            "Set up your leader profile before you start a bid: it tells the panel your profession and organisation."
        )
    if Bid.objects.filter(round=round_, lead=actor).exclude(state=BidState.WITHDRAWN).exists():
        raise ValidationError("You already have a bid in this round.")
    if system_problem is not None and not attachable_problems().filter(pk=system_problem.pk).exists():
        raise ValidationError("That problem is adopted or closed: a new bid cannot name it.")
    try:
        with transaction.atomic():
            bid = Bid.objects.create(round=round_, lead=actor, lead_organisation=profile.organisation, title=title,
                                     system_problem=system_problem)
    except IntegrityError as exc:
        raise ValidationError("You already have a bid in this round.") from exc
    workflow.start(bid, actor, note="Started", at=now)
    return bid


def lock_for_edit(actor: User, bid: Bid) -> Bid:
    bid = lock_bid(bid.pk)
    if not is_applicant(actor, bid):
        raise PermissionDenied("Only the bid's lead and co-applicants can change it.")
    if bid.state not in APPLICANT_EDITABLE:
        raise ValidationError("This bid can no longer be changed.")
    if timezone.now() >= bid.deadline:
        if bid.version > 1:
            raise ValidationError(
                f"The resubmission deadline was {nhs_datetime(bid.deadline)}. The bid can no longer be changed."
            )
        raise ValidationError(
            f"The round closed on {nhs_datetime(bid.round.closes_at)}. Bids can no longer be changed."
        )
    return bid


def _keep_submitted_complete(bid: Bid) -> None:
    """A submitted bid may be changed until the deadline, but must stay ready to assess."""
    if bid.state == BidState.SUBMITTED:
        problems = submission_problems(bid)
        if problems:
            errors: dict[str, list[str]] = {}
            for number, problem in enumerate(problems):
                message = ("Your bid is submitted, so it must stay complete. " if number == 0 else "") + problem.message
                errors.setdefault(problem.field or NON_FIELD_ERRORS, []).append(message)
            raise ValidationError(errors)


@transaction.atomic
def update_bid(actor: User, bid: Bid, **values) -> Bid:
    """Save one section of the task list: any of the text sections, ``functions`` and ``partners``."""
    bid = lock_for_edit(actor, bid)
    for name in TEXT_SECTIONS:
        if name in values:
            setattr(bid, name, values[name].strip())
    if "system_problem" in values:
        bid.system_problem = values["system_problem"]
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
    bid = lock_for_edit(actor, bid)
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
    bid = lock_for_edit(actor, bid)
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


def organisation_count(bid: Bid) -> int:
    """The organisations taking part: the lead's and the partners (a co-applicant's organisation is added
    to the partners when they accept the invitation)."""
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
            problems.append(Problem("about", f"Describe {words} in 'About the project'", field))
    if round_.require_priority_function and not bid.functions.exists():
        problems.append(
            Problem("functions", "Choose at least one of the 10 priority functions your project serves", "functions")
        )
    count = organisation_count(bid)
    if count < round_.min_partner_organisations:
        problems.append(
            Problem(
                "partners",
                f"Your bid involves {count} organisation{'s' if count != 1 else ''}. This round needs at least "
                f"{round_.min_partner_organisations}: add partner organisations or invite co-applicants from "
                "other organisations",
                "partners",
            )
        )
    involvement = {"ppi": "how patients and the public are involved", "outcomes": "the outcomes you expect",
                   "measures": "how you will measure the outcomes"}
    for field, words in involvement.items():
        if not getattr(bid, field).strip():
            problems.append(Problem("involvement", f"Describe {words}", field))
    if bid.amount_requested is None:
        problems.append(Problem("budget", "Enter the amount you are asking for", "amount_requested"))
    else:
        if not round_.min_award <= bid.amount_requested <= round_.max_award:
            problems.append(
                Problem(
                    "budget", f"Ask for an amount from {money(round_.min_award)} to {money(round_.max_award)}",
                    "amount_requested",
                )
            )
        total = budget_total(bid)
        if not bid.budget_lines.exists():
            problems.append(
                Problem(
                    "budget", "Add the budget lines that make up the amount you are asking for", "line_1_description"
                )
            )
        elif total != bid.amount_requested:
            problems.append(
                Problem(
                    "budget",
                    f"Your budget lines add up to {money(total)} but you are asking for "
                    f"{money(bid.amount_requested)}. Make them the same",
                    "line_1_amount",
                )
            )
    answered = set(bid.answers.values_list("question_id", flat=True))
    for question in round_.questions.all():
        if question.pk not in answered:
            problems.append(Problem("questions", f"Answer the question '{question.text}'", f"question_{question.pk}"))
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
    bid = lock_for_edit(actor, bid)
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
    people = [bid.lead, *[c.user for c in bid.coapplicants.accepted().select_related("user")]]
    for person in people:
        email_user_after_commit(
            f"cf-submitted-{record.pk}-{person.pk}",
            "cf_bid_submitted",
            person,
            {"bid_title": bid.title, "round_title": bid.round.title, "closes": nhs_datetime(bid.round.closes_at),
             "bid_path": reverse("challenge_fund:bid", args=[bid.pk])},
        link=reverse("challenge_fund:bid", args=[bid.pk]),
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
            f"The resubmission deadline was {nhs_datetime(bid.resubmit_by)}. The bid can no longer be revised."
        )
    freeze_version(bid)
    bid.version += 1
    bid.submitted_at = None
    bid.save(update_fields=["version", "submitted_at", "updated_at"])
    transition(bid, BidState.DRAFT, actor, note=f"Revising: version {bid.version}")
    return bid

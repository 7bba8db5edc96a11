"""Writes for recruitment to vacant leadership roles (NHSEI framework point 5).

Each takes the acting person, checks their permission and the invariants, and saves with history (the
acting person and the time are the history's author and date). Every change of an application's state goes
through :func:`move_application`; appointing someone sets the role's holder through
:func:`governance.roles.services.save_role`, so the WTE check across a person's roles applies.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.models import LeaderProfile
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date
from governance.models import (
    MAX_CRITERION_SCORE,
    VACANCY_APPLICATION_WORKFLOW,
    ApplicationState,
    CriterionKind,
    CriterionScore,
    LeadershipRole,
    Vacancy,
    VacancyApplication,
    VacancyCriterion,
    VacancyState,
)
from governance.roles.services import ROLE_FIELDS, save_role
from governance.talent import services as talent_services

log = logging.getLogger(__name__)
S = ApplicationState

MANAGE = "governance.manage_recruitment"
NOT_ALLOWED = "Only the governance secretariat can run recruitment to leadership roles."
MAX_STATEMENT = 10000

# Where each state may go next: declared once, on the machine.
TRANSITIONS = VACANCY_APPLICATION_WORKFLOW.moves
NEEDS_REASON = {S.SHORTLISTED, S.NOT_SHORTLISTED, S.APPOINTED, S.UNSUCCESSFUL}
STILL_IN = {S.APPLIED, S.SHORTLISTED, S.INTERVIEWED}  # may withdraw
CHANGE_REASONS = {
    S.SHORTLISTED: "shortlisted", S.NOT_SHORTLISTED: "not shortlisted", S.INTERVIEWED: "interviewed",
    S.APPOINTED: "appointed", S.UNSUCCESSFUL: "not successful", S.WITHDRAWN: "withdrawn",
}


def _check(actor) -> None:
    """The secretariat, or workflow.SYSTEM (demo data). None raises: say who acts."""
    if not workflow.is_system(actor) and not actor.has_perm(MANAGE):
        raise PermissionDenied(NOT_ALLOWED)


def _for_history(obj, actor, reason: str) -> None:
    if not workflow.is_system(actor):
        obj._history_user = actor
    obj._change_reason = reason


def _save(obj, actor, reason: str) -> None:
    _for_history(obj, actor, reason)
    obj.save()


def _move(application: VacancyApplication, to_state: str, actor, reason: str, note: str = "") -> None:
    """Move through the workflow: one full save (so the history keeps who, when and why) and one log row."""
    _for_history(application, actor, reason)
    workflow.move(application, to_state, actor, note=note[:300], update_fields=None)


def _lines(text: str) -> list[str]:
    seen, lines = set(), []
    for line in (text or "").splitlines():
        line = " ".join(line.strip(" -•*\t").split())
        if line and line.lower() not in seen:
            seen.add(line.lower())
            lines.append(line)
    return lines


def accepting_applications(vacancy: Vacancy, today: date | None = None) -> bool:
    """Open, and the closing date (London time) has not passed."""
    today = today or timezone.localdate()
    return vacancy.state == VacancyState.OPEN and today <= vacancy.closes_on


# --- Publishing -----------------------------------------------------------------------------------


@transaction.atomic
def publish_vacancy(actor, role: LeadershipRole, *, about: str, how_to_apply: str, closes_on: date,
                    essential: str, desirable: str = "", today: date | None = None) -> Vacancy:
    """Publish the vacant ``role`` with its person specification (``essential`` and ``desirable`` hold
    one criterion a line). Raises ValidationError with field errors; nothing is saved then."""
    _check(actor)
    today = today or timezone.localdate()
    role = LeadershipRole.objects.select_for_update().get(pk=role.pk)
    essential_lines, desirable_lines = _lines(essential), _lines(desirable)
    errors = {}
    if role.holder_id is not None:
        errors["role"] = f"{role.title} is held by someone, so it is not vacant. Choose a vacant role."
    elif role.end_date is not None and role.end_date < today:
        errors["role"] = f"{role.title} ended on {nhs_date(role.end_date)}. Choose a role that has not ended."
    elif Vacancy.objects.filter(role=role, state=VacancyState.OPEN).exists():
        errors["role"] = f"{role.title} already has an open vacancy."
    if not (about or "").strip():
        errors["about"] = "Enter what the role does"
    if not (how_to_apply or "").strip():
        errors["how_to_apply"] = "Enter how to apply"
    if closes_on is None:
        errors["closes_on"] = "Enter the closing date"
    elif closes_on < today:
        errors["closes_on"] = "The closing date must be today or in the future"
    if not essential_lines:
        errors["essential"] = "Enter at least one essential criterion"
    if any(len(line) > 300 for line in essential_lines + desirable_lines):
        errors["essential" if any(len(line) > 300 for line in essential_lines) else "desirable"] = (
            "Each criterion must be 300 characters or fewer"
        )
    overlap = {line.lower() for line in essential_lines} & {line.lower() for line in desirable_lines}
    if overlap:
        errors["desirable"] = "A criterion cannot be both essential and desirable. Remove it from one list."
    if errors:
        raise ValidationError(errors)
    vacancy = Vacancy(role=role, about=about.strip(), how_to_apply=how_to_apply.strip(), closes_on=closes_on,
                      published_by=workflow.user_or_none(actor))
    vacancy.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            _save(vacancy, actor, "published")
    except IntegrityError as exc:
        raise ValidationError({"role": f"{role.title} already has an open vacancy."}) from exc
    VacancyCriterion.objects.bulk_create(
        [VacancyCriterion(vacancy=vacancy, kind=CriterionKind.ESSENTIAL, text=text, position=position)
         for position, text in enumerate(essential_lines)]
        + [VacancyCriterion(vacancy=vacancy, kind=CriterionKind.DESIRABLE, text=text, position=position)
           for position, text in enumerate(desirable_lines)]
    )
    log.info("vacancy pk=%s published for role pk=%s by=%s", vacancy.pk, role.pk, actor.pk)
    # Members of the network's talent pool who asked for alerts and match the role: emailed after commit.
    talent_services.send_vacancy_alerts(vacancy, today)
    return vacancy


# --- Applying and withdrawing ---------------------------------------------------------------------


@transaction.atomic
def apply(applicant: User, vacancy: Vacancy, statement: str, today: date | None = None) -> VacancyApplication:
    """``applicant`` applies to ``vacancy`` with their supporting statement. Their leader profile gives
    the profession, organisation and borough recorded with the application. Once per vacancy, before the
    end of the closing date (London time)."""
    if applicant is None or not applicant.is_authenticated or not applicant.is_active:
        raise PermissionDenied("Sign in to apply.")
    vacancy = Vacancy.objects.select_for_update(of=("self",)).select_related("role").get(pk=vacancy.pk)
    statement = (statement or "").strip()
    if not accepting_applications(vacancy, today):
        raise ValidationError(
            f"Applications for {vacancy.role.title} closed at 11:59pm on {nhs_date(vacancy.closes_on)}."
            if vacancy.state == VacancyState.OPEN else f"{vacancy.role.title} has been filled."
        )
    if VacancyApplication.objects.filter(vacancy=vacancy, applicant=applicant).exists():
        raise ValidationError("You have already applied for this role. You can apply once for each vacancy.")
    profile = LeaderProfile.objects.filter(user=applicant).first()
    if profile is None:
        raise ValidationError("Create your leader profile before you apply: it gives your profession and organisation.")
    errors = {}
    if not statement:
        errors["statement"] = "Enter your supporting statement"
    elif len(statement) > MAX_STATEMENT:
        errors["statement"] = f"Your supporting statement must be {MAX_STATEMENT:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    application = VacancyApplication(
        vacancy=vacancy, applicant=applicant, statement=statement, profession_id=profile.profession_id,
        organisation_id=profile.organisation_id, borough_id=profile.borough_id,
    )
    try:
        with transaction.atomic():
            _save(application, applicant, "applied")
    except IntegrityError as exc:
        raise ValidationError("You have already applied for this role. You can apply once for each vacancy.") from exc
    workflow.start(application, applicant, at=application.submitted_at)
    log.info("vacancy application pk=%s made to vacancy pk=%s", application.pk, vacancy.pk)
    return application


def withdraw(applicant: User, application: VacancyApplication) -> VacancyApplication:
    """The applicant withdraws their own application (while the vacancy is open)."""
    if applicant is None or workflow.is_system(applicant) or application.applicant_id != applicant.pk:
        raise PermissionDenied("You can only withdraw your own application.")
    return move_application(applicant, application, S.WITHDRAWN, "")


# --- Scoring, shortlisting and appointing ---------------------------------------------------------


@transaction.atomic
def score_application(actor, application: VacancyApplication, scores: dict) -> int:
    """Record the secretariat's scores: ``scores`` is ``{criterion pk: (score, reason)}``. Each score is
    0 to 3 with a reason. Returns how many scores changed."""
    _check(actor)
    application = _lock(application, "vacancy")
    if application.vacancy.state != VacancyState.OPEN:
        raise ValidationError("This vacancy has been filled, so its scores can no longer change.")
    if application.state == S.WITHDRAWN:
        raise ValidationError("This application has been withdrawn, so it cannot be scored.")
    criteria = {criterion.pk: criterion for criterion in application.vacancy.criteria.all()}
    errors = {}
    for pk, (score, reason) in scores.items():
        if pk not in criteria:
            raise ValidationError("Score this vacancy's criteria only.")
        if score is None:
            continue
        if not 0 <= score <= MAX_CRITERION_SCORE:
            errors[f"score_{pk}"] = f"Give a score from 0 to {MAX_CRITERION_SCORE}"
        if not (reason or "").strip():
            errors[f"reason_{pk}"] = f"Enter the reason for the score against '{criteria[pk].text}'"
    if errors:
        raise ValidationError(errors)
    existing = {score.criterion_id: score for score in application.scores.all()}
    changed = 0
    for pk, (score, reason) in scores.items():
        if score is None:
            continue
        reason = reason.strip()
        current = existing.get(pk)
        if current is not None and (current.score, current.reason) == (score, reason):
            continue
        record = current or CriterionScore(application=application, criterion=criteria[pk])
        record.score, record.reason, record.scored_by = score, reason, workflow.user_or_none(actor)
        _save(record, actor, "scored" if current is None else "score changed")
        changed += 1
    return changed


@transaction.atomic
def move_application(actor, application: VacancyApplication, to_state: str, reason: str = "", *,
                     interview_notes: str = "", confirm_overtime: bool = False) -> VacancyApplication:
    """The one way an application changes state, kept in its history with who and when.

    The applicant may only withdraw; everything else is for the secretariat. Shortlisting, not
    shortlisting, appointing and turning down need a reason. Appointing someone who was shortlisted
    makes them the role's holder through :func:`governance.roles.services.save_role` (so their WTE across roles
    may not go over 1.0 unless ``confirm_overtime``), closes the vacancy, and tells everyone else still in
    it by email that they were not successful.
    """
    application = _lock(application, "vacancy__role", "applicant")
    vacancy = application.vacancy
    if to_state not in S.values:
        raise ValidationError("Choose what to do with the application.")
    if to_state == S.WITHDRAWN:
        if workflow.is_system(actor) or actor.pk != application.applicant_id:
            _check(actor)  # the secretariat may record a withdrawal they were told about
    else:
        _check(actor)
    reason = (reason or "").strip()
    from_state = application.state
    if vacancy.state != VacancyState.OPEN and to_state != S.UNSUCCESSFUL:
        raise ValidationError(f"{vacancy.role.title} has been filled, so its applications can no longer change.")
    if to_state == S.APPOINTED and from_state not in {S.SHORTLISTED, S.INTERVIEWED} and from_state != to_state:
        raise ValidationError("Only a shortlisted applicant can be appointed. Shortlist them first, with a reason.")
    if from_state == S.APPLIED and to_state == S.UNSUCCESSFUL:
        # The machine allows it for an appointment's turn-downs; as a decision, not shortlisting comes first.
        raise ValidationError("Decide on the shortlist first: mark the application as not shortlisted, with a reason.")
    if not VACANCY_APPLICATION_WORKFLOW.allows(from_state, to_state):
        raise workflow.NotAllowed(VACANCY_APPLICATION_WORKFLOW.refusal(from_state, to_state))
    if to_state in NEEDS_REASON and not reason:
        raise ValidationError({"reason": "Enter the reason for this decision"})
    if to_state == S.SHORTLISTED:
        application.shortlisted_at = timezone.now()
        application.shortlist_reason = reason
    elif to_state == S.NOT_SHORTLISTED:
        application.shortlist_reason = reason
    elif to_state == S.INTERVIEWED:
        application.interview_notes = (interview_notes or reason).strip()
    elif to_state in {S.APPOINTED, S.UNSUCCESSFUL}:
        application.outcome_reason = reason
    if to_state == S.APPOINTED:
        _appoint(actor, vacancy, application, reason, confirm_overtime)
    _move(application, to_state, actor, CHANGE_REASONS[to_state], note=reason)
    if to_state == S.APPOINTED:
        _turn_down_the_others(actor, vacancy, application)
    log.info("vacancy application pk=%s %s -> %s by=%s", application.pk, from_state, to_state,
             getattr(actor, "pk", None))
    return application


def _lock(application: VacancyApplication, *related: str) -> VacancyApplication:
    """Lock the application's vacancy, then the application, always in that order: an appointment locks
    the vacancy and then every other application in it, so taking an application's lock first could
    deadlock with it."""
    vacancy_id = VacancyApplication.objects.values_list("vacancy_id", flat=True).get(pk=application.pk)
    Vacancy.objects.select_for_update().filter(pk=vacancy_id).values_list("pk", flat=True).get()
    return VacancyApplication.objects.select_for_update(of=("self",)).select_related(*related).get(pk=application.pk)


def _appoint(actor, vacancy: Vacancy, application: VacancyApplication, reason: str, confirm_overtime: bool) -> None:
    role = vacancy.role
    data = {field: getattr(role, field) for field in ROLE_FIELDS}
    data["holder"] = application.applicant
    data["sessional_overtime_confirmed"] = bool(confirm_overtime or role.sessional_overtime_confirmed)
    try:
        save_role(workflow.user_or_none(actor), role, data)
    except ValidationError as exc:
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"reason": exc.messages}
        if "wte" in messages:
            raise ValidationError({"confirm_overtime": messages["wte"]}) from exc
        raise ValidationError({"reason": [m for ms in messages.values() for m in ms]}) from exc
    vacancy.state = VacancyState.APPOINTED
    vacancy.appointment_reason = reason
    _save(vacancy, actor, "appointed")


def _turn_down_the_others(actor, vacancy: Vacancy, appointed: VacancyApplication) -> None:
    others = (
        VacancyApplication.objects.select_for_update().select_related("applicant")
        .filter(vacancy=vacancy).exclude(pk=appointed.pk)
        .exclude(state__in=[S.WITHDRAWN, S.UNSUCCESSFUL])
    )
    for other in others:
        other.outcome_reason = "Another applicant was appointed."
        _move(other, S.UNSUCCESSFUL, actor, CHANGE_REASONS[S.UNSUCCESSFUL], note="Another applicant was appointed.")
    # Everyone who was turned down, now or before, hears once.
    for other in (
        VacancyApplication.objects.select_related("applicant")
        .filter(vacancy=vacancy, state=S.UNSUCCESSFUL, applicant__is_active=True)
    ):
        email_user_after_commit(
            f"vacancy-unsuccessful:{other.pk}", "vacancy_unsuccessful", other.applicant,
            {"role": vacancy.role.title,
             "url": settings.ACADEMY_SITE_URL + reverse("governance:my_application", args=[other.pk])},
            link=reverse("governance:my_application", args=[other.pk]),
        )



"""Erasure step for governance: a current role or seat holder, or the owner of an open action, is asked to
hand it over first; role and WTE history and meeting attendance are kept by the pseudonym."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from academy.privacy import erasure
from governance.models import Action, LeadershipRole, PulseAnswered, Seat, VacancyApplication, WhosWhoEntry


def blockers(user) -> list[str]:
    today = timezone.localdate()
    reasons = [
        f"You hold the seat “{seat.title}” on the C&CPLG: ask the governance secretariat to end your term first."
        for seat in Seat.objects.filter(holder=user)
    ]
    reasons += [
        f"You hold the leadership role “{role.title}”: ask the governance secretariat to record its end first."
        for role in LeadershipRole.objects.filter(holder=user).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    ]
    if Action.objects.filter(owner=user, completed_at__isnull=True).exists():
        reasons.append(
            "You own open actions from C&CPLG meetings: complete them or ask the governance "
            "secretariat to give them to someone else first."
        )
    return reasons


def erase(user, pseudonym: str) -> None:
    erasure.delete_with_history(WhosWhoEntry, {"user": user})
    # Only that they answered a meeting's pulse: the answers are counted without anyone and stay in the counts.
    PulseAnswered.objects.filter(person=user).delete()
    erasure.scrub(
        VacancyApplication,
        {"applicant": user},
        statement="",
        shortlist_reason="",
        interview_notes="",
        outcome_reason="",
    )


erasure.register(
    "governance",
    models=[
        "governance.Seat",
        "governance.LeadershipRole",
        "governance.Action",
        "governance.Attendance",
        "governance.VacancyApplication",
        "governance.WhosWhoEntry",
        "governance.FrameworkPoint",
        "governance.Vacancy",
        "governance.CriterionScore",
        "governance.ReturnSchedule",
        "governance.ProgressReturn",
        "governance.CareStandard",
        "governance.PulseAnswered",
    ],
    erase=erase,
    blockers=blockers,
    erased=[
        "Your who's who entry",
        "Which meetings' pulses you answered (your answers stay in the counts)",
        "What you wrote when applying for leadership roles, and the panel's notes",
    ],
    kept=[
        "Past leadership roles with their WTE and funding, past seats and meeting attendance, by the "
        "pseudonym, so the Academy's investment and network figures do not change"
    ],
)

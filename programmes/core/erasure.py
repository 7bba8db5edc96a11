"""Erasure step for programmes: applications are kept as counts without what the person wrote; their
reflections go; their replies on others' reflections say they were removed."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.core.models import (
    Application,
    CalendarFeed,
    CohortFaculty,
    Reflection,
    ReflectionReply,
    SystemProblem,
)
from programmes.core.states import ApplicationState

REPLY_REMOVED = "This reply was removed when its author closed their account."
# Applications that would leave someone waiting on a person who no longer exists.
LIVE_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.AWAITING_LINE_MANAGER,
    ApplicationState.UNDER_REVIEW,
    ApplicationState.OFFERED,
    ApplicationState.WAITING_LIST,
)


def blockers(user) -> list[str]:
    reasons = []
    for application in Application.objects.filter(applicant=user, state__in=LIVE_STATES).select_related("cohort"):
        if application.state == ApplicationState.OFFERED:
            reasons.append(f"You have an offer of a place on {application.cohort.title}: accept or decline it first.")
        else:
            reasons.append(
                f"Your application for {application.cohort.title} is still open: withdraw it first "
                "(from My applications)."
            )
    return reasons


def erase(user, pseudonym: str) -> None:
    erasure.scrub(
        Application,
        {"applicant": user},
        answers=[],
        applied_problem="",
        line_manager_name="",
        line_manager_email="",
        sponsor_role="",
    )
    erasure.delete_with_history(Reflection, {"author": user})
    erasure.scrub(ReflectionReply, {"author": user}, text=REPLY_REMOVED)
    CalendarFeed.objects.filter(user=user).delete()
    CohortFaculty.objects.filter(user=user).delete()


erasure.register(
    "programmes",
    models=[
        "programmes_core.Application",
        "programmes_core.Reflection",
        "programmes_core.ReflectionReply",
        "programmes_core.CalendarFeed",
        "programmes_core.CohortFaculty",
        "programmes_core.Programme",
        "programmes_core.Attendance",
        "programmes_core.Certificate",
        "programmes_core.ApplicationScore",
        "programmes_core.CohortMessage",
        "programmes_core.LearningGroup",
    ],
    erase=erase,
    blockers=blockers,
    erased=[
        "Your answers on applications, and your line manager's and sponsor's details",
        "Your reflections (and the replies on them); your replies on others' reflections say they were removed",
        "Your calendar feed and your places as faculty",
    ],
    kept=[
        "That you applied, attended and completed, as counts in cohort figures",
        "Scores, attendance, certificates and messages you recorded as staff, by the pseudonym",
    ],
)


def erase_system_problems(user, pseudonym: str) -> None:
    # A closed account no longer owns a problem in the register: the register then says "Not named".
    SystemProblem.objects.filter(owner=user).update(owner=None)


erasure.register(
    "system_problems",
    models=[
        "programmes_core.SystemProblem",
        "programmes_core.ReportBack",
        "programmes_core.ExternalOffer",
    ],
    erase=erase_system_problems,
    erased=["Your name as the owner of problems in the register of system problems"],
    kept=["Problems, report-backs and other offers you recorded as staff, by the pseudonym"],
)

"""The governance part of a person's data download: C&CPLG seats, meetings and actions, leadership roles,
their job applications and history, progress returns, care standards they proposed, their who's who entry,
and what they did as staff. Recruiters' notes and scores about an applicant are not in the download: the
secretariat provides them on a formal subject access request (docs/privacy-rules-and-check-in-limits.md)."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from governance.models import (
    Action,
    Attendance,
    CareStandard,
    CriterionScore,
    FrameworkPoint,
    LeadershipRole,
    ProgressReturn,
    PulseAnswered,
    ReturnSchedule,
    Seat,
    Vacancy,
    VacancyApplication,
    WhosWhoEntry,
)


@register_exporter(
    "governance",
    title="Governance and leadership roles",
    covers=[
        "governance.Seat.holder",
        "governance.FrameworkPoint.owner",
        "governance.Attendance.person",
        "governance.Action.owner",
        "governance.LeadershipRole.holder",
        "governance.Vacancy.published_by",
        "governance.VacancyApplication.applicant",
        "governance.CriterionScore.scored_by",
        "governance.ReturnSchedule.person",
        "governance.ReturnSchedule.created_by",
        "governance.ProgressReturn.submitted_by",
        "governance.CareStandard.proposed_by",
        "governance.WhosWhoEntry.user",
        "governance.PulseAnswered.person",
    ],
)
def export(person, out: PersonalExport) -> None:
    out.table(
        "ccplg_seats",
        rows(
            Seat.objects.filter(holder=person), ["title", "capability__name", "is_co_chair", "term_starts", "term_ends"]
        ),
    )
    out.table(
        "meetings_attended",
        rows(
            Attendance.objects.filter(person=person).order_by("meeting__starts_at"),
            ["meeting__title", "meeting__starts_at"],
        ),
    )
    out.table(
        "actions",
        rows(Action.objects.filter(owner=person), ["description", "due_date", "completed_at", "completion_note"]),
    )
    out.table(
        "framework_points_owned",
        rows(FrameworkPoint.objects.filter(owner=person), ["number", "title", "rag", "review_date"]),
    )
    out.table(
        "leadership_roles",
        rows(
            LeadershipRole.objects.filter(holder=person),
            [
                "title",
                "function__name",
                "spatial_level",
                "organisation__name",
                "pay_basis",
                "wte",
                "annual_cost",
                "start_date",
                "end_date",
            ],
        ),
    )
    applications = VacancyApplication.objects.filter(applicant=person).order_by("submitted_at")
    out.table(
        "job_applications",
        rows(
            applications,
            [
                "id",
                "vacancy__role__title",
                "statement",
                "profession__name",
                "organisation__name",
                "borough__name",
                "state",
                "submitted_at",
                "shortlisted_at",
            ],
        ),
    )
    out.table(
        "job_application_history",
        [
            {key: value for key, value in row.items() if key != "note"}  # staff notes stay with the recruiters
            for row in transitions_of(VacancyApplication, applications.values_list("pk", flat=True))
        ],
    )
    schedules = ReturnSchedule.objects.filter(person=person)
    out.table(
        "return_schedules", rows(schedules, ["programme", "role__title", "first_due_on", "every_months", "ends_on"])
    )
    out.table(
        "progress_returns",
        rows(
            ProgressReturn.objects.filter(schedule__person=person).order_by("due_on"),
            ["due_on", "state", "progress", "risks", "asks", "submitted_at"],
        ),
    )
    out.table(
        "care_standards_proposed",
        rows(CareStandard.objects.filter(proposed_by=person), ["title", "version", "state", "proposed_at"]),
    )
    # Only that they answered: the answers themselves are counted without the person (PulseTally), so
    # nobody, the person included, can be given them back.
    out.table(
        "meeting_pulses_answered",
        rows(
            PulseAnswered.objects.filter(person=person).order_by("meeting__starts_at"),
            ["meeting__title", "meeting__starts_at"],
        ),
    )
    out.table(
        "whos_who", rows(WhosWhoEntry.objects.filter(user=person), ["contact_email", "public_consent", "updated_at"])
    )
    out.table(
        "records_you_made_as_staff",
        [
            *(
                {"record": "vacancy published", **row}
                for row in rows(Vacancy.objects.filter(published_by=person), ["id", "published_at"])
            ),
            *(
                {"record": "criterion score", **row}
                for row in rows(CriterionScore.objects.filter(scored_by=person), ["id", "application_id", "scored_at"])
            ),
            *(
                {"record": "return schedule", **row}
                for row in rows(ReturnSchedule.objects.filter(created_by=person), ["id", "first_due_on"])
            ),
            *(
                {"record": "return submitted", **row}
                for row in rows(ProgressReturn.objects.filter(submitted_by=person), ["id", "submitted_at"])
            ),
        ],
    )

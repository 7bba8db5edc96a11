"""The programmes part of a person's data download: applications and their history, attendance,
certificates, reflections and replies, scores they gave as a panel member, and what they did as staff."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.core.models import (
    Application,
    ApplicationScore,
    Attendance,
    CalendarFeed,
    Certificate,
    CohortFaculty,
    CohortMessage,
    ExternalOffer,
    LearningGroup,
    LearningGroupMember,
    Programme,
    Reflection,
    ReflectionReply,
    ReportBack,
    SystemProblem,
)


@register_exporter(
    "programmes",
    title="Programmes",
    covers=[
        "programmes_core.Application.applicant",
        "programmes_core.Attendance.recorded_by",
        "programmes_core.Certificate.issued_by",
        "programmes_core.CalendarFeed.user",
        "programmes_core.ApplicationScore.reviewer",
        "programmes_core.CohortMessage.sender",
        "programmes_core.LearningGroup.created_by",
        "programmes_core.CohortFaculty.user",
        "programmes_core.CohortFaculty.added_by",
        "programmes_core.Reflection.author",
        "programmes_core.ReflectionReply.author",
        "programmes_core.Programme.created_by",
    ],
)
def export(person, out: PersonalExport) -> None:
    applications = Application.objects.filter(applicant=person).order_by("created_at")
    out.table(
        "applications",
        rows(
            applications,
            [
                "id",
                "cohort__programme__name",
                "cohort__title",
                "state",
                "answers",
                "applied_problem",
                "priority_function__name",
                "release_route",
                "line_manager_name",
                "line_manager_email",
                "sponsor_role",
                "line_manager_decided_at",
                "protected_time_declared_at",
                "offer_expires_at",
                "submitted_at",
                "alumni",
                "created_at",
                "updated_at",
            ],
        ),
    )
    out.table("application_history", transitions_of(Application, applications.values_list("pk", flat=True)))
    out.table(
        "attendance",
        rows(
            Attendance.objects.filter(application__applicant=person).order_by("session__starts_at"),
            [
                "application_id",
                "session__title",
                "session__starts_at",
                "status",
                "self_checked_in",
                "recorded_at",
            ],
        ),
    )
    out.table(
        "certificates",
        rows(
            Certificate.objects.filter(application__applicant=person),
            ["application_id", "code", "cpd_hours", "issued_at"],
        ),
    )
    out.table(
        "learning_groups",
        rows(
            LearningGroupMember.objects.filter(application__applicant=person),
            ["application_id", "group__kind", "group__number", "group__shared_problem"],
        ),
    )
    out.table(
        "reflections",
        rows(
            Reflection.objects.filter(author=person).order_by("created_at"),
            ["id", "cohort__title", "session__title", "text", "shared", "kept_by_author", "created_at", "updated_at"],
        ),
    )
    out.table(
        "reflection_replies",
        rows(
            ReflectionReply.objects.filter(author=person).order_by("created_at"),
            ["reflection_id", "text", "created_at"],
        ),
    )
    out.table("calendar_feed", rows(CalendarFeed.objects.filter(user=person), ["created_at"]))
    out.table(
        "scores_you_gave",
        rows(
            ApplicationScore.objects.filter(reviewer=person),
            ["application_id", "application__cohort__title", "score", "comment", "updated_at"],
        ),
    )
    out.table("faculty_roles", rows(CohortFaculty.objects.filter(user=person), ["cohort__title", "role", "added_at"]))
    out.table(
        "messages_you_sent",
        rows(
            CohortMessage.objects.filter(sender=person).order_by("sent_at"),
            ["cohort__title", "subject", "body", "sent_at"],
        ),
    )
    # What they recorded as staff: which records, not the other people's data in them.
    out.table(
        "records_you_made_as_staff",
        [
            *(
                {"record": "attendance", **row}
                for row in rows(Attendance.objects.filter(recorded_by=person), ["id", "recorded_at"])
            ),
            *(
                {"record": "certificate", **row}
                for row in rows(Certificate.objects.filter(issued_by=person), ["id", "issued_at"])
            ),
            *(
                {"record": "faculty member added", **row}
                for row in rows(CohortFaculty.objects.filter(added_by=person), ["id", "added_at"])
            ),
            *(
                {"record": "learning group", **row}
                for row in rows(LearningGroup.objects.filter(created_by=person), ["id", "created_at"])
            ),
            *(
                {"record": "programme", **row}
                for row in rows(Programme.objects.filter(created_by=person), ["id", "name"])
            ),
        ],
    )


@register_exporter(
    "system_problems",
    title="System problems and other offers",
    covers=[
        "programmes_core.SystemProblem.owner",
        "programmes_core.SystemProblem.created_by",
        "programmes_core.ReportBack.recorded_by",
        "programmes_core.ExternalOffer.created_by",
    ],
)
def export_system_problems(person, out: PersonalExport) -> None:
    out.table(
        "system_problems_you_own",
        rows(
            SystemProblem.objects.filter(owner=person).order_by("pk"),
            ["id", "title", "board", "state", "created_at"],
        ),
    )
    out.table(
        "system_problems_you_added",
        rows(SystemProblem.objects.filter(created_by=person).order_by("pk"), ["id", "title", "created_at"]),
    )
    out.table(
        "report_backs_you_recorded",
        rows(
            ReportBack.objects.filter(recorded_by=person).order_by("pk"),
            ["problem_id", "board", "reported_on", "decision", "recorded_at"],
        ),
    )
    out.table(
        "other_offers_you_added",
        rows(ExternalOffer.objects.filter(created_by=person).order_by("pk"), ["id", "name", "created_at"]),
    )

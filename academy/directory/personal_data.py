"""The directory part of a person's data download: their leader profile and their equality answers."""

from academy.directory.models import EqualityMonitoring, LeaderProfile
from academy.privacy.personal_data import PersonalExport, register_exporter, rows


@register_exporter(
    "directory",
    title="Profile and equality answers",
    covers=["directory.LeaderProfile.user", "directory.EqualityMonitoring.user"],
)
def export(person, out: PersonalExport) -> None:
    out.table(
        "leader_profile",
        rows(
            LeaderProfile.objects.filter(user=person),
            [
                "job_title",
                "profession__name",
                "organisation__name",
                "borough__name",
                "leader_group__name",
                "career_stage",
                "formal_system_roles",
                "line_manager_name",
                "line_manager_email",
                "no_line_manager_reason",
                "no_line_manager_detail",
                "listed_in_directory",
                "created_at",
                "updated_at",
            ],
        ),
    )
    out.table(
        "equality_answers",
        rows(
            EqualityMonitoring.objects.filter(user=person),
            [
                "consented_at",
                "ethnicity",
                "sex",
                "gender_identity_same_as_birth",
                "sexual_orientation",
                "disability",
                "age_band",
                "religion",
                "updated_at",
            ],
        ),
    )

"""The reports part of a person's data download: the reports and downloads they asked for."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from academy.reports.models import ReportJob


@register_exporter("reports", title="Reports you asked for", covers=["reports.ReportJob.owner"])
def export(person, out: PersonalExport) -> None:
    out.table(
        "reports",
        rows(
            ReportJob.objects.filter(owner=person).order_by("created_at"),
            ["kind", "status", "created_at", "finished_at", "filename"],
        ),
    )

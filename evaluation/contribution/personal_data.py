"""The contribution log part of a person's data download: the innovations they proposed or recorded."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from evaluation.contribution.models import Entry

FIELDS = ["id", "title", "description", "stage", "owner", "source_text", "board", "created_at"]


@register_exporter("evaluation_contribution", title="Contribution log",
                   covers=["evaluation_contribution.Entry.proposed_by", "evaluation_contribution.Entry.recorded_by"])
def export(person, out: PersonalExport) -> None:
    out.table("innovations_proposed", rows(Entry.objects.filter(proposed_by=person).order_by("created_at"), FIELDS))
    out.table("innovations_recorded", rows(Entry.objects.filter(recorded_by=person).order_by("created_at"), FIELDS))

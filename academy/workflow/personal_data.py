"""The workflow part of a person's data download: the changes of state they made (as staff or as themselves).
The history of their own applications and bids is in each app's part."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from academy.workflow.models import Transition


@register_exporter("workflow", title="Changes you made", covers=["workflow.Transition.actor"])
def export(person, out: PersonalExport) -> None:
    out.table(
        "changes_you_made",
        rows(
            Transition.objects.filter(actor=person).order_by("at"),
            ["at", "machine", "object_id", "from_state", "to_state", "note"],
        ),
    )

"""Vacancy applications kept their state changes only in their field history (simple_history). Copy each
change of state from that history into the one workflow log, keeping its time and who made it, with the
decision's reason as the note. The field history stays: it records every field, not only the state."""

from django.db import migrations

BATCH = 2000
MACHINE = "governance.vacancy_application"
REASON_FIELD = {
    "shortlisted": "shortlist_reason",
    "not_shortlisted": "shortlist_reason",
    "interviewed": "interview_notes",
    "appointed": "outcome_reason",
    "unsuccessful": "outcome_reason",
}


def copy_to_workflow(apps, schema_editor):
    History = apps.get_model("governance", "HistoricalVacancyApplication")
    Application = apps.get_model("governance", "VacancyApplication")
    Transition = apps.get_model("workflow", "Transition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="governance", model="vacancyapplication")
    existing = set(Application.objects.values_list("pk", flat=True))
    batch, last_id, last_state = [], None, ""
    rows = History.objects.exclude(history_type="-").order_by("id", "history_date", "history_id")
    for row in rows.iterator(chunk_size=BATCH):
        if row.id != last_id:
            last_id, last_state = row.id, ""
        if row.state == last_state or row.id not in existing:
            continue
        batch.append(Transition(
            content_type_id=content_type.pk, object_id=row.id, machine=MACHINE, from_state=last_state,
            to_state=row.state, actor_id=row.history_user_id,
            note=(getattr(row, REASON_FIELD.get(row.state, ""), "") or "")[:300] if row.state in REASON_FIELD else "",
            at=row.history_date,
        ))
        last_state = row.state
        if len(batch) >= BATCH:
            Transition.objects.bulk_create(batch)
            batch = []
    Transition.objects.bulk_create(batch)


def remove_copies(apps, schema_editor):
    apps.get_model("workflow", "Transition").objects.filter(machine=MACHINE).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("governance", "0010_priority_functions_leave_governance"),
        ("workflow", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_to_workflow, remove_copies)]

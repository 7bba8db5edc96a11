"""Move every bid transition into the one workflow log, keeping its times, actors and notes, then remove
the old log."""

from django.db import migrations

BATCH = 2000


def copy_to_workflow(apps, schema_editor):
    Old = apps.get_model("challenge_fund", "BidTransition")
    Transition = apps.get_model("workflow", "Transition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="challenge_fund", model="bid")
    batch = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(Transition(
            content_type_id=content_type.pk, object_id=old.bid_id, machine="challenge_fund.bid",
            from_state=old.from_state, to_state=old.to_state, actor_id=old.by_id, note=old.note, at=old.at,
        ))
        if len(batch) >= BATCH:
            Transition.objects.bulk_create(batch)
            batch = []
    Transition.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Old = apps.get_model("challenge_fund", "BidTransition")
    Transition = apps.get_model("workflow", "Transition")
    rows = Transition.objects.filter(machine="challenge_fund.bid").order_by("at", "pk")
    Old.objects.bulk_create(
        [Old(bid_id=t.object_id, from_state=t.from_state, to_state=t.to_state, by_id=t.actor_id, note=t.note,
             at=t.at) for t in rows.iterator(chunk_size=BATCH)],
        batch_size=BATCH,
    )
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("challenge_fund", "0008_priority_functions_in_the_directory"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_workflow, copy_back),
        migrations.DeleteModel(name="BidTransition"),
    ]

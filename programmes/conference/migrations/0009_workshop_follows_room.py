"""A workshop's capacity follows its room until the team sets another number. Workshops whose capacity is no
longer their room's seats in the latest released version were set by the team, so they do not follow."""

from django.db import migrations, models


def mark_set_capacities(apps, schema_editor):
    Workshop = apps.get_model("conference", "Workshop")
    ScheduleVersion = apps.get_model("conference", "ScheduleVersion")
    Room = apps.get_model("conference", "Room")
    seats = dict(Room.objects.values_list("pk", "capacity"))
    snapshots = {}
    for workshop in Workshop.objects.order_by("pk"):
        if workshop.edition_id not in snapshots:
            version = ScheduleVersion.objects.filter(edition_id=workshop.edition_id).order_by("-number").first()
            snapshots[workshop.edition_id] = version.snapshot if version else {}
        entry = snapshots[workshop.edition_id].get(str(workshop.proposal_id))
        if entry is not None and seats.get(entry["room_id"]) != workshop.capacity:
            Workshop.objects.filter(pk=workshop.pk).update(follows_room=False)


class Migration(migrations.Migration):
    dependencies = [
        ("conference", "0008_workshop_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="workshop",
            name="follows_room",
            field=models.BooleanField(
                default=True,
                help_text="The capacity is the seats of the workshop's room, and changes with a move to another "
                "room, until the team sets another number.",
            ),
        ),
        migrations.RunPython(mark_set_capacities, migrations.RunPython.noop),
    ]

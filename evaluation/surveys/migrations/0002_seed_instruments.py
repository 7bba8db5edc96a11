"""The Academy's own questionnaires, live as version 1: capability and confidence (level 2 and 4),
session reaction (level 1) and the line manager's view (level 3)."""

from django.db import migrations
from django.utils import timezone

from evaluation.surveys.reference import SEEDED


def load(apps, schema_editor):
    Instrument = apps.get_model("evaluation_surveys", "Instrument")
    Version = apps.get_model("evaluation_surveys", "InstrumentVersion")
    Item = apps.get_model("evaluation_surveys", "Item")
    for name, purpose, items in SEEDED:
        instrument, created = Instrument.objects.get_or_create(name=name, defaults={"purpose": purpose})
        if not created:
            continue
        version = Version.objects.create(instrument=instrument, number=1, state="live", published_at=timezone.now())
        for position, (kind, text, construct, options) in enumerate(items, start=1):
            Item.objects.create(
                version=version, position=position, kind=kind, text=text, construct=construct, options=options
            )


def unload(apps, schema_editor):
    Instrument = apps.get_model("evaluation_surveys", "Instrument")
    Instrument.objects.filter(name__in=[name for name, _, _ in SEEDED], versions__waves__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation_surveys", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

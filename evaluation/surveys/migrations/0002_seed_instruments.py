"""The Academy's own questionnaires, live as version 1: capability and confidence (level 2 and 4),
session reaction (level 1) and the line manager's view (level 3)."""

from django.db import migrations

from evaluation.surveys import reference


def load(apps, schema_editor):
    reference.load(apps)


def unload(apps, schema_editor):
    Instrument = apps.get_model("evaluation_surveys", "Instrument")
    names = [name for name, _, _ in reference.SEEDED]
    Instrument.objects.filter(name__in=names, versions__waves__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation_surveys", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

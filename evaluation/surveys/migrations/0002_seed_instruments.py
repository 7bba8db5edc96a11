"""The Academy's own questionnaires, live as version 1: capability and confidence (level 2 and 4),
session reaction (level 1) and the line manager's view (level 3)."""

from django.db import migrations

from evaluation.surveys import reference


def load(apps, schema_editor):
    reference.load(apps)


class Migration(migrations.Migration):
    dependencies = [("evaluation_surveys", "0001_initial")]
    # Going back needs nothing here: unapplying 0001 drops the tables. (Deleting through the migration's
    # historical models cascaded into a model state Django could not match, and failed.)
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

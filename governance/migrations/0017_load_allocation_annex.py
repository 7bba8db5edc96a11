"""Loads the annex of seed 001 as the first allocation model (governance.allocation.annex)."""

from django.db import migrations

from governance.allocation import annex


def load(apps, schema_editor):
    annex.load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0016_allocation_model"),
        ("directory", "0006_leaders_without_line_manager"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

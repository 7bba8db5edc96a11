from django.db import migrations


def load(apps, schema_editor):
    from programmes.core.reference import load as load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("programmes_core", "0001_initial"), ("directory", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

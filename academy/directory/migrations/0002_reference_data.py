from django.db import migrations


def load(apps, schema_editor):
    from academy.directory.reference import load as load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations


def load(apps, schema_editor):
    from governance.reference.seed import load_governance

    load_governance(apps)


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_reference_and_ccplg_seats")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

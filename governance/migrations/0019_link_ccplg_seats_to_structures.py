"""Links the C&CPLG seats whose holders lead on an ICS structure to it (governance.allocation.annex)."""

from django.db import migrations

from governance.allocation import annex


def link(apps, schema_editor):
    annex.link_seats(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0018_ccplg_seat_structure"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]

"""Point at the priority functions in their new app (the foundation); the tables do not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('challenge_fund', '0007_bid_versions_and_resubmission'),
        ('directory', '0004_priority_functions_join_the_directory'),
    ]

    operations = [
        # The table is the same one: only Django's idea of which app owns the model changes here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='bid',
                    name='functions',
                    field=models.ManyToManyField(blank=True, related_name='cf_bids', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='historicalbid_functions',
                    name='priorityfunction',
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.priorityfunction'),
                ),
            ],
        ),
    ]

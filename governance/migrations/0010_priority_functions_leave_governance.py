"""The priority functions now belong to the directory (the foundation); governance points at them there."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('challenge_fund', '0008_priority_functions_in_the_directory'),
        ('programmes_core', '0008_priority_functions_in_the_directory'),
        ('directory', '0004_priority_functions_join_the_directory'),
        ('governance', '0009_framework_assessment_and_programme_spend'),
    ]

    operations = [
        # The table is the same one: only Django's idea of which app owns the model changes here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='leadershiprole',
                    name='function',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='roles', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='historicalagendaitem',
                    name='function',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='agendaitem',
                    name='function',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='agenda_items', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='historicalleadershiprole',
                    name='function',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.priorityfunction'),
                ),
                migrations.DeleteModel(
                    name='HistoricalPriorityFunction',
                ),
                migrations.DeleteModel(
                    name='PriorityFunction',
                ),
            ],
        ),
    ]

"""Point at the priority functions in their new app (the foundation); the tables do not change."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0004_priority_functions_join_the_directory'),
        ('programmes_core', '0007_learning_log'),
    ]

    operations = [
        # The table is the same one: only Django's idea of which app owns the model changes here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='application',
                    name='priority_function',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='cohort',
                    name='priority_functions',
                    field=models.ManyToManyField(blank=True, related_name='cohorts', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='historicalapplication',
                    name='priority_function',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='historicalcohort_priority_functions',
                    name='priorityfunction',
                    field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='historicallearninggroup',
                    name='priority_function',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='directory.priorityfunction'),
                ),
                migrations.AlterField(
                    model_name='learninggroup',
                    name='priority_function',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='learning_groups', to='directory.priorityfunction'),
                ),
            ],
        ),
    ]

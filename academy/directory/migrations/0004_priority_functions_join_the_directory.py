"""The 10 priority functions move from governance to the foundation (the directory's reference data), keeping
every row and id: the model joins this app over its old tables, which 0005 then renames."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0009_framework_assessment_and_programme_spend'),
        ('directory', '0003_profession_history'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The table is the same one: only Django's idea of which app owns the model changes here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PriorityFunction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(unique=True)),
                        ('name', models.CharField(max_length=200, unique=True)),
                        ('definition', models.TextField()),
                    ],
                    options={
                        'ordering': ['number'],
                        'db_table': 'governance_priorityfunction',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalPriorityFunction',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField(db_index=True)),
                        ('name', models.CharField(db_index=True, max_length=200)),
                        ('definition', models.TextField()),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical priority function',
                        'verbose_name_plural': 'historical priority functions',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                        'db_table': 'governance_historicalpriorityfunction',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AlterField(
                    model_name='leaderprofile',
                    name='interests',
                    field=models.ManyToManyField(blank=True, related_name='interested_profiles', to='directory.priorityfunction'),
                ),
            ],
        ),
    ]

"""The 10 priority functions moved from governance to the foundation with every row, id and link kept."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("directory", "0003_profession_history"),
    ("governance", "0009_framework_assessment_and_programme_spend"),
    ("programmes_core", "0007_learning_log"),
    ("challenge_fund", "0007_bid_versions_and_resubmission"),
]
AFTER = [("directory", "0005_priority_function_tables_renamed")]


@pytest.mark.django_db(transaction=True)
def test_moving_the_priority_functions_keeps_rows_ids_and_links():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Function = old.get_model("governance", "PriorityFunction")
    Cohort = old.get_model("programmes_core", "Cohort")
    before = dict(Function.objects.values_list("id", "name"))
    assert len(before) == 10
    cohort = Cohort.objects.filter(priority_functions__isnull=False).first()
    linked = sorted(cohort.priority_functions.values_list("id", flat=True)) if cohort else []

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.contenttypes.models import ContentType

    from academy.directory.models import PriorityFunction
    from programmes.core.models import Cohort as LiveCohort

    assert dict(PriorityFunction.objects.values_list("id", "name")) == before
    if cohort:
        assert sorted(LiveCohort.objects.get(pk=cohort.pk).priority_functions.values_list("id", flat=True)) == linked
    assert PriorityFunction._meta.db_table == "directory_priorityfunction"
    assert ContentType.objects.get_for_model(PriorityFunction).app_label == "directory"
    assert not ContentType.objects.filter(app_label="governance", model="priorityfunction").exists()
    # A new row still takes the next id from the table's own identity sequence.
    made = PriorityFunction.objects.create(number=99, name="A test function", definition="Test.")
    assert made.pk > max(before)
    made.delete()

"""Rename the priority functions' tables after the app that now owns them, and move their content types
(so permissions and admin history follow them)."""

from django.db import migrations


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("priorityfunction", "historicalpriorityfunction"):
        if not ContentType.objects.filter(app_label="directory", model=model).exists():
            ContentType.objects.filter(app_label="governance", model=model).update(app_label="directory")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("priorityfunction", "historicalpriorityfunction"):
        if not ContentType.objects.filter(app_label="governance", model=model).exists():
            ContentType.objects.filter(app_label="directory", model=model).update(app_label="governance")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0004_priority_functions_join_the_directory"),
        ("governance", "0010_priority_functions_leave_governance"),
    ]

    operations = [
        migrations.AlterModelTable(name="priorityfunction", table=None),
        migrations.AlterModelTable(name="historicalpriorityfunction", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]

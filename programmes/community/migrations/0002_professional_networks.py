"""The professional networks the Academy runs from the start (issue 14). Open communities: anyone signed in
may read and join; a lead can be named in the admin. Going back removes only the ones still empty."""

from django.db import migrations

from programmes.community import reference


def add(apps, schema_editor):
    reference.load(apps)


def remove(apps, schema_editor):
    Community = apps.get_model("community", "Community")
    Community.objects.filter(slug__in=[slug for slug, _, _ in reference.NETWORKS], threads__isnull=True,
                             memberships__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]

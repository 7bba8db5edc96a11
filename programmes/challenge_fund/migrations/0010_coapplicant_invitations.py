"""A co-applicant accepts the invitation before being added (issue 10).

Co-applicants get a state (invited, accepted, declined, withdrawn, removed) under the one workflow
mechanism, the address they were invited at, and how often the invitation was sent. Everyone who was a
co-applicant before this migration was added at once, so they are marked as accepted (at the time they
were added, by the person who added them), and the one transition log records it."""

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

BATCH = 2000


def mark_existing_as_accepted(apps, schema_editor):
    CoApplicant = apps.get_model("challenge_fund", "CoApplicant")
    Transition = apps.get_model("workflow", "Transition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="challenge_fund", model="coapplicant")
    batch = []
    for row in CoApplicant.objects.select_related("user").order_by("pk").iterator(chunk_size=BATCH):
        row.email = row.user.email.strip().lower()
        row.state = "accepted"
        row.answered_at = row.added_at
        row.last_sent_at = row.added_at
        row.save(update_fields=["email", "state", "answered_at", "last_sent_at"])
        batch.append(
            Transition(
                content_type_id=content_type.pk,
                object_id=row.pk,
                machine="challenge_fund.coapplicant",
                from_state="",
                to_state="accepted",
                actor_id=row.added_by_id,
                note="Added before co-applicants accepted their invitations",
                at=row.added_at,
            )
        )
        if len(batch) >= BATCH:
            Transition.objects.bulk_create(batch)
            batch = []
    Transition.objects.bulk_create(batch)


def forget_log(apps, schema_editor):
    Transition = apps.get_model("workflow", "Transition")
    Transition.objects.filter(machine="challenge_fund.coapplicant").delete()
    CoApplicant = apps.get_model("challenge_fund", "CoApplicant")
    # Going back, only people who hold a place stay co-applicants.
    CoApplicant.objects.exclude(state="accepted").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("challenge_fund", "0009_one_transition_log"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("workflow", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(name="coapplicant", options={"ordering": ["added_at", "pk"]}),
        migrations.RemoveConstraint(model_name="coapplicant", name="cf_coapplicant_unique"),
        migrations.AddField(
            model_name="coapplicant", name="answered_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="coapplicant",
            name="email",
            field=models.EmailField(default="", help_text="The address the invitation was sent to.", max_length=254),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="coapplicant", name="last_sent_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="coapplicant",
            name="state",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("accepted", "Accepted"),
                    ("declined", "Declined"),
                    ("withdrawn", "Invitation withdrawn"),
                    ("removed", "Removed"),
                ],
                default="invited",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="coapplicant", name="times_sent", field=models.PositiveSmallIntegerField(default=1)
        ),
        migrations.AddField(
            model_name="historicalcoapplicant", name="answered_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="historicalcoapplicant",
            name="email",
            field=models.EmailField(default="", help_text="The address the invitation was sent to.", max_length=254),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcoapplicant",
            name="last_sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalcoapplicant",
            name="state",
            field=models.CharField(
                choices=[
                    ("invited", "Invited"),
                    ("accepted", "Accepted"),
                    ("declined", "Declined"),
                    ("withdrawn", "Invitation withdrawn"),
                    ("removed", "Removed"),
                ],
                default="invited",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="historicalcoapplicant", name="times_sent", field=models.PositiveSmallIntegerField(default=1)
        ),
        migrations.AlterField(
            model_name="coapplicant",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="cf_coapplications",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(mark_existing_as_accepted, forget_log),
        migrations.AddConstraint(
            model_name="coapplicant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state__in", ["invited", "accepted"]), ("user__isnull", False)),
                fields=("bid", "user"),
                name="cf_coapplicant_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="coapplicant",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                models.F("bid"),
                condition=models.Q(("state__in", ["invited", "accepted"])),
                name="cf_coapplicant_one_live_invitation_per_email",
            ),
        ),
        migrations.AddConstraint(
            model_name="coapplicant",
            constraint=models.CheckConstraint(
                condition=models.Q(("state", "accepted"), _negated=True) | models.Q(("user__isnull", False)),
                name="cf_coapplicant_accepted_has_account",
            ),
        ),
    ]

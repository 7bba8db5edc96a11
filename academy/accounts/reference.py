"""One Django group per role, so that roles are groups and rules can test membership."""

from academy.accounts.models import Role


def load(apps) -> None:
    Group = apps.get_model("auth", "Group")
    for role in Role:
        Group.objects.get_or_create(name=role.label)

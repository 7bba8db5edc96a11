"""People and their roles.

A person signs in with their email address. Roles are Django groups (one per :class:`Role`), granted
through :class:`RoleAssignment` rows, which also carry the programme a Programme admin is scoped to and
keep an audit history. "Line manager" is not a role: it is the relation between a leader's profile and
the email address they give for their line manager.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", "Programme admin"
    REVIEWER = "reviewer", "Reviewer"
    GOVERNANCE = "governance", "Governance secretariat"
    EXECUTIVE = "executive", "ICS Executive"
    EVALUATOR = "evaluator", "Evaluator"


ROLE_DESCRIPTIONS = {
    Role.PROGRAMME_ADMIN: "Runs the programmes they are given: cohorts, applications, attendance.",
    Role.REVIEWER: "Scores applications and bids they are assigned to, as a panel member.",
    Role.GOVERNANCE: "Keeps the C&CPLG, the leadership roles and the reference data; grants roles.",
    Role.EXECUTIVE: "Reads where the system invests in clinical and care leadership, and what it achieves.",
    Role.EVALUATOR: "Measures capability, inclusion, connectivity and contribution, in aggregate.",
}


class AcademyUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Signs in with ``email``; there is no username."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = AcademyUserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The roles this person holds, read once per request."""
        if not self.pk:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    @cached_property
    def administered_programme_slugs(self) -> frozenset[str]:
        """Slugs of the programmes this person is Programme admin of, read once per request."""
        if not self.pk:
            return frozenset()
        return frozenset(
            self.role_assignments.filter(role=Role.PROGRAMME_ADMIN).values_list("programme__slug", flat=True)
        )

    @property
    def has_staff_role(self) -> bool:
        """Staff are superusers and anyone holding a role: they must use MFA."""
        return bool(self.is_superuser or self.role_codes)

    def has_role(self, role: str) -> bool:
        return role in self.role_codes

    def has_perm(self, perm, obj=None):
        """Django gives an active superuser every permission without asking. A privacy permission (someone's
        draft, their reflection: see ``add_private_perm``) is decided by its rule alone, for superusers too."""
        # rules.py imports this module (its predicates test roles): looked up when asked.
        from academy.accounts.rules import PRIVATE_PERMISSIONS, private_perm_allows  # noqa: PLC0415

        if perm in PRIVATE_PERMISSIONS:
            return private_perm_allows(self, perm, obj)
        return super().has_perm(perm, obj)


class RoleAssignment(models.Model):
    """One role granted to one person; a Programme admin's row names the programme it covers."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    programme = models.ForeignKey(
        "programmes_core.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="admin_assignments",
        help_text="Only for Programme admin: the programme they run.",
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "programme"], name="role_assignment_unique", nulls_distinct=False
            ),
            models.CheckConstraint(
                condition=(
                    (models.Q(role=Role.PROGRAMME_ADMIN) & models.Q(programme__isnull=False))
                    | (~models.Q(role=Role.PROGRAMME_ADMIN) & models.Q(programme__isnull=True))
                ),
                name="role_assignment_programme_only_for_admins",
            ),
        ]

    def __str__(self) -> str:
        label = Role(self.role).label
        return f"{label}: {self.programme}" if self.programme_id else label

"""Places, organisations, professions, leader profiles and (apart) equality monitoring."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from simple_history.models import HistoricalRecords


class PriorityFunction(models.Model):
    """One of the 10 priority functions for clinical and care professional system leadership. Reference
    data every layer uses (programmes, governance, evaluation), so it lives in the foundation."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    definition = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class SpatialLevel(models.TextChoices):
    """Where C&CP system leadership time is paid for and protected [seed 001]."""

    ICS = "ics", "ICS body"
    COLLABORATIVE = "collaborative", "Provider collaborative"
    LCP = "lcp", "Local Care Partnership"
    CCPLG = "ccplg", "C&CP Leadership Group"
    ORGANISATION = "organisation", "Organisation (the 5th space)"


class Borough(models.Model):
    """One of south east London's six places, each with a Local Care Partnership (LCP)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    lcp_name = models.CharField("Local Care Partnership", max_length=150)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderCollaborative(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    ICB = "icb", "Integrated care board"
    ACUTE_TRUST = "acute_trust", "Acute trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    COMMUNITY_PROVIDER = "community_provider", "Community health provider"
    PCN = "pcn", "Primary care network"
    GP_FEDERATION = "gp_federation", "GP federation"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    CARE_PROVIDER = "care_provider", "Social care provider"
    COMMUNITY_PHARMACY = "community_pharmacy", "Community pharmacy"
    VCSE = "vcse", "Voluntary, community and social enterprise (VCSE)"
    ACADEMIC = "academic", "University or academic partner"
    OTHER = "other", "Other"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    org_type = models.CharField("type", max_length=40, choices=OrganisationType.choices)
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Leave empty for organisations that work across south east London.",
    )
    collaboratives = models.ManyToManyField(ProviderCollaborative, blank=True, related_name="organisations")

    history = HistoricalRecords(m2m_fields=[collaboratives])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profession(models.Model):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class LeaderGroup(models.Model):
    """The four leader groups the Academy serves."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=150, unique=True)
    key_features = models.TextField()
    development_need = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class CareerStage(models.TextChoices):
    TRAINEE = "trainee", "In training or a student"
    EARLY = "early", "Early career (first five years)"
    ESTABLISHED = "established", "Established practitioner"
    SENIOR = "senior", "Senior leader or manager"
    BOARD = "board", "Executive or board level"


class NoLineManagerReason(models.TextChoices):
    """Why a leader has no line manager to support their time (GP partners, contractors, locums, VCSE)."""

    SELF_EMPLOYED = "self_employed", "I am self-employed or a partner (for example a GP partner)"
    CONTRACTOR = "contractor", "I am a contractor (for example community pharmacy, dental or optometry)"
    LOCUM = "locum", "I work as a locum"
    VOLUNTEER = "volunteer", "I am a volunteer"
    EXPERT_BY_EXPERIENCE = "expert_by_experience", "I am an expert by experience"
    OTHER = "other", "Another reason"


class LeaderProfile(models.Model):
    """What a leader tells the Academy about themselves. ``listed_in_directory`` is their choice."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    profession = models.ForeignKey(Profession, on_delete=models.PROTECT, related_name="profiles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="profiles")
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        help_text="The borough you mainly work in. Leave empty if you work across south east London.",
    )
    leader_group = models.ForeignKey(LeaderGroup, on_delete=models.PROTECT, related_name="profiles")
    career_stage = models.CharField(max_length=20, choices=CareerStage.choices)
    job_title = models.CharField(max_length=200)
    formal_system_roles = models.TextField(
        blank=True,
        help_text="Any formal system leadership roles you hold, "
        "for example 'Clinical lead, Frailty network'.",
    )
    interests = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="interested_profiles"
    )
    # Empty when the leader has no line manager: then no_line_manager_reason says why.
    line_manager_name = models.CharField(max_length=200, blank=True)
    line_manager_email = models.EmailField(blank=True)
    no_line_manager_reason = models.CharField(max_length=30, choices=NoLineManagerReason.choices, blank=True)
    no_line_manager_detail = models.CharField("the other reason", max_length=200, blank=True)
    listed_in_directory = models.BooleanField(
        "Show me in the leaders directory",
        default=False,
        help_text="Other signed-in people can then find your name, job, profession, organisation, "
        "borough and interests.",
    )
    search_document = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("search_document", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Only the profession keeps history (the investment dashboard shows a past quarter's holders by the
    # profession they had then); nothing else a leader says about themselves is kept after they change it.
    history = HistoricalRecords(excluded_fields=[
        "organisation", "borough", "leader_group", "career_stage", "job_title", "formal_system_roles",
        "line_manager_name", "line_manager_email", "no_line_manager_reason", "no_line_manager_detail",
        "listed_in_directory", "search_document", "search_vector",
        "created_at", "updated_at",
    ])

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="profile_search_gin"),
            models.Index(fields=["listed_in_directory"], name="profile_listed_idx"),
        ]
        constraints = [
            # A line manager's email, or the reason there is none: one or the other, never both or neither.
            models.CheckConstraint(
                condition=(~models.Q(line_manager_email="") & models.Q(no_line_manager_reason=""))
                | (models.Q(line_manager_email="") & ~models.Q(no_line_manager_reason="")),
                name="profile_line_manager_or_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(no_line_manager_reason="other") | ~models.Q(no_line_manager_detail=""),
                name="profile_other_reason_described",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of user {self.user_id}"

    @property
    def has_line_manager(self) -> bool:
        return not self.no_line_manager_reason

    @property
    def no_line_manager_display(self) -> str:
        """Why there is no line manager, in the leader's words where they chose "Another reason"."""
        if self.no_line_manager_reason == NoLineManagerReason.OTHER:
            return self.no_line_manager_detail
        return self.get_no_line_manager_reason_display()


# --- Equality monitoring: special category data, stored apart, never shown per person -------------

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_OTHER = "white_other", "White: any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed: White and Black African"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed: any other mixed background"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black or Black British: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black or Black British: Caribbean"
    BLACK_OTHER = "black_other", "Black or Black British: any other Black background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: any other ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT_TO_SAY


class GenderIdentitySameAsBirth(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Other sexual orientation"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", "Under 25"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_PLUS = "65_plus", "65 and over"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", "No religion or belief"
    BUDDHISM = "buddhism", "Buddhism"
    CHRISTIANITY = "christianity", "Christianity"
    HINDUISM = "hinduism", "Hinduism"
    ISLAM = "islam", "Islam"
    JAINISM = "jainism", "Jainism"
    JUDAISM = "judaism", "Judaism"
    SIKHISM = "sikhism", "Sikhism"
    OTHER = "other", "Other religion or belief"
    PREFER_NOT = PREFER_NOT_TO_SAY


class EqualityMonitoring(models.Model):
    """A person's own equality-monitoring answers, given with explicit consent.

    Withdrawing consent deletes the row. No page, admin or export shows a row to anyone but its owner;
    reports use :mod:`academy.reports.suppression` aggregates only. There is deliberately no history.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="equality")
    consented_at = models.DateTimeField()
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices)
    sex = models.CharField(max_length=20, choices=Sex.choices)
    gender_identity_same_as_birth = models.CharField(
        "gender identity the same as the sex registered at birth",
        max_length=20,
        choices=GenderIdentitySameAsBirth.choices,
    )
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices)
    disability = models.CharField(max_length=20, choices=Disability.choices)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices)
    religion = models.CharField("religion or belief", max_length=20, choices=Religion.choices)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Equality monitoring answers of user {self.user_id}"

"""Micro-narratives (SenseMaker's method): evaluators set up a story collection with its triads and dyads;
leaders tell a short story and place it on each. A story's text is shown to others only when its teller
consented to quoting; its placements are read only in aggregate (docs/evaluation-stories.md)."""

from django.conf import settings
from django.db import models


class StoryCollection(models.Model):
    """What leaders are asked, and the triads and dyads they place their story on. Once a story is told in
    it, its triads and dyads never change (the placements would lose their meaning)."""

    title = models.CharField(max_length=200, unique=True)
    prompt = models.TextField(help_text="The question leaders answer with their story.")
    is_open = models.BooleanField(default=True, help_text="Leaders may tell stories in it.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Triad(models.Model):
    """Three labelled corners; a story sits somewhere inside the triangle (three shares summing to 1)."""

    collection = models.ForeignKey(StoryCollection, on_delete=models.CASCADE, related_name="triads")
    position = models.PositiveSmallIntegerField(default=0)
    prompt = models.CharField(max_length=300)
    label_a = models.CharField("top corner", max_length=80)
    label_b = models.CharField("bottom-left corner", max_length=80)
    label_c = models.CharField("bottom-right corner", max_length=80)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.prompt

    @property
    def labels(self) -> tuple[str, str, str]:
        return (self.label_a, self.label_b, self.label_c)


class Dyad(models.Model):
    """A slider from 0 (the left pole) to 100 (the right pole)."""

    collection = models.ForeignKey(StoryCollection, on_delete=models.CASCADE, related_name="dyads")
    position = models.PositiveSmallIntegerField(default=0)
    prompt = models.CharField(max_length=300)
    left_label = models.CharField(max_length=80)
    right_label = models.CharField(max_length=80)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.prompt


class Tone(models.TextChoices):
    VERY_POSITIVE = "very_positive", "Very positive"
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neither positive nor negative"
    NEGATIVE = "negative", "Negative"
    VERY_NEGATIVE = "very_negative", "Very negative"


class Story(models.Model):
    """One leader's story. Profession and place are read from their profile when they tell it, so the
    evaluators' filters describe the teller as they were then. Withdrawing deletes the story."""

    collection = models.ForeignKey(StoryCollection, on_delete=models.PROTECT, related_name="stories")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(max_length=120)
    text = models.TextField()
    tone = models.CharField("emotional tone", max_length=20, choices=Tone.choices)
    programme = models.ForeignKey("programmes_core.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    profession = models.ForeignKey("directory.Profession", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    borough = models.ForeignKey("directory.Borough", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    consent_to_quote = models.BooleanField()
    told_at = models.DateTimeField()

    class Meta:
        ordering = ["-told_at", "-pk"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["collection", "told_at"])]

    def __str__(self) -> str:
        return self.title


class TriadPlacement(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="triad_placements")
    triad = models.ForeignKey(Triad, on_delete=models.PROTECT, related_name="placements")
    a = models.FloatField()
    b = models.FloatField()
    c = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "triad"], name="stories_one_placement_per_triad"),
            models.CheckConstraint(condition=models.Q(a__gte=0, b__gte=0, c__gte=0, a__lte=1, b__lte=1, c__lte=1),
                                   name="stories_triad_shares_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.story} on {self.triad}"


class DyadPlacement(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="dyad_placements")
    dyad = models.ForeignKey(Dyad, on_delete=models.PROTECT, related_name="placements")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "dyad"], name="stories_one_placement_per_dyad"),
            models.CheckConstraint(condition=models.Q(value__lte=100), name="stories_dyad_value_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.story} on {self.dyad}"

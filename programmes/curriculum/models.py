"""The systems leadership development curriculum runs on the shared cohort engine
(:mod:`programmes.core`); what is its own is the kind of offer each cohort is."""

from django.db import models

PROGRAMME_SLUG = "curriculum"


class CurriculumOffer(models.TextChoices):
    CORE = "core", "Core programme for existing system leaders"
    DEVELOPMENTAL = "developmental", "Developmental programme for new and emerging leaders"
    MODULAR = "modular", "Modular workshop, seminar or inspiration session"

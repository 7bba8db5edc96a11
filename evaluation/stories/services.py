"""Writes: set up a collection, tell a story, withdraw it. Each takes the acting person, checks permission
and runs in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy.directory.selectors import own_profile
from evaluation.stories.models import Dyad, DyadPlacement, Story, StoryCollection, Tone, Triad, TriadPlacement

TITLE_MAX = 120
TEXT_MAX = 3000


@dataclass(frozen=True)
class TriadSpec:
    prompt: str
    labels: tuple[str, str, str]


@dataclass(frozen=True)
class DyadSpec:
    prompt: str
    left: str
    right: str


def create_collection(actor, *, title: str, prompt: str, triads: Sequence[TriadSpec],
                      dyads: Sequence[DyadSpec] = ()) -> StoryCollection:
    if not actor.has_perm("evaluation_stories.manage_collections"):
        raise PermissionDenied
    title, prompt = title.strip(), prompt.strip()
    if not title or not prompt:
        raise ValidationError("Give the collection a title and the question leaders answer.")
    if not triads:
        raise ValidationError({"triads": "Add at least one triad."})
    if StoryCollection.objects.filter(title__iexact=title).exists():
        raise ValidationError({"title": "A story collection with this title already exists."})
    with transaction.atomic():
        collection = StoryCollection.objects.create(title=title, prompt=prompt, created_by=actor)
        Triad.objects.bulk_create(
            Triad(collection=collection, position=i, prompt=spec.prompt, label_a=spec.labels[0],
                  label_b=spec.labels[1], label_c=spec.labels[2])
            for i, spec in enumerate(triads)
        )
        Dyad.objects.bulk_create(
            Dyad(collection=collection, position=i, prompt=spec.prompt, left_label=spec.left, right_label=spec.right)
            for i, spec in enumerate(dyads)
        )
    return collection


def set_open(actor, collection: StoryCollection, is_open: bool) -> StoryCollection:
    if not actor.has_perm("evaluation_stories.manage_collections"):
        raise PermissionDenied
    collection.is_open = is_open
    collection.save(update_fields=["is_open"])
    return collection


def _shares(triad: Triad, percents) -> tuple[float, float, float]:
    try:
        values = [int(value) for value in percents]
    except (TypeError, ValueError):
        raise ValidationError({f"triad_{triad.pk}": "Enter whole numbers from 0 to 100."}) from None
    if len(values) != 3 or any(value < 0 or value > 100 for value in values):
        raise ValidationError({f"triad_{triad.pk}": "Each corner's share must be from 0 to 100."})
    if sum(values) != 100:
        raise ValidationError({f"triad_{triad.pk}": f"The three shares must add up to 100 "
                                                    f"(they add up to {sum(values)})."})
    return (values[0] / 100, values[1] / 100, values[2] / 100)


def tell_story(actor, collection: StoryCollection, *, title: str, text: str, tone: str, consent_to_quote: bool,
               triads: Mapping[int, Sequence[int]], dyads: Mapping[int, int], programme=None) -> Story:
    """Record the story and its placements; ``triads`` maps each triad's id to its three percentages (summing
    to 100) and ``dyads`` each dyad's id to 0-100. Every triad and dyad of the collection must be answered."""
    if not actor.has_perm("evaluation_stories.tell_story"):
        raise PermissionDenied
    if not collection.is_open:
        raise ValidationError("This story collection is closed.")
    title, text = title.strip(), text.strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title for your story."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"The title must be {TITLE_MAX} characters or fewer."
    if not text:
        errors["text"] = "Tell your story."
    elif len(text) > TEXT_MAX:
        errors["text"] = f"Your story must be {TEXT_MAX} characters or fewer."
    if tone not in Tone.values:
        errors["tone"] = "Choose the emotional tone of your story."
    shares = {}
    for triad in collection.triads.all():
        try:
            shares[triad] = _shares(triad, triads.get(triad.pk, ()))
        except ValidationError as error:
            errors.update(error.message_dict)
    values = {}
    for dyad in collection.dyads.all():
        value = dyads.get(dyad.pk)
        if not isinstance(value, int) or not 0 <= value <= 100:
            errors[f"dyad_{dyad.pk}"] = "Choose a place on the slider from 0 to 100."
        else:
            values[dyad] = value
    if errors:
        raise ValidationError(errors)
    profile = own_profile(actor)
    with transaction.atomic():
        story = Story.objects.create(
            collection=collection, author=actor, title=title, text=text, tone=tone, programme=programme,
            profession=profile.profession if profile else None, borough=profile.borough if profile else None,
            consent_to_quote=bool(consent_to_quote), told_at=timezone.now(),
        )
        TriadPlacement.objects.bulk_create(
            TriadPlacement(story=story, triad=triad, a=a, b=b, c=c) for triad, (a, b, c) in shares.items()
        )
        DyadPlacement.objects.bulk_create(DyadPlacement(story=story, dyad=dyad, value=v) for dyad, v in values.items())
    return story


def withdraw_story(actor, story: Story) -> None:
    """The teller takes their story back: it and its placements are deleted, so no plot or export has it."""
    if story.author_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        Story.objects.filter(pk=story.pk, author=actor).delete()

"""A small story collection for the stories tests: one triad and one dyad, and stories told through the
service by leaders with profiles."""

from __future__ import annotations

from evaluation.stories import services
from evaluation.stories.models import StoryCollection, Tone
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory


def collection(title: str = "Moments that mattered") -> StoryCollection:
    evaluator = make_person("evaluator")
    return services.create_collection(
        evaluator, title=title, prompt="Tell us about a moment of system leadership.",
        triads=[services.TriadSpec("What made the difference?", ("Relationships", "Data", "Freedom"))],
        dyads=[services.DyadSpec("Decisions were made", "Alone", "Together")],
    )


def tell(collection: StoryCollection, *, shares=(50, 25, 25), consent: bool = True, title: str = "A story",
         text: str = "We met and it worked.", profile=None, programme=None, slider: int = 60):
    profile = profile or LeaderProfileFactory()
    triad = collection.triads.get()
    dyad = collection.dyads.get()
    return services.tell_story(profile.user, collection, title=title, text=text, tone=Tone.POSITIVE,
                               consent_to_quote=consent, triads={triad.pk: list(shares)}, dyads={dyad.pk: slider},
                               programme=programme)


def collection_with_stories(count: int = 5, **kwargs) -> StoryCollection:
    found = collection()
    for number in range(count):
        tell(found, title=f"Story {number}", consent=number % 2 == 0, **kwargs)
    return found

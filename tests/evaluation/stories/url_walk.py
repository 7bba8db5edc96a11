"""The stories pages for every role (tests/test_url_walk.py)."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES
from tests.evaluation.stories.helpers import collection, collection_with_stories, tell

SIGNED_IN = dict.fromkeys(ROLE_NAMES, 200) | {"anonymous": "login"}
ANALYSTS = dict.fromkeys(ROLE_NAMES, 403) | {"anonymous": "login", "evaluator": 200, "superuser": 200}
# The plots: programme admins (their own programmes' stories) and the Executive (in aggregate) too.
PLOT_READERS = ANALYSTS | {"programme_admin": 200, "executive": 200}
# The consented stories behind a region: programme admins too, for their own programmes.
STORY_READERS = ANALYSTS | {"programme_admin": 200}

EXPECTATIONS = {
    "evaluation_stories:mine": SIGNED_IN,
    "evaluation_stories:tell": SIGNED_IN,
    # Someone else's story: not found for everyone, superusers included.
    "evaluation_stories:withdraw": dict.fromkeys(ROLE_NAMES, 404) | {"anonymous": "login"},
    "evaluation_stories:collections": PLOT_READERS,
    "evaluation_stories:collection_new": ANALYSTS,
    "evaluation_stories:collection": PLOT_READERS,
    "evaluation_stories:region": STORY_READERS,
    "evaluation_stories:export": ANALYSTS,
}


def _others_story():
    return reverse("evaluation_stories:withdraw", args=[tell(collection()).pk])


PRIVATE = {"someone else's story (withdraw)": _others_story}


def url_for(name: str) -> str | None:
    if not name.startswith("evaluation_stories:"):
        return None
    if name in {"evaluation_stories:mine", "evaluation_stories:collections", "evaluation_stories:collection_new"}:
        return reverse(name)
    if name == "evaluation_stories:withdraw":
        return _others_story()
    found = collection_with_stories(5)
    if name == "evaluation_stories:region":
        return reverse(name, args=[found.pk, found.triads.get().pk, "a"])
    return reverse(name, args=[found.pk])

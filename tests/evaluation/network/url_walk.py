"""The network pages for every role (tests/test_url_walk.py)."""

from django.urls import reverse
from django.utils import timezone

from governance.investment.quarters import quarter_of
from tests.conftest import ROLE_NAMES

READERS = dict.fromkeys(ROLE_NAMES, 403) | {
    "anonymous": "login", "evaluator": 200, "executive": 200, "programme_admin": 200, "superuser": 200,
}

EXPECTATIONS = {
    "evaluation_network:index": READERS,
    "evaluation_network:quarter": READERS,
    # POST only: a GET is refused (405) to those who may ask, and 403 to everyone else.
    "evaluation_network:recompute": dict.fromkeys(ROLE_NAMES, 403) | {
        "anonymous": "login", "evaluator": 405, "superuser": 405,
    },
}


def url_for(name: str) -> str | None:
    if not name.startswith("evaluation_network:"):
        return None
    if name in {"evaluation_network:index", "evaluation_network:name_generator"}:
        return reverse(name)
    return reverse(name, args=[quarter_of(timezone.localdate()).key])


# The quarterly name-generator survey: anyone signed in, their own answer only.
EXPECTATIONS["evaluation_network:name_generator"] = dict.fromkeys(ROLE_NAMES, 200) | {"anonymous": "login"}

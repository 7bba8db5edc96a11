"""The scorecard pages for every role (tests/test_url_walk.py)."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES

EXPECTATIONS = {
    "evaluation_scorecard:index": dict.fromkeys(ROLE_NAMES, 403) | {
        "anonymous": "login", "evaluator": 200, "executive": 200, "superuser": 200,
    },
    "evaluation_scorecard:record": dict.fromkeys(ROLE_NAMES, 403) | {
        "anonymous": "login", "evaluator": 200, "superuser": 200,
    },
    # POST only: a GET is refused (405) to those who may read the scorecard, and 403 to everyone else.
    "evaluation_scorecard:report": dict.fromkeys(ROLE_NAMES, 403) | {
        "anonymous": "login", "evaluator": 405, "executive": 405, "superuser": 405,
    },
}


def url_for(name: str) -> str | None:
    if not name.startswith("evaluation_scorecard:"):
        return None
    return reverse(name)

"""The evaluation's pages reading the programmes (behaviour at three months and coaching; level 1 at the
conference), for every role (tests/test_url_walk.py)."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES

NOBODY = dict.fromkeys(ROLE_NAMES, 403) | {"anonymous": "login"}

EXPECTATIONS = {
    # Evaluators and superusers only: the Executive reads the overview's headlines, not the follow-up's words.
    "evaluation:behaviour_and_coaching": NOBODY | {"evaluator": 200, "superuser": 200},
    # Level 1 at the conference, in aggregate: evaluators and superusers (the conference team reads its own
    # feedback page; other programme admins, leaders and the Executive are refused).
    "evaluation:conference_reaction": NOBODY | {"evaluator": 200, "superuser": 200},
}


def url_for(name: str) -> str | None:
    if name in {"evaluation:behaviour_and_coaching", "evaluation:conference_reaction"}:
        return reverse(name)
    return None

"""The contribution log's pages and the /evaluation/ overview for every role (tests/test_url_walk.py)."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES
from tests.evaluation.contribution.helpers import adopted, curriculum, identified, proposed

SIGNED_IN = dict.fromkeys(ROLE_NAMES, 200) | {"anonymous": "login"}
NOBODY = dict.fromkeys(ROLE_NAMES, 403) | {"anonymous": "login"}
READERS = NOBODY | {"evaluator": 200, "executive": 200, "programme_admin": 200, "superuser": 200}
RECORDERS = NOBODY | {"evaluator": 200, "programme_admin": 200, "superuser": 200}
CONFIRMERS = NOBODY | {"evaluator": 200, "superuser": 200}

EXPECTATIONS = {
    "evaluation_contribution:log": READERS,
    "evaluation_contribution:export": READERS,
    "evaluation_contribution:entry": READERS,
    "evaluation_contribution:new": RECORDERS,
    "evaluation_contribution:propose": SIGNED_IN,
    "evaluation_contribution:proposals": SIGNED_IN,
    "evaluation_contribution:decide": CONFIRMERS,
    # The walk's programme admin runs the curriculum, which these entries came from.
    "evaluation_contribution:adopt": RECORDERS,
    "evaluation_contribution:scale": RECORDERS,
    "evaluation:overview": NOBODY | {"evaluator": 200, "executive": 200, "superuser": 200},
}


def url_for(name: str) -> str | None:
    if name == "evaluation:overview":
        return reverse(name)
    if not name.startswith("evaluation_contribution:"):
        return None
    if name in {"evaluation_contribution:log", "evaluation_contribution:export", "evaluation_contribution:new",
                "evaluation_contribution:propose", "evaluation_contribution:proposals"}:
        return reverse(name)
    if name == "evaluation_contribution:decide":
        return reverse(name, args=[proposed().pk])
    if name == "evaluation_contribution:adopt":
        return reverse(name, args=[identified(programme=curriculum()).pk])
    if name == "evaluation_contribution:scale":
        return reverse(name, args=[adopted(programme=curriculum()).pk])
    return reverse(name, args=[identified().pk])

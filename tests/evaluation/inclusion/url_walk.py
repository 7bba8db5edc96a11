"""Inclusion measures' pages for the URL walk (see tests/test_url_walk.py). The programme admin walks as
admin of the curriculum, which has an application here, so they see their own programme's figures."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import ROLE_NAMES

OK, LOGIN, DENIED = 200, "login", 403
EVALUATORS = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "evaluator": OK, "superuser": OK}
READERS = EVALUATORS | {"programme_admin": OK}
HEADLINE = EVALUATORS | {"executive": OK}

EXPECTATIONS = {
    "evaluation_inclusion:overview": READERS,
    "evaluation_inclusion:export": READERS,
    "evaluation_inclusion:headline": HEADLINE,
    "evaluation_inclusion:benchmarks": EVALUATORS,
    "evaluation_inclusion:benchmark_template": EVALUATORS,
    "evaluation_inclusion:benchmark_export": EVALUATORS,
}


def url_for(name: str) -> str | None:
    if not name.startswith("evaluation_inclusion:"):
        return None
    from tests.evaluation.inclusion.data import one_application_each_step  # noqa: PLC0415

    one_application_each_step()
    return reverse(name)

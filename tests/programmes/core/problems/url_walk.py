"""The register of system problems and the register of other offers, for the URL walk
(see tests/test_url_walk.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import ROLE_NAMES

OK, LOGIN, DENIED = 200, "login", 403
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
EVERYONE_SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Programme admins (of any programme) and the governance secretariat keep the problems register.
PROBLEM_KEEPERS = dict.fromkeys(ROLE_NAMES, DENIED) | {
    "anonymous": LOGIN, "programme_admin": OK, "governance": OK, "superuser": OK,
}
# Programme admins keep the register of other offers.
OFFER_KEEPERS = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "programme_admin": OK, "superuser": OK}

EXPECTATIONS = {
    "programmes:problems": EVERYONE_SIGNED_IN,
    "programmes:problem": EVERYONE_SIGNED_IN,
    "programmes:problems_export": PROBLEM_KEEPERS,
    "programmes:problem_create": PROBLEM_KEEPERS,
    "programmes:problem_edit": PROBLEM_KEEPERS,
    "programmes:problem_report_back": PROBLEM_KEEPERS,
    "programmes:problem_move": PROBLEM_KEEPERS,
    "programmes:external_offers": PUBLIC,
    "programmes:external_offer_create": OFFER_KEEPERS,
    "programmes:external_offer_edit": OFFER_KEEPERS,
}


def url_for(name: str) -> str | None:
    from tests.programmes.core.problems.factories import external_offer, system_problem

    if name in {"programmes:problem", "programmes:problem_edit", "programmes:problem_report_back"}:
        return reverse(name, args=[system_problem(state="open").pk])
    if name == "programmes:problem_move":
        return reverse(name, args=[system_problem(state="open").pk, "being_worked_on"])
    if name == "programmes:external_offer_edit":
        return reverse(name, args=[external_offer().pk])
    if name in EXPECTATIONS:
        return reverse(name)
    return None

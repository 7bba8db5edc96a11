"""The primary navigation, by what the signed-in person may do."""

from __future__ import annotations

import rules
from django.urls import NoReverseMatch, reverse


def user_has_perm(user, perm: str) -> bool:
    """``user.has_perm`` for the project's rule-based permissions, without database queries.

    Every permission in this project is a ``rules`` predicate (see each app's ``rules.py``). Asking
    Django's ``user.has_perm`` would also ask ``ModelBackend``, which loads the person's model
    permissions from the database when a rule says no. Navigation is on every page, so it asks the
    rules directly; superusers keep every permission, as ``ModelBackend`` gives them.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return rules.has_perm(perm, user)


# (label, URL name, permission needed or None)
NAVIGATION = [
    ("Programmes", "programmes:catalogue", None),
    ("My Academy", "programmes:my_academy", None),
    ("Challenge Fund", "challenge_fund:index", None),
    ("Conference", "conference:index", None),
    ("Communities", "community:index", None),
    ("Directory", "directory:search", None),
    ("Who's who", "governance:whoswho", None),
    ("Vacancies", "governance:vacancies", None),
    ("Programme admin", "programmes:admin_cohorts", "programmes.administer"),
    ("Review applications", "programmes:review", "programmes.review"),
    ("Review bids", "challenge_fund:reviews", "challenge_fund.review"),
    ("Investment", "governance:dashboard", "governance.view_dashboard"),
    ("Evaluation", "evaluation:overview", "evaluation_overview.view"),
    ("Governance", "governance:reference", "governance.view_history"),
    ("Roles", "accounts:roles", "accounts.manage_roles"),
    ("Equality summary", "directory:equality_summary", "directory.view_equality_summary"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else None
    current_namespace = match.namespace if match else None
    items = []
    for label, url_name, perm in NAVIGATION:
        if perm and not user_has_perm(user, perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # a page whose app is not mounted: no link to nowhere
        namespace = url_name.split(":", 1)[0]
        # The entry for this very page is "page"; a page deeper in its own section (the role history
        # under Roles) marks the section's entry as "true". The directory, the programmes and
        # governance have several entries, so only exact matches count there.
        if current == url_name:
            aria_current = "page"
        elif current_namespace == namespace and namespace not in {"ui", "directory", "programmes", "governance"}:
            aria_current = "true"
        else:
            aria_current = ""
        items.append({"label": label, "url": url, "active": bool(aria_current), "aria_current": aria_current})
    if any(item["aria_current"] == "page" for item in items):
        # The page has its own entry (Review bids in the Challenge Fund): mark that one only.
        for item in items:
            if item["aria_current"] == "true":
                item.update(active=False, aria_current="")
    return {"nav_items": items}

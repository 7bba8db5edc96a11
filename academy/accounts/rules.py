"""Permission predicates for accounts and roles (the `rules` package)."""

import rules

from academy.accounts.models import Role

# Permissions that guard what belongs to someone (a draft bid, an application, a reflection): the rule alone
# decides, superusers included, since User.has_perm does not wave superusers through them.
PRIVATE_PERMISSIONS: set[str] = set()


def add_private_perm(name: str, predicate) -> None:
    """``rules.add_perm`` for a privacy permission: no role, superuser included, gets past its predicate."""
    rules.add_perm(name, predicate)
    PRIVATE_PERMISSIONS.add(name)


def private_perm_allows(user, name: str, obj=None) -> bool:
    return bool(user.is_active and rules.has_perm(name, user, obj))


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def has_role(role: str):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


is_programme_admin = has_role(Role.PROGRAMME_ADMIN)
is_reviewer = has_role(Role.REVIEWER)
is_governance = has_role(Role.GOVERNANCE)
is_executive = has_role(Role.EXECUTIVE)
is_evaluator = has_role(Role.EVALUATOR)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_staff_member(user) -> bool:
    return bool(user and user.is_authenticated and user.has_staff_role)


def programme_slug(obj) -> str | None:
    """The slug of the programme an object belongs to: a Programme, a slug, or anything with .programme."""
    if obj is None:
        return None
    if isinstance(obj, str):
        return obj
    if hasattr(obj, "slug") and obj.__class__.__name__ == "Programme":
        return obj.slug
    programme = getattr(obj, "programme", None)
    return getattr(programme, "slug", None)


@rules.predicate
def is_admin_of_programme(user, obj) -> bool:
    """Programme admin of the programme ``obj`` belongs to (a Programme, its slug, or an object with
    ``.programme``). Superusers are not included: combine with ``is_superuser`` where they should be."""
    slug = programme_slug(obj)
    return bool(slug and user and user.is_authenticated and slug in user.administered_programme_slugs)


can_manage_roles = is_superuser | is_governance

rules.add_perm("accounts.manage_roles", can_manage_roles)

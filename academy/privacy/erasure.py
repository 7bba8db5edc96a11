"""The erasure registry: how each app forgets a person who closes their account.

Every app that keeps a foreign key (or one-to-one) to the user registers one step in its own ``erasure.py``
(found by autodiscovery), naming the models it answers for. ``tests/privacy/test_erasure_registry.py`` fails
when a model points at the user and no step (nor a reasoned entry in :data:`EXCLUDED`) names it, so a new app
cannot forget. The account row itself is kept and becomes a stable pseudonym ("Former participant 1234"), so
what the Academy must keep (awarded money, role and WTE history, counts) still points at somebody, who is no
longer anybody. See ``docs/retention.md`` for what each step erases and keeps, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.module_loading import autodiscover_modules

PSEUDONYM_FIRST_NAME = "Former participant"

# Models that point at the user but need no step, with the reason.
EXCLUDED: dict[str, str] = {
    "admin.LogEntry": "Django admin's log of staff changes: kept as an audit trail; it points at the "
    "pseudonymised account and the accounts step blanks its description of the person.",
}
# Every simple_history table has ``history_user`` (who made a change): it keeps pointing at the pseudonym.
HISTORY_USER_FIELD = "history_user"


@dataclass(frozen=True)
class Step:
    name: str
    models: tuple[str, ...]
    erase: Callable
    blockers: Callable | None = None
    order: int = 50
    erased: tuple[str, ...] = field(default=())
    kept: tuple[str, ...] = field(default=())


_steps: dict[str, Step] = {}


def register(
    name: str,
    *,
    models: tuple[str, ...] | list[str],
    erase: Callable,
    blockers: Callable | None = None,
    order: int = 50,
    erased=(),
    kept=(),
) -> None:
    """Register an app's erasure step. ``erase(user, pseudonym)`` runs inside the closure's transaction;
    ``blockers(user)`` returns sentences saying what the person must do before they can close."""
    _steps[name] = Step(name, tuple(models), erase, blockers, order, tuple(erased), tuple(kept))


def steps() -> list[Step]:
    autodiscover_modules("erasure")
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def covered_models() -> set[str]:
    return {label for step in steps() for label in step.models}


def pseudonym_for(user) -> str:
    return f"{PSEUDONYM_FIRST_NAME} {user.pk}"


def is_closed(user) -> bool:
    return user.first_name == PSEUDONYM_FIRST_NAME and user.email.endswith("@closed.invalid")


def history_model(model):
    """The simple_history table of ``model``, or None."""
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


def scrub(model, lookup: dict, **values) -> int:
    """Overwrite fields on the rows (and their history rows) matching ``lookup``."""
    count = model._default_manager.filter(**lookup).update(**values)
    historical = history_model(model)
    if historical is not None:
        kept = {f.name for f in historical._meta.concrete_fields}
        copied = {name: value for name, value in values.items() if name in kept}
        if copied:
            historical.objects.filter(**lookup).update(**copied)
    return count


def delete_with_history(model, lookup: dict) -> int:
    """Delete the rows matching ``lookup``, then the history rows that copied them (deleting writes one more)."""
    count, _ = model._default_manager.filter(**lookup).delete()
    historical = history_model(model)
    if historical is not None:
        historical.objects.filter(**lookup).delete()
    return count


def text_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]


def blockers(user) -> list[str]:
    found: list[str] = []
    for step in steps():
        if step.blockers is not None:
            found.extend(step.blockers(user))
    return found


class ClosureBlocked(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def close_account(user) -> str:
    """Erase the person in one transaction; returns the pseudonym. Refuses while a blocker stands."""
    with transaction.atomic():
        user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
        if is_closed(user):
            return pseudonym_for(user)
        reasons = blockers(user)
        if reasons:
            raise ClosureBlocked(reasons)
        pseudonym = pseudonym_for(user)
        for step in steps():
            step.erase(user, pseudonym)
    return pseudonym


def _keep_access_log(user, pseudonym: str) -> None:
    """The access log is the audit of staff reads: rows about the person, and reads they made as staff,
    are kept and point at the pseudonym (its descriptions name pages and records, not the person)."""


register(
    "access log",
    models=["privacy.AccessLogEntry"],
    erase=_keep_access_log,
    kept=["The log of staff who opened your data, and of data you opened as staff: an audit trail, by the pseudonym"],
)

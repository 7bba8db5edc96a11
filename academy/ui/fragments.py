"""Template fragments made only of reference data, cached, and dropped as soon as that data changes.

A page that renders the same reference data for everyone (the catalogue's filter form: the leader
groups and the priority functions as options) wraps it in Django's ``{% cache %}`` tag under a fixed
name, and registers the models it is made from:

    register_reference_fragment("catalogue-filters", LeaderGroup, PriorityFunction)

Saving or deleting a row of any of those models (or changing one of their many-to-many fields) then
deletes the fragment, and deletes it again once the transaction commits, so the next page renders it
from the database. The second delete matters: between the first and the commit, another request could
render the old rows again and cache them until the fragment's timeout.

Writes that bypass signals (``QuerySet.update``, ``bulk_create``, a data migration) are not seen; the
timeout (``REFERENCE_FRAGMENT_SECONDS``) bounds how long they, and a change made while Redis was down
(each process then caches alone, see ``academy/cache.py``), can show. Never cache a fragment that
depends on the person, the request or the time.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

REFERENCE_FRAGMENT_SECONDS = 60 * 60  # the timeout templates give ``{% cache %}``; keep them the same

_fragments: dict[type, set[str]] = {}


def fragment_key(name: str) -> str:
    """The cache key of the ``{% cache <timeout> <name> %}`` fragment (with no vary-on arguments)."""
    return make_template_fragment_key(name)


def forget_fragments(names) -> None:
    """Delete the fragments now (this transaction's own next read renders them afresh) and again once it
    commits (a read by another request in between may have cached the rows as they were before it)."""
    keys = [fragment_key(name) for name in sorted(names)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def _changed(sender, **kwargs) -> None:
    if _fragments.get(sender):
        forget_fragments(_fragments[sender])


def _watch(sender, name: str, *signals) -> None:
    if sender not in _fragments:
        _fragments[sender] = set()
        for signal in signals:
            signal.connect(_changed, sender=sender, dispatch_uid=f"academy.ui.fragments:{sender._meta.label}")
    _fragments[sender].add(name)


def register_reference_fragment(name: str, *models) -> None:
    """Drop the fragment called ``name`` whenever a row of one of ``models`` is saved or deleted, or one of
    their many-to-many fields changes."""
    for model in models:
        _watch(model, name, post_save, post_delete)
        for field in model._meta.local_many_to_many:
            _watch(field.remote_field.through, name, m2m_changed)

"""Cached fragments of reference data are dropped when the data changes, and again after the commit."""

import pytest
from django.core.cache import cache

from academy.directory.models import Borough, LeaderGroup, PriorityFunction
from academy.ui.fragments import fragment_key
from programmes.core.forms.leader import CATALOGUE_FILTERS_FRAGMENT

pytestmark = pytest.mark.django_db

KEY = fragment_key(CATALOGUE_FILTERS_FRAGMENT)


@pytest.mark.parametrize("change", ["save", "delete", "create"])
def test_a_change_drops_the_fragment_now_and_after_the_commit(change, django_capture_on_commit_callbacks):
    cache.set(KEY, "<select>old</select>")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        if change == "save":
            function = PriorityFunction.objects.get(number=3)
            function.name = "Renamed"
            function.save()
        elif change == "delete":
            LeaderGroup.objects.create(slug="short-lived", name="Short-lived", position=50).delete()
        else:
            LeaderGroup.objects.create(slug="brand-new", name="Brand new", position=51)
        assert cache.get(KEY) is None  # dropped at once
        cache.set(KEY, "<select>cached by another request before the commit</select>")
    assert callbacks and cache.get(KEY) is None  # and dropped again once committed


def test_other_models_leave_the_fragment_alone():
    cache.set(KEY, "<select>kept</select>")
    borough = Borough.objects.first()
    borough.save()
    assert cache.get(KEY) == "<select>kept</select>"

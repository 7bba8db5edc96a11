"""Reflections are private to their author unless they share them with the other side; never the admins (counts
only), nor superusers."""

import pytest
from django.urls import reverse

from programmes.shadowing import services
from programmes.shadowing.models import PlacementState, Reflection
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.shadowing.test_followup import SHADOW_WORDS, agreed

pytestmark = pytest.mark.django_db


def placement_page(client, user, placement):
    client.force_login(user)
    response = client.get(reverse("shadowing:placement", args=[placement.pk]))
    return response.status_code, response.content.decode()


def test_a_shared_reflection_is_read_by_the_other_side_alone(client, shadowing_admin):
    placement = agreed(days=(-6, -2), state=PlacementState.IN_PROGRESS)
    first, second = placement.visits.order_by("number")
    services.save_reflection(placement.shadow, first, SHADOW_WORDS | {"shared": "on"})
    services.save_reflection(placement.shadow, second, SHADOW_WORDS | {"differently": "A private plan"})
    services.save_reflection(placement.offer.host, first, {"saw": "Our huddle is <b>too long</b>", "shared": "on"})
    assert Reflection.objects.get(visit=first, side="shadow").shared
    assert not Reflection.objects.get(visit=second, side="shadow").shared

    _, host_sees = placement_page(client, placement.offer.host, placement)
    assert "The shadow's reflection on visit 1, shared with you" in host_sees
    assert SHADOW_WORDS["surprised"] in host_sees and "A private plan" not in host_sees
    _, shadow_sees = placement_page(client, placement.shadow, placement)
    assert "Your host's note on visit 1, shared with you" in shadow_sees
    assert "Our huddle is &lt;b&gt;too long&lt;/b&gt;" in shadow_sees

    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_mfa(superuser)
    assert placement_page(client, superuser, placement)[0] == 404
    client.force_login(shadowing_admin)
    follow = client.get(reverse("shadowing:follow", args=[placement.round_id])).content.decode()
    assert SHADOW_WORDS["surprised"] not in follow and "too long" not in follow and "Shadow 2, host 1" in follow


def test_the_author_stops_sharing(client):
    placement = agreed(days=(-6, -2), state=PlacementState.IN_PROGRESS)
    first = placement.visits.get(number=1)
    client.force_login(placement.shadow)
    url = reverse("shadowing:reflection", args=[placement.pk, first.pk])
    response = client.post(url, SHADOW_WORDS | {"shared": "on"})
    assert response.status_code == 302 and Reflection.objects.get(visit=first).shared
    assert 'checked' in client.get(url).content.decode()
    client.post(url, SHADOW_WORDS)
    assert not Reflection.objects.get(visit=first).shared
    assert SHADOW_WORDS["surprised"] not in placement_page(client, placement.offer.host, placement)[1]

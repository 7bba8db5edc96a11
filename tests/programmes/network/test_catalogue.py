"""The managed network in the programme catalogue (issue 13): the open tier always, open intakes while they
take applications, in one query."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date
from programmes.network.catalogue import open_to_join
from programmes.network.models import Intake
from tests.factories.network import IntakeFactory

pytestmark = pytest.mark.django_db


def test_the_network_is_in_the_catalogue_with_its_open_tier_and_open_intakes(client):
    intake = IntakeFactory(name="Spring 2027 intake")
    IntakeFactory(name="Closed intake", state=Intake.State.CLOSED)
    IntakeFactory(name="Future intake", opens_on=timezone.localdate() + dt.timedelta(days=3))
    html = client.get(reverse("programmes:catalogue")).content.decode()
    assert "Managed network for next-generation system leaders" in html
    assert "Join the open network" in html and f'href="{reverse("network:index")}"' in html
    assert "Spring 2027 intake" in html and f"Apply by {nhs_date(intake.closes_on)}" in html
    urls = [offer.url for offer in open_to_join(timezone.now())]
    assert urls == [reverse("network:join"), reverse("network:apply", args=[intake.pk])]
    assert "Closed intake" not in html and "Future intake" not in html


def test_the_source_is_one_query(django_assert_num_queries):
    for _ in range(5):
        IntakeFactory()
    with django_assert_num_queries(1):
        offers = open_to_join(timezone.now())
    assert len(offers) == 6

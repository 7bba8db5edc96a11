"""Alumni's one-of-a-kind rules under a race: one live offer to volunteer a role a person, one directory
entry a person, and two admins moving the same volunteer at once leave one consistent state."""

import pytest
from django.core.exceptions import ValidationError

from academy import workflow
from programmes.network import alumni_services
from programmes.network.models import AlumniListing, VolunteerOffer, VolunteerState
from tests.concurrency import at_once, raised
from tests.factories.network import alumnus

pytestmark = pytest.mark.django_db(transaction=True)


def test_offering_the_same_role_four_times_at_once_makes_one_offer():
    person = alumnus()

    def offer():
        return alumni_services.volunteer(person, role="faculty", functions=[], availability="Fridays", note="")

    outcomes = at_once(offer, offer, offer, offer)
    assert len(raised(outcomes)) == len(raised(outcomes, ValidationError)) == 3
    assert VolunteerOffer.objects.filter(person=person).count() == 1


def test_opting_in_twice_at_once_makes_one_entry():
    person = alumnus()
    outcomes = at_once(lambda: alumni_services.opt_in(person, functions=[], line="One"),
                       lambda: alumni_services.opt_in(person, functions=[], line="Two"))
    assert not [o for o in raised(outcomes) if not isinstance(o, ValidationError)]
    assert AlumniListing.objects.filter(person=person).count() == 1


def test_marking_contacted_and_placed_at_once_ends_placed_or_refuses_one():
    offer = alumni_services.volunteer(alumnus(), role="panel", functions=[], availability="Any", note="")
    outcomes = at_once(lambda: alumni_services.mark_volunteer(workflow.SYSTEM, offer, VolunteerState.CONTACTED),
                       lambda: alumni_services.mark_volunteer(workflow.SYSTEM, offer, VolunteerState.PLACED))
    assert raised(outcomes) == raised(outcomes, ValidationError) and len(raised(outcomes)) <= 1
    offer.refresh_from_db()
    assert offer.state == VolunteerState.PLACED

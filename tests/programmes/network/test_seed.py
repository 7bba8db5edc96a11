"""The network's demo: a running intake with members and applications, a past Big Room with its table
plan and a coming one where leader@ has a table. Running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.network import mentoring_services
from programmes.network.models import (
    Event,
    Membership,
    MembershipState,
    MentoringCheckIn,
    MentoringPair,
    MentoringRequest,
    PairState,
    Rsvp,
    RsvpStatus,
)


@pytest.mark.django_db
def test_seed_demo_builds_the_network_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    states = set(Membership.objects.filter(intake__isnull=False).values_list("state", flat=True))
    assert states == {MembershipState.ACCEPTED, MembershipState.APPLIED, MembershipState.DECLINED}
    leader_seat = Rsvp.objects.get(person__email="leader@demo.academy.test", event__title__contains="long-term")
    assert leader_seat.status == RsvpStatus.GOING and leader_seat.table_number
    past = Event.objects.get(title__contains="winter")
    assert past.recording_url and not past.rsvps.filter(status=RsvpStatus.GOING, table_number__isnull=True).exists()
    pairs = MentoringPair.objects.all()
    assert pairs.count() >= 7 and pairs.filter(state=PairState.ACTIVE).count() == 4
    # leader@ is three months into a pair: the 1-month check-in answered, the 3-month one open now.
    mine = pairs.get(mentee__email="leader@demo.academy.test")
    assert mine.checkins.filter(months=1).count() == 2 and mentoring_services.checkin_open(mine, 3)
    assert MentoringRequest.objects.filter(withdrawn_at__isnull=True).exclude(pairs__isnull=False).count() >= 3
    counts = (Membership.objects.count(), Rsvp.objects.count(), Event.objects.count(), pairs.count(),
              MentoringCheckIn.objects.count(), MentoringRequest.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Membership.objects.count(), Rsvp.objects.count(), Event.objects.count(), pairs.count(),
            MentoringCheckIn.objects.count(), MentoringRequest.objects.count()) == counts


@pytest.mark.django_db
def test_seed_scale_adds_members_and_a_seated_300_person_big_room(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_scale", "--factor", "1")
    scale = Membership.objects.filter(person__email__endswith="@scale.academy.test")
    assert scale.count() == 200 and scale.filter(state=MembershipState.APPLIED).count() == 20
    event = Event.objects.get(title__startswith="Scale test Big Room")
    going = event.rsvps.filter(status=RsvpStatus.GOING)
    assert going.count() == min(300, scale.count()) and not going.filter(table_number__isnull=True).exists()
    call_command("seed_scale", "--factor", "1", "--reset")
    assert Event.objects.filter(title__startswith="Scale test Big Room").count() == 1

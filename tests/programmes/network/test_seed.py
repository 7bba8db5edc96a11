"""The network's demo: a running intake with members and applications, a past Big Room with its table
plan and a coming one where leader@ has a table. Running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.network import followup_selectors, mentoring_selectors, mentoring_services, selectors, talent_selectors
from programmes.network.models import (
    AlumniListing,
    Attendance,
    Event,
    EventFeedback,
    EventSlides,
    Membership,
    MembershipState,
    MentoringCheckIn,
    MentoringDraft,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    PairState,
    Rsvp,
    RsvpStatus,
    TalentEntry,
    VolunteerOffer,
    VolunteerState,
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
    # After it: a register (some did not come, leader@ walked in), feedback with figures to show, and
    # leader@ still to give theirs.
    register = followup_selectors.register_counts(past)
    assert register["recorded"] and register["no_shows"] >= 1 and register["walk_ins"] == 1
    assert selectors.organisations_that_came(past) >= 5
    assert followup_selectors.feedback_figures(past)["enough"]
    leader = Attendance.objects.get(event=past, walk_in=True).person
    assert leader.email == "leader@demo.academy.test" and followup_selectors.may_give_feedback(leader, past)
    assert not EventFeedback.objects.filter(person=leader).exists()
    assert followup_selectors.slides_of(past).file.read(5) == b"%PDF-"
    feedback_count = EventFeedback.objects.count()
    pairs = MentoringPair.objects.all()
    assert pairs.count() >= 7 and pairs.filter(state=PairState.ACTIVE).count() == 4
    # leader@ is three months into a pair: the 1-month check-in answered, the 3-month one open now.
    mine = pairs.get(mentee__email="leader@demo.academy.test")
    assert mine.checkins.filter(months=1).count() == 2 and mentoring_services.checkin_open(mine, 3)
    assert MentoringRequest.objects.filter(withdrawn_at__isnull=True).exclude(pairs__isnull=False).count() >= 3
    # Alumni: leader@ (who completed last year's core programme) and others opted in, an alumni-only Big
    # Room, and alumni who volunteer, one contacted and one placed.
    assert AlumniListing.objects.filter(person__email="leader@demo.academy.test").exists()
    assert AlumniListing.objects.count() >= 3
    assert Event.objects.filter(alumni_only=True, rsvps__isnull=False).exists()
    volunteer_states = set(VolunteerOffer.objects.values_list("state", flat=True))
    assert {VolunteerState.CONTACTED, VolunteerState.PLACED} <= volunteer_states
    # The admins find a shared draft for those still waiting on the matching page.
    assert MentoringDraft.objects.count() == 1 and MentoringDraft.objects.get().pairs
    # The talent pool: leader@ and members, some of whom keep their entry from the secretariat.
    assert TalentEntry.objects.get(person__email="leader@demo.academy.test").secretariat_consent
    assert talent_selectors.consenting_entries().count() == 5
    assert TalentEntry.objects.filter(secretariat_consent=False).count() == 2

    def counts():
        return (Membership.objects.count(), Rsvp.objects.count(), Event.objects.count(), pairs.count(),
                MentoringCheckIn.objects.count(), MentoringRequest.objects.count(), AlumniListing.objects.count(),
                VolunteerOffer.objects.count(), TalentEntry.objects.count(), MentoringDraft.objects.count(),
                EventFeedback.objects.count())

    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before
    assert EventFeedback.objects.count() == feedback_count
    assert EventSlides.objects.count() == 1


@pytest.mark.django_db
def test_seed_scale_adds_members_and_a_seated_300_person_big_room(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_scale", "--factor", "1")
    scale = Membership.objects.filter(person__email__endswith="@scale.academy.test")
    assert scale.count() == 200 and scale.filter(state=MembershipState.APPLIED).count() == 20
    event = Event.objects.get(title__startswith="Scale test Big Room")
    going = event.rsvps.filter(status=RsvpStatus.GOING)
    assert going.count() == min(300, scale.count()) and not going.filter(table_number__isnull=True).exists()
    # Mentoring at scale: 15 mentors and 40 mentees waiting per unit of the factor, with topics.
    offers = MentorOffer.objects.filter(mentor__email__endswith="@scale.academy.test")
    requests = MentoringRequest.objects.filter(mentee__email__endswith="@scale.academy.test")
    assert offers.count() == 15 and requests.count() == 40
    assert not offers.filter(topics__isnull=True).exists() and not requests.filter(topics__isnull=True).exists()
    assert not set(offers.values_list("mentor_id", flat=True)) & set(requests.values_list("mentee_id", flat=True))
    assert mentoring_selectors.overview().waiting_requests >= 40
    call_command("seed_scale", "--factor", "1", "--reset")
    assert Event.objects.filter(title__startswith="Scale test Big Room").count() == 1

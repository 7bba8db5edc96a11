"""Erasure step for the managed network: memberships and Big Room answers are the person's own and go;
events they created as staff stay, without their name."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.network.models import (
    AlumniListing,
    Attendance,
    Coach,
    CoachingRequest,
    CoachingState,
    Event,
    EventFeedback,
    EventSlides,
    Membership,
    MentoringCheckIn,
    MentoringDraft,
    MentoringDraftChoice,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    Rsvp,
    TalentEntry,
    VolunteerOffer,
)


def erase(user, pseudonym: str) -> None:
    for membership in Membership.objects.filter(person=user):
        membership.interests.clear()
    erasure.delete_with_history(Membership, {"person": user})
    erasure.delete_with_history(Rsvp, {"person": user})
    Rsvp.objects.filter(invited_by=user).update(invited_by=None)
    Event.objects.filter(created_by=user).update(created_by=None)
    # Whether they came and what they said go with them (the counts of organisations and ratings change).
    Attendance.objects.filter(person=user).delete()
    Attendance.objects.filter(recorded_by=user).update(recorded_by=None)
    EventFeedback.objects.filter(person=user).delete()
    EventSlides.objects.filter(uploaded_by=user).update(uploaded_by=None)
    MentoringCheckIn.objects.filter(person=user).delete()
    # A pair is both people's: it goes with either of them (the other keeps nothing that names the erased).
    erasure.delete_with_history(MentoringPair, {"mentor": user})
    erasure.delete_with_history(MentoringPair, {"mentee": user})
    MentoringPair.objects.filter(matched_by=user).update(matched_by=None)
    # The admins' draft: pins naming the person's offers or requests go (with them); their name goes from
    # what they ran or pinned. A draft naming them is stale once its choices change, and is run again.
    MentoringDraftChoice.objects.filter(made_by=user).update(made_by=None)
    MentoringDraft.objects.filter(run_by=user).update(run_by=None)
    requests = set(MentoringRequest.objects.filter(mentee=user).values_list("pk", flat=True))
    offers = set(MentorOffer.objects.filter(mentor=user).values_list("pk", flat=True))
    MentoringDraft.objects.filter(
        pk__in=[d.pk for d in MentoringDraft.objects.all() if any(p[0] in requests or p[1] in offers for p in d.pairs)]
    ).delete()
    for offer in MentorOffer.objects.filter(mentor=user):
        offer.topics.clear()
    for request in MentoringRequest.objects.filter(mentee=user):
        request.topics.clear()
    erasure.delete_with_history(MentorOffer, {"mentor": user})
    erasure.delete_with_history(MentoringRequest, {"mentee": user})
    _erase_coaching(user)
    for listing in AlumniListing.objects.filter(person=user):
        listing.functions.clear()
    AlumniListing.objects.filter(person=user).delete()
    for offer in VolunteerOffer.objects.filter(person=user):
        offer.functions.clear()
    erasure.delete_with_history(VolunteerOffer, {"person": user})
    for entry in TalentEntry.objects.filter(person=user):
        entry.functions.clear()
        entry.boroughs.clear()
    TalentEntry.objects.filter(person=user).delete()


def _erase_coaching(user) -> None:
    """A coaching relationship is both people's: it goes with either (sessions with it). A request only
    offered to an erased coach goes back to waiting for the lead to offer it to someone else."""
    coach = Coach.objects.filter(person=user).first()
    if coach is not None:
        CoachingRequest.objects.filter(coach=coach, state=CoachingState.OFFERED).update(
            coach=None, state=CoachingState.WAITING
        )
        for request in CoachingRequest.objects.filter(declined_by=coach):
            request.declined_by.remove(coach)
        erasure.delete_with_history(CoachingRequest, {"coach": coach})
        coach.delete()
    for request in CoachingRequest.objects.filter(requester=user):
        request.declined_by.clear()
    erasure.delete_with_history(CoachingRequest, {"requester": user})
    Coach.objects.filter(added_by=user).update(added_by=None)
    CoachingRequest.objects.filter(assigned_by=user).update(assigned_by=None)


erasure.register(
    "network",
    models=["network.Membership", "network.Rsvp", "network.Event", "network.MentorOffer",
            "network.MentoringRequest", "network.MentoringPair", "network.MentoringCheckIn",
            "network.MentoringDraftChoice", "network.MentoringDraft", "network.Coach",
            "network.CoachingRequest", "network.CoachingSession", "network.AlumniListing",
            "network.VolunteerOffer", "network.TalentEntry", "network.Attendance", "network.EventFeedback",
            "network.EventSlides"],
    erase=erase,
    erased=[
        "Your memberships of the managed network, your interests and the supporter you named",
        "Your answers to Big Room events and your tables, whether you came, and your feedback on them",
        "Your offers to mentor, your requests for a mentor and your mentoring pairs with their agreements and "
        "check-ins",
        "Your requests for coaching, your place in the pool of coaches, and your coaching relationships with "
        "the dates of their sessions",
        "Your entry in the alumni directory and your offers to volunteer as a mentor, faculty or panel member",
        "Your talent pool entry: the roles you aspire to, your functions and places, and your consents",
    ],
    kept=["Big Room events you created as staff, and registers you took and slides you uploaded, without "
          "your name"],
)

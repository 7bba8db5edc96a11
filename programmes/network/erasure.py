"""Erasure step for the managed network: memberships and Big Room answers are the person's own and go;
events they created as staff stay, without their name."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.network.models import (
    Coach,
    CoachingRequest,
    CoachingState,
    Event,
    Membership,
    MentoringCheckIn,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    Rsvp,
)


def erase(user, pseudonym: str) -> None:
    for membership in Membership.objects.filter(person=user):
        membership.interests.clear()
    erasure.delete_with_history(Membership, {"person": user})
    erasure.delete_with_history(Rsvp, {"person": user})
    Rsvp.objects.filter(invited_by=user).update(invited_by=None)
    Event.objects.filter(created_by=user).update(created_by=None)
    MentoringCheckIn.objects.filter(person=user).delete()
    # A pair is both people's: it goes with either of them (the other keeps nothing that names the erased).
    erasure.delete_with_history(MentoringPair, {"mentor": user})
    erasure.delete_with_history(MentoringPair, {"mentee": user})
    MentoringPair.objects.filter(matched_by=user).update(matched_by=None)
    for offer in MentorOffer.objects.filter(mentor=user):
        offer.topics.clear()
    for request in MentoringRequest.objects.filter(mentee=user):
        request.topics.clear()
    erasure.delete_with_history(MentorOffer, {"mentor": user})
    erasure.delete_with_history(MentoringRequest, {"mentee": user})
    _erase_coaching(user)


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
            "network.MentoringRequest", "network.MentoringPair", "network.MentoringCheckIn", "network.Coach",
            "network.CoachingRequest", "network.CoachingSession"],
    erase=erase,
    erased=[
        "Your memberships of the managed network, your interests and the supporter you named",
        "Your answers to Big Room events and your tables",
        "Your offers to mentor, your requests for a mentor and your mentoring pairs with their agreements and "
        "check-ins",
        "Your requests for coaching, your place in the pool of coaches, and your coaching relationships with "
        "the dates of their sessions",
    ],
    kept=["Big Room events you created as staff, without your name"],
)

"""Erasure step for shadowing: interest and offers nobody was placed with are deleted; a placement that
happened stays (it is a tie between two organisations the evaluation counts), by the pseudonym, with the
person's own words on their interest removed."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.shadowing.models import (
    Agreement,
    Chase,
    DraftChoice,
    FollowUp,
    Placement,
    PlacementOffer,
    Reflection,
    ShadowInterest,
    VisitChange,
)


def erase(user, pseudonym: str) -> None:
    unplaced = ShadowInterest.objects.filter(shadow=user, placements__isnull=True)
    DraftChoice.objects.filter(interest__in=unplaced).delete()
    erasure.delete_with_history(ShadowInterest, {"shadow": user, "placements__isnull": True})
    erasure.scrub(
        ShadowInterest, {"shadow": user}, wants_to_learn="", availability="", access_needs="",
        line_manager_name="", line_manager_email="",
    )
    # The shadow's learning goals are theirs; the agreed arrangements belong to the host's team too.
    erasure.scrub(Agreement, {"placement__shadow": user}, learning_goals="")
    # Reflections, follow-up answers and reasons for changing a visit are the person's own words.
    Reflection.objects.filter(author=user).delete()
    erasure.scrub(FollowUp, {"placement__shadow": user}, answer="", may_use=False)
    erasure.scrub(VisitChange, {"changed_by": user}, reason="")
    erasure.scrub(Placement, {"cancelled_by": user}, cancel_reason="")
    Chase.objects.filter(person=user).delete()
    unplaced_offers = PlacementOffer.objects.filter(host=user, placements__isnull=True)
    DraftChoice.objects.filter(offer__in=unplaced_offers).delete()
    ShadowInterest.objects.filter(own_offer__in=unplaced_offers).update(own_offer=None)
    erasure.delete_with_history(PlacementOffer, {"host": user, "placements__isnull": True})


erasure.register(
    "shadowing",
    models=[
        "shadowing.PlacementOffer",
        "shadowing.ShadowInterest",
        "shadowing.Placement",
        "shadowing.Round",
        "shadowing.DraftChoice",
        "shadowing.DraftMatch",
        "shadowing.Agreement",
        "shadowing.Visit",
        "shadowing.VisitChange",
        "shadowing.Reflection",
        "shadowing.FollowUp",
        "shadowing.Chase",
    ],
    erase=erase,
    erased=[
        "Your interest in shadowing and the placements you offered, where nobody was placed",
        "What you wrote about what you want to learn, your availability, access needs and line manager",
        "The learning goals in the agreements of the placements you shadowed",
        "Your reflections on visits, your three-month follow-up answer and the reasons you gave for changing a visit "
        "or cancelling a placement",
        "The reminders the programme's admins sent you",
    ],
    kept=[
        "Placements that were published, by the pseudonym: each is a tie between two organisations",
        "Rounds you opened and pairs you pinned or excluded as the programme's admin, by the pseudonym",
    ],
)

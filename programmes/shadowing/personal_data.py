"""The shadowing part of a person's data download: placements they offered, their interest in shadowing,
their placements (as shadow and as host) with their history, and what they did as the programme's admin."""

from django.db.models import Q

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.shadowing.models import (
    Agreement,
    Chase,
    DraftChoice,
    FollowUp,
    Placement,
    PlacementOffer,
    Reflection,
    ShadowInterest,
    Visit,
    VisitChange,
)


@register_exporter(
    "shadowing",
    title="Shadowing (Walking in each other's shoes)",
    covers=[
        "shadowing.PlacementOffer.host",
        "shadowing.ShadowInterest.shadow",
        "shadowing.Placement.shadow",
        "shadowing.Placement.cancelled_by",
        "shadowing.Round.created_by",
        "shadowing.DraftChoice.made_by",
        "shadowing.DraftMatch.run_by",
        "shadowing.VisitChange.changed_by",
        "shadowing.Reflection.author",
        "shadowing.Chase.person",
        "shadowing.Chase.sent_by",
    ],
)
def export(person, out: PersonalExport) -> None:
    out.table("placements_you_offered", rows(
        PlacementOffer.objects.filter(host=person).order_by("created_at"),
        ["id", "round__name", "setting", "organisation__name", "borough__name", "sector", "care_pathway",
         "visitor_experience", "system_problem", "visits", "available_from", "available_until", "available_dates",
         "capacity", "practical_details", "created_at"],
    ))
    out.table("your_interest_in_shadowing", rows(
        ShadowInterest.objects.filter(shadow=person).order_by("created_at"),
        ["id", "round__name", "organisation__name", "borough__name", "profession__name", "sector", "wants_to_learn",
         "unfamiliar_sectors", "available_from", "available_until", "availability", "access_needs",
         "line_manager_name", "line_manager_email", "reciprocal", "own_offer_id", "created_at"],
    ))
    placements = Placement.objects.filter(Q(shadow=person) | Q(offer__host=person)).order_by("created_at")
    out.table("your_placements", rows(
        placements, ["id", "round__name", "shadow__email", "offer__host__email", "offer__setting", "state",
                     "boundaries", "created_at", "cancelled_at", "cancelled_by__email", "cancel_reason"],
    ))
    out.table("placements_you_cancelled", rows(
        Placement.objects.filter(cancelled_by=person).order_by("cancelled_at"),
        ["id", "round__name", "offer__setting", "cancelled_at", "cancel_reason"],
    ))
    out.table("placement_agreements", rows(
        Agreement.objects.filter(placement__in=placements).order_by("placement_id"),
        ["placement_id", "learning_goals", "confidentiality", "practical_arrangements", "version",
         "shadow_signed_at", "host_signed_at", "manager_signed_at"],
    ))
    out.table("placement_visits", rows(
        Visit.objects.filter(placement__in=placements).order_by("placement_id", "number"),
        ["placement_id", "number", "on", "cancelled_at"],
    ))
    out.table("visit_changes", rows(
        VisitChange.objects.filter(visit__placement__in=placements).order_by("changed_at"),
        ["visit__placement_id", "visit__number", "kind", "from_day", "to_day", "reason", "changed_by__email",
         "changed_at"],
    ))
    # Only the person's own reflections: the other side's are theirs alone.
    out.table("your_reflections", rows(
        Reflection.objects.filter(author=person).order_by("created_at"),
        ["visit__placement_id", "visit__number", "side", "saw", "surprised", "differently", "shared", "created_at",
         "updated_at"],
    ))
    out.table("your_follow_ups", rows(
        FollowUp.objects.filter(placement__shadow=person).order_by("due_on"),
        ["placement_id", "due_on", "invited_at", "answer", "may_use", "answered_at"],
    ))
    out.table("reminders_you_were_sent_or_sent", rows(
        Chase.objects.filter(Q(person=person) | Q(sent_by=person)).order_by("sent_at"),
        ["round__name", "person__email", "sent_by__email", "what", "sent_at"],
    ))
    out.table("placement_history", transitions_of(Placement, list(placements.values_list("pk", flat=True))))
    out.table("pairs_you_pinned_or_excluded", rows(
        DraftChoice.objects.filter(made_by=person).order_by("made_at"),
        ["round__name", "interest_id", "offer_id", "kind", "made_at"],
    ))

"""The managed network part of a person's data download: their memberships (with interests, what they
hoped for and who they named as supporter) and their Big Room answers and tables."""

from django.db.models import Q

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.network.models import (
    Coach,
    CoachingRequest,
    CoachingSession,
    Event,
    Membership,
    MentoringCheckIn,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    Rsvp,
)


@register_exporter(
    "network",
    title="Managed network",
    covers=[
        "network.Membership.person",
        "network.Rsvp.person",
        "network.Rsvp.invited_by",
        "network.Event.created_by",
        "network.MentorOffer.mentor",
        "network.MentoringRequest.mentee",
        "network.MentoringPair.mentor",
        "network.MentoringPair.mentee",
        "network.MentoringPair.matched_by",
        "network.Coach.person",
        "network.Coach.added_by",
        "network.CoachingRequest.requester",
        "network.CoachingRequest.assigned_by",
        "network.MentoringCheckIn.person",
    ],
)
def export(person, out: PersonalExport) -> None:
    memberships = Membership.objects.filter(person=person).order_by("created_at", "pk")
    ids = list(memberships.values_list("pk", flat=True))
    out.table(
        "network_memberships",
        rows(
            memberships,
            ["id", "tier", "intake__name", "state", "hopes", "supporter_role", "supporter_name", "supporter_email",
             "supporter_answered_at", "supporter_supports", "decided_at", "created_at"],
        ),
    )
    out.table(
        "network_interests",
        rows(Membership.interests.through.objects.filter(membership_id__in=ids),
             ["membership_id", "priorityfunction__name"]),
    )
    out.table("network_membership_history", transitions_of(Membership, ids))
    out.table(
        "big_room_answers",
        rows(
            Rsvp.objects.filter(person=person).order_by("created_at", "pk"),
            ["event__title", "event__starts_at", "status", "table_number", "invited_by__email", "created_at"],
        ),
    )
    out.table(
        "big_room_colleagues_you_invited",
        rows(Rsvp.objects.filter(invited_by=person).order_by("created_at"), ["event__title", "created_at"]),
    )
    out.table(
        "big_rooms_you_created",
        rows(Event.objects.filter(created_by=person).order_by("starts_at"), ["title", "starts_at", "created_at"]),
    )
    out.table(
        "mentoring_offers",
        rows(MentorOffer.objects.filter(mentor=person).order_by("created_at", "pk"),
             ["id", "capacity", "format", "experience", "withdrawn_at", "created_at"]),
    )
    out.table(
        "mentoring_offer_topics",
        rows(MentorOffer.topics.through.objects.filter(mentoroffer__mentor=person),
             ["mentoroffer_id", "priorityfunction__name"]),
    )
    out.table(
        "mentoring_requests",
        rows(MentoringRequest.objects.filter(mentee=person).order_by("created_at", "pk"),
             ["id", "format", "hopes", "withdrawn_at", "created_at"]),
    )
    out.table(
        "mentoring_request_topics",
        rows(MentoringRequest.topics.through.objects.filter(mentoringrequest__mentee=person),
             ["mentoringrequest_id", "priorityfunction__name"]),
    )
    pairs = MentoringPair.objects.filter(Q(mentor=person) | Q(mentee=person)).order_by("created_at", "pk")
    out.table(
        "mentoring_pairs",
        rows(pairs, ["id", "mentor__email", "mentee__email", "state", "goals", "frequency", "confidentiality",
                     "ends_on", "mentor_agreed_at", "mentee_agreed_at", "started_at", "ended_at", "created_at"]),
    )
    out.table("mentoring_pair_history", transitions_of(MentoringPair, list(pairs.values_list("pk", flat=True))))
    out.table(
        "mentoring_pairs_you_matched",
        rows(MentoringPair.objects.filter(matched_by=person).order_by("created_at"), ["id", "created_at"]),
    )
    out.table(
        "mentoring_checkins",
        rows(MentoringCheckIn.objects.filter(person=person).order_by("answered_at", "pk"),
             ["pair_id", "months", "met", "useful", "answered_at"]),
    )
    _coaching(person, out)


def _coaching(person, out: PersonalExport) -> None:
    """Coaching: the person's requests (with their coach and the dates and counts of sessions), and, as a
    coach, their credentials and coachees. Coaching content is never stored, so there is none to give."""
    mine = Q(requester=person) | Q(coach__person=person)
    requests = CoachingRequest.objects.filter(mine).order_by("created_at", "pk")
    ids = list(requests.values_list("pk", flat=True))
    out.table(
        "coaching_requests",
        rows(requests, ["id", "requester__email", "for_whom", "team_size", "what_for", "urgency", "format", "state",
                        "coach__person__email", "offered_at", "accepted_at", "ended_at", "withdrawn_at", "created_at"]),
    )
    out.table("coaching_history", transitions_of(CoachingRequest, ids))
    out.table(
        "coaching_sessions",
        rows(CoachingSession.objects.filter(request_id__in=ids).order_by("held_on", "pk"),
             ["request_id", "held_on", "count", "logged_at"]),
    )
    out.table(
        "coaching_profile",
        rows(Coach.objects.filter(person=person),
             ["accreditation_body", "accreditation_level", "specialisms", "capacity", "status", "created_at"]),
    )
    out.table(
        "coaches_you_added_and_requests_you_assigned",
        rows(Coach.objects.filter(added_by=person).order_by("created_at"), ["id", "created_at"])
        + rows(CoachingRequest.objects.filter(assigned_by=person).order_by("created_at"), ["id", "created_at"]),
    )

"""The managed network part of a person's data download: their memberships (with interests, what they
hoped for and who they named as supporter) and their Big Room answers and tables."""

from django.db.models import Q

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.network.models import (
    AlumniListing,
    Attendance,
    Coach,
    CoachingRequest,
    CoachingSession,
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
        "network.AlumniListing.person",
        "network.VolunteerOffer.person",
        "network.TalentEntry.person",
        "network.MentoringDraftChoice.made_by",
        "network.MentoringDraft.run_by",
        "network.Attendance.person",
        "network.Attendance.recorded_by",
        "network.EventFeedback.person",
        "network.EventSlides.uploaded_by",
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
        "big_room_attendance",
        rows(Attendance.objects.filter(person=person).order_by("recorded_at", "pk"),
             ["event__title", "event__starts_at", "attended", "walk_in", "recorded_at"]),
    )
    out.table(
        "big_room_registers_you_took",
        rows(Event.objects.filter(attendance__recorded_by=person).distinct().order_by("starts_at", "pk"),
             ["title", "starts_at"]),
    )
    out.table(
        "big_room_slides_you_uploaded",
        rows(EventSlides.objects.filter(uploaded_by=person).order_by("uploaded_at", "pk"),
             ["event__title", "original_name", "uploaded_at"]),
    )
    out.table(
        "big_room_feedback",
        rows(EventFeedback.objects.filter(person=person).order_by("given_at", "pk"),
             ["event__title", "rating", "met_other_organisation", "improve", "given_at"]),
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
    out.table(
        "mentoring_matching_you_ran_or_pinned",
        rows(MentoringDraft.objects.filter(run_by=person).order_by("run_at"), ["id", "run_at"])
        + rows(MentoringDraftChoice.objects.filter(made_by=person).order_by("made_at"),
               ["request_id", "offer_id", "kind", "made_at"]),
    )
    _coaching(person, out)
    _alumni(person, out)
    _talent(person, out)


def _talent(person, out: PersonalExport) -> None:
    """The talent pool: the person's entry, its functions and places, and their two consents."""
    entries = TalentEntry.objects.filter(person=person)
    out.table(
        "talent_pool_entry",
        rows(entries, ["aspirations", "ics_wide", "readiness", "ready_by", "statement", "secretariat_consent",
                       "alerts_consent", "created_at", "updated_at"]),
    )
    out.table(
        "talent_pool_functions",
        rows(TalentEntry.functions.through.objects.filter(talententry__person=person), ["priorityfunction__name"]),
    )
    out.table(
        "talent_pool_places",
        rows(TalentEntry.boroughs.through.objects.filter(talententry__person=person), ["borough__name"]),
    )


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


def _alumni(person, out: PersonalExport) -> None:
    """The alumni directory entry (if they opted in) and their offers to volunteer, with their history."""
    out.table(
        "alumni_directory_entry",
        rows(AlumniListing.objects.filter(person=person), ["line", "functions__name", "created_at", "updated_at"]),
    )
    offers = VolunteerOffer.objects.filter(person=person).order_by("created_at", "pk")
    out.table(
        "alumni_volunteering",
        rows(offers, ["id", "role", "state", "functions__name", "availability", "note", "created_at"]),
    )
    out.table("alumni_volunteering_history", transitions_of(VolunteerOffer, list(offers.values_list("pk", flat=True))))

"""The conference part of a person's data download: proposals they speak on (with answers, needs and
history), invitations to co-speak, and their speaker profile."""

from django.db.models import Q

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.conference.models import (
    CheckIn,
    DayFeedback,
    Favourite,
    ProgrammeFeed,
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    Registration,
    Review,
    Reviewer,
    ReviewScore,
    SessionFeedback,
    SessionMaterial,
    SpeakerAvailability,
    SpeakerProfile,
    WorkshopChoice,
)


@register_exporter(
    "conference",
    title="Conference",
    covers=[
        "conference.Proposal.speaker",
        "conference.ProposalSpeaker.user",
        "conference.ProposalSpeaker.invited_by",
        "conference.SpeakerProfile.user",
        "conference.Reviewer.user",
        "conference.Reviewer.added_by",
        "conference.Review.reviewer",
        "conference.Registration.user",
        "conference.Registration.decided_by",
        "conference.CheckIn.checked_in_by",
        "conference.CheckIn.undone_by",
        "conference.DayFeedback.person",
        "conference.SessionFeedback.person",
        "conference.SessionMaterial.updated_by",
        "conference.Favourite.user",
        "conference.ProgrammeFeed.user",
        "conference.Placement.placed_by",
        "conference.ScheduleVersion.released_by",
        "conference.WorkshopChoice.user",
    ],
)
def export(person, out: PersonalExport) -> None:
    proposals = Proposal.objects.filter(Q(speaker=person) | Q(co_speakers__user=person)).distinct().order_by("pk")
    ids = list(proposals.values_list("pk", flat=True))
    out.table(
        "conference_proposals",
        rows(
            proposals,
            ["id", "edition__name", "session_type__kind", "speaker__email", "title", "abstract", "state",
             "accessibility_needs", "av_needs", "submitted_at", "created_at"],
        ),
    )
    out.table(
        "conference_proposal_answers",
        rows(ProposalAnswer.objects.filter(proposal__in=ids), ["proposal_id", "question__text", "text"]),
    )
    out.table("conference_proposal_history", transitions_of(Proposal, ids))
    out.table(
        "conference_co_speakers",
        rows(
            ProposalSpeaker.objects.filter(Q(proposal__in=ids) | Q(user=person) | Q(invited_by=person)).distinct(),
            ["proposal_id", "email", "state", "invited_at", "answered_at"],
        ),
    )
    out.table(
        "conference_speaker_profile",
        rows(SpeakerProfile.objects.filter(user=person),
             ["bio", "share_bio", "role", "organisation", "public_bio", "updated_at"]),
    )
    out.table(
        "conference_unavailable_times",
        rows(SpeakerAvailability.objects.filter(proposal__speaker=person), ["proposal__title", "unavailable"]),
    )
    out.table(
        "conference_favourite_sessions",
        rows(Favourite.objects.filter(user=person), ["proposal__edition__name", "proposal__title", "created_at"]),
    )
    out.table("conference_calendar_feed", rows(ProgrammeFeed.objects.filter(user=person), ["created_at"]))
    out.table(
        "conference_reviewing",
        rows(Reviewer.objects.filter(user=person), ["edition__name", "added_at"]),
    )
    out.table(
        "conference_reviews",
        rows(Review.objects.filter(reviewer=person),
             ["proposal__title", "declared_at", "conflicted", "conflict_reason", "comment", "submitted_at"]),
    )
    out.table(
        "conference_review_scores",
        rows(ReviewScore.objects.filter(review__reviewer=person),
             ["review__proposal__title", "category__name", "score"]),
    )
    registrations = Registration.objects.filter(user=person).order_by("pk")
    out.table(
        "conference_registrations",
        rows(registrations, ["id", "edition__name", "ticket_type__name", "state", "organisation", "profession",
                             "dietary_needs", "access_needs", "created_at", "decided_at"]),
    )
    out.table("conference_registration_history",
              transitions_of(Registration, list(registrations.values_list("pk", flat=True))))
    out.table(
        "conference_check_ins",
        rows(CheckIn.objects.filter(registration__user=person).order_by("pk"),
             ["registration_id", "registration__edition__name", "checked_in_at", "undone_at"]),
    )
    out.table(
        "conference_check_ins_recorded",
        rows(CheckIn.objects.filter(Q(checked_in_by=person) | Q(undone_by=person)).order_by("pk"),
             ["registration__edition__name", "checked_in_at", "undone_at"]),
    )
    out.table("conference_feedback_on_the_day",
              rows(DayFeedback.objects.filter(person=person), ["edition__name", "rating", "improve", "comment",
                                                                "given_at"]))
    out.table("conference_feedback_on_sessions",
              rows(SessionFeedback.objects.filter(person=person), ["proposal__title", "rating", "comment",
                                                                    "given_at"]))
    out.table("conference_session_material",
              rows(SessionMaterial.objects.filter(updated_by=person),
                   ["proposal__title", "original_name", "recording_url", "updated_at"]))
    choices = WorkshopChoice.objects.filter(user=person).order_by("pk")
    out.table("conference_workshop_choices",
              rows(choices, ["workshop__edition__name", "workshop__proposal__title", "state", "created_at",
                             "waiting_since"]))
    out.table("conference_workshop_choice_history",
              transitions_of(WorkshopChoice, list(choices.values_list("pk", flat=True))))

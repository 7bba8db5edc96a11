"""The conference part of a person's data download: proposals they speak on (with answers, needs and
history), invitations to co-speak, and their speaker profile."""

from django.db.models import Q

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.conference.models import (
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    Review,
    Reviewer,
    ReviewScore,
    SpeakerProfile,
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
        rows(SpeakerProfile.objects.filter(user=person), ["bio", "share_bio", "updated_at"]),
    )
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

"""The Challenge Fund part of a person's data download: bids they lead or co-lead (answers, versions,
history, reports, files they uploaded), reviews they wrote, and what they did as staff."""

from django.db.models import Q

from academy.privacy.personal_data import PersonalExport, register_exporter, rows, transitions_of
from programmes.challenge_fund.models import (
    Answer,
    Attachment,
    Bid,
    BidVersion,
    CoApplicant,
    Milestone,
    OutboxMessage,
    OutboxStatus,
    ProgressReport,
    ReviewAssignment,
    Round,
    Score,
)


@register_exporter(
    "challenge_fund",
    title="Challenge Fund",
    covers=[
        "challenge_fund.Bid.lead",
        "challenge_fund.Bid.determined_by",
        "challenge_fund.CoApplicant.user",
        "challenge_fund.CoApplicant.added_by",
        "challenge_fund.ReviewAssignment.reviewer",
        "challenge_fund.ReviewAssignment.assigned_by",
        "challenge_fund.Milestone.paid_by",
        "challenge_fund.ProgressReport.submitted_by",
        "challenge_fund.Attachment.uploaded_by",
        "challenge_fund.OutboxMessage.recipient",
        "challenge_fund.OutboxMessage.sent_by",
        "challenge_fund.BidVersion.submitted_by",
        "challenge_fund.Round.created_by",
    ],
)
def export(person, out: PersonalExport) -> None:
    bids = Bid.objects.filter(Q(lead=person) | Q(coapplicants__user=person)).distinct().order_by("created_at")
    bid_ids = list(bids.values_list("pk", flat=True))
    bid_rows = rows(
        bids,
        [
            "id",
            "round__title",
            "lead__email",
            "lead_organisation__name",
            "state",
            "title",
            "summary",
            "problem",
            "proposed_change",
            "ppi",
            "outcomes",
            "measures",
            "amount_requested",
            "submitted_at",
            "outcome",
            "awarded_amount",
            "conditions",
            "feedback",
            "round__feedback_released",
            "determined_at",
            "version",
            "created_at",
            "updated_at",
        ],
    )
    for row in bid_rows:  # feedback is the applicant's only once the round releases it
        if not row.pop("round__feedback_released"):
            row["feedback"] = ""
    out.table("bids", bid_rows)
    out.table(
        "bid_co_applicants", rows(CoApplicant.objects.filter(bid__in=bid_ids), ["bid_id", "user__email", "added_at"])
    )
    out.table("bid_answers", rows(Answer.objects.filter(bid__in=bid_ids), ["bid_id", "question__text", "text"]))
    out.table(
        "bid_versions",
        rows(
            BidVersion.objects.filter(bid__in=bid_ids).order_by("bid", "number"),
            ["bid_id", "number", "submitted_at", "content"],
        ),
    )
    out.table("bid_history", transitions_of(Bid, bid_ids))
    out.table(
        "bid_milestones",
        rows(Milestone.objects.filter(bid__in=bid_ids), ["bid_id", "title", "due_date", "payment_amount", "paid_at"]),
    )
    out.table(
        "bid_progress_reports",
        rows(
            ProgressReport.objects.filter(bid__in=bid_ids),
            [
                "bid_id",
                "kind",
                "done",
                "outcomes",
                "learning",
                "risks",
                "submitted_by__email",
                "submitted_at",
            ],
        ),
    )
    out.table(
        "messages_to_you",
        rows(
            OutboxMessage.objects.filter(recipient=person, status=OutboxStatus.SENT).order_by("sent_at"),
            ["bid_id", "subject", "body", "sent_at"],
        ),
    )
    attachments = Attachment.objects.filter(uploaded_by=person).order_by("uploaded_at")
    out.table(
        "files_you_uploaded",
        rows(attachments, ["id", "bid_id", "original_name", "content_type", "size", "uploaded_at"]),
    )
    for attachment in attachments:
        out.file(f"{attachment.pk}-{attachment.original_name}", attachment.file)
    assignments = ReviewAssignment.objects.filter(reviewer=person).order_by("assigned_at")
    out.table(
        "reviews_you_wrote",
        rows(
            assignments,
            [
                "id",
                "bid__title",
                "bid__round__title",
                "declared_at",
                "conflicted",
                "conflict_reason",
                "comments",
                "submitted_at",
            ],
        ),
    )
    out.table(
        "review_scores_you_gave",
        rows(
            Score.objects.filter(assignment__reviewer=person), ["assignment_id", "criterion__title", "score", "comment"]
        ),
    )
    out.table(
        "records_you_made_as_staff",
        [
            *({"record": "round", **row} for row in rows(Round.objects.filter(created_by=person), ["id", "title"])),
            *(
                {"record": "bid decision", **row}
                for row in rows(Bid.objects.filter(determined_by=person), ["id", "determined_at"])
            ),
            *(
                {"record": "co-applicant added", **row}
                for row in rows(CoApplicant.objects.filter(added_by=person), ["id", "added_at"])
            ),
            *(
                {"record": "reviewer assigned", **row}
                for row in rows(ReviewAssignment.objects.filter(assigned_by=person), ["id", "assigned_at"])
            ),
            *(
                {"record": "milestone paid", **row}
                for row in rows(Milestone.objects.filter(paid_by=person), ["id", "paid_at"])
            ),
            *(
                {"record": "message sent", **row}
                for row in rows(OutboxMessage.objects.filter(sent_by=person), ["id", "sent_at"])
            ),
            *(
                {"record": "bid version submitted", **row}
                for row in rows(BidVersion.objects.filter(submitted_by=person), ["id", "submitted_at"])
            ),
        ],
    )

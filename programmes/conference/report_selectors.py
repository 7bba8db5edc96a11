"""The figures of an edition's report (the PDF the conference team makes in the background, reports.py): the
registrations and check-ins by ticket type and by organisation, the sessions by kind, the speakers, the slides
and recordings, and the attendees' feedback as aggregates. Eight queries whatever the size of the edition.

What the PDF may carry, and why:

* Feedback goes through ``academy.reports.suppression`` (through ``followup_selectors.feedback_figures``): the
  number who answered reads "fewer than 5" when small, and a mean rating is shown only once 5 have answered.
* No free text: attendees were not asked whether their words may be quoted, so none is printed. The team reads
  the comments, without names, on the feedback page.
* Organisations: a PDF travels further than the team's pages, so an organisation with fewer than
  ``DEFAULT_THRESHOLD`` confirmed registrations is not named; such organisations are counted together.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from academy.reports.suppression import DEFAULT_THRESHOLD
from programmes.conference import checkin, followup_selectors, selectors
from programmes.conference.models import Edition, ProposalSpeaker, SpeakerState


@dataclass(frozen=True)
class OrganisationRow:
    name: str
    expected: int
    checked_in: int


def _organisations(rows: list[dict]) -> tuple[list[OrganisationRow], OrganisationRow | None]:
    """Organisations with at least ``DEFAULT_THRESHOLD`` confirmed registrations by name; the others together."""
    named = [OrganisationRow(row["organisation"], row["expected"], row["checked_in"])
             for row in rows if row["expected"] >= DEFAULT_THRESHOLD]
    small = [row for row in rows if row["expected"] < DEFAULT_THRESHOLD]
    others = None
    if small:
        others = OrganisationRow(
            f"{len(small)} other organisation{'s' if len(small) != 1 else ''}, each with fewer than "
            f"{DEFAULT_THRESHOLD}",
            sum(row["expected"] for row in small), sum(row["checked_in"] for row in small),
        )
    return named, others


def edition_report_figures(edition: Edition) -> dict:
    """Everything the report shows of one edition, read in a fixed number of queries."""
    ticket_types = selectors.ticket_types(edition)  # 1 query
    counts = checkin.counts(edition)  # 2 queries
    organisations, other_organisations = _organisations(counts["by_organisation"])
    sessions = followup_selectors.sessions(edition)  # 1 query
    by_kind = Counter(proposal.session_type.get_kind_display() for proposal in sessions)
    speakers = {proposal.speaker_id for proposal in sessions}
    speakers |= set(ProposalSpeaker.objects.filter(proposal__in=[p.pk for p in sessions], state=SpeakerState.ACCEPTED,
                                                   user__isnull=False).values_list("user_id", flat=True))  # 1 query
    materials = [getattr(proposal, "material", None) for proposal in sessions]
    return {
        "ticket_types": ticket_types,
        "registrations": {
            "confirmed": sum(t.sold for t in ticket_types),
            "awaiting": sum(t.awaiting for t in ticket_types),
            "waiting": sum(t.waiting for t in ticket_types),
        },
        "check_ins": counts,
        "organisations": organisations,
        "other_organisations": other_organisations,
        "threshold": DEFAULT_THRESHOLD,
        "sessions": sessions,
        "sessions_by_kind": sorted(by_kind.items()),
        "speakers": len(speakers),
        "slides": sum(1 for material in materials if material is not None and material.has_slides),
        "recordings": sum(1 for material in materials if material is not None and material.recording_url),
        "feedback": followup_selectors.feedback_figures(edition, with_text=False),  # 3 queries
    }

"""Conference pages in the URL walk. The walk's Programme admin runs another programme (the curriculum), so
the conference team's pages answer 403 for them; tests/programmes/conference/test_views.py covers the
conference's own admins, speakers and co-speakers."""

from django.core.files.base import ContentFile
from django.urls import reverse

from programmes.conference.models import (
    DayFeedback,
    Decision,
    PendingDecision,
    ProposalSpeaker,
    ProposalState,
    SessionFeedback,
    SessionMaterial,
)
from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import (
    make_edition,
    make_proposal,
    make_registration,
    make_ticket_type,
    talk_of,
)

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Someone else's proposal or invitation: not found for everyone, superusers included.
OTHERS = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}
# Superusers pass every permission; the index lists no edition for them, and an edition they do not review is
# not found.
NOT_A_REVIEWER = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": MISSING}
CONFERENCE_ADMIN = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": OK}

EXPECTATIONS = {
    "conference:index": PUBLIC,
    "conference:call": PUBLIC,
    "conference:propose": SIGNED_IN,
    "conference:my_proposals": SIGNED_IN,
    "conference:speaker_profile": SIGNED_IN,
    "conference:proposal": OTHERS,
    "conference:proposal_edit": OTHERS,
    "conference:proposal_submit": OTHERS,
    "conference:proposal_withdraw": OTHERS,
    "conference:proposal_invite": OTHERS,
    "conference:invitation_withdraw": OTHERS,
    "conference:invitation": OTHERS,
    "conference:manage": CONFERENCE_ADMIN,
    "conference:edition_create": CONFERENCE_ADMIN,
    "conference:edition": CONFERENCE_ADMIN,
    "conference:edition_edit": CONFERENCE_ADMIN,
    "conference:edition_publish": CONFERENCE_ADMIN,
    "conference:call_edit": CONFERENCE_ADMIN,
    "conference:room_add": CONFERENCE_ADMIN,
    "conference:room_edit": CONFERENCE_ADMIN,
    "conference:theme_add": CONFERENCE_ADMIN,
    "conference:theme_edit": CONFERENCE_ADMIN,
    "conference:session_type_add": CONFERENCE_ADMIN,
    "conference:session_type_edit": CONFERENCE_ADMIN,
    "conference:question_add": CONFERENCE_ADMIN,
    "conference:question_edit": CONFERENCE_ADMIN,
    "conference:question_delete": CONFERENCE_ADMIN,
    "conference:proposals": CONFERENCE_ADMIN,
    "conference:proposals_export": CONFERENCE_ADMIN,
    "conference:admin_proposal": CONFERENCE_ADMIN,
    "conference:review_setup": CONFERENCE_ADMIN,
    "conference:review_settings": CONFERENCE_ADMIN,
    "conference:review_phase_add": CONFERENCE_ADMIN,
    "conference:score_category_add": CONFERENCE_ADMIN,
    "conference:reviewer_add": CONFERENCE_ADMIN,
    "conference:ranking": CONFERENCE_ADMIN,
    "conference:ranking_export": CONFERENCE_ADMIN,
    # Reviewers are named per edition; no walking role is one (test_review.py covers reviewers).
    "conference:review_index": NOT_A_REVIEWER | {"superuser": OK},
    "conference:review_queue": NOT_A_REVIEWER,
    "conference:review_next": NOT_A_REVIEWER,
    "conference:review_proposal": OTHERS,
    "conference:decisions": CONFERENCE_ADMIN,
    "conference:decision_template": CONFERENCE_ADMIN,
    "conference:decision_outbox": CONFERENCE_ADMIN,
    "conference:decision_send": CONFERENCE_ADMIN,
    "conference:speakers": CONFERENCE_ADMIN,
    # Only the lead speaker of an accepted proposal confirms (test_decisions.py covers them).
    "conference:proposal_confirm": OTHERS,
    # Registration: the team's pages; leaders register, and only the person registered sees their registration.
    "conference:ticket_types": CONFERENCE_ADMIN,
    "conference:ticket_type_add": CONFERENCE_ADMIN,
    "conference:ticket_type_edit": CONFERENCE_ADMIN,
    "conference:attendees": CONFERENCE_ADMIN,
    "conference:attendees_export": CONFERENCE_ADMIN,
    "conference:registration_decide": CONFERENCE_ADMIN,
    "conference:register": SIGNED_IN,
    "conference:registration": OTHERS,
    "conference:registration_cancel": OTHERS,
    # On the day: the team's check-in desk, counts, undo and badges; a ticket's code is its person's alone.
    "conference:check_in": CONFERENCE_ADMIN,
    "conference:check_in_counts": CONFERENCE_ADMIN,
    "conference:check_in_undo": CONFERENCE_ADMIN,
    "conference:badges": CONFERENCE_ADMIN,
    "conference:badge": CONFERENCE_ADMIN,
    "conference:ticket_code": OTHERS,
    # After the conference: the feedback pages explain to everyone signed in whether they may give it; a session's
    # page and slides are for everyone signed in; only the session's speakers add its slides (404 for everyone
    # else, superusers included: test_followup.py covers speakers); the figures are the team's.
    "conference:feedback": SIGNED_IN,
    "conference:session": SIGNED_IN,
    "conference:session_feedback": SIGNED_IN,
    "conference:session_slides": SIGNED_IN,
    "conference:session_material": OTHERS,
    "conference:feedback_figures": CONFERENCE_ADMIN,
    "conference:feedback_export": CONFERENCE_ADMIN,
    # The edition's report (PDF): the conference team (test_edition_report.py covers its own admins).
    "conference:edition_report": CONFERENCE_ADMIN,
    "conference:registration_change": OTHERS,
    # The schedule: the team's editor (place and unplace are POST only) and the published programme, which reads
    # without signing in like the calls; favourites and the calendar feed need an account; the feed's token is its
    # key (calendar apps cannot sign in).
    "conference:schedule": CONFERENCE_ADMIN,
    "conference:schedule_hours": CONFERENCE_ADMIN,
    "conference:schedule_release": CONFERENCE_ADMIN,
    "conference:schedule_versions": CONFERENCE_ADMIN,
    "conference:schedule_place": CONFERENCE_ADMIN | {"superuser": 405},
    "conference:schedule_unplace": CONFERENCE_ADMIN | {"superuser": 405},
    "conference:programme_index": PUBLIC,
    "conference:programme": PUBLIC,
    "conference:programme_session": PUBLIC,
    "conference:programme_speaker": PUBLIC,
    "conference:programme_favourite": dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN},
    "conference:programme_feed_manage": SIGNED_IN,
    "conference:programme_feed": PUBLIC,
    # Workshop choices: the page explains to everyone signed in whether they may choose (a confirmed registration);
    # choosing and leaving are POST only; the places, names, capacity and export are the team's.
    "conference:workshops": SIGNED_IN,
    "conference:workshop_choose": dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN},
    "conference:workshop_leave": dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN},
    "conference:workshops_admin": CONFERENCE_ADMIN,
    "conference:workshops_export": CONFERENCE_ADMIN,
    "conference:workshop_admin": CONFERENCE_ADMIN,
    "conference:workshop_capacity": CONFERENCE_ADMIN,
}


def _past_edition_with_feedback(*, sessions=True):
    """An edition that ended last week, with an accepted session, a confirmed attendee and their feedback (so
    the figures' page has rows to show)."""
    edition = make_edition(days_to_deadline=-30, days_to_start=-7)
    if sessions:
        proposal = make_proposal(edition, state=ProposalState.ACCEPTED)
        registration = make_registration(make_ticket_type(edition))
        DayFeedback.objects.create(edition=edition, person=registration.user, rating=4, improve="More time")
        SessionFeedback.objects.create(proposal=proposal, person=registration.user, rating=5)
    return edition


def _decided_edition():
    """An edition with a pending decision (so the outbox and its confirm page have a message and a form) and an
    accepted speaker."""
    edition = make_edition()
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    PendingDecision.objects.create(proposal=proposal, decision=Decision.ACCEPT)
    make_proposal(edition, state=ProposalState.ACCEPTED)
    return edition


def url_for(name: str) -> str | None:
    if not name.startswith("conference:"):
        return None
    short = name.split(":", 1)[1]
    if short in {"feedback", "feedback_figures", "feedback_export", "edition_report"}:
        edition = _past_edition_with_feedback()
        return reverse(name, args=[edition.slug if short == "feedback" else edition.pk])
    if short in {"session", "session_feedback", "session_slides", "session_material"}:
        proposal = make_proposal(_past_edition_with_feedback(sessions=False), state=ProposalState.ACCEPTED)
        SessionMaterial.objects.create(
            proposal=proposal, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="slides.pdf"),
            original_name="slides.pdf", content_type="application/pdf", size=14,
            recording_url="https://example.org/recording",
        )
        return reverse(name, args=[proposal.pk])
    if short.startswith("workshop"):
        return _workshop_url(name, short)
    if short.startswith(("schedule", "programme")):
        return _schedule_url(name, short)
    if short in {"index", "my_proposals", "speaker_profile", "manage", "edition_create"}:
        return reverse(name)
    if short in {"call", "propose"}:
        return reverse(name, args=[make_edition().slug])
    if short in {"review_setup", "review_settings", "review_phase_add", "score_category_add", "reviewer_add",
                 "ranking", "ranking_export", "review_queue", "review_next"}:
        return reverse(name, args=[make_edition().pk])
    if short in {"decisions", "decision_outbox", "decision_send", "speakers"}:
        return reverse(name, args=[_decided_edition().pk])
    if short == "decision_template":
        return reverse(name, args=[make_edition().pk, "accept"])
    if short == "proposal_confirm":
        return reverse(name, args=[make_proposal(state=ProposalState.ACCEPTED).pk])
    if short in {"ticket_types", "ticket_type_add", "attendees", "attendees_export"}:
        ticket_type = make_ticket_type(needs_approval=True)
        make_registration(ticket_type, state="awaiting_approval", access_needs="Step-free access")
        return reverse(name, args=[ticket_type.edition_id])
    if short in {"check_in", "check_in_counts", "badges"}:
        ticket_type = make_ticket_type()
        make_registration(ticket_type, organisation="Bromley Healthcare")
        return reverse(name, args=[ticket_type.edition_id])
    if short in {"check_in_undo", "badge", "ticket_code"}:
        return reverse(name, args=[make_registration(make_ticket_type()).pk])
    if short == "ticket_type_edit":
        return reverse(name, args=[make_ticket_type().pk])
    if short in {"registration_decide", "registration", "registration_cancel", "registration_change"}:
        return reverse(name, args=[make_registration(make_ticket_type(needs_approval=True),
                                                     state="awaiting_approval").pk])
    if short == "register":
        return reverse(name, args=[make_ticket_type().edition.slug])
    if short == "review_index":
        return reverse(name)
    if short == "review_proposal":
        return reverse(name, args=[make_proposal(state=ProposalState.SUBMITTED).pk])
    if short in {"edition", "edition_edit", "call_edit", "room_add", "theme_add", "session_type_add", "proposals",
                 "proposals_export"}:
        return reverse(name, args=[make_edition().pk])
    if short == "edition_publish":
        return reverse(name, args=[make_edition(published=False).pk])
    edition = make_edition()
    if short == "room_edit":
        return reverse(name, args=[edition.rooms.get().pk])
    if short == "theme_edit":
        return reverse(name, args=[edition.themes.get().pk])
    if short in {"session_type_edit", "question_add"}:
        return reverse(name, args=[talk_of(edition).pk])
    if short in {"question_edit", "question_delete"}:
        return reverse(name, args=[talk_of(edition).questions.get().pk])
    if short == "admin_proposal":
        return reverse(name, args=[make_proposal(edition, state=ProposalState.SUBMITTED).pk])
    proposal = make_proposal(edition)
    if short in {"invitation_withdraw", "invitation"}:
        invitation = ProposalSpeaker.objects.create(proposal=proposal, user=UserFactory())
        if short == "invitation":
            return reverse(name, args=[invitation.pk])
        return reverse(name, args=[proposal.pk, invitation.pk])
    return reverse(name, args=[proposal.pk])


def _schedule_url(name: str, short: str) -> str:
    from tests.programmes.conference.schedule_helpers import released_edition  # noqa: PLC0415

    if short == "programme_index":
        return reverse(name)
    if short == "programme_feed_manage":
        return reverse(name)
    edition, placements = released_edition()
    proposal = placements[0].proposal
    if short in {"schedule", "schedule_hours", "schedule_release", "schedule_versions"}:
        return reverse(name, args=[edition.pk])
    if short in {"schedule_place", "schedule_unplace"}:
        return reverse(name, args=[proposal.pk])
    if short == "programme":
        return reverse(name, args=[edition.slug])
    if short in {"programme_session", "programme_favourite"}:
        return reverse(name, args=[edition.slug, proposal.pk])
    if short == "programme_speaker":
        return reverse(name, args=[edition.slug, proposal.speaker_id])
    if short == "programme_feed":
        from programmes.conference import schedule_services  # noqa: PLC0415

        person = UserFactory()
        schedule_services.add_favourite(person, proposal)
        return reverse(name, args=[schedule_services.programme_feed(person).token])
    raise AssertionError(name)


def _workshop_url(name: str, short: str) -> str:
    """A released workshop with one person holding its only place and one on its waiting list."""
    from programmes.conference import workshops  # noqa: PLC0415
    from tests.programmes.conference.workshop_helpers import attendee, workshop_edition  # noqa: PLC0415

    edition, (workshop, _other) = workshop_edition(seats=1)
    for _ in range(2):
        workshops.choose_workshop(attendee(edition), edition, workshop)
    if short == "workshops":
        return reverse(name, args=[edition.slug])
    if short in {"workshop_choose", "workshop_leave"}:
        return reverse(name, args=[edition.slug, workshop.pk])
    if short in {"workshops_admin", "workshops_export"}:
        return reverse(name, args=[edition.pk])
    return reverse(name, args=[edition.pk, workshop.pk])


# Privacy rules no role passes, superusers included: a draft is its speaker's alone.
PRIVATE = {
    "someone else's draft conference proposal": lambda: reverse("conference:proposal", args=[make_proposal().pk]),
    "someone else's conference registration": lambda: reverse(
        "conference:registration", args=[make_registration(make_ticket_type()).pk]
    ),
    "someone else's conference ticket code": lambda: reverse(
        "conference:ticket_code", args=[make_registration(make_ticket_type()).pk]
    ),
    "a conference calendar feed that was replaced": lambda: reverse(
        "conference:programme_feed", args=["no-such-token-" + "x" * 30]
    ),
}

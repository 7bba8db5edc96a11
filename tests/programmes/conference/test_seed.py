"""The conference's demo: next year's edition with its call open, submitted proposals and drafts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.conference import selectors
from programmes.conference.demo import EDITION_NAME
from programmes.conference.models import Proposal, ProposalState, Review, SpeakerState


@pytest.mark.django_db


def test_seed_demo_opens_the_call_with_proposals_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    assert [edition.name for edition in selectors.open_editions()] == [EDITION_NAME]
    proposals = Proposal.objects.filter(edition__name=EDITION_NAME)
    states = sorted(proposals.values_list("state", flat=True))
    assert states.count(ProposalState.SUBMITTED) == 4 and states.count(ProposalState.DRAFT) == 2
    leader_draft = proposals.get(speaker__email="leader@demo.academy.test", state=ProposalState.DRAFT)
    assert leader_draft.co_speakers.get().state == SpeakerState.ACCEPTED
    # Review: reviewer@ has reviewed three, with proposals left for the "next proposal" button.
    reviews = Review.objects.filter(proposal__edition__name=EDITION_NAME)
    assert reviews.filter(reviewer__email="reviewer@demo.academy.test", submitted_at__isnull=False).count() == 3
    assert reviews.filter(conflicted=True).count() == 1
    edition = proposals.first().edition
    assert any(p.flagged for p in selectors.ranked_proposals(edition))
    count, review_count = proposals.count(), reviews.count()
    call_command("seed_demo", stdout=StringIO())
    assert Proposal.objects.filter(edition__name=EDITION_NAME).count() == count
    assert reviews.count() == review_count


@pytest.mark.django_db


def test_seed_demo_has_an_edition_with_decisions_sent_and_speakers_confirmed(monkeypatch):
    from programmes.conference.demo import DECIDED_EDITION_NAME  # noqa: PLC0415
    from programmes.conference.models import DecisionSent, PendingDecision  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    proposals = Proposal.objects.filter(edition__name=DECIDED_EDITION_NAME)
    states = sorted(proposals.values_list("state", flat=True))
    assert states.count(ProposalState.CONFIRMED) == 3
    assert states.count(ProposalState.ACCEPTED) == 1
    assert states.count(ProposalState.REJECTED) == 2
    assert states.count(ProposalState.WAITLISTED) == 1
    assert proposals.get(state=ProposalState.ACCEPTED).speaker.email == "leader@demo.academy.test"
    assert DecisionSent.objects.filter(proposal__in=proposals).count() == 7
    assert PendingDecision.objects.filter(proposal__in=proposals).count() == 2
    call_command("seed_demo", stdout=StringIO())
    assert Proposal.objects.filter(edition__name=DECIDED_EDITION_NAME).count() == 9


@pytest.mark.django_db


def test_seed_demo_opens_registration_with_ticket_types_and_about_40_registrations(monkeypatch):
    from programmes.conference.models import Registration, RegistrationState, TicketType  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    registrations = Registration.objects.filter(edition__name=EDITION_NAME)
    assert TicketType.objects.filter(edition__name=EDITION_NAME).count() == 4
    assert registrations.count() >= 35
    assert registrations.get(user__email="leader@demo.academy.test").state == RegistrationState.CONFIRMED
    states = set(registrations.values_list("state", flat=True))
    assert {RegistrationState.CONFIRMED, RegistrationState.AWAITING_APPROVAL, RegistrationState.WAITING} <= states
    for ticket_type in TicketType.objects.filter(edition__name=EDITION_NAME):
        assert ticket_type.places_held <= ticket_type.capacity
    count = registrations.count()
    call_command("seed_demo", stdout=StringIO())
    assert registrations.count() == count


@pytest.mark.django_db
def test_seed_demo_has_a_conference_day_today_with_check_ins(monkeypatch):
    from django.utils import timezone  # noqa: PLC0415

    from programmes.conference import checkin  # noqa: PLC0415
    from programmes.conference.demo import DAY_EDITION_NAME  # noqa: PLC0415
    from programmes.conference.models import CheckIn, Edition  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    edition = Edition.objects.get(name=DAY_EDITION_NAME)
    assert edition.starts_on == timezone.localdate()
    counts = checkin.counts(edition)
    assert (counts["checked_in"], counts["expected"]) == (9, 24)
    assert CheckIn.objects.filter(registration__edition=edition, undone_at__isnull=False).count() == 1
    assert not CheckIn.objects.filter(checked_in_at__gt=timezone.now()).exists()
    leader = edition.registrations.get(user__email="leader@demo.academy.test")
    assert leader.is_confirmed and checkin.standing_check_in(leader) is None
    # Two talks on the day, each with a co-speaker: this quarter's conference ties for the network analysis.
    from programmes.conference import selectors  # noqa: PLC0415

    assert len(list(selectors.co_speaker_ties(edition.starts_on, edition.starts_on))) == 2
    call_command("seed_demo", stdout=StringIO())
    assert CheckIn.objects.filter(registration__edition=edition).count() == 10
    assert edition.proposals.count() == 2


@pytest.mark.django_db
def test_seed_demo_has_last_years_edition_with_feedback_and_slides(monkeypatch):
    from programmes.conference import followup_selectors, selectors  # noqa: PLC0415
    from programmes.conference.demo import past_edition_name  # noqa: PLC0415
    from programmes.conference.models import DayFeedback, Edition, SessionMaterial  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    edition = Edition.objects.get(name=past_edition_name())
    assert followup_selectors.ended(edition)
    figures = followup_selectors.feedback_figures(edition)
    assert figures["enough"] and figures["average"] is not None and figures["improve"]
    shown = [row for row in figures["sessions"] if row["enough"]]
    hidden = [row for row in figures["sessions"] if not row["enough"]]
    assert len(shown) == 2 and len(hidden) == 2 and hidden[0]["average"] is None
    material = SessionMaterial.objects.get(proposal__edition=edition)
    assert material.has_slides and material.recording_url.startswith("https://")
    leader_session = edition.proposals.get(speaker__email="leader@demo.academy.test")
    assert followup_selectors.may_add_material(leader_session.speaker, leader_session)
    ties = list(selectors.co_speaker_ties(edition.starts_on, edition.starts_on))
    assert len(ties) == 2 and leader_session.speaker_id in {person for tie in ties for person in tie[:2]}
    assert followup_selectors.may_give_feedback(leader_session.speaker, edition)
    assert followup_selectors.day_feedback_of(leader_session.speaker, edition) is None
    count = DayFeedback.objects.filter(edition=edition).count()
    call_command("seed_demo", stdout=StringIO())
    assert DayFeedback.objects.filter(edition=edition).count() == count == 24


@pytest.mark.django_db
def test_seed_demo_releases_a_schedule_for_the_winter_forum(monkeypatch, client):
    from programmes.conference import schedule_selectors  # noqa: PLC0415
    from programmes.conference.demo import DECIDED_EDITION_NAME  # noqa: PLC0415
    from programmes.conference.models import Edition, Favourite, ScheduleVersion  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    edition = Edition.objects.get(name=DECIDED_EDITION_NAME)
    version = ScheduleVersion.objects.get(edition=edition)
    assert version.number == 1 and len(version.snapshot) == 3
    editor = schedule_selectors.editor(edition)
    assert len(editor.placements) == 4 and len(editor.changes["added"]) == 1
    assert schedule_selectors.programme_editions() == [edition]
    assert Favourite.objects.filter(user__email="leader@demo.academy.test").count() == 1
    # The pages show it: the programme to anyone, the editor to the conference team.
    from django.urls import reverse  # noqa: PLC0415

    from academy.accounts.models import User  # noqa: PLC0415
    from tests.conftest import give_mfa  # noqa: PLC0415

    programme = client.get(reverse("conference:programme", args=[edition.slug])).content.decode()
    assert "Virtual wards that GPs trust" in programme and "Designated clinical officer" not in programme
    team = User.objects.get(email="programme-admin@demo.academy.test")
    give_mfa(team)
    client.force_login(team)
    editor = client.get(reverse("conference:schedule", args=[edition.pk])).content.decode()
    assert "What we stopped doing" in editor and "1 added" in editor
    call_command("seed_demo", stdout=StringIO())
    assert ScheduleVersion.objects.filter(edition=edition).count() == 1


@pytest.mark.django_db
def test_seed_demo_gives_the_winter_forums_workshop_places_and_a_waiting_list(monkeypatch, client):
    from django.urls import reverse  # noqa: PLC0415

    from academy.accounts.models import User  # noqa: PLC0415
    from programmes.conference.demo import DECIDED_EDITION_NAME  # noqa: PLC0415
    from programmes.conference.models import Edition, Workshop, WorkshopChoice  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    edition = Edition.objects.get(name=DECIDED_EDITION_NAME)
    workshop = Workshop.objects.get(edition=edition)
    assert (workshop.capacity, workshop.places_held) == (5, 5)
    assert WorkshopChoice.objects.filter(workshop=workshop, state="waiting").count() == 3
    client.force_login(User.objects.get(email="leader@demo.academy.test"))
    page = client.get(reverse("conference:workshops", args=[edition.slug])).content.decode()
    assert "Join the waiting list" in page and "Full: 3 on the waiting list" in page
    call_command("seed_demo", stdout=StringIO())
    assert WorkshopChoice.objects.filter(workshop__edition=edition).count() == 8

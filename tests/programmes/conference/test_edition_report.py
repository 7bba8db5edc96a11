"""The edition report: a PDF made in the background by academy.reports for the conference team, with the
edition's figures and its feedback suppressed for small numbers; and the level 1 reading the evaluation takes
from the conference's feedback (followup_selectors.reaction_by_edition)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from academy.reports import services as reports
from academy.reports.models import JobStatus, ReportJob
from academy.reports.tasks import run_report
from programmes.conference import followup_selectors, report_selectors
from programmes.conference.models import (
    CheckIn,
    DayFeedback,
    ProposalSpeaker,
    ProposalState,
    SessionFeedback,
    SessionMaterial,
    SpeakerState,
)
from programmes.conference.reports import EDITION_REPORT, edition_report_context
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, make_registration, make_ticket_type

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'
SECRET_COMMENT = "Aardvark comment nobody agreed to have quoted"
_names = itertools.count(1)


def _past_edition():
    return make_edition(days_to_deadline=-30, days_to_start=-7)


def _registrations(ticket_type, count, organisation, *, checked_in=0, state="confirmed"):
    registrations = [make_registration(ticket_type, organisation=organisation, state=state) for _ in range(count)]
    arrived = timezone.now() - dt.timedelta(days=7)
    for registration in registrations[:checked_in]:
        CheckIn.objects.create(registration=registration, checked_in_at=arrived)
    return registrations


def _rate(session, people, ratings):
    SessionFeedback.objects.bulk_create([
        SessionFeedback(proposal=session, person=person, rating=rating, comment=SECRET_COMMENT)
        for person, rating in zip(people, ratings, strict=False)
    ])


def held_edition():
    """A held edition: two ticket types, eight people from one trust (six checked in) and three from a small
    charity (one checked in), one awaiting approval and one waiting; two sessions, one with slides, a recording
    and a co-speaker; feedback on the day from 6, on the first session from 5 and on the second from 2."""
    edition = _past_edition()
    leaders = make_ticket_type(edition, name="C&CP leader", capacity=50)
    vcse = make_ticket_type(edition, name="VCSE", capacity=20, needs_approval=True)
    trust = _registrations(leaders, 8, "Lewisham and Greenwich NHS Trust", checked_in=6)
    charity = _registrations(vcse, 3, "Tiny Charity of Sydenham", checked_in=1)
    _registrations(vcse, 1, "Age UK Bromley", state="awaiting_approval")
    _registrations(leaders, 1, "Age UK Bromley", state="waiting")
    popular = make_proposal(edition, state=ProposalState.CONFIRMED, title=f"Front door {HOSTILE}")
    quiet = make_proposal(edition, state=ProposalState.ACCEPTED, title="Quiet session")
    make_proposal(edition, state=ProposalState.REJECTED, title="Not a session")
    ProposalSpeaker.objects.create(proposal=popular, user=UserFactory(), email="co@example.test",
                                   state=SpeakerState.ACCEPTED)
    material = SessionMaterial(proposal=popular, recording_url="https://example.test/recording",
                               original_name="slides.pdf", content_type="application/pdf")
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.4 slides"), save=True)
    people = [r.user for r in trust + charity]
    DayFeedback.objects.bulk_create([DayFeedback(edition=edition, person=person, rating=rating,
                                                 comment=SECRET_COMMENT)
                                     for person, rating in zip(people, (5, 4, 4, 5, 3, 4), strict=False)])
    _rate(popular, people, (5, 4, 5, 4, 4))
    _rate(quiet, people, (2, 3))
    return edition, popular, quiet


# --- the figures and the PDF's content ------------------------------------------------------------------------


def test_the_report_gives_registrations_check_ins_sessions_speakers_materials_and_feedback():
    edition, popular, quiet = held_edition()
    steps = []
    context = edition_report_context(edition, lambda percent, message="": steps.append(percent))
    assert steps == sorted(steps) and len(steps) >= 2
    assert context["registrations"] == {"confirmed": 11, "awaiting": 1, "waiting": 1}
    assert {t.name: (t.sold, t.awaiting, t.waiting) for t in context["ticket_types"]} == {
        "C&CP leader": (8, 0, 1), "VCSE": (3, 1, 0)}
    assert (context["check_ins"]["expected"], context["check_ins"]["checked_in"]) == (11, 7)
    assert [(row.name, row.expected, row.checked_in) for row in context["organisations"]] == [
        ("Lewisham and Greenwich NHS Trust", 8, 6)]
    assert (context["other_organisations"].expected, context["other_organisations"].checked_in) == (3, 1)
    assert [p.pk for p in context["sessions"]] == sorted([popular.pk, quiet.pk], key=lambda pk: (
        popular.title if pk == popular.pk else quiet.title, pk))
    assert context["sessions_by_kind"] == [("Talk", 2)]
    assert (context["speakers"], context["slides"], context["recordings"]) == (3, 1, 1)
    feedback = context["feedback"]
    assert feedback["responses"] == "6" and feedback["average"] == 4.2
    assert feedback["improve"] == [] and feedback["comments"] == []  # no free text is even read
    rows = {row["proposal"].pk: row for row in feedback["sessions"]}
    assert (rows[popular.pk]["responses"], rows[popular.pk]["average"]) == ("5", 4.4)
    assert (rows[quiet.pk]["responses"], rows[quiet.pk]["average"]) == ("fewer than 5", None)
    assert all(row["comments"] == [] for row in feedback["sessions"])


def test_the_pdf_template_shows_the_figures_suppresses_small_numbers_and_quotes_nobody():
    edition, popular, quiet = held_edition()
    html = render_to_string("conference/edition_report_pdf.html", edition_report_context(edition))
    for text in (edition.name, "C&amp;CP leader", "VCSE", "Lewisham and Greenwich NHS Trust",
                 "1 other organisation, each with fewer than 5", "Quiet session", "4.4 out of 5", "4.2 out of 5",
                 "fewer than 5", "Speakers (lead and co-speakers)", "Sessions with slides"):
        assert text in html, text
    assert "Tiny Charity of Sydenham" not in html  # fewer than 5 from it: not named
    assert SECRET_COMMENT not in html  # nobody was asked whether their words may be quoted
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert "Not a session" not in html
    for person in [popular.speaker, quiet.speaker]:
        assert person.email not in html


def test_the_figures_read_in_the_same_queries_at_two_sizes(django_assert_num_queries):
    small = _past_edition()
    _registrations(make_ticket_type(small), 1, "One trust", checked_in=1)
    make_proposal(small, state=ProposalState.ACCEPTED)
    with django_assert_num_queries(8):
        report_selectors.edition_report_figures(small)
    large, _popular, _quiet = held_edition()
    for n in range(6):
        session = make_proposal(large, state=ProposalState.ACCEPTED, title=f"Session {n}")
        _rate(session, [UserFactory() for _ in range(6)], (4, 5, 3, 4, 5, 4))
    _registrations(make_ticket_type(large, name="Student"), 12, "King's College London", checked_in=9)
    with django_assert_num_queries(8):
        report_selectors.edition_report_figures(large)


# --- the job: start, run (the Celery task, eagerly), download --------------------------------------------------


def test_the_job_runs_in_the_task_and_only_its_owner_downloads_it(client, conference_admin, other_admin,
                                                                  django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    edition, _popular, _quiet = held_edition()
    client.force_login(conference_admin)
    page = client.get(reverse("conference:edition", args=[edition.pk])).content.decode()
    assert "Make the report (PDF)" in page and reverse("conference:edition_report", args=[edition.pk]) in page
    start = client.get(reverse("conference:edition_report", args=[edition.pk]))
    assert start.status_code == 200 and "Make the report" in start.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("conference:edition_report", args=[edition.pk]))
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert queued == [job.pk] and job.params == {"edition": edition.pk} and job.owner == conference_admin
    progress_page = client.get(response["Location"]).content.decode()
    assert "Conference report" in progress_page and "<progress" in client.get(
        reverse("reports:status", args=[job.pk])).content.decode()

    run_report.apply(args=[job.pk])  # the Celery task itself, run eagerly in this process
    job.refresh_from_db()
    assert (job.status, job.percent, job.filename) == (JobStatus.DONE, 100, "conference-report.pdf")
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    run_report.apply(args=[job.pk])  # a second run (a redelivered task) changes nothing
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and ReportJob.objects.count() == 1

    client.force_login(other_admin)
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 403
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 403


def test_a_report_for_an_edition_that_is_gone_fails_with_a_message(conference_admin):
    edition = _past_edition()
    job = ReportJob.objects.create(owner=conference_admin, kind=EDITION_REPORT, params={"edition": edition.pk + 999})
    with pytest.raises(ValueError):
        reports.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "Try again" in job.message


def test_the_permission_is_the_conference_teams(conference_admin, other_admin):
    edition = _past_edition()
    params = {"edition": edition.pk}
    assert reports.can_use_report(conference_admin, EDITION_REPORT, params)
    assert reports.can_use_report(make_person("superuser"), EDITION_REPORT, params)
    assert not reports.can_use_report(other_admin, EDITION_REPORT, params)
    assert not reports.can_use_report(conference_admin, EDITION_REPORT, {"edition": edition.pk + 999})
    assert not reports.can_use_report(conference_admin, EDITION_REPORT, {"edition": "1"})
    assert not reports.can_use_report(conference_admin, EDITION_REPORT, {})
    for person in (other_admin, make_person("leader"), make_person("executive")):
        with pytest.raises(PermissionDenied):
            reports.start_report(person, EDITION_REPORT, params)
    assert not ReportJob.objects.exists()


def test_the_start_page_for_each_role(client, conference_admin, other_admin):
    url = reverse("conference:edition_report", args=[_past_edition().pk])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    assert client.post(url).status_code == 302 and not ReportJob.objects.exists()
    for person in (other_admin, make_person("leader"), make_person("executive")):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert not ReportJob.objects.exists()
    client.force_login(conference_admin)
    assert client.get(url).status_code == 200
    assert client.get(reverse("conference:edition_report", args=[99999])).status_code == 404


# --- level 1 for the evaluation ---------------------------------------------------------------------------------


def test_reaction_by_edition_gives_aggregates_and_hides_small_numbers():
    held, _popular, _quiet = held_edition()
    few = _past_edition()
    people = _registrations(make_ticket_type(few), 3, "One trust")
    DayFeedback.objects.bulk_create([DayFeedback(edition=few, person=r.user, rating=5) for r in people])
    coming = make_edition()  # not held yet: not read
    readings = {r.edition_id: r for r in followup_selectors.reaction_by_edition()}
    assert coming.pk not in readings
    reading = readings[held.pk]
    assert (reading.day_responses, reading.day_mean, reading.day_median) == ("6", 4.2, 4.0)
    # sessions pooled: 5, 4, 5, 4, 4 and 2, 3
    assert (reading.session_responses, reading.session_mean, reading.session_median) == ("7", 3.9, 4.0)
    small = readings[few.pk]
    assert (small.day_responses, small.day_mean, small.day_median) == ("fewer than 5", None, None)
    assert (small.session_responses, small.session_mean, small.session_median) == ("0", None, None)
    assert not hasattr(small, "comments")


def test_reaction_by_edition_reads_in_three_queries_whatever_the_data(django_assert_num_queries):
    _past_edition()  # held, without feedback
    with django_assert_num_queries(3):
        assert len(followup_selectors.reaction_by_edition()) == 1
    held_edition()
    held_edition()
    with django_assert_num_queries(3):
        assert len(followup_selectors.reaction_by_edition()) == 3

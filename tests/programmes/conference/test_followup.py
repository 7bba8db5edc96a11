"""After the conference: feedback on the day and on sessions, the team's figures and CSV, slides and recordings,
and the reminders to co-speakers who have not answered."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification
from academy.notifications.services import render_subject_and_text
from programmes.conference import followup, followup_selectors
from programmes.conference.models import (
    DayFeedback,
    ProposalSpeaker,
    ProposalState,
    SessionFeedback,
    SessionMaterial,
    SpeakerState,
)
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, make_registration, make_ticket_type

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _past_edition():
    """An edition whose only day was a week ago."""
    return make_edition(days_to_deadline=-30, days_to_start=-7)


_ticket_numbers = itertools.count(1)


def _attendees(edition, count, state="confirmed"):
    ticket_type = make_ticket_type(edition, name=f"Leader {next(_ticket_numbers)}", capacity=200)
    return [make_registration(ticket_type, state=state).user for _ in range(count)]


# --- feedback: services ------------------------------------------------------------------------------------


def test_feedback_is_refused_before_the_last_day_has_ended_and_nothing_is_saved():
    edition = make_edition(days_to_deadline=-1, days_to_start=0)  # today: it ends at midnight, London time
    person = _attendees(edition, 1)[0]
    session = make_proposal(edition, state=ProposalState.ACCEPTED)
    with pytest.raises(ValidationError, match="once the conference has ended"):
        followup.give_day_feedback(person, edition, rating=5)
    with pytest.raises(ValidationError, match="once the conference has ended"):
        followup.give_session_feedback(person, session, rating=5)
    assert not DayFeedback.objects.exists() and not SessionFeedback.objects.exists()
    assert followup_selectors.feedback_opens_at(edition) == timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time.min)
    )


def test_only_people_with_a_confirmed_place_give_feedback_and_once_each():
    edition = _past_edition()
    confirmed = _attendees(edition, 1)[0]
    waiting = _attendees(edition, 1, state="waiting")[0]
    session = make_proposal(edition, state=ProposalState.CONFIRMED)
    for person in (waiting, UserFactory()):
        with pytest.raises(PermissionDenied):
            followup.give_day_feedback(person, edition, rating=4)
        with pytest.raises(PermissionDenied):
            followup.give_session_feedback(person, session, rating=4)
    followup.give_day_feedback(confirmed, edition, rating=4, improve="  Longer breaks  ", comment="")
    assert DayFeedback.objects.get().improve == "Longer breaks"
    with pytest.raises(ValidationError, match="already given feedback on the conference"):
        followup.give_day_feedback(confirmed, edition, rating=2)
    followup.give_session_feedback(confirmed, session, rating=5, comment="Useful")
    with pytest.raises(ValidationError, match="already given feedback on this session"):
        followup.give_session_feedback(confirmed, session, rating=1)
    assert DayFeedback.objects.count() == 1 and SessionFeedback.objects.count() == 1


def test_bad_ratings_long_text_and_proposals_that_are_not_sessions_are_refused():
    edition = _past_edition()
    person = _attendees(edition, 1)[0]
    for rating in (0, 6, None, "5"):
        with pytest.raises(ValidationError):
            followup.give_day_feedback(person, edition, rating=rating)
    with pytest.raises(ValidationError, match="2,000 characters"):
        followup.give_day_feedback(person, edition, rating=3, improve="x" * 2001)
    rejected = make_proposal(edition, state=ProposalState.REJECTED)
    with pytest.raises(ValidationError, match="not a session"):
        followup.give_session_feedback(person, rejected, rating=3)
    assert not DayFeedback.objects.exists() and not SessionFeedback.objects.exists()


# --- feedback: figures ---------------------------------------------------------------------------------------


def _give(edition, sessions_answers: dict, day_answers: int):
    people = _attendees(edition, max([day_answers, *sessions_answers.values()]))
    for person in people[:day_answers]:
        followup.give_day_feedback(person, edition, rating=4, improve=f"Improve {person.pk}", comment=HOSTILE)
    for session, count in sessions_answers.items():
        for n, person in enumerate(people[:count]):
            followup.give_session_feedback(person, session, rating=5 if n % 2 else 4, comment=FORMULA)
    return people


def test_figures_show_nothing_under_five_answers_and_means_from_five():
    edition = _past_edition()
    popular = make_proposal(edition, state=ProposalState.ACCEPTED, title="Popular")
    quiet = make_proposal(edition, state=ProposalState.ACCEPTED, title="Quiet")
    _give(edition, {popular: 5, quiet: 2}, day_answers=4)
    figures = followup_selectors.feedback_figures(edition)
    assert figures["total"] == 4 and not figures["enough"] and figures["average"] is None
    assert figures["improve"] == [] and figures["comments"] == []
    rows = {row["proposal"].title: row for row in figures["sessions"]}
    assert rows["Popular"]["enough"] and rows["Popular"]["average"] == 4.4
    assert rows["Popular"]["responses"] == "5" and rows["Popular"]["comments"] == [FORMULA] * 5
    assert not rows["Quiet"]["enough"] and rows["Quiet"]["average"] is None
    assert rows["Quiet"]["responses"] == "fewer than 5" and rows["Quiet"]["comments"] == []
    extra = _attendees(edition, 1)[0]
    followup.give_day_feedback(extra, edition, rating=2, improve="Aardvark")
    figures = followup_selectors.feedback_figures(edition)
    assert figures["enough"] and figures["average"] == 3.6
    assert figures["improve"][0] == "Aardvark"  # alphabetical, not in the order given
    assert [cell.display for cell in figures["ratings"]][1] != "1"  # one person's rating of 2 is never shown


def test_the_figures_page_escapes_free_text_and_names_nobody(client, conference_admin):
    edition = _past_edition()
    session = make_proposal(edition, state=ProposalState.ACCEPTED, title="Frailty")
    people = _give(edition, {session: 5}, day_answers=5)
    client.force_login(conference_admin)
    page = client.get(reverse("conference:feedback_figures", args=[edition.pk])).content.decode()
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert "4.0 out of 5" in page and "4.4 out of 5" in page
    for person in people:
        assert person.get_full_name() not in page and person.email not in page


def test_the_csv_neutralises_formulas_and_suppresses_small_numbers(client, conference_admin):
    edition = _past_edition()
    popular = make_proposal(edition, state=ProposalState.ACCEPTED, title="=SUM(A1)")
    quiet = make_proposal(edition, state=ProposalState.ACCEPTED, title="Quiet")
    _give(edition, {popular: 5, quiet: 1}, day_answers=2)
    client.force_login(conference_admin)
    response = client.get(reverse("conference:feedback_export", args=[edition.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Part", "Responses", "Mean rating (1 to 5)", "Free text", "Text"]
    assert rows[1] == ["The conference as a whole", "fewer than 5", "not shown", "", ""]
    assert ["'=SUM(A1)", "5", "4.4", "", ""] in rows
    assert ["'=SUM(A1)", "", "", "Comment", "'" + FORMULA] in rows
    assert ["Quiet", "fewer than 5", "not shown", "", ""] in rows
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_figures_page_reads_in_the_same_queries_at_two_sizes(client, conference_admin,
                                                                  django_assert_num_queries):
    client.force_login(conference_admin)
    counts = []
    for sessions, answers in ((2, 5), (8, 7)):
        edition = _past_edition()
        _give(edition, {make_proposal(edition, state=ProposalState.ACCEPTED): answers for _ in range(sessions)},
              day_answers=answers)
        url = reverse("conference:feedback_figures", args=[edition.pk])
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(5):
        followup_selectors.feedback_figures(edition)


# --- feedback: pages -----------------------------------------------------------------------------------------


def test_feedback_pages_say_when_they_open_and_take_bad_input_as_400(client):
    coming = make_edition(days_to_deadline=-1, days_to_start=3)
    person = _attendees(coming, 1)[0]
    client.force_login(person)
    url = reverse("conference:feedback", args=[coming.slug])
    assert "once the conference has ended" in client.get(url).content.decode()
    response = client.post(url, {"rating": "5"})
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    past = _past_edition()
    session = make_proposal(past, state=ProposalState.ACCEPTED)
    person = _attendees(past, 1)[0]
    client.force_login(person)
    url = reverse("conference:feedback", args=[past.slug])
    page = client.get(url).content.decode()
    assert reverse("conference:session_feedback", args=[session.pk]) in page
    response = client.post(url, {"rating": "9", "improve": HOSTILE})
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    assert HOSTILE not in response.content.decode()
    assert client.post(url, {"rating": "4", "improve": "More coffee"}).status_code == 302
    assert "You gave your feedback" in client.get(url).content.decode()
    session_url = reverse("conference:session_feedback", args=[session.pk])
    assert client.post(session_url, {"rating": ""}).status_code == 400
    assert client.post(session_url, {"rating": "5", "comment": "Clear"}).status_code == 302
    assert "feedback given" in client.get(url).content.decode()
    assert DayFeedback.objects.count() == 1 and SessionFeedback.objects.count() == 1


def test_a_person_without_a_confirmed_place_is_told_so(client):
    past = _past_edition()
    client.force_login(UserFactory())
    page = client.get(reverse("conference:feedback", args=[past.slug])).content.decode()
    assert "Only people with a confirmed place" in page


# --- slides and recordings -------------------------------------------------------------------------------------


def _pdf(name="Frailty slides.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")


def _pptx(name="Frailty slides.pptx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("ppt/presentation.xml", "<p:presentation/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def test_speakers_add_slides_and_a_recording_and_people_signed_in_download_them(client):
    session = make_proposal(state=ProposalState.CONFIRMED)
    co = UserFactory()
    ProposalSpeaker.objects.create(proposal=session, user=co, state=SpeakerState.ACCEPTED)
    client.force_login(session.speaker)
    url = reverse("conference:session_material", args=[session.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": _pdf(), "recording_url": "https://video.example.org/frailty"})
    assert response.status_code == 302
    client.force_login(co)
    assert client.post(url, {"file": _pptx(), "recording_url": "https://video.example.org/frailty"}).status_code == 302
    material = SessionMaterial.objects.get()
    assert material.original_name == "Frailty slides.pptx" and material.content_type.endswith("presentation")
    someone = UserFactory()
    client.force_login(someone)
    page = client.get(reverse("conference:session", args=[session.pk])).content.decode()
    assert reverse("conference:session_slides", args=[session.pk]) in page
    assert "https://video.example.org/frailty" in page
    download = client.get(reverse("conference:session_slides", args=[session.pk]))
    assert download.status_code == 200 and b"ppt/presentation.xml" in b"".join(download.streaming_content)
    assert client.get(url).status_code == 404  # not their session
    client.logout()
    assert client.get(reverse("conference:session_slides", args=[session.pk])).status_code == 302


def test_slides_that_are_not_slides_http_links_and_other_people_are_refused(client):
    session = make_proposal(state=ProposalState.ACCEPTED)
    client.force_login(session.speaker)
    url = reverse("conference:session_material", args=[session.pk])
    fake = SimpleUploadedFile("slides.pdf", HOSTILE.encode(), content_type="application/pdf")
    for data in ({"file": fake}, {"recording_url": "http://video.example.org/x"},
                 {"recording_url": "javascript:alert(1)"}, {}):
        response = client.post(url, data)
        assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    assert not SessionMaterial.objects.exists()
    with pytest.raises(PermissionDenied):
        followup.save_material(UserFactory(is_superuser=True), session, upload=_pdf())
    submitted = make_proposal(speaker=session.speaker, state=ProposalState.SUBMITTED)
    assert client.get(reverse("conference:session_material", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("conference:session", args=[submitted.pk])).status_code == 404
    assert not SessionMaterial.objects.exists()


# --- reminders to co-speakers ----------------------------------------------------------------------------------


def _invitation(*, deadline_days=30, user=True, state=SpeakerState.INVITED):
    edition = make_edition(days_to_deadline=deadline_days)
    proposal = make_proposal(edition)
    return ProposalSpeaker.objects.create(proposal=proposal, user=UserFactory() if user else None, state=state,
                                          email="" if user else "new.colleague@nhs.net", invited_by=proposal.speaker)


def test_co_speakers_are_reminded_at_3_and_7_days_each_once_until_they_answer():
    invitation = _invitation()
    _invitation(state=SpeakerState.DECLINED)
    start = invitation.invited_at
    reminders = Notification.objects.filter(template="conf_co_speaker_reminder")
    assert followup.remind_co_speakers(start + dt.timedelta(days=2)) == 0
    assert followup.remind_co_speakers(start + dt.timedelta(days=3, minutes=1)) == 1
    assert followup.remind_co_speakers(start + dt.timedelta(days=4)) == 0
    assert followup.remind_co_speakers(start + dt.timedelta(days=7, minutes=1)) == 1
    assert followup.remind_co_speakers(start + dt.timedelta(days=20)) == 0
    assert list(reminders.values_list("recipient", flat=True)) == [invitation.user_id] * 2
    subject, text = render_subject_and_text("conf_co_speaker_reminder", reminders.order_by("pk").last().context)
    assert subject.startswith("Last reminder") and "last reminder" in text
    assert reverse("conference:invitation", args=[invitation.pk]) in text


def test_a_late_run_sends_one_and_nothing_goes_after_the_deadline():
    invitation = _invitation()
    assert followup.remind_co_speakers(invitation.invited_at + dt.timedelta(days=8)) == 1
    invitation.refresh_from_db()
    assert invitation.reminders_sent == 2
    late = _invitation(deadline_days=2)
    assert followup.remind_co_speakers(late.invited_at + dt.timedelta(days=3, minutes=1)) == 0


def test_an_address_without_an_account_is_reminded_too():
    invitation = _invitation(user=False)
    assert followup.remind_co_speakers(invitation.invited_at + dt.timedelta(days=3, minutes=1)) == 1


def test_co_speaker_reminders_are_on_the_beat_schedule():
    from academy.celery import app_beat_schedules  # noqa: PLC0415

    entry = app_beat_schedules()["conference-remind-co-speakers"]
    assert entry["task"] == "programmes.conference.tasks.remind_co_speakers"

"""The emails a leader expects, and the panel's notices: each recorded once under its key, sent after commit,
to the right person, its plain text unescaped, with the cohort's .ics where it says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications import services as notifications
from academy.notifications.models import Notification
from programmes.core import services
from programmes.core.models import Application, ApplicationState, SelectionMethod
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db

HOSTILE_COHORT = "Falls & frailty at Guy's <2026>"


def apply(user, cohort):
    return services.apply(
        user, cohort, answers=[{"question": "Why?", "answer": "To lead."}], applied_problem="Discharge delays",
        line_manager_name="Helen O'Brien", line_manager_email="helen@example.nhs.uk",
    )


def delivered(template: str, to_email: str):
    """Send the one notification recorded for ``template`` to ``to_email``, and return the email."""
    notification = Notification.objects.get(template=template, to_email=to_email)
    assert notifications.deliver(notification.pk)
    return mail.outbox[-1]


def plain_and_html(message) -> tuple[str, str]:
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    return message.body, html


def test_application_received_is_sent_once_after_commit_to_the_applicant(django_capture_on_commit_callbacks):
    leader = UserFactory(first_name="D'Arcy")
    cohort = CohortFactory(title=HOSTILE_COHORT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = apply(leader, cohort)
    assert Notification.objects.filter(template="application_received").count() == 1
    assert callbacks, "queued only once the application commits"
    message = delivered("application_received", leader.email)
    text, html = plain_and_html(message)
    assert message.to == [leader.email]
    assert message.subject == f"We have received your application to {HOSTILE_COHORT}"
    assert "Dear D'Arcy" in text and HOSTILE_COHORT in text and "Helen O'Brien" in text and "&amp;" not in text
    assert "Falls &amp; frailty at Guy&#x27;s &lt;2026&gt;" in html
    assert reverse("programmes:application", args=[application.pk]) in text


def test_nothing_is_recorded_for_an_application_that_is_rolled_back():
    from django.db import transaction

    cohort = CohortFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        apply(UserFactory(), cohort)
        raise RuntimeError
    assert not Notification.objects.exists()


@pytest.mark.parametrize(("approve", "template", "words"), [
    (True, "line_manager_approved", "has said they support protected time"),
    (False, "line_manager_declined", "cannot support protected time"),
])
def test_the_line_managers_answer_is_sent_to_the_applicant_once(approve, template, words):
    leader = UserFactory()
    application = apply(leader, CohortFactory(title=HOSTILE_COHORT))
    token = services.line_manager_token(application)
    services.line_manager_decide(token, approve=approve)
    with pytest.raises(Exception):  # noqa: B017 - a second answer is refused, and nothing more is sent
        services.line_manager_decide(token, approve=approve)
    answers = Notification.objects.filter(key__startswith="line-manager-answer")
    assert list(answers.values_list("template", "to_email")) == [(template, leader.email)]
    text, _ = plain_and_html(delivered(template, leader.email))
    assert words in text and "Helen O'Brien" in text and HOSTILE_COHORT in text


def test_an_admin_turning_down_an_application_is_not_reported_as_the_line_managers_answer():
    admin = make_person("programme_admin")
    application = apply(UserFactory(), CohortFactory())
    services.decide_applications(admin, application.cohort, [application.pk], "unsuccessful")
    assert not Notification.objects.filter(key__startswith="line-manager-answer").exists()


def test_the_line_managers_email_does_not_say_they_have_an_account():
    application = apply(UserFactory(first_name="Sam", last_name="O'Neil & Co"), CohortFactory())
    text, html = plain_and_html(delivered("line_manager_request", "helen@example.nhs.uk"))
    for part in (text, html):
        assert "you have an account" not in part and "need an account" in part
    assert "Sam O'Neil & Co has applied to" in text
    assert "Sam O&#x27;Neil &amp; Co named you as their line manager" in html
    assert application.state == S.AWAITING_LINE_MANAGER


def test_booking_is_confirmed_once_with_the_cohorts_sessions_attached():
    leader = UserFactory()
    cohort = CohortFactory(title=HOSTILE_COHORT, selection_method=SelectionMethod.OPEN_BOOKING)
    first = SessionFactory(cohort=cohort, title="Day one: systems & you")
    SessionFactory(cohort=cohort, title="Day two", starts_at=first.starts_at + timedelta(days=7))
    services.book(leader, cohort)
    assert Notification.objects.filter(template="place_confirmed").count() == 1
    message = delivered("place_confirmed", leader.email)
    text, html = plain_and_html(message)
    assert message.subject == f"Your place on {HOSTILE_COHORT} is confirmed"
    assert "You have booked a place" in text and "Day one: systems & you" in text and "&amp;" not in text
    assert "Day one: systems &amp; you" in html
    (name, content, mimetype), = message.attachments
    assert (name, mimetype) == ("academy-cohort.ics", "text/calendar")
    assert content.count("BEGIN:VEVENT") == 2 and "Day one: systems & you" in content


def test_a_full_booking_goes_on_the_waiting_list_without_a_confirmation():
    cohort = CohortFactory(selection_method=SelectionMethod.OPEN_BOOKING, capacity=1)
    services.book(UserFactory(), cohort)
    services.book(UserFactory(), cohort)
    assert Notification.objects.filter(template="place_confirmed").count() == 1


def test_accepting_an_offer_is_confirmed_once_with_the_ics(django_capture_on_commit_callbacks):
    leader = UserFactory()
    cohort = CohortFactory()
    SessionFactory(cohort=cohort)
    application = Application.objects.create(cohort=cohort, applicant=leader, state=S.UNDER_REVIEW)
    services.transition(workflow.SYSTEM, application, S.OFFERED)
    with django_capture_on_commit_callbacks(execute=False):
        services.accept(leader, application)
    message = delivered("place_confirmed", leader.email)
    assert "You have accepted your place" in message.body
    assert message.attachments[0][0] == "academy-cohort.ics"
    # Suspended and reinstated: the place was confirmed already, nothing more is sent.
    admin = make_person("programme_admin")
    services.change_place(admin, application, S.SUSPENDED)
    services.change_place(admin, application, S.ACCEPTED)
    assert Notification.objects.filter(template="place_confirmed").count() == 1


def test_a_cohort_without_sessions_yet_confirms_without_an_attachment():
    leader = UserFactory()
    cohort = CohortFactory(selection_method=SelectionMethod.OPEN_BOOKING)
    services.book(leader, cohort)
    message = delivered("place_confirmed", leader.email)
    assert message.attachments == [] and "have not been scheduled yet" in message.body


def test_certificate_issued_is_sent_once_to_the_person():
    admin = make_person("programme_admin")
    leader = UserFactory(first_name="Ama")
    application = Application.objects.create(
        cohort=CohortFactory(title=HOSTILE_COHORT, cpd_hours=12), applicant=leader, state=S.COMPLETED
    )
    # Certificates wait for the cohort's last session to have ended.
    SessionFactory(cohort=application.cohort, starts_at=timezone.now() - timedelta(days=2))
    certificate = services.issue_certificate(admin, application)
    services.issue_certificate(admin, application)  # again: the same certificate, no second email
    assert Notification.objects.filter(template="certificate_issued").count() == 1
    message = delivered("certificate_issued", leader.email)
    assert message.subject == f"Your certificate for {HOSTILE_COHORT}"
    assert "12 hours" in message.body and certificate.code in message.body and "&amp;" not in message.body
    assert reverse("programmes:certificate_pdf", args=[application.pk]) in message.body


def test_reviewers_are_told_once_a_day_when_applications_are_ready_for_the_panel():
    reviewers = [make_person("reviewer") for _ in range(2)]
    make_person("programme_admin")  # not a panel member: not told
    cohort = CohortFactory(title=HOSTILE_COHORT)
    applicant_reviewer = reviewers[1]
    for leader in (UserFactory(), applicant_reviewer):
        application = apply(leader, cohort)
        services.line_manager_decide(services.line_manager_token(application), approve=True)
    told = Notification.objects.filter(template="review_ready")
    # Two applications reached review, but each panel member is told once for the cohort today.
    assert sorted(told.values_list("to_email", flat=True)) == sorted(r.email for r in reviewers)
    message = delivered("review_ready", reviewers[0].email)
    assert HOSTILE_COHORT in message.subject and "&amp;" not in message.body
    assert reverse("programmes:review_cohort", args=[cohort.pk]) in message.body

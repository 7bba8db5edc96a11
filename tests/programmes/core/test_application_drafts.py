"""Application drafts: save without answering everything, come back from My Academy, send before the
window closes; a closed window is refused clearly; the deadline reminder is sent once per draft."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import PriorityFunction
from programmes.core import services, tasks
from programmes.core.models import Application, ApplicationState, Cohort, SelectionMethod
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def full_answers(cohort, **overrides):
    function = PriorityFunction.objects.order_by("number").first()
    data = {
        "answer_1": "I lead frailty services and want to work across the system.",
        "applied_problem": "Discharge delays in Lewisham.",
        "priority_function": function.number,
        "line_manager_name": "Helen Whitfield",
        "line_manager_email": "helen.whitfield@example.nhs.uk",
    }
    return data | overrides


def test_save_a_draft_come_back_and_send(client):
    cohort = CohortFactory(questions=["Why now?"])
    leader = UserFactory()
    client.force_login(leader)
    url = reverse("programmes:apply", args=[cohort.pk])
    response = client.post(url, {"action": "draft", "answer_1": "Half an answer"})
    draft = Application.objects.get(applicant=leader, cohort=cohort)
    assert response.status_code == 302 and response["Location"] == reverse("programmes:application", args=[draft.pk])
    assert draft.state == S.DRAFT and draft.answers == [{"question": "Why now?", "answer": "Half an answer"}]
    assert not draft.transitions.exists() and not mail.outbox  # nothing is sent, no line manager asked

    my_academy = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Draft" in my_academy and "Continue your application" in my_academy
    page = client.get(url).content.decode()
    assert "Half an answer" in page and "finishing the draft you saved" in page

    again = client.post(url, {"action": "draft", "answer_1": "A fuller answer", "applied_problem": "Discharge"})
    assert again.status_code == 302
    assert Application.objects.filter(applicant=leader).count() == 1
    draft.refresh_from_db()
    assert draft.applied_problem == "Discharge" and draft.answers[0]["answer"] == "A fuller answer"

    incomplete = client.post(url, {"action": "send", "answer_1": "A fuller answer"})
    assert incomplete.status_code == 400 and "<title>Error: " in incomplete.content.decode()
    draft.refresh_from_db()
    assert draft.state == S.DRAFT

    sent = client.post(url, full_answers(cohort) | {"action": "send"})
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert draft.state == S.AWAITING_LINE_MANAGER and draft.submitted_at is not None
    assert [t.to_state for t in draft.transitions.all()] == [S.SUBMITTED, S.AWAITING_LINE_MANAGER]
    assert draft.line_manager_email == "helen.whitfield@example.nhs.uk"
    # once sent, it cannot be saved as a draft again
    with pytest.raises(ValidationError, match="already sent"):
        services.save_draft(leader, cohort, answers=[])


def test_a_closed_window_refuses_drafts_and_sending_with_a_clear_message(client):
    cohort = CohortFactory(questions=["Why now?"])
    leader = UserFactory()
    draft = services.save_draft(leader, cohort, answers=[{"question": "Why now?", "answer": "Because"}])
    Cohort.objects.filter(pk=cohort.pk).update(
        applications_open=timezone.now() - timedelta(days=30), applications_close=timezone.now() - timedelta(hours=1)
    )
    cohort.refresh_from_db()
    with pytest.raises(ValidationError, match="closed on"):
        services.save_draft(leader, cohort, answers=[])
    with pytest.raises(ValidationError, match="closed on"):
        services.apply(leader, cohort, answers=[], applied_problem="x", line_manager_name="A",
                       line_manager_email="a@example.nhs.uk")
    draft.refresh_from_db()
    assert draft.state == S.DRAFT and draft.answers[0]["answer"] == "Because"

    client.force_login(leader)
    page = client.get(reverse("programmes:apply", args=[cohort.pk])).content.decode()
    assert "your draft can no longer be sent" in page and "Send your application" not in page
    response = client.post(reverse("programmes:apply", args=[cohort.pk]), full_answers(cohort) | {"action": "send"})
    assert response.status_code == 400 and "closed on" in response.content.decode()
    assert "Continue your application" not in client.get(reverse("programmes:my_academy")).content.decode()
    draft.refresh_from_db()
    assert draft.state == S.DRAFT


def test_drafts_only_for_cohorts_with_selection():
    cohort = CohortFactory(selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    with pytest.raises(ValidationError, match="booked directly"):
        services.save_draft(UserFactory(), cohort, answers=[])
    assert not Application.objects.exists()


def test_deadline_reminder_is_sent_once_per_draft_and_never_after_sending_or_closing():
    closes = timezone.now() + timedelta(days=10)
    cohort = CohortFactory(applications_close=closes, questions=["Why now?"])
    leader, sender = UserFactory(), UserFactory()
    draft = services.save_draft(leader, cohort, answers=[])
    services.save_draft(sender, cohort, answers=[])
    services.apply(sender, cohort, answers=[{"question": "Why now?", "answer": "Now"}], applied_problem="x",
                   line_manager_name="A", line_manager_email="a@example.nhs.uk")
    mail.outbox.clear()
    assert tasks.send_application_deadline_reminders(now=closes - timedelta(days=5)) == 0  # too early
    soon = closes - timedelta(days=2)
    assert tasks.send_application_deadline_reminders(now=soon) == 1
    assert tasks.send_application_deadline_reminders(now=soon) == 0
    assert tasks.send_application_deadline_reminders(now=soon + timedelta(hours=3)) == 0
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert mail.outbox[0].subject == f"Your application for {cohort.title} has not been sent yet"
    assert reverse("programmes:apply", args=[cohort.pk]) in mail.outbox[0].body
    # a second draft on another cohort, but its window has already closed: nothing
    other = CohortFactory(applications_close=timezone.now() + timedelta(days=1))
    services.save_draft(leader, other, answers=[])
    assert tasks.send_application_deadline_reminders(now=timezone.now() + timedelta(days=2)) == 0
    assert draft.pk and len(mail.outbox) == 1


def test_the_reminder_is_in_the_beat_schedule():
    from academy.celery import app

    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "programmes.core.tasks.send_application_deadline_reminders" in tasks_scheduled

"""The cohort engine's one state service, capacity, the waiting-list cascade, signed links and reminders."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from programmes.core import services, tasks
from programmes.core.models import Application, ApplicationState, Cohort, SelectionMethod
from programmes.core.services import cohorts, line_manager_link
from tests.concurrency import at_once, raised
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def apply(user, cohort, **overrides):
    data = {
        "answers": [{"question": "Why?", "answer": "To lead across boundaries."}],
        "applied_problem": "Discharge delays",
        "line_manager_name": "Helen Whitfield",
        "line_manager_email": "helen@example.nhs.uk",
    } | overrides
    return services.apply(user, cohort, **data)


def under_review(cohort, user=None):
    application = apply(user or UserFactory(), cohort)
    return services.line_manager_decide(services.line_manager_token(application), approve=True)


def test_apply_asks_the_line_manager_and_records_every_step():
    cohort = CohortFactory()
    user = UserFactory()
    application = apply(user, cohort)
    assert application.state == S.AWAITING_LINE_MANAGER
    steps = list(application.transitions.values_list("from_state", "to_state", "actor"))
    assert steps == [(S.DRAFT, S.SUBMITTED, user.pk), (S.SUBMITTED, S.AWAITING_LINE_MANAGER, user.pk)]
    note = Notification.objects.get(key=f"line-manager-request:{application.pk}")
    assert note.to_email == "helen@example.nhs.uk"
    assert "/programmes/line-manager/" in note.context["url"]


def test_apply_rejects_a_closed_window_own_email_and_a_second_application():
    closed = CohortFactory(applications_close=timezone.now() - timedelta(minutes=1),
                           applications_open=timezone.now() - timedelta(days=9))
    user = UserFactory()
    with pytest.raises(ValidationError, match="not taking applications"):
        apply(user, closed)
    cohort = CohortFactory()
    with pytest.raises(ValidationError, match="not your own"):
        apply(user, cohort, line_manager_email=user.email.upper())
    apply(user, cohort)
    with pytest.raises(ValidationError, match="already applied"):
        apply(user, cohort)
    assert Application.objects.filter(applicant=user).count() == 1


def test_a_move_that_is_not_allowed_changes_nothing():
    application = apply(UserFactory(), CohortFactory())
    with pytest.raises(ValidationError, match="waiting for the line manager or sponsor, so it cannot be given a place"):
        services.transition(workflow.SYSTEM, application, S.ACCEPTED)
    application.refresh_from_db()
    assert application.state == S.AWAITING_LINE_MANAGER
    assert application.transitions.count() == 2
    assert application.cohort.places_held == 0


def test_every_state_in_the_table_is_known():
    assert set(services.ALLOWED) == set(S.values)
    for targets in services.ALLOWED.values():
        assert targets <= set(S.values)


def test_offer_holds_a_place_and_sends_an_email_with_a_deadline():
    cohort = CohortFactory(capacity=1, offer_days=5)
    application = under_review(cohort)
    admin = make_person("programme_admin")
    result = services.decide_applications(admin, cohort, [application.pk], "offer")
    assert result == {"done": 1, "skipped": 0, "full": 0}
    application.refresh_from_db()
    cohort.refresh_from_db()
    assert application.state == S.OFFERED
    assert cohort.places_held == 1
    assert timedelta(days=4, hours=23) < application.offer_expires_at - timezone.now() <= timedelta(days=5)
    assert Notification.objects.filter(template="place_offered", recipient=application.applicant).count() == 1
    # Full: the next offer is refused and counted.
    other = under_review(cohort)
    assert services.decide_applications(admin, cohort, [other.pk], "offer")["full"] == 1
    other.refresh_from_db()
    assert other.state == S.UNDER_REVIEW


def test_only_the_programmes_admins_decide():
    cohort = CohortFactory()
    application = under_review(cohort)
    for role in ("leader", "reviewer", "governance"):
        with pytest.raises(PermissionDenied):
            services.decide_applications(make_person(role), cohort, [application.pk], "offer")
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW


def test_lapsed_offer_cascades_to_the_waiting_list_with_its_own_deadline():
    cohort = CohortFactory(capacity=1, offer_days=7)
    admin = make_person("programme_admin")
    first, second, third = (under_review(cohort) for _ in range(3))
    services.decide_applications(admin, cohort, [first.pk], "offer")
    services.decide_applications(admin, cohort, [second.pk, third.pk], "waiting_list")
    later = timezone.now() + timedelta(days=8)
    assert services.lapse_expired_offers(now=later) == 1
    for application in (first, second, third):
        application.refresh_from_db()
    assert first.state == S.LAPSED
    assert second.state == S.OFFERED  # waited longest
    assert second.offer_expires_at == later + timedelta(days=7)
    assert third.state == S.WAITING_LIST
    lapse = first.transitions.get(to_state=S.LAPSED)
    assert lapse.actor is None and lapse.actor_label == "The Academy (automatic)"
    cohort.refresh_from_db()
    assert cohort.places_held == 1
    # Declining passes the place on too.
    services.decline(second.applicant, second)
    third.refresh_from_db()
    assert third.state == S.OFFERED


def test_accepting_after_the_deadline_is_refused():
    cohort = CohortFactory()
    application = under_review(cohort)
    services.decide_applications(make_person("programme_admin"), cohort, [application.pk], "offer")
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="lapsed"):
        services.accept(application.applicant, application, now=timezone.now() + timedelta(days=8))
    with pytest.raises(PermissionDenied):
        services.accept(UserFactory(), application)
    services.accept(application.applicant, application)
    application.refresh_from_db()
    assert application.state == S.ACCEPTED and application.offer_expires_at is None


def test_booking_is_first_come_then_waiting_list():
    cohort = CohortFactory(capacity=2, selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    states = [services.book(UserFactory(), cohort).state for _ in range(3)]
    assert states == [S.ACCEPTED, S.ACCEPTED, S.WAITING_LIST]
    with pytest.raises(ValidationError, match="apply instead"):
        services.book(UserFactory(), CohortFactory())
    # A booked person withdrawing offers their place to the waiting list.
    booked = Application.objects.filter(cohort=cohort, state=S.ACCEPTED).first()
    services.withdraw(booked.applicant, booked)
    assert Application.objects.filter(cohort=cohort, state=S.OFFERED).count() == 1


def test_the_database_refuses_more_held_places_than_capacity():
    cohort = CohortFactory(capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(places_held=3)


def test_save_cohort_rejects_bad_input_and_saves_nothing():
    admin = make_person("programme_admin")
    cohort = CohortFactory(capacity=2, selection_method=SelectionMethod.OPEN_BOOKING)
    services.book(UserFactory(), cohort)
    services.book(UserFactory(), cohort)
    data = {field: getattr(cohort, field) for field in cohorts.COHORT_FIELDS}
    with pytest.raises(ValidationError) as caught:
        services.save_cohort(admin, cohort, data | {"capacity": 1, "ends_on": cohort.starts_on - timedelta(days=1)})
    assert set(caught.value.message_dict) == {"capacity", "ends_on"}
    cohort.refresh_from_db()
    assert cohort.capacity == 2
    with pytest.raises(PermissionDenied):
        services.save_cohort(make_person("leader"), cohort, data)


def test_line_manager_links_refuse_tampering_and_age():
    application = apply(UserFactory(), CohortFactory())
    token = services.line_manager_token(application)
    with pytest.raises(signing.BadSignature):
        services.line_manager_decide(token[:-2] + ("AA" if not token.endswith("AA") else "BB"), approve=True)
    forged = signing.dumps({"a": application.pk}, salt="another-salt", compress=True)
    with pytest.raises(signing.BadSignature):
        services.line_manager_decide(forged, approve=True)
    with pytest.raises(signing.SignatureExpired):
        signing.loads(token, salt=line_manager_link.LINE_MANAGER_SALT, max_age=timedelta(seconds=-1))
    application.refresh_from_db()
    assert application.state == S.AWAITING_LINE_MANAGER
    services.line_manager_decide(token, approve=False)
    application.refresh_from_db()
    assert application.state == S.UNSUCCESSFUL and application.line_manager_decided_at
    with pytest.raises(ValidationError, match="already been recorded"):
        services.line_manager_decide(token, approve=True)


def test_reminders_are_sent_once_however_often_beat_runs(django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    application = under_review(cohort)
    services.decide_applications(make_person("programme_admin"), cohort, [application.pk], "offer")
    soon = timezone.now() + timedelta(days=6)
    mail.outbox.clear()
    assert tasks.send_offer_expiring_reminders(now=soon) == 1
    assert tasks.send_offer_expiring_reminders(now=soon) == 0
    assert [m.subject for m in mail.outbox] == [f"Your offer of a place on {cohort.title} ends soon"]
    waiting = apply(UserFactory(), cohort)
    later = timezone.now() + timedelta(days=4)
    assert tasks.send_line_manager_reminders(now=later) == 1
    assert tasks.send_line_manager_reminders(now=later) == 0
    assert mail.outbox[-1].to == [waiting.line_manager_email]
    assert "Reminder" in mail.outbox[-1].subject


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_never_exceed_capacity():
    cohort = CohortFactory(capacity=5, selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    people = [UserFactory() for _ in range(20)]

    def book(person):
        return lambda: services.book(person, Cohort.objects.get(pk=cohort.pk))

    assert raised(at_once(*[book(p) for p in people])) == []
    cohort.refresh_from_db()
    assert cohort.places_held == 5
    assert Application.objects.filter(cohort=cohort, state=S.ACCEPTED).count() == 5
    assert Application.objects.filter(cohort=cohort, state=S.WAITING_LIST).count() == 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_and_offers_keep_the_count_right():
    cohort = CohortFactory(capacity=3)
    admin = make_person("programme_admin")
    applications = [under_review(cohort) for _ in range(8)]

    def offer(application):
        return lambda: services.decide_applications(
            admin, Cohort.objects.get(pk=cohort.pk), [application.pk], "offer"
        )

    outcomes = at_once(*[offer(a) for a in applications])
    assert raised(outcomes) == []
    cohort.refresh_from_db()
    assert cohort.places_held == 3
    assert sum(o["done"] for o in outcomes) == 3 and sum(o["full"] for o in outcomes) == 5
    assert Application.objects.filter(cohort=cohort, state=S.OFFERED).count() == 3


def test_session_reminders_a_week_and_a_day_before_once_each_with_the_ics():
    from tests.factories.programmes import SessionFactory

    session = SessionFactory(starts_at=timezone.now() + timedelta(days=6, hours=12), title="Opening day")
    booked = Application.objects.create(cohort=session.cohort, applicant=UserFactory(), state=S.ACCEPTED)
    Application.objects.create(cohort=session.cohort, applicant=UserFactory(), state=S.WAITING_LIST)
    mail.outbox.clear()
    assert tasks.send_session_reminders() == 1
    assert tasks.send_session_reminders() == 0
    message = mail.outbox[0]
    assert message.to == [booked.applicant.email] and message.subject.startswith("In a week: Opening day")
    filename, content, mimetype = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar" and "BEGIN:VEVENT" in content
    day_before = session.starts_at - timedelta(hours=20)
    assert tasks.send_session_reminders(now=day_before) == 1
    assert tasks.send_session_reminders(now=day_before) == 0
    assert mail.outbox[-1].subject.startswith("Tomorrow: Opening day")

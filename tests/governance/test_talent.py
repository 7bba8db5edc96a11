"""The governance secretariat's talent pool page and the vacancy alerts: consenting entries only,
matched to seats and roles whose terms end; the access log; no equality data; a fixed number of queries;
alerts once per member per vacancy, after commit, to members whose functions and place match."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.directory.models import Borough, PriorityFunction, SpatialLevel
from academy.notifications import kinds
from academy.notifications.models import Notification
from academy.privacy.models import AccessLogEntry
from governance import tasks
from governance.models import Seat
from governance.recruitment import services as recruitment
from governance.talent import selectors, services
from programmes.network import talent_services
from programmes.network.models import Aspiration, Readiness
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.network import MembershipFactory

pytestmark = pytest.mark.django_db
URL = "/governance/talent-pool/"


def member(first_name="Ada", **entry):
    person = LeaderProfileFactory(user__first_name=first_name).user
    MembershipFactory(person=person)
    data = {
        "aspirations": [Aspiration.ICS, Aspiration.CCPLG], "functions": [PriorityFunction.objects.get(number=4)],
        "boroughs": [], "ics_wide": True, "readiness": Readiness.NOW, "statement": "",
        "secretariat_consent": True, "alerts_consent": True,
    }
    talent_services.save_entry(person, **(data | entry))
    return person


@pytest.fixture
def deliver_now(monkeypatch):
    from academy.notifications import services as notifications
    monkeypatch.setattr("academy.notifications.tasks.deliver_notification.delay", notifications.deliver)


def publish(role, actor=workflow.SYSTEM):
    return recruitment.publish_vacancy(
        actor, role, about="Leads frailty across the system.", how_to_apply="Write a statement.",
        closes_on=timezone.localdate() + timedelta(days=14), essential="Registered clinician",
    )


def test_the_url_is_the_one_the_page_uses():
    assert reverse("governance:talent_pool") == URL


def test_the_secretariat_sees_consenting_members_who_fit_an_opening(client_as):
    leadership_role(role_type(), title="Frailty lead, ICS")  # vacant: an opening now
    ready = member("Ada", statement='<img src=x onerror=alert(1)> "=HYPERLINK(1)"')
    member("Bea", secretariat_consent=False)
    member("Cal", functions=[PriorityFunction.objects.get(number=5)], aspirations=[Aspiration.LCP])
    EqualityMonitoringFactory(user=ready, ethnicity="white_irish")
    client, secretariat = client_as("governance")
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ada" in page and "Bea" not in page and "Cal" not in page
    assert "Frailty lead, ICS" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "Irish" not in page and "white_irish" not in page
    assert list(AccessLogEntry.objects.values_list("reader", "subject_id", "what")) == [
        (secretariat.pk, ready.pk, "Talent pool")
    ]
    everyone = client.get(URL, {"opening": selectors.EVERYONE}).content.decode()
    assert "Cal" in everyone and "Bea" not in everyone


def test_filters_and_a_bad_filter_is_a_400(client_as):
    member("Ada")
    member("Dot", readiness=Readiness.ONE_TO_TWO_YEARS)
    client, _ = client_as("governance")
    page = client.get(URL, {"opening": selectors.EVERYONE, "readiness": Readiness.ONE_TO_TWO_YEARS}).content
    assert b"Dot" in page and b"Ada" not in page
    response = client.get(URL, {"readiness": "tomorrow"})
    assert response.status_code == 400 and b"Select when from the list" in response.content


def test_held_seats_and_roles_whose_terms_end_within_the_window_are_openings():
    today = timezone.localdate()
    holder = LeaderProfileFactory().user
    seat = Seat.objects.order_by("pk").first()
    Seat.objects.filter(pk=seat.pk).update(holder=holder, term_starts=today - timedelta(days=300),
                                           term_ends=today + timedelta(days=60))
    Seat.objects.exclude(pk=seat.pk).update(holder=holder, term_starts=today - timedelta(days=300),
                                            term_ends=today + timedelta(days=900))
    rate = role_type()
    role = leadership_role(rate, title="Ending lead", holder=holder, end_date=today + timedelta(days=200))
    leadership_role(rate, title="Lasting lead", holder=holder, end_date=today + timedelta(days=900))
    keys = {o.key for o in selectors.openings(3, today)}
    assert keys == {f"seat:{seat.pk}"}
    keys = {o.key for o in selectors.openings(12, today)}
    assert keys == {f"seat:{seat.pk}", f"role:{role.pk}"}
    # Someone ready only in 1-2 years does not fit a role whose term ends in 200 days.
    later = member("Eve", readiness=Readiness.ONE_TO_TWO_YEARS)
    now = member("Fay")
    found = selectors.openings(12, today)
    entries = list(selectors.talent_page(selectors.TalentFilters(), found, 1))
    assert [e.person for e in entries] == [now]
    assert later not in [e.person for e in selectors.talent_page(
        selectors.TalentFilters(opening=f"role:{role.pk}"), found, 1)]


@pytest.mark.parametrize("role_name", ["executive", "leader", "evaluator", "programme_admin"])
def test_only_the_secretariat_sees_the_talent_pool(client_as, role_name):
    client, _ = client_as(role_name)
    assert client.get(URL).status_code == 403


def _queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params or {}).status_code == 200
    return len(captured)


def test_the_page_reads_in_a_fixed_number_of_queries(client_as):
    rate = role_type()
    leadership_role(rate, title="Frailty lead, ICS")
    for n in range(3):
        member(f"Small{n}")
    client, _ = client_as("governance")
    _queries(client)  # the first request of a session fills caches the later ones use
    small = _queries(client), _queries(client, {"opening": selectors.EVERYONE, "page": 2})
    for n in range(40):
        member(f"Large{n}", boroughs=[Borough.objects.first()])
    for n in range(3):
        leadership_role(rate, title=f"Another lead {n}", function=4 + n)
    assert (_queries(client), _queries(client, {"opening": selectors.EVERYONE, "page": 2})) == small


# --- vacancy alerts ------------------------------------------------------------------------------------


def test_publishing_a_vacancy_alerts_matching_members_once_after_commit(deliver_now,
                                                                       django_capture_on_commit_callbacks):
    rate = role_type()
    bexley = Borough.objects.get(slug="bexley")
    ics = member("Ics", ics_wide=True)
    in_bexley = member("Bex", ics_wide=False, boroughs=[bexley], aspirations=[Aspiration.LCP])
    member("Lew", ics_wide=False, boroughs=[Borough.objects.exclude(pk=bexley.pk).first()])
    member("Fun", functions=[PriorityFunction.objects.get(number=5)])
    member("Off", alerts_consent=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        vacancy = publish(leadership_role(rate, title="Frailty lead, Bexley LCP", spatial_level=SpatialLevel.LCP,
                                          borough=bexley))
    assert not mail.outbox and len(callbacks) == 2  # nothing goes before the commit
    for callback in callbacks:
        callback()
    assert {m.to[0] for m in mail.outbox} == {ics.email, in_bexley.email}
    assert "Frailty lead, Bexley LCP" in mail.outbox[0].subject
    assert tasks.send_vacancy_alerts() == 0  # once per member per vacancy
    late = member("Late", ics_wide=True)
    assert tasks.send_vacancy_alerts() == 1
    assert Notification.objects.filter(template="talent_vacancy_alert", recipient=late,
                                       key=services.alert_key(vacancy.pk, late.pk)).exists()


def test_an_ics_wide_role_alerts_only_members_who_chose_ics_wide():
    ics = member("Ics", ics_wide=True)
    member("Bex", ics_wide=False, boroughs=[Borough.objects.get(slug="bexley")])
    publish(leadership_role(role_type()))
    assert list(Notification.objects.filter(template="talent_vacancy_alert").values_list("recipient", flat=True)) == [
        ics.pk
    ]


def test_the_alert_is_a_choosable_kind_and_its_plain_text_is_not_escaped(django_capture_on_commit_callbacks):
    assert kinds.kind_of("talent_vacancy_alert").slug == "vacancy_alerts"
    assert not kinds.kind_of("talent_vacancy_alert").essential
    person = member("Ada")
    with django_capture_on_commit_callbacks(execute=True):
        publish(leadership_role(role_type(), title='Frailty & "falls" lead <ICS>'))
    notification = Notification.objects.get(template="talent_vacancy_alert", recipient=person)
    from academy.notifications.services import render_email
    subject, text, html = render_email(notification.template, notification.context)
    assert 'Frailty & "falls" lead <ICS>' in text and "&amp;" not in text
    assert "&lt;ICS&gt;" in html
    for value in ("Frailty", notification.context["closes_on"], notification.context["url"],
                  notification.context["talent_url"], notification.context["where"],
                  notification.context["function"]):
        assert value in text


def test_a_closed_vacancy_sends_no_alerts():
    member("Ada")
    vacancy = publish(leadership_role(role_type()))
    Notification.objects.all().delete()
    assert services.send_vacancy_alerts(vacancy, today=vacancy.closes_on + timedelta(days=1)) == 0
    assert tasks.send_vacancy_alerts(today=(vacancy.closes_on + timedelta(days=1)).isoformat()) == 0

"""On the day (issue 11): ticket codes, check-in and its undo (refused before the day, for a registration that is
not confirmed, and twice), the check-in desk for every kind of person, the live counts and their query budget,
badges, and the .ics on the emails that confirm a place."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification
from academy.privacy.models import AccessLogEntry
from programmes.conference import checkin, services
from programmes.conference.calendar import edition_calendar
from programmes.conference.models import CheckIn, RegistrationState
from tests.concurrency import at_once
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>'


def _today_ticket_type(**values):
    """A ticket type of an edition whose (only) day is today, so check-in is open."""
    return make_ticket_type(make_edition(days_to_start=0), **values)


def _person(first="Ama", last="Mensah", **values):
    return UserFactory(first_name=first, last_name=last, **values)


# --- services ----------------------------------------------------------------------------------------------------


def test_check_in_records_who_and_when_and_twice_says_when(conference_admin):
    registration = make_registration(_today_ticket_type(), user=_person())
    record = checkin.check_in(conference_admin, registration)
    assert record.checked_in_by == conference_admin and record.undone_at is None
    # NHS.UK style: "9:05am", "10am", and at 12:00 exactly "midday" or "midnight" (a run at midnight said so).
    already = r"Ama Mensah is already checked in at (\d+(:\d\d)?[ap]m|midday|midnight)"
    with pytest.raises(checkin.AlreadyCheckedIn, match=already):
        checkin.check_in(conference_admin, registration)
    assert CheckIn.objects.count() == 1


def test_the_message_says_the_time_in_nhs_style(conference_admin):
    registration = make_registration(_today_ticket_type(), user=_person())
    moment = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(9, 5)))
    checkin.check_in(conference_admin, registration, now=moment)
    with pytest.raises(checkin.AlreadyCheckedIn, match="already checked in at 9:05am"):
        checkin.check_in(conference_admin, registration)


def test_check_in_is_refused_before_the_first_day_starts_in_london(conference_admin):
    ticket_type = make_ticket_type(make_edition(days_to_start=1))
    registration = make_registration(ticket_type)
    with pytest.raises(ValidationError, match="Check-in opens on"):
        checkin.check_in(conference_admin, registration)
    # A minute before midnight (London time, in British Summer Time too) is still too early; midnight opens it.
    edition = ticket_type.edition
    edition.starts_on = edition.ends_on = dt.date(2027, 6, 10)
    edition.save()
    with pytest.raises(ValidationError, match="Check-in opens on 10 June 2027"):
        checkin.check_in(conference_admin, registration, now=dt.datetime(2027, 6, 9, 22, 59, tzinfo=dt.UTC))
    assert checkin.check_in(conference_admin, registration, now=dt.datetime(2027, 6, 9, 23, 0, tzinfo=dt.UTC))
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize("state", ["waiting", "awaiting_approval", "cancelled", "declined"])
def test_only_a_confirmed_registration_is_checked_in(conference_admin, state):
    registration = make_registration(_today_ticket_type(), state=state, user=_person())
    with pytest.raises(ValidationError, match="only a confirmed registration"):
        checkin.check_in(conference_admin, registration)
    assert not CheckIn.objects.exists()


def test_only_the_conference_team_checks_in(other_admin):
    registration = make_registration(_today_ticket_type())
    for person in (other_admin, registration.user):
        with pytest.raises(PermissionDenied):
            checkin.check_in(person, registration)
    assert not CheckIn.objects.exists()


def test_undo_keeps_the_record_and_allows_a_new_check_in(conference_admin):
    registration = make_registration(_today_ticket_type(), user=_person())
    with pytest.raises(ValidationError, match="is not checked in"):
        checkin.undo_check_in(conference_admin, registration)
    first = checkin.check_in(conference_admin, registration)
    checkin.undo_check_in(conference_admin, registration)
    first.refresh_from_db()
    assert first.undone_by == conference_admin and first.undone_at is not None
    checkin.check_in(conference_admin, registration)
    assert CheckIn.objects.filter(registration=registration).count() == 2
    assert CheckIn.objects.filter(registration=registration, undone_at__isnull=True).count() == 1


def test_a_ticket_token_is_signed_and_belongs_to_its_edition():
    registration = make_registration(_today_ticket_type())
    token = checkin.ticket_token(registration)
    assert str(registration.pk) != token and checkin.registration_for_token(registration.edition, token) == registration
    with pytest.raises(ValidationError, match="not a conference ticket"):
        checkin.registration_for_token(registration.edition, token[:-2] + "xx")
    with pytest.raises(ValidationError, match="not a conference ticket"):
        checkin.registration_for_token(registration.edition, str(registration.pk))
    other = make_edition(days_to_start=0)
    with pytest.raises(ValidationError, match=f"not for {other.name}"):
        checkin.registration_for_token(other, token)


@pytest.mark.django_db(transaction=True)
def test_two_check_ins_at_once_record_one():
    from academy.accounts.models import Role  # noqa: PLC0415
    from academy.accounts.services import grant_role  # noqa: PLC0415
    from programmes.core.models import Programme  # noqa: PLC0415

    team = [UserFactory(), UserFactory()]
    for person in team:
        grant_role(None, person, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    registration = make_registration(_today_ticket_type())
    outcomes = at_once(*(lambda person=person: checkin.check_in(person, registration) for person in team))
    assert sum(isinstance(o, CheckIn) for o in outcomes) == 1
    assert sum(isinstance(o, checkin.AlreadyCheckedIn) for o in outcomes) == 1
    assert CheckIn.objects.count() == 1


# --- the check-in desk --------------------------------------------------------------------------------------------


def test_the_team_searches_and_checks_in_with_one_post(client, conference_admin):
    ticket_type = _today_ticket_type()
    registration = make_registration(ticket_type, user=_person("Kofi", HOSTILE, email="kofi@example.org"))
    make_registration(ticket_type, user=_person("Someone", "Else"))
    client.force_login(conference_admin)
    url = reverse("conference:check_in", args=[ticket_type.edition_id])
    page = client.get(url, {"q": "kofi exam"}).content.decode()
    assert "1 result" in page and "&lt;script&gt;" in page and HOSTILE not in page and "Someone" not in page
    response = client.post(url, {"registration": registration.pk, "q": "kofi"})
    assert response.status_code == 302 and response.url == f"{url}?q=kofi"
    page = client.get(response.url).content.decode()
    assert "is checked in" in page and "Checked in at" in page
    # Twice: the page says when, with status 400, and nothing new is recorded.
    response = client.post(url, {"registration": registration.pk})
    assert response.status_code == 400 and "already checked in at" in response.content.decode()
    assert CheckIn.objects.count() == 1
    # The search was logged in the access log.
    assert AccessLogEntry.objects.filter(reader=conference_admin, what__startswith="Conference check-in").exists()


def test_the_desk_checks_in_a_scanned_ticket_and_refuses_bad_codes(client, conference_admin):
    registration = make_registration(_today_ticket_type(), user=_person())
    client.force_login(conference_admin)
    url = reverse("conference:check_in", args=[registration.edition_id])
    for data, message in [({}, "Scan a ticket, type its code"), ({"token": "12:forged"}, "not a conference ticket"),
                          ({"token": HOSTILE}, "not a conference ticket")]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode()
        assert HOSTILE not in response.content.decode()
        assert response.context["form"]["token"].value() == ""  # empty for the next scan
    other = make_registration(make_ticket_type(make_edition(days_to_start=0)))
    response = client.post(url, {"registration": other.pk})
    assert response.status_code == 404
    assert not CheckIn.objects.exists()
    response = client.post(url, {"token": checkin.ticket_token(registration)})
    assert response.status_code == 302
    assert CheckIn.objects.get().registration == registration


def test_the_desk_refuses_before_the_day_with_the_error_summary(client, conference_admin):
    registration = make_registration(make_ticket_type(make_edition(days_to_start=3)))
    client.force_login(conference_admin)
    response = client.post(reverse("conference:check_in", args=[registration.edition_id]),
                           {"registration": registration.pk})
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page and "Check-in opens on" in page
    assert "<title>Error: " in page
    assert not CheckIn.objects.exists()


def test_the_undo_page_undoes_a_check_in(client, conference_admin):
    registration = make_registration(_today_ticket_type(), user=_person())
    checkin.check_in(conference_admin, registration)
    client.force_login(conference_admin)
    url = reverse("conference:check_in_undo", args=[registration.pk])
    assert "Undo Ama Mensah&#x27;s check-in?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert CheckIn.objects.get().undone_by == conference_admin
    response = client.post(url)
    assert response.status_code == 400 and "is not checked in" in response.content.decode()


def test_the_person_sees_their_ticket_code_and_nobody_else_does(client, conference_admin):
    registration = make_registration(_today_ticket_type(), user=_person())
    url = reverse("conference:ticket_code", args=[registration.pk])
    client.force_login(registration.user)
    page = client.get(reverse("conference:registration", args=[registration.pk])).content.decode()
    assert url in page and "Your ticket" in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and str(registration.pk).encode() + b":" not in response.content
    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_mfa(superuser)
    for person in (conference_admin, superuser, UserFactory()):
        client.force_login(person)
        assert client.get(url).status_code == 404
    # No ticket once the registration is no longer confirmed.
    waiting = make_registration(registration.ticket_type, state="waiting")
    client.force_login(waiting.user)
    assert client.get(reverse("conference:ticket_code", args=[waiting.pk])).status_code == 404
    assert "Your ticket" not in client.get(reverse("conference:registration", args=[waiting.pk])).content.decode()


# --- live counts -------------------------------------------------------------------------------------------------


def test_counts_by_ticket_type_and_organisation(conference_admin):
    edition = make_edition(days_to_start=0)
    leaders = make_ticket_type(edition, name="C&CP leader")
    students = make_ticket_type(edition, name="Student")
    here = [make_registration(leaders, organisation="Bromley Healthcare") for _ in range(2)]
    make_registration(leaders, organisation="Oxleas NHS Foundation Trust")
    make_registration(students, organisation="Bromley Healthcare")
    make_registration(students, state="waiting", organisation="Bromley Healthcare")
    for registration in here:
        checkin.check_in(conference_admin, registration)
    checkin.undo_check_in(conference_admin, here[1])
    counts = checkin.counts(edition)
    assert (counts["checked_in"], counts["expected"]) == (1, 4)
    assert counts["by_type"] == [{"name": "C&CP leader", "expected": 3, "checked_in": 1},
                                 {"name": "Student", "expected": 1, "checked_in": 0}]
    assert counts["by_organisation"] == [
        {"organisation": "Bromley Healthcare", "expected": 3, "checked_in": 1},
        {"organisation": "Oxleas NHS Foundation Trust", "expected": 1, "checked_in": 0},
    ]


def test_the_counts_fragment_polls_and_escapes(client, conference_admin):
    ticket_type = _today_ticket_type()
    make_registration(ticket_type, organisation=HOSTILE)
    client.force_login(conference_admin)
    url = reverse("conference:check_in_counts", args=[ticket_type.edition_id])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 15s"' in fragment and "<html" not in fragment
    assert "&lt;script&gt;" in fragment and HOSTILE not in fragment
    assert "<html" in client.get(url).content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_check_in_desk_and_counts_read_in_fixed_queries(client, conference_admin, django_assert_num_queries,
                                                            size):
    edition = make_edition(days_to_start=0)
    for number in range(3):
        ticket_type = make_ticket_type(edition, name=f"Type {number}")
        for index in range(size):
            registration = make_registration(ticket_type, organisation=f"Organisation {index % 7}",
                                             user=_person("Ama", f"Mensah{number}-{index}"))
            if index % 2:
                CheckIn.objects.create(registration=registration, checked_in_at=timezone.now())
    client.force_login(conference_admin)
    desk = reverse("conference:check_in", args=[edition.pk])
    counts = reverse("conference:check_in_counts", args=[edition.pk])
    client.get(desk, {"q": "ama"})  # warm sessions and caches
    with django_assert_num_queries(QUERIES_DESK):
        assert client.get(desk, {"q": "ama"}).status_code == 200
    with django_assert_num_queries(QUERIES_COUNTS):
        assert client.get(counts, HTTP_HX_REQUEST="true").status_code == 200


# Session, user, permission look-ups, the edition, the search, the access log, two counts and the recent list.
QUERIES_DESK = 12
# Session, user, permission look-ups (and the MFA check), the edition and two counts.
QUERIES_COUNTS = 8


# --- badges ------------------------------------------------------------------------------------------------------


def test_badges_are_an_a6_pdf_of_confirmed_registrations_and_the_download_is_logged(client, conference_admin):
    ticket_type = _today_ticket_type()
    registration = make_registration(ticket_type, user=_person("Ama", HOSTILE))
    make_registration(ticket_type, state="waiting")
    client.force_login(conference_admin)
    response = client.get(reverse("conference:badges", args=[ticket_type.edition_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    logged = AccessLogEntry.objects.get(reader=conference_admin, what__startswith="Conference badges")
    assert logged.subject == registration.user
    response = client.get(reverse("conference:badge", args=[registration.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_badge_template_is_a6_and_escapes_the_name():
    from django.template.loader import render_to_string  # noqa: PLC0415

    ticket_type = _today_ticket_type()
    make_registration(ticket_type, user=_person("Ama", HOSTILE), profession="Nursing")
    html = render_to_string("conference/badges_pdf.html", {
        "edition": ticket_type.edition, "registrations": checkin.badge_registrations(ticket_type.edition)})
    assert "size: A6" in html and "&lt;script&gt;" in html and HOSTILE not in html and "Nursing" in html


def test_a_badge_for_a_registration_that_is_not_confirmed_is_not_found(client, conference_admin):
    registration = make_registration(_today_ticket_type(), state="waiting")
    client.force_login(conference_admin)
    assert client.get(reverse("conference:badge", args=[registration.pk])).status_code == 404


# --- the .ics on the emails that confirm a place -----------------------------------------------------------------


def test_the_emails_that_confirm_a_place_carry_the_ics(conference_admin):
    ticket_type = make_ticket_type(capacity=1)
    confirmed = services.register(UserFactory(), ticket_type.edition, ticket_type=ticket_type,
                                  organisation="Bromley Healthcare", profession="Nursing")
    waiting = services.register(UserFactory(), ticket_type.edition, ticket_type=ticket_type,
                                organisation="Bromley Healthcare", profession="Nursing")
    services.cancel_registration(confirmed.user, confirmed)
    for template, person in [("conf_registration_confirmed", confirmed.user),
                             ("conf_registration_place", waiting.user)]:
        attachment = Notification.objects.get(template=template, recipient=person).context["attachments"][0]
        assert attachment["mimetype"] == "text/calendar" and attachment["filename"].endswith(".ics")
        assert "BEGIN:VEVENT" in attachment["content"]
    approval = make_ticket_type(make_edition(), needs_approval=True)
    awaiting = services.register(UserFactory(), approval.edition, ticket_type=approval,
                                 organisation="Bromley Healthcare", profession="Nursing")
    assert "attachments" not in Notification.objects.get(template="conf_registration_awaiting").context
    assert services.approve_registration(conference_admin, awaiting).state == RegistrationState.CONFIRMED
    assert Notification.objects.get(template="conf_registration_approved").context["attachments"]


def test_the_ics_covers_the_edition_days_as_whole_days():
    edition = make_edition()
    edition.starts_on, edition.ends_on = dt.date(2027, 3, 4), dt.date(2027, 3, 5)
    ics = edition_calendar(edition)
    assert "DTSTART;VALUE=DATE:20270304" in ics and "DTEND;VALUE=DATE:20270306" in ics
    assert f"SUMMARY:{edition.name}" in ics


# --- personal data and erasure ---------------------------------------------------------------------------------


def test_check_ins_are_in_the_data_download_and_go_with_the_account(conference_admin):
    from academy.privacy import erasure  # noqa: PLC0415
    from academy.privacy.personal_data import EXPORTERS, PersonalExport, exporters  # noqa: PLC0415

    registration = make_registration(_today_ticket_type(), user=_person())
    checkin.check_in(conference_admin, registration)
    exporters()
    out = PersonalExport()
    EXPORTERS["conference"].export(registration.user, out)
    assert [row["registration_id"] for row in out.tables["conference_check_ins"]] == [registration.pk]
    staff = PersonalExport()
    EXPORTERS["conference"].export(conference_admin, staff)
    assert len(staff.tables["conference_check_ins_recorded"]) == 1
    erasure.close_account(registration.user)
    assert not CheckIn.objects.exists()

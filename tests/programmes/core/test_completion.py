"""Attendance in bulk, completion against the cohort's rule, certificates and their verification."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.core import services
from programmes.core.models import Application, ApplicationState, Attendance, Certificate
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


@pytest.fixture
def cohort_with_people():
    cohort = CohortFactory(completion_percent=75, cpd_hours=12)
    # Four weekly sessions that have all taken place: attendance and completion wait for them.
    sessions = [SessionFactory(cohort=cohort, starts_at=timezone.now() - timedelta(days=29 - 7 * week))
                for week in range(4)]
    keen, patchy, waiting = UserFactory(), UserFactory(), UserFactory()
    places = [Application.objects.create(cohort=cohort, applicant=u, state=S.ACCEPTED) for u in (keen, patchy)]
    Application.objects.create(cohort=cohort, applicant=waiting, state=S.WAITING_LIST)
    return cohort, sessions, places


def test_bulk_attendance_only_for_people_with_a_place(client_as, cohort_with_people):
    cohort, sessions, (keen, patchy) = cohort_with_people
    client, _ = client_as("programme_admin")
    url = reverse("programmes:attendance", args=[sessions[0].pk])
    page = client.get(url).content.decode()
    assert keen.applicant.get_full_name() in page
    empty = client.post(url, {})
    assert empty.status_code == 400 and title(empty).startswith("Error: ")
    waiting = Application.objects.get(cohort=cohort, state=S.WAITING_LIST)
    client.post(url, {f"status_{keen.pk}": "present", f"status_{patchy.pk}": "apologies",
                      f"status_{waiting.pk}": "present", "status_999999": "present"})
    assert dict(Attendance.objects.values_list("application_id", "status")) == {
        keen.pk: "present", patchy.pk: "apologies"
    }
    client.post(url, {f"status_{patchy.pk}": "present"})
    assert Attendance.objects.get(application=patchy).status == "present"


def test_completion_follows_the_rule_and_issues_a_verifiable_certificate(client_as, client, cohort_with_people):
    cohort, sessions, (keen, patchy) = cohort_with_people
    admin_client, admin = client_as("programme_admin")
    for session in sessions:
        services.record_attendance(admin, session, {keen.pk: "present"})
    services.record_attendance(admin, sessions[0], {patchy.pk: "present"})
    page = admin_client.get(reverse("programmes:completion", args=[cohort.pk])).content.decode()
    assert "4 of 4" in page and "1 of 4" in page
    response = admin_client.post(
        reverse("programmes:completion", args=[cohort.pk]), {"applications": [keen.pk, patchy.pk]}, follow=True
    )
    assert "1 completed with a certificate; 1 not completed: they attended fewer than 3 of 4 sessions" in (
        response.content.decode()
    )
    keen.refresh_from_db()
    patchy.refresh_from_db()
    assert keen.state == S.COMPLETED and patchy.state == S.ACCEPTED
    certificate = Certificate.objects.get(application=keen)
    assert certificate.cpd_hours == 12 and len(certificate.code) >= 24

    # The leader downloads it; nobody else can.
    admin_client.force_login(keen.applicant)
    pdf = admin_client.get(reverse("programmes:certificate_pdf", args=[keen.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    admin_client.force_login(patchy.applicant)
    assert admin_client.get(reverse("programmes:certificate_pdf", args=[keen.pk])).status_code == 404

    # Anyone can verify it; a made-up code is not found.
    verify = client.get(reverse("programmes:certificate_verify", args=[certificate.code]))
    assert verify.status_code == 200 and "genuine" in verify.content.decode()
    assert keen.applicant.get_full_name() in verify.content.decode()
    forged = client.get(reverse("programmes:certificate_verify", args=[certificate.code[:-2] + "zz"]))
    assert forged.status_code == 404 and "Certificate not found" in forged.content.decode()


def test_completion_needs_a_selection(client_as, cohort_with_people):
    cohort, _, _ = cohort_with_people
    client, _ = client_as("programme_admin")
    response = client.post(reverse("programmes:completion", args=[cohort.pk]), {})
    assert response.status_code == 400 and "Select at least one person" in response.content.decode()
    assert not Certificate.objects.exists()


def test_rotating_check_in_code(client_as, cohort_with_people):
    from datetime import timedelta

    from django.core.exceptions import PermissionDenied, ValidationError

    cohort, sessions, (keen, _) = cohort_with_people
    session = sessions[0]
    during = session.starts_at + timedelta(minutes=30)
    code = services.check_in_code(session, during)
    assert len(code) == 6 and code.isdigit()
    # Last minute's code still works (the room's screen may lag); an older or wrong one does not.
    with pytest.raises(ValidationError, match="not right"):
        services.self_check_in(keen.applicant, session, "000000" if code != "000000" else "111111", now=during)
    services.self_check_in(keen.applicant, session, code, now=during + timedelta(seconds=60))
    assert Attendance.objects.get(application=keen, session=session).self_checked_in
    later = session.ends_at + timedelta(hours=3)
    with pytest.raises(ValidationError, match="an hour after"):
        services.self_check_in(keen.applicant, session, services.check_in_code(session, later), now=later)
    with pytest.raises(PermissionDenied):
        services.self_check_in(UserFactory(), session, code, now=during)

    # Through the pages: the admin sees the code; the participant enters it.
    client, _ = client_as("programme_admin")
    page = client.get(reverse("programmes:check_in_code", args=[session.pk])).content.decode()
    now_code = services.check_in_code(session)
    assert now_code[:3] in page and "every 10s" in page
    client.force_login(keen.applicant)
    wrong = client.post(reverse("programmes:check_in", args=[session.pk]), {"code": "abc"})
    assert wrong.status_code == 400 and title(wrong).startswith("Error: ")

"""People the portal locked out: a leader with no line manager applies through a sponsor (who answers the
same signed link) or by declaring protected time, and admins see which; access needs are stored only with
consent and seen by that cohort's programme admins alone (superusers and other programmes' admins too)."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.directory.models import PriorityFunction
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.core import services
from programmes.core.models import AccessNeeds, Application, ApplicationState, Programme
from tests.conftest import give_mfa, make_person
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db
S = ApplicationState
HOSTILE = '<script>alert("x")</script> & <b>step-free</b>'


def no_manager_leader(reason="self_employed"):
    profile = LeaderProfileFactory(line_manager_name="", line_manager_email="", no_line_manager_reason=reason)
    return profile.user


def form_data(**overrides):
    data = {
        "answer_1": "I lead a practice and want to work across the system.",
        "applied_problem": "Access to same-day care in Bexley.",
        "priority_function": PriorityFunction.objects.order_by("number").first().number,
        "action": "send",
    }
    return {key: value for key, value in (data | overrides).items() if value is not None}


# --- a sponsor or a declaration instead of a line manager ------------------------------------------


def test_a_leader_with_no_line_manager_applies_through_a_sponsor(client, django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    leader = no_manager_leader()
    client.force_login(leader)
    url = reverse("programmes:apply", args=[cohort.pk])
    page = client.get(url).content.decode()
    assert "Who will confirm your protected time?" in page and "I will protect the time myself" in page

    missing = client.post(url, form_data(release_route="sponsor", line_manager_name="Ada Senior"))
    body = missing.content.decode()
    assert missing.status_code == 400 and "Enter your sponsor&#x27;s email address" in body
    assert "Enter your sponsor&#x27;s role" in body and not Application.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, form_data(
            release_route="sponsor", line_manager_name="Ada Senior", line_manager_email="Ada@Example.nhs.uk",
            sponsor_role="Senior partner, Elm Practice",
        ))
    assert sent.status_code == 302
    application = Application.objects.get(applicant=leader)
    assert application.release_route == "sponsor" and application.state == S.AWAITING_LINE_MANAGER
    assert application.line_manager_email == "ada@example.nhs.uk" and application.sponsor_role.startswith("Senior")
    request = Notification.objects.get(to_email="ada@example.nhs.uk", template="line_manager_request")
    _subject, text, _html = render_email(request.template, request.context)
    assert "named you as their sponsor" in text

    mine = client.get(reverse("programmes:application", args=[application.pk])).content.decode()
    assert "Waiting for sponsor" in mine
    # the sponsor answers through the same signed link as a line manager
    token = services.line_manager_token(application)
    link = client.get(reverse("programmes:line_manager", args=[token])).content.decode()
    assert "named you as their sponsor" in link
    client.post(reverse("programmes:line_manager", args=[token]), {"decision": "approve"})
    application.refresh_from_db()
    assert application.state == S.UNDER_REVIEW and application.line_manager_decided_at is not None
    assert application.transitions.last().note == "Sponsor approved protected time"


def test_a_leader_with_no_line_manager_declares_protected_time(client, django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    leader = no_manager_leader("locum")
    client.force_login(leader)
    url = reverse("programmes:apply", args=[cohort.pk])
    unticked = client.post(url, form_data(release_route="declaration"))
    assert unticked.status_code == 400
    assert "Tick the box to confirm you can protect the time yourself" in unticked.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, form_data(release_route="declaration", declare_protected_time="on",
                                          line_manager_email="ignored@example.nhs.uk"))
    assert sent.status_code == 302
    application = Application.objects.get(applicant=leader)
    assert application.release_route == "declaration" and application.state == S.UNDER_REVIEW
    assert application.protected_time_declared_at is not None and application.line_manager_email == ""
    assert [t.to_state for t in application.transitions.all()] == [S.SUBMITTED, S.UNDER_REVIEW]
    assert not Notification.objects.filter(template="line_manager_request").exists()
    mine = client.get(reverse("programmes:application", args=[application.pk])).content.decode()
    assert "You confirmed you can protect the time yourself" in mine


def test_a_leader_with_a_line_manager_cannot_skip_them():
    leader = LeaderProfileFactory().user
    with pytest.raises(ValidationError, match="line manager"):
        services.apply(leader, CohortFactory(), answers=[], applied_problem="x", release_route="declaration",
                       declare_protected_time=True)
    page_leader = LeaderProfileFactory().user
    form_page = services.apply(page_leader, CohortFactory(), answers=[], applied_problem="x",
                               line_manager_name="Helen", line_manager_email="helen@example.nhs.uk")
    assert form_page.release_route == "line_manager" and form_page.state == S.AWAITING_LINE_MANAGER


def test_admins_see_which_route_each_application_took(client_as):
    cohort = CohortFactory()
    sponsor = services.apply(no_manager_leader(), cohort, answers=[], applied_problem="a", release_route="sponsor",
                             line_manager_name="Ada Senior", line_manager_email="ada@example.nhs.uk",
                             sponsor_role=HOSTILE)
    declared = services.apply(no_manager_leader("volunteer"), cohort, answers=[], applied_problem="b",
                              release_route="declaration", declare_protected_time=True)
    services.apply(LeaderProfileFactory().user, cohort, answers=[], applied_problem="c",
                   line_manager_name="Helen", line_manager_email="helen@example.nhs.uk")
    client, _ = client_as("programme_admin")
    roster = client.get(reverse("programmes:cohort_manage", args=[cohort.pk])).content.decode()
    assert "Protected time: sponsor" in roster and "Protected time: own declaration" in roster
    assert "Protected time: line manager" in roster
    detail = client.get(reverse("programmes:admin_application", args=[sponsor.pk])).content.decode()
    assert "Protected time confirmed by" in detail and "Sponsor: Ada Senior" in detail
    assert "&lt;script&gt;" in detail and HOSTILE not in detail
    assert "No line manager: I am self-employed" in detail
    detail = client.get(reverse("programmes:admin_application", args=[declared.pk])).content.decode()
    assert "Own declaration: the applicant declared" in detail and "No line manager: I am a volunteer" in detail
    export = client.get(reverse("programmes:roster_export", args=[cohort.pk])).content.decode()
    assert "Protected time confirmed by" in export  # header; rows follow the proposed-cohort rule


# --- access needs: only with consent, seen only by the cohort's admins ------------------------------


def test_access_needs_are_stored_only_with_consent(client):
    cohort = CohortFactory()
    leader = LeaderProfileFactory().user
    client.force_login(leader)
    url = reverse("programmes:apply", args=[cohort.pk])
    base = form_data(line_manager_name="Helen", line_manager_email="helen@example.nhs.uk")
    refused = client.post(url, base | {"access_needs": "A hearing loop, please"})
    assert refused.status_code == 400 and "Tick the box to agree" in refused.content.decode()
    assert not Application.objects.exists() and not AccessNeeds.objects.exists()
    with pytest.raises(ValidationError):
        services.apply(leader, cohort, answers=[], applied_problem="x", line_manager_name="H",
                       line_manager_email="h@example.nhs.uk", access_needs="Large print")
    assert not AccessNeeds.objects.exists()

    consented = base | {"access_needs": "A hearing loop, please", "access_needs_consent": "on"}
    assert client.post(url, consented).status_code == 302
    needs = AccessNeeds.objects.get()
    assert needs.needs == "A hearing loop, please" and needs.application.applicant == leader
    assert needs.consented_at is not None


def test_the_leader_sees_changes_and_withdraws_their_access_needs(client):
    cohort = CohortFactory(selection_method="open_booking", offer_type="modular")
    leader = LeaderProfileFactory().user
    booking = services.book(leader, cohort)  # bookings too
    client.force_login(leader)
    url = reverse("programmes:access_needs", args=[booking.pk])
    assert client.get(url).status_code == 200
    no_consent = client.post(url, {"action": "save", "access_needs": "Step-free access"})
    assert no_consent.status_code == 400 and not AccessNeeds.objects.exists()
    empty = client.post(url, {"action": "save", "access_needs": "  ", "access_needs_consent": "on"})
    assert empty.status_code == 400 and not AccessNeeds.objects.exists()
    hostile = {"action": "save", "access_needs": HOSTILE, "access_needs_consent": "on"}
    assert client.post(url, hostile).status_code == 302
    page = client.get(reverse("programmes:application", args=[booking.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and HOSTILE not in page
    changed = {"action": "save", "access_needs": "BSL interpreter", "access_needs_consent": "on"}
    assert client.post(url, changed).status_code == 302
    assert AccessNeeds.objects.get().needs == "BSL interpreter"
    assert client.post(url, {"action": "withdraw"}).status_code == 302
    assert not AccessNeeds.objects.exists()
    # nobody else, superusers included, can change them
    with pytest.raises(PermissionDenied):
        services.save_access_needs(UserFactory(is_superuser=True), booking, "x", True)


def _other_programme_admin():
    user = UserFactory()
    programme = Programme.objects.exclude(slug="curriculum").order_by("position").first()
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=programme)
    give_mfa(user)
    return user


@pytest.mark.parametrize("role", ["admin", "other_admin", "superuser", "reviewer", "executive", "governance",
                                  "evaluator", "leader", "faculty"])
def test_access_needs_are_shown_to_that_cohorts_admins_only(client, role):
    cohort = CohortFactory()
    application = ApplicationFactory(cohort=cohort, state="accepted")
    services.save_access_needs(application.applicant, application, "Dementia-friendly room " + HOSTILE, True)
    if role == "admin":
        user = make_person("programme_admin")
    elif role == "other_admin":
        user = _other_programme_admin()
    elif role == "faculty":
        from programmes.core.models import CohortFaculty

        user = make_person("leader")
        CohortFaculty.objects.create(cohort=cohort, user=user)
    else:
        user = make_person(role)
    client.force_login(user)
    pages = [
        reverse("programmes:cohort_manage", args=[cohort.pk]),
        reverse("programmes:admin_application", args=[application.pk]),
        reverse("programmes:roster_export", args=[cohort.pk]),
        reverse("programmes:roster_export", args=[cohort.pk]) + "?format=csv",
        reverse("programmes:score", args=[application.pk]),
        reverse("programmes:review_cohort", args=[cohort.pk]),
    ]
    seen = []
    for url in pages:
        response = client.get(url)
        content = response.content.decode(errors="replace") if response.status_code == 200 else ""
        if "Dementia-friendly room" in content:
            seen.append(url)
            assert HOSTILE not in content and "&lt;script&gt;" in content
    if role == "admin":
        assert seen == pages[:2]  # the cohort's page and the application, never the roster download
    else:
        assert seen == []


def test_the_roster_export_never_carries_access_needs(client_as):
    cohort = CohortFactory()
    application = ApplicationFactory(cohort=cohort, state="accepted")
    services.save_access_needs(application.applicant, application, "Large print papers", True)
    client, _ = client_as("programme_admin")
    export = client.get(reverse("programmes:roster_export", args=[cohort.pk])).content.decode()
    rows = list(csv.reader(io.StringIO(export.lstrip("\ufeff"))))
    assert len(rows) == 2 and "Large print papers" not in export

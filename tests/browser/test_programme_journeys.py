"""A leader finds a cohort in the catalogue, applies, their line manager approves by the signed link,
the programme team offers a place, and the leader accepts it; and a leader books a modular session.
axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from programmes.core import presenters, services
from programmes.core.models import Application, ApplicationState, SelectionMethod
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = ApplicationState


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def test_catalogue_to_certificate(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Core programme 2027", questions=["Why now?"])
    SessionFactory(cohort=cohort, title="Systems thinking: seeing the whole")
    leader = UserFactory(first_name="Amara", last_name="Okafor")
    visit.sign_in_as(client, leader)

    visit.go("/programmes/")
    visit.check("catalogue")
    page.get_by_label("Format").select_option("hybrid")
    submit(page)
    visit.check("catalogue-filtered")
    page.get_by_role("link", name="Systems leadership development curriculum").click()
    visit.check("programme")
    page.get_by_role("link", name="Core programme 2027").click()
    visit.check("cohort")
    page.get_by_role("link", name="Apply for a place").click()
    visit.check("apply")
    page.get_by_role("button", name="Send your application").click()
    expect_title_starting(page, "Error: ")
    visit.check("apply-errors")
    page.get_by_label("Why now?").fill("I lead frailty services and want to work across the system.")
    page.get_by_label("Which real system problem will you bring?").fill("Discharge delays in Lewisham.")
    page.get_by_label("Care pathway transformation and innovation").check()
    page.get_by_label("Your line manager's name").fill("Helen Whitfield")
    page.get_by_label("Your line manager's email address").fill("helen.whitfield@example.nhs.uk")
    page.get_by_role("button", name="Save as draft").click()
    visit.check("draft-saved")
    assert "Draft saved" in page.content()
    page.get_by_role("link", name="Continue your application").click()
    visit.check("apply-draft")
    page.get_by_role("button", name="Send your application").click()
    visit.check("application-sent")
    assert "Waiting for line manager" in page.content()

    application = Application.objects.get(applicant=leader)
    link = services.line_manager_email_context(application)["url"].replace(presenters.site_url(""), "")
    visit.page.context.clear_cookies()
    visit.go(link)
    visit.check("line-manager")
    page.get_by_label("Yes, I support their protected time").check()
    submit(page)
    visit.check("line-manager-done")

    services.decide_applications(make_person("programme_admin"), cohort, [application.pk], "offer")
    visit.sign_in_as(client, leader)
    visit.go("/programmes/my-academy/")
    visit.check("my-academy-offer")
    page.get_by_role("link", name="Core programme 2027").click()
    page.get_by_role("link", name="Accept this place").click()
    visit.check("accept-confirm")
    submit(page)
    visit.check("accepted")
    application.refresh_from_db()
    assert application.state == S.ACCEPTED

    page.get_by_role("link", name="My Academy").first.click()
    assert "Systems thinking: seeing the whole" in page.content()
    visit.check("my-academy-sessions")
    page.get_by_role("link", name="Set up your calendar feed").click()
    visit.check("calendar-feed")
    submit(page)
    visit.check("calendar-feed-ready")
    assert "/programmes/calendar/" in page.content()

    # The workshops take place (attendance and completion wait for them); the programme team records
    # attendance and completes the place; the leader gets a certificate.
    for number, session in enumerate(cohort.sessions.all(), start=1):
        session.starts_at = timezone.now() - timedelta(days=7 * number, hours=3)
        session.ends_at = session.starts_at + timedelta(hours=3)
        session.save()
    admin = make_person("programme_admin")
    visit.sign_in_as(client, admin)
    for session in cohort.sessions.all():
        visit.go(f"/programmes/admin/sessions/{session.pk}/attendance/")
        visit.check("attendance")
        page.get_by_role("button", name="Mark everyone present").click()
        assert "Marked 1 person present." in page.content()
        visit.check("attendance-marked")
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/completion/")
    page.get_by_label(f"Select {leader.get_full_name()}").check()
    page.get_by_role("button", name="Complete and issue certificates").click()
    visit.check("completion-done")
    visit.sign_in_as(client, leader)
    visit.go(f"/programmes/applications/{application.pk}/")
    visit.check("completed")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    visit.page.context.clear_cookies()
    visit.go(f"/programmes/certificates/{application.certificate.code}/")
    visit.check("certificate-verified")
    assert "Certificate checked: genuine" in page.content()


def test_book_a_full_session_joins_the_waiting_list(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Inspiration session", capacity=1, selection_method=SelectionMethod.OPEN_BOOKING,
                           offer_type="modular")
    services.book(UserFactory(), cohort)
    leader = UserFactory()
    visit.sign_in_as(client, leader)
    visit.go(f"/programmes/cohorts/{cohort.pk}/")
    visit.check("full-session")
    page.get_by_role("link", name="Join the waiting list").click()
    visit.check("book-confirm")
    submit(page)
    visit.check("on-waiting-list")
    assert Application.objects.get(applicant=leader).state == S.WAITING_LIST


def test_programme_admin_reviews_and_offers(visit, client):
    from tests.factories.directory import LeaderProfileFactory

    page = visit.page
    admin = make_person("programme_admin")  # with MFA set up
    cohort = CohortFactory(title="Developmental programme 2027", capacity=1)
    applicants = []
    for _ in range(2):
        profile = LeaderProfileFactory()
        application = Application.objects.create(cohort=cohort, applicant=profile.user, state=S.UNDER_REVIEW)
        applicants.append(application)
    visit.sign_in_as(client, admin)
    visit.go("/programmes/admin/")
    visit.check("admin-cohorts")
    page.get_by_role("link", name="Developmental programme 2027").click()
    visit.check("cohort-manage")
    page.get_by_label(f"Select {applicants[0].applicant.get_full_name()}").check()
    page.get_by_label("Offer a place").check()
    page.get_by_role("button", name="Record decisions").click()  # the page's other form adds faculty
    visit.check("offers-made")
    assert "1 done" in page.content()
    applicants[0].refresh_from_db()
    assert applicants[0].state == S.OFFERED

    page.get_by_role("link", name="Add a session").click()
    visit.check("session-form")
    page.get_by_label("Title").fill("Opening day")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("session-form-errors")

    session = SessionFactory(cohort=cohort, title="Opening day")
    visit.go(f"/programmes/admin/sessions/{session.pk}/code/")
    visit.check("check-in-code")
    visit.go(f"/programmes/admin/sessions/{session.pk}/attendance/")
    visit.check("attendance")
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/completion/")
    visit.check("completion")
    visit.go(f"/programmes/admin/applications/{applicants[0].pk}/")
    visit.check("admin-application")
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/message/")
    visit.check("cohort-message")


def test_panel_member_scores_an_application(visit, client):
    from tests.factories.directory import LeaderProfileFactory

    page = visit.page
    cohort = CohortFactory(title="Core programme 2028", criteria="Holds or is entering a system role.")
    applicant = LeaderProfileFactory().user
    Application.objects.create(cohort=cohort, applicant=applicant, state=S.UNDER_REVIEW, applied_problem="Discharge")
    visit.sign_in_as(client, make_person("reviewer"))
    visit.go("/programmes/review/")
    visit.check("review-list")
    page.get_by_role("link", name="Core programme 2028").click()
    visit.check("review-cohort")
    page.get_by_role("link", name=applicant.get_full_name()).click()
    visit.check("score")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("score-errors")
    page.get_by_label("4: meets them well").check()
    submit(page)
    visit.check("scored")
    assert "4 of 5" in page.content()

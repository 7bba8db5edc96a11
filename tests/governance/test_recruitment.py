"""Recruitment to vacant leadership roles: publishing, applying, scoring, shortlisting and appointing
through the services; the pages for every kind of person; query budgets."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from governance.models import (
    ApplicationState,
    CriterionScore,
    Vacancy,
    VacancyApplication,
    VacancyState,
)
from governance.recruitment import services as recruitment
from tests.factories.directory import LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type

S = ApplicationState


@pytest.fixture
def rate(db):
    return role_type()


def publish(role, closes_on=None, actor=workflow.SYSTEM) -> Vacancy:
    return recruitment.publish_vacancy(
        actor, role, about="Leads frailty across the system.", how_to_apply="Write a supporting statement.",
        closes_on=closes_on or timezone.localdate() + timedelta(days=14),
        essential="Registered clinician\nSystem leadership experience", desirable="Quality improvement training",
    )


@pytest.fixture
def vacancy(rate):
    return publish(leadership_role(rate))


def leader():
    return LeaderProfileFactory().user


@pytest.fixture
def deliver_now(monkeypatch):
    """Send queued emails straight away when the transaction commits."""
    from academy.notifications import services as notifications

    monkeypatch.setattr("academy.notifications.tasks.deliver_notification.delay", notifications.deliver)


def shortlist(secretariat, application, reason="Meets every essential criterion"):
    return recruitment.move_application(secretariat, application, S.SHORTLISTED, reason)


# --- Publishing -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_secretariat_publishes_a_vacant_role_with_its_person_specification(rate, person):
    secretariat = person("governance")
    vacancy = publish(leadership_role(rate), actor=secretariat)
    assert vacancy.state == VacancyState.OPEN and vacancy.published_by == secretariat
    assert [(c.kind, c.text) for c in vacancy.criteria.order_by("kind", "position")] == [
        ("desirable", "Quality improvement training"),
        ("essential", "Registered clinician"), ("essential", "System leadership experience"),
    ]
    assert vacancy.history.get().history_user == secretariat


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "kwargs"), [
    ("essential", {"essential": "  \n "}),
    ("closes_on", {"closes_on": date(2020, 1, 1)}),
    ("about", {"about": ""}),
    ("desirable", {"desirable": "Registered clinician"}),
])
def test_publishing_with_bad_input_says_what_to_fix_and_saves_nothing(rate, field, kwargs):
    data = {"about": "About", "how_to_apply": "How", "closes_on": timezone.localdate(), "essential": "One",
            "desirable": "", **kwargs}
    essential = data.pop("essential")
    if field == "desirable":
        essential = "Registered clinician"
    with pytest.raises(ValidationError) as raised:
        recruitment.publish_vacancy(workflow.SYSTEM, leadership_role(rate), essential=essential, **data)
    assert field in raised.value.message_dict
    assert not Vacancy.objects.exists()


@pytest.mark.django_db
def test_a_held_role_or_one_already_open_cannot_be_published(rate):
    held = leadership_role(rate, title="Held", holder=leader())
    with pytest.raises(ValidationError, match="not vacant"):
        publish(held)
    role = leadership_role(rate, title="Open")
    publish(role)
    with pytest.raises(ValidationError, match="already has an open vacancy"):
        publish(role)
    assert Vacancy.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator"])
def test_only_the_secretariat_publishes(rate, person, role_name):
    with pytest.raises(PermissionDenied):
        publish(leadership_role(rate), actor=person(role_name))
    assert not Vacancy.objects.exists()


# --- Applying and withdrawing ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_leader_applies_once_with_their_profile_recorded(vacancy):
    profile = LeaderProfileFactory()
    application = recruitment.apply(profile.user, vacancy, "  I lead the frailty network.  ")
    assert application.state == S.APPLIED and application.statement == "I lead the frailty network."
    assert (application.profession, application.organisation) == (profile.profession, profile.organisation)
    with pytest.raises(ValidationError, match="already applied"):
        recruitment.apply(profile.user, vacancy, "Again")
    assert VacancyApplication.objects.count() == 1


@pytest.mark.django_db
def test_a_late_application_is_refused(rate):
    vacancy = publish(leadership_role(rate), closes_on=timezone.localdate())
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="closed"):
        recruitment.apply(leader(), vacancy, "Statement", today=tomorrow)
    assert recruitment.apply(leader(), vacancy, "On the closing day", today=timezone.localdate())
    assert VacancyApplication.objects.count() == 1


@pytest.mark.django_db
def test_applying_needs_a_profile_and_a_statement(vacancy, person):
    with pytest.raises(ValidationError, match="leader profile"):
        recruitment.apply(person("leader"), vacancy, "Statement")
    with pytest.raises(ValidationError) as raised:
        recruitment.apply(leader(), vacancy, "   ")
    assert "statement" in raised.value.message_dict
    assert not VacancyApplication.objects.exists()


@pytest.mark.django_db
def test_an_applicant_withdraws_only_their_own_application(vacancy):
    application = recruitment.apply(leader(), vacancy, "Statement")
    with pytest.raises(PermissionDenied):
        recruitment.withdraw(leader(), application)
    withdrawn = recruitment.withdraw(application.applicant, application)
    assert withdrawn.state == S.WITHDRAWN
    with pytest.raises(ValidationError):
        recruitment.withdraw(application.applicant, withdrawn)


# --- Scoring, shortlisting, appointing ------------------------------------------------------------


@pytest.mark.django_db
def test_scores_need_a_reason_and_a_score_from_0_to_3(vacancy, person):
    secretariat = person("governance")
    application = recruitment.apply(leader(), vacancy, "Statement")
    first, second = vacancy.criteria.filter(kind="essential").order_by("position")
    with pytest.raises(ValidationError) as raised:
        recruitment.score_application(secretariat, application, {first.pk: (2, ""), second.pk: (7, "Strong")})
    assert set(raised.value.message_dict) == {f"reason_{first.pk}", f"score_{second.pk}"}
    assert not CriterionScore.objects.exists()
    changed = recruitment.score_application(
        secretariat, application, {first.pk: (2, "Registered nurse"), second.pk: (3, "Leads a network")}
    )
    assert changed == 2
    assert recruitment.score_application(secretariat, application, {first.pk: (2, "Registered nurse")}) == 0
    assert CriterionScore.objects.get(criterion=first).scored_by == secretariat


@pytest.mark.django_db
def test_appointing_someone_not_shortlisted_is_refused(vacancy, person):
    secretariat = person("governance")
    application = recruitment.apply(leader(), vacancy, "Statement")
    with pytest.raises(ValidationError, match="Only a shortlisted applicant"):
        recruitment.move_application(secretariat, application, S.APPOINTED, "Best candidate")
    application.refresh_from_db()
    vacancy.refresh_from_db()
    assert application.state == S.APPLIED and vacancy.state == VacancyState.OPEN
    assert vacancy.role.holder is None


@pytest.mark.django_db
def test_decisions_need_a_reason(vacancy, person):
    application = recruitment.apply(leader(), vacancy, "Statement")
    with pytest.raises(ValidationError) as raised:
        recruitment.move_application(person("governance"), application, S.SHORTLISTED, "  ")
    assert "reason" in raised.value.message_dict
    application.refresh_from_db()
    assert application.state == S.APPLIED and application.shortlisted_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["executive", "evaluator", "leader"])
def test_only_the_secretariat_moves_applications(vacancy, person, role_name):
    application = recruitment.apply(leader(), vacancy, "Statement")
    with pytest.raises(PermissionDenied):
        recruitment.move_application(person(role_name), application, S.SHORTLISTED, "Reason")
    application.refresh_from_db()
    assert application.state == S.APPLIED


@pytest.mark.django_db
def test_appointing_over_1_wte_is_refused_unless_confirmed_as_sessional_overtime(rate, person):
    secretariat = person("governance")
    applicant = leader()
    leadership_role(rate, title="Existing role", wte="0.8", holder=applicant)
    vacancy = publish(leadership_role(rate, wte="0.4"))
    application = shortlist(secretariat, recruitment.apply(applicant, vacancy, "Statement"))
    with pytest.raises(ValidationError) as raised:
        recruitment.move_application(secretariat, application, S.APPOINTED, "Strongest at interview")
    assert "over 1.0" in " ".join(raised.value.message_dict["confirm_overtime"])
    vacancy.refresh_from_db()
    application.refresh_from_db()
    assert vacancy.state == VacancyState.OPEN and vacancy.role.holder is None and application.state == S.SHORTLISTED
    recruitment.move_application(secretariat, application, S.APPOINTED, "Strongest at interview",
                                 confirm_overtime=True)
    vacancy.role.refresh_from_db()
    assert vacancy.role.holder == applicant and vacancy.role.sessional_overtime_confirmed


@pytest.mark.django_db
def test_appointing_sets_the_holder_closes_the_vacancy_and_tells_the_others_once(
    vacancy, person, mailoutbox, deliver_now, django_capture_on_commit_callbacks
):
    secretariat = person("governance")
    chosen, shortlisted, not_shortlisted, withdrawn = (recruitment.apply(leader(), vacancy, "S") for _ in range(4))
    for application in (chosen, shortlisted):
        shortlist(secretariat, application)
    recruitment.move_application(secretariat, not_shortlisted, S.NOT_SHORTLISTED, "No system experience yet")
    recruitment.withdraw(withdrawn.applicant, withdrawn)
    recruitment.move_application(secretariat, chosen, S.INTERVIEWED, "Strong answers on frailty pathways")
    with django_capture_on_commit_callbacks(execute=True):
        recruitment.move_application(secretariat, chosen, S.APPOINTED, "Scored highest at interview")

    vacancy.refresh_from_db()
    vacancy.role.refresh_from_db()
    assert vacancy.state == VacancyState.APPOINTED and vacancy.appointment_reason == "Scored highest at interview"
    assert vacancy.role.holder == chosen.applicant
    states = dict(VacancyApplication.objects.values_list("pk", "state"))
    assert states == {chosen.pk: S.APPOINTED, shortlisted.pk: S.UNSUCCESSFUL, not_shortlisted.pk: S.UNSUCCESSFUL,
                      withdrawn.pk: S.WITHDRAWN}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([shortlisted.applicant.email, not_shortlisted.applicant.email])
    message = mailoutbox[0]
    assert "not successful" in message.body and vacancy.role.title in message.subject
    assert message.alternatives and "not successful" in message.alternatives[0][0]
    # Who and when, for every change of state.
    history = chosen.history.order_by("history_date")
    assert [h.history_change_reason for h in history] == ["applied", "shortlisted", "interviewed", "appointed"]
    assert all(h.history_user == secretariat for h in history[1:])
    # Nothing more changes, and no second email goes.
    with pytest.raises(ValidationError, match="has been filled"):
        recruitment.move_application(secretariat, shortlisted, S.SHORTLISTED, "Again")
    with pytest.raises(ValidationError, match="has been filled"):
        recruitment.apply(leader(), vacancy, "Late")
    assert Notification.objects.filter(template="vacancy_unsuccessful").count() == 2


# --- Pages ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_leader_sees_open_vacancies_applies_and_sees_their_application(client, vacancy):
    applicant = leader()
    client.force_login(applicant)
    page = client.get(reverse("governance:vacancies"))
    assert page.status_code == 200 and vacancy.role.title in page.content.decode()
    detail = client.get(reverse("governance:vacancy", args=[vacancy.pk])).content.decode()
    for text in ("Registered clinician", "Quality improvement training", "0.40 WTE", "£40,000", "Sessional"):
        assert text in detail
    response = client.post(reverse("governance:vacancy_apply", args=[vacancy.pk]), {"statement": "I lead."})
    application = VacancyApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("governance:my_application",
                                                                           args=[application.pk])
    mine = client.get(response["Location"]).content.decode()
    assert "Applied" in mine and "I lead." in mine
    again = client.get(reverse("governance:vacancy_apply", args=[vacancy.pk]))
    assert again.status_code == 302
    confirm = client.get(reverse("governance:application_withdraw", args=[application.pk])).content.decode()
    assert f"Withdraw your application for {vacancy.role.title}?" in confirm and "Withdraw my application" in confirm
    client.post(reverse("governance:application_withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    # Withdrawing twice (say, from another tab) says why on the confirm page and changes nothing.
    again = client.post(reverse("governance:application_withdraw", args=[application.pk]))
    assert again.status_code == 400 and "<title>Error: " in again.content.decode()


@pytest.mark.django_db
def test_an_empty_statement_shows_an_error_page(client, vacancy):
    client.force_login(leader())
    response = client.post(reverse("governance:vacancy_apply", args=[vacancy.pk]), {"statement": ""})
    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Error: " in content and "Enter your supporting statement" in content
    assert not VacancyApplication.objects.exists()


@pytest.mark.django_db
def test_applicants_see_only_their_own_applications(client, vacancy):
    application = recruitment.apply(leader(), vacancy, "Private statement")
    client.force_login(leader())
    assert client.get(reverse("governance:my_application", args=[application.pk])).status_code == 404
    assert client.post(reverse("governance:application_withdraw", args=[application.pk])).status_code == 404
    assert "Private statement" not in client.get(reverse("governance:vacancies")).content.decode()
    application.refresh_from_db()
    assert application.state == S.APPLIED


@pytest.mark.django_db
def test_a_closed_vacancy_is_not_found_by_leaders_who_did_not_apply(client, rate):
    vacancy = publish(leadership_role(rate), closes_on=timezone.localdate())
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    client.force_login(leader())
    assert client.get(reverse("governance:vacancy", args=[vacancy.pk])).status_code == 404
    assert vacancy.role.title not in client.get(reverse("governance:vacancies")).content.decode()


@pytest.mark.django_db
def test_the_secretariat_publishes_scores_shortlists_and_appoints_through_the_pages(client_as, rate):
    client, secretariat = client_as("governance")
    role = leadership_role(rate)
    response = client.post(reverse("governance:vacancy_publish"), {
        "role": role.pk, "about": "About", "essential": "Registered clinician", "desirable": "",
        "how_to_apply": "Apply here", "closes_on": timezone.localdate().isoformat(),
    })
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("governance:recruitment_vacancy",
                                                                           args=[vacancy.pk])
    application = recruitment.apply(leader(), vacancy, "Statement")
    url = reverse("governance:recruitment_application", args=[application.pk])
    criterion = vacancy.criteria.get()
    assert client.get(url).status_code == 200
    bad = client.post(url, {"form": "scores", f"scores-score_{criterion.pk}": "2", f"scores-reason_{criterion.pk}": ""})
    assert bad.status_code == 400 and "<title>Error: " in bad.content.decode()
    client.post(url, {"form": "scores", f"scores-score_{criterion.pk}": "2",
                      f"scores-reason_{criterion.pk}": "Registered nurse"})
    assert CriterionScore.objects.get().score == 2
    refused = client.post(url, {"form": "decision", "decision-decision": S.APPOINTED, "decision-reason": "Best"})
    assert refused.status_code == 400  # not a choice until shortlisted
    client.post(url, {"form": "decision", "decision-decision": S.SHORTLISTED, "decision-reason": "Meets it"})
    client.post(url, {"form": "decision", "decision-decision": S.APPOINTED, "decision-reason": "Best"})
    role.refresh_from_db()
    assert role.holder == application.applicant
    listing = client.get(reverse("governance:recruitment_vacancy", args=[vacancy.pk])).content.decode()
    assert "Appointed" in listing and "Best" in listing


@pytest.mark.django_db
def test_the_executive_reads_recruitment_but_changes_nothing(client_as, vacancy):
    client, _ = client_as("executive")
    application = recruitment.apply(leader(), vacancy, "Statement")
    assert client.get(reverse("governance:recruitment")).status_code == 200
    assert client.get(reverse("governance:recruitment_pipeline")).status_code == 200
    url = reverse("governance:recruitment_application", args=[application.pk])
    response = client.post(url, {"form": "decision", "decision-decision": S.SHORTLISTED, "decision-reason": "x"})
    assert response.status_code == 403
    assert client.post(reverse("governance:vacancy_publish"), {}).status_code == 403
    application.refresh_from_db()
    assert application.state == S.APPLIED


# --- Query budgets --------------------------------------------------------------------------------


def _vacancies(rate, count):
    for number in range(count):
        vacancy = publish(leadership_role(rate, title=f"Role {number}"))
        recruitment.apply(leader(), vacancy, "Statement")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_the_vacancy_list_takes_a_fixed_number_of_queries(client, rate, django_assert_max_num_queries, count):
    _vacancies(rate, count)
    applicant = VacancyApplication.objects.first().applicant
    client.force_login(applicant)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:vacancies"))
    assert response.content.decode().count('class="nhsuk-card__heading') == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 30])
def test_the_applicant_list_takes_a_fixed_number_of_queries(client_as, vacancy, django_assert_max_num_queries,
                                                            count):
    secretariat = client_as("governance")
    client = secretariat[0]
    for _ in range(count):
        application = recruitment.apply(leader(), vacancy, "Statement")
        recruitment.score_application(workflow.SYSTEM, application, {vacancy.criteria.first().pk: (1, "Some")})
    with django_assert_max_num_queries(12):  # 10, the header's unread count, and the access log's one insert
        response = client.get(reverse("governance:recruitment_vacancy", args=[vacancy.pk]))
    assert response.status_code == 200 and response.content.decode().count("recruitment/applications/") == count
    with django_assert_max_num_queries(10):
        assert client.get(reverse("governance:recruitment")).status_code == 200



@pytest.mark.django_db
def test_the_secretariat_list_of_vacancies_is_paged(client_as, rate, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr("governance.recruitment.selectors.VACANCY_PAGE_SIZE", 3)
    _vacancies(rate, 5)
    client = client_as("governance")[0]
    with django_assert_max_num_queries(10) as first_page:
        first = client.get(reverse("governance:recruitment")).content.decode()
    with django_assert_max_num_queries(len(first_page.captured_queries)):
        second = client.get(reverse("governance:recruitment"), {"page": 2}).content.decode()
    shown = [f"Role {n}<" for n in range(5)]
    assert sum(title in first for title in shown) == 3 and sum(title in second for title in shown) == 2
    assert not any(title in first and title in second for title in shown)
    assert 'aria-label="Page 2"' in first

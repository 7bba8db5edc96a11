"""The recruitment pipeline's diversity: counts at each stage by group through the suppression helper,
and the relative likelihood of appointment from shortlisting against hand-computed figures."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import Profession
from academy.reports.suppression import NOT_SHOWN, suppress
from governance.models import (
    ApplicationState,
    Vacancy,
    VacancyApplication,
    VacancyState,
)
from governance.recruitment import selectors
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.governance import leadership_role

S = ApplicationState


@pytest.fixture
def role(db):
    return leadership_role()


def vacancy_for(role, appointed=False) -> Vacancy:
    return Vacancy.objects.create(
        role=role, about="About", how_to_apply="How", closes_on=date(2026, 6, 1),
        state=VacancyState.APPOINTED if appointed else VacancyState.OPEN,
        appointment_reason="Scored highest" if appointed else "",
    )


def applicant(ethnicity=None, sex="female", profession="Nursing"):
    """A leader with a profile, and equality answers only if ``ethnicity`` is given (consented)."""
    profile = LeaderProfileFactory(profession=Profession.objects.get(name=profession))
    if ethnicity:
        EqualityMonitoringFactory(user=profile.user, ethnicity=ethnicity, sex=sex)
    return profile


def add(vacancy, profile, state=S.APPLIED, shortlisted=False) -> VacancyApplication:
    return VacancyApplication.objects.create(
        vacancy=vacancy, applicant=profile.user, statement="S", profession=profile.profession,
        organisation=profile.organisation, state=state,
        shortlisted_at=timezone.now() if shortlisted or state in {S.SHORTLISTED, S.APPOINTED} else None,
    )


def table(tables, key):
    return next(t for t in tables if t.key == key)


def row(table_, group):
    return next(r for r in table_.rows if r.group == group)


@pytest.mark.django_db
def test_a_group_of_3_shows_fewer_than_5_and_cannot_be_worked_out_from_the_totals(role):
    vacancy = vacancy_for(role)
    for _ in range(3):
        add(vacancy, applicant("black_african"))
    for _ in range(10):
        add(vacancy, applicant("white_british"))
    add(vacancy, applicant("asian_indian"), state=S.WITHDRAWN)  # withdrawn: not counted

    tables = selectors.pipeline()
    ethnicity = table(tables, "ethnicity")
    # Black (3) is hidden, White (10) with it, else 13 - 10 gives the 3 away; and with no non-zero group
    # shown, the zeros are masked too, else they would say every applicant is White or Black.
    assert {r.applied for r in ethnicity.rows} == {NOT_SHOWN}
    # Every table counts the same people, and the total is published anyway (the recruitment page).
    totals = {t.key: t.totals[0] for t in tables}
    assert set(totals.values()) == {"13"}

    # The CSV carries exactly what the page shows.
    rows = selectors.pipeline_csv_rows("Frailty lead, ICS", tables)
    assert ["Frailty lead, ICS", "Ethnic group", "Black or Black British", NOT_SHOWN, "0", "0",
            "no one shortlisted", "cannot be worked out"] in rows
    assert not any(r[2] in {"Black or Black British", "White"} and "3" in r[3:6] for r in rows)


@pytest.mark.django_db
def test_people_without_consented_answers_count_as_not_answered(role):
    vacancy = vacancy_for(role)
    for _ in range(6):
        add(vacancy, applicant())  # no equality answers given
    ethnicity = table(selectors.pipeline(), "ethnicity")
    assert row(ethnicity, "Not answered").applied == "6"
    assert all(r.applied == "0" for r in ethnicity.rows if r.group != "Not answered")


@pytest.mark.django_db
def test_relative_likelihood_of_appointment_from_shortlisting_against_hand_computed_figures(role):
    # White: 10 shortlisted, 5 appointed -> likelihood 0.50.
    # Black: 20 shortlisted, 5 appointed -> likelihood 0.25. Relative: 0.50 / 0.25 = 2.00.
    # Asian: 6 applied, 0 shortlisted.
    # Profession: Medicine (reference) 10 shortlisted, 5 appointed -> 0.50; Nursing 20 and 5 -> 0.25.
    for _ in range(5):
        add(vacancy_for(role, appointed=True), applicant("white_irish", profession="Medicine"), state=S.APPOINTED)
        add(vacancy_for(role, appointed=True), applicant("black_caribbean", sex="male"), state=S.APPOINTED)
    open_vacancy = vacancy_for(role)
    for _ in range(5):
        add(open_vacancy, applicant("white_other", profession="Medicine"), state=S.UNSUCCESSFUL, shortlisted=True)
    for _ in range(15):
        add(open_vacancy, applicant("black_african", sex="male"), state=S.SHORTLISTED)
    for _ in range(6):
        add(open_vacancy, applicant("asian_chinese", sex="male"))

    tables = selectors.pipeline()
    ethnicity = table(tables, "ethnicity")
    white, black, asian = row(ethnicity, "White"), row(ethnicity, "Black or Black British"), \
        row(ethnicity, "Asian or Asian British")
    assert (white.applied, white.shortlisted, white.appointed, white.likelihood) == ("10", "10", "5", "0.50")
    assert white.relative == "reference group"
    assert (black.applied, black.shortlisted, black.appointed, black.likelihood) == ("20", "20", "5", "0.25")
    assert black.relative == "2.00"
    assert (asian.applied, asian.shortlisted, asian.likelihood, asian.relative) == (
        "6", "0", "no one shortlisted", "cannot be worked out"
    )
    assert ethnicity.totals == ("36", "30", "10")
    profession = table(tables, "profession")
    assert row(profession, "Medicine").likelihood == "0.50"
    assert row(profession, "Nursing and midwifery").relative == "2.00"
    sex = table(tables, "sex")  # Female: 10 shortlisted, 5 appointed; Male (reference): 20 and 5.
    assert row(sex, "Female").relative == "0.50"


def test_relative_likelihood_is_not_shown_when_any_count_behind_it_is_suppressed():
    shortlisted = suppress({"White": 12, "Black": 3, "Asian": 9})
    appointed = suppress({"White": 6, "Black": 1, "Asian": 0})
    assert selectors.relative_likelihood(shortlisted, appointed, "White", "Black") == NOT_SHOWN
    # Asian's 9 shortlisted is hidden too (secondary suppression), so its ratio is hidden.
    assert selectors.relative_likelihood(shortlisted, appointed, "White", "Asian") == NOT_SHOWN
    shortlisted = suppress({"White": 10, "Black": 20})
    appointed = suppress({"White": 5, "Black": 0})
    assert selectors.relative_likelihood(shortlisted, appointed, "White", "Black") == "cannot be worked out"


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["governance", "executive", "evaluator"])
def test_the_pipeline_page_and_csv_for_its_readers(client_as, role, role_name):
    client, _ = client_as(role_name)
    vacancy = vacancy_for(role)
    for _ in range(3):
        add(vacancy, applicant("black_african"))
    page = client.get(reverse("governance:recruitment_pipeline"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "not shown" in content and "By ethnic group" in content
    response = client.get(reverse("governance:recruitment_pipeline_csv"))
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == selectors.PIPELINE_CSV_HEADER
    # The only group with anyone in it is hidden, so its zeros are masked too.
    assert ["All vacancies", "Ethnic group", "Black or Black British", "not shown", "0", "0",
            "no one shortlisted", "cannot be worked out"] in lines
    assert ["All vacancies", "Ethnic group", "White", "not shown", "0", "0", "no one shortlisted",
            "reference group"] in lines
    one = client.get(reverse("governance:recruitment_pipeline") + f"?vacancy={vacancy.pk}").content.decode()
    assert "By profession group" in one and "By ethnic group" not in one
    one_csv = client.get(reverse("governance:recruitment_pipeline_csv") + f"?vacancy={vacancy.pk}")
    assert {row[1] for row in csv.reader(io.StringIO(one_csv.content.decode("utf-8-sig")))} == {
        "Grouped by", "Profession group"}
    assert client.get(reverse("governance:recruitment_pipeline") + "?vacancy=nope").status_code == 404


@pytest.mark.django_db
def test_one_vacancy_shows_profession_groups_only_so_equality_cells_cannot_be_differenced(role):
    # All vacancies: Black 8 (shown). Vacancy B alone would show 5, so vacancy A's hidden 3 would be 8 - 5.
    vacancy_a, vacancy_b = vacancy_for(role), vacancy_for(role, appointed=True)
    for _ in range(3):
        add(vacancy_a, applicant("black_african"))
    for _ in range(5):
        add(vacancy_b, applicant("black_caribbean"))
    assert row(table(selectors.pipeline(), "ethnicity"), "Black or Black British").applied == "8"
    for vacancy in (vacancy_a, vacancy_b):
        assert [t.key for t in selectors.pipeline(vacancy)] == ["profession"]

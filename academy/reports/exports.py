"""The one way to export a table: CSV or XLSX, with a safe file name. Every cell, header and sheet name that a
spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is prefixed with a quote;
characters a workbook cannot hold are dropped, and a sheet name keeps only what Excel allows."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from academy.reports.registry import CSV, XLSX

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _safe(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters: openpyxl refuses them
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet: none of [ ] : * ? / \\, at most 31 characters, not starting or
    ending with an apostrophe, and not read as a formula."""
    name = SHEET_NAME_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", title or ""))
    name = " ".join(name.split()).lstrip("=+-@'").strip()[:31].strip().rstrip("'").strip()
    return name or "Export"


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe(value) for value in headers])
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Export") -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = sheet_name(sheet_title)
    sheet.append([_safe(value) for value in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(value) for value in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(fmt: str, filename_stem: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """An attachment response; ``fmt`` is "csv" or "xlsx" (anything else is treated as CSV)."""
    stem = slugify(filename_stem) or "export"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(headers, rows, sheet_title=filename_stem), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(headers, rows), content_type=f"{CSV}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response

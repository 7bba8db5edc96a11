"""The one way to export a table: CSV or XLSX, with a safe file name. CSV cells that a spreadsheet
would run as a formula (starting with = + - @) are prefixed with a quote."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.text import slugify

from academy.reports.registry import CSV, XLSX

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = sheet_title[:31] or "Export"
    sheet.append(list(headers))
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

"""Writes for the inclusion measures: uploading workforce benchmarks from a CSV file.

The file is checked whole before anything is saved: every row's dimension, date, group and figure, one
benchmark per dimension and date (in the file and against those already stored), and shares that add up
to 100. Any error refuses the whole file with a message per row."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from evaluation.inclusion.groups import BY_KEY, GROUPINGS
from evaluation.inclusion.models import Benchmark, BenchmarkRow

MAX_BYTES = 1_000_000
MAX_ROWS = 1_000
MAX_ERRORS = 20
HEADERS = ("dimension", "date", "group", "share", "people")
SHARE_PLACES = Decimal("0.01")
SHARE_TOLERANCE = Decimal("0.5")  # shares rounded to whole or one-decimal percentages may not add to 100 exactly
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
_DIMENSION_NAMES = {
    **{grouping.key: grouping.key for grouping in GROUPINGS},
    **{grouping.title.lower(): grouping.key for grouping in GROUPINGS},
}


@dataclass
class _Draft:
    dimension: str
    as_of: date
    first_row: int
    rows: list = field(default_factory=list)  # (line, group, share | None, people | None)


def template_rows() -> list[list[str]]:
    """The template's rows: every dimension's groups, with the date and figures left for the evaluator."""
    return [[grouping.key, "", group, "", ""] for grouping in GROUPINGS for group in grouping.answered]


def upload_benchmarks(actor, upload, source: str) -> list[Benchmark]:
    """Read a benchmark CSV (``upload``: a file-like object of bytes) and store one Benchmark per dimension
    and date in it. Raises ValidationError with a message per faulty row; nothing is saved then."""
    from evaluation.inclusion.rules import can_manage_benchmarks  # noqa: PLC0415 - rules import models

    if not can_manage_benchmarks(actor):
        raise PermissionDenied("Only evaluators can upload benchmarks.")
    source = " ".join((source or "").split())
    if not source:
        raise ValidationError({"source": "Enter where the figures come from."})
    drafts = _parse(upload)
    with transaction.atomic():
        taken = {
            (benchmark.dimension, benchmark.as_of)
            for benchmark in Benchmark.objects.select_for_update().filter(
                dimension__in={draft.dimension for draft in drafts}
            )
        }
        clashes = [
            f"Row {draft.first_row}: there is already a {BY_KEY[draft.dimension].title.lower()} benchmark for "
            f"{_day(draft.as_of)}. Give these figures another date."
            for draft in drafts if (draft.dimension, draft.as_of) in taken
        ]
        if clashes:
            raise ValidationError(clashes)
        created = []
        try:
            for draft in drafts:
                benchmark = Benchmark.objects.create(
                    dimension=draft.dimension, as_of=draft.as_of, source=source[:200], uploaded_by=actor
                )
                BenchmarkRow.objects.bulk_create(_rows(benchmark, draft))
                created.append(benchmark)
        except IntegrityError as error:  # uploaded at the same moment by someone else
            raise ValidationError("These benchmarks were uploaded by someone else just now.") from error
    return created


def _rows(benchmark: Benchmark, draft: _Draft) -> list[BenchmarkRow]:
    order = {group: position for position, group in enumerate(BY_KEY[draft.dimension].answered)}
    total_people = sum(people for _, _, _, people in draft.rows if people is not None)
    rows = []
    for _, group, share, people in draft.rows:
        if share is None:
            share = (Decimal(people) * 100 / Decimal(total_people)).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)
        rows.append(BenchmarkRow(benchmark=benchmark, category=group, share=share, people=people,
                                 position=order[group]))
    return rows


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _parse(upload) -> list[_Draft]:
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError("The file is too big: a benchmark file is at most 1 MB.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("The file is not a CSV file saved as UTF-8 text.") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        lines = list(reader)
    except csv.Error as error:
        raise ValidationError("The file could not be read as CSV.") from error
    if header is None or [cell.strip().lower() for cell in header[: len(HEADERS)]] != list(HEADERS):
        raise ValidationError(
            "The first row must be the headings: " + ", ".join(HEADERS) + ". Download the template to start from."
        )
    if len(lines) > MAX_ROWS:
        raise ValidationError(f"The file has more than {MAX_ROWS} rows.")

    errors: list[str] = []
    drafts: dict[tuple[str, date], _Draft] = {}
    for number, cells in enumerate(lines, start=2):
        cells = [cell.strip() for cell in cells] + [""] * len(HEADERS)
        if not any(cells):
            continue
        row_errors = []
        dimension = _DIMENSION_NAMES.get(cells[0].lower())
        if dimension is None:
            row_errors.append("the dimension must be one of " + ", ".join(g.key for g in GROUPINGS))
        as_of = _date(cells[1])
        if as_of is None:
            row_errors.append("the date must be a real date written like 2026-03-31 or 31/03/2026")
        group = cells[2]
        if dimension and group not in BY_KEY[dimension].answered:
            row_errors.append(
                f"the group “{group[:60]}” is not one of the {BY_KEY[dimension].title.lower()} benchmark's "
                "groups (" + "; ".join(BY_KEY[dimension].answered) + ")"
            )
        share, people, figure_error = _figure(cells[3], cells[4])
        if figure_error:
            row_errors.append(figure_error)
        if not row_errors:
            draft = drafts.setdefault((dimension, as_of), _Draft(dimension, as_of, number))
            if any(existing == group for _, existing, _, _ in draft.rows):
                row_errors.append(f"{group} is given twice for this dimension and date")
            elif draft.rows and (draft.rows[0][2] is None) != (share is None):
                row_errors.append("give every group of one benchmark as a share, or every group as a count")
            else:
                draft.rows.append((number, group, share, people))
        if row_errors:
            errors.append(f"Row {number}: " + "; ".join(row_errors) + ".")
    for draft in drafts.values():
        if draft.rows[0][2] is not None:
            total = sum(share for _, _, share, _ in draft.rows)
            if abs(total - 100) > SHARE_TOLERANCE:
                errors.append(
                    f"Row {draft.first_row}: the {BY_KEY[draft.dimension].title.lower()} shares for "
                    f"{_day(draft.as_of)} add up to {total}, not 100."
                )
        elif not sum(people for _, _, _, people in draft.rows):
            errors.append(
                f"Row {draft.first_row}: the {BY_KEY[draft.dimension].title.lower()} counts for "
                f"{_day(draft.as_of)} are all 0."
            )
    if not drafts and not errors:
        errors.append("The file has no benchmark rows under its headings.")
    if errors:
        errors.sort(key=lambda message: int(re.match(r"Row (\d+)", message)[1]) if message.startswith("Row ") else 0)
        more = len(errors) - MAX_ERRORS
        raise ValidationError(errors[:MAX_ERRORS] + ([f"And {more} more rows with errors."] if more > 0 else []))
    return list(drafts.values())


def _date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _figure(share_text: str, people_text: str) -> tuple[Decimal | None, int | None, str]:
    if share_text and people_text:
        return None, None, "give a share or a count of people, not both"
    if people_text:
        if not re.fullmatch(r"\d{1,9}", people_text.replace(",", "")):
            return None, None, "the count of people must be a whole number, 0 or more"
        return None, int(people_text.replace(",", "")), ""
    if not share_text:
        return None, None, "give a share (0 to 100) or a count of people"
    text = share_text.removesuffix("%").strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text):
        return None, None, "the share must be a number from 0 to 100, with at most two decimal places"
    try:
        share = Decimal(text)
    except InvalidOperation:
        return None, None, "the share must be a number from 0 to 100"
    if share > 100:
        return None, None, "the share must be a number from 0 to 100"
    return share, None, ""

"""Quarters of the NHS financial year (1 April to 31 March), in which the ICS Executive reads its figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

QUARTERS_BACK = 8  # the past quarters a person can choose on the dashboard


@dataclass(frozen=True)
class Quarter:
    """A quarter of the NHS financial year, which runs from 1 April to 31 March: Q1 is April to June, Q4 is
    January to March of the next calendar year. ``year`` is the calendar year the financial year starts in
    (2026 for 2026/27)."""

    year: int
    number: int  # 1 to 4: Q1 April to June ... Q4 January to March

    @property
    def financial_year(self) -> str:
        """'2026/27'."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    @property
    def key(self) -> str:
        """'2026-27-q3', for addresses and report parameters."""
        return f"{self.year}-{(self.year + 1) % 100:02d}-q{self.number}"

    @property
    def short_label(self) -> str:
        """'2026/27 Q3': a column heading or a chart's axis."""
        return f"{self.financial_year} Q{self.number}"

    @property
    def months(self) -> str:
        """'October to December 2026'."""
        end = self.end
        return f"{self.start:%B} to {end:%B} {end.year}"

    @property
    def label(self) -> str:
        """'2026/27 Q3 (October to December 2026)'."""
        return f"{self.short_label} ({self.months})"

    @property
    def start(self) -> date:
        month = 3 * self.number + 1  # April, July, October, then January of the next year
        return date(self.year, month, 1) if month <= 12 else date(self.year + 1, 1, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @classmethod
    def from_calendar(cls, year: int, number: int) -> Quarter:
        """The financial quarter of calendar quarter ``number`` (1 = January to March) of ``year``."""
        return quarter_of(date(year, number * 3 - 2, 1))

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)


def quarter_of(day: date) -> Quarter:
    """The financial quarter ``day`` falls in: 31 March 2027 is 2026/27 Q4, 1 April 2027 is 2027/28 Q1."""
    if day.month >= 4:
        return Quarter(day.year, (day.month - 4) // 3 + 1)
    return Quarter(day.year - 1, 4)


def quarter_from_key(key: str) -> Quarter | None:
    """The quarter named like ``2026-27-q2``, or None (today) for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-q([1-4])", key or "")
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    return Quarter(int(match[1]), int(match[3]))


def past_quarters(today: date, count: int = QUARTERS_BACK) -> list[Quarter]:
    """The last ``count`` quarters that have ended, newest first."""
    quarters, quarter = [], quarter_of(today).previous()
    for _ in range(count):
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters

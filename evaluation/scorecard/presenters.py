"""The words, numbers and tag colours the scorecard shows."""

from __future__ import annotations

from decimal import Decimal

from evaluation.scorecard.indicators import AMBER, COUNT, DENSITY, GREEN, PERCENT, RED

RAG_LABELS = {GREEN: "On target", AMBER: "Close to target", RED: "Behind target"}
RAG_TAGS = {GREEN: "nhsuk-tag--green", AMBER: "nhsuk-tag--yellow", RED: "nhsuk-tag--red"}
TREND_LABELS = {"up": "Rising", "down": "Falling", "same": "No change"}


def figure(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "Not recorded"
    if unit == PERCENT:
        return f"{value:.0f}%"
    if unit == DENSITY:
        return f"{value:.4f}"
    if unit == COUNT:
        return f"{value:,.0f}"
    return str(value)


def rag_label(rag: str) -> str:
    return RAG_LABELS.get(rag, "No value yet")


def rag_tag(rag: str) -> str:
    return RAG_TAGS.get(rag, "nhsuk-tag--grey")


def money(amount: Decimal) -> str:
    return f"£{amount:,.0f}"


def cost_per_leader(spend: Decimal, developed: int) -> str:
    if not developed:
        return "No leaders developed yet"
    return money(spend / developed)


def scorecard_rows(rows) -> list[dict]:
    """The scorecard's rows in words, each theme named on its first row only."""
    shown, theme = [], None
    for row in rows:
        unit = row.indicator.unit
        shown.append({
            "theme": row.indicator.theme if row.indicator.theme != theme else "",
            "name": row.indicator.name,
            "target": figure(row.indicator.target, unit),
            "cells": [(figure(c.value, unit), c.source) for c in row.cells],
            "trend": TREND_LABELS.get(row.trend, "Not enough values"),
            "rag": row.rag, "rag_label": rag_label(row.rag), "rag_tag": rag_tag(row.rag),
            "computed": row.indicator.source,
        })
        theme = row.indicator.theme
    return shown

"""Reads about a bid's versions: which were kept, the decision on each, and what changed between two."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from django.http import Http404

from programmes.challenge_fund.models import Bid, BidState, BidVersion

# --- versions and what changed ---------------------------------------------------------------------

TEXT_LABELS = {
    "title": "Project title",
    "summary": "Summary",
    "problem": "The problem",
    "proposed_change": "The proposed change",
    "ppi": "Patient and public involvement",
    "outcomes": "Expected outcomes",
    "measures": "How the outcomes will be measured",
}


def bid_versions(bid: Bid) -> list:
    """The bid's kept versions, oldest first, with who submitted each."""
    return list(bid.versions.select_related("submitted_by").order_by("number"))


def version_pair(bid: Bid, number: int) -> tuple:
    """Version ``number`` of the bid and the one before it, in one query. 404 if there is no such pair."""
    versions = {
        v.number: v
        for v in BidVersion.objects.filter(bid=bid, number__in=[number - 1, number]).select_related("submitted_by")
    }
    if number < 2 or len(versions) != 2:
        raise Http404("No such version")
    return versions[number - 1], versions[number]


def decision_on_version(bid: Bid, number: int):
    """The decision the panel made on one version, from the bid's history (one query): a row with
    ``outcome``, ``feedback``, ``resubmit_by`` and ``determined_at``, or None."""
    return (
        bid.history.filter(version=number, state=BidState.DETERMINED)
        .exclude(outcome="")
        .order_by("-history_date", "-history_id")
        .first()
    )


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change from ``old`` to ``new`` as (kind, text) pieces, kind "same", "removed" or "added",
    comparing words so that a changed word reads as one word removed and one added."""
    def words(text):
        return re.findall(r"\s+|\w+|[^\w\s]", text or "")

    before, after = words(old), words(new)
    pieces: list[tuple[str, str]] = []
    removed = added = spaces = ""

    def flush():
        nonlocal removed, added
        if removed:
            pieces.append(("removed", removed))
        if added:
            pieces.append(("added", added))
        removed = added = ""

    def same(text):
        if pieces and pieces[-1][0] == "same":
            pieces[-1] = ("same", pieces[-1][1] + text)
        else:
            pieces.append(("same", text))

    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        text = "".join(before[a1:a2])
        if op == "equal":
            if (removed or added) and text.isspace():
                spaces += text  # between two changes: read the changed words as one phrase
                continue
            flush()
            same(spaces + text)
            spaces = ""
            continue
        removed += spaces + (text if op in ("replace", "delete") else "")
        added += spaces + ("".join(after[b1:b2]) if op in ("replace", "insert") else "")
        spaces = ""
        if not removed.strip() and not added.strip():  # only the spacing changed: show the new spacing
            spaces, removed, added = added, "", ""
    flush()
    if spaces:
        same(spaces)
    return pieces


def _list_change(label: str, old: list[str], new: list[str]) -> dict:
    return {
        "kind": "list", "label": label, "changed": old != new,
        "added": [x for x in new if x not in old], "removed": [x for x in old if x not in new],
        "kept": [x for x in new if x in old],
    }


def _text_change(label: str, old: str, new: str) -> dict:
    changed = (old or "") != (new or "")
    return {"kind": "text", "label": label, "changed": changed, "new": new,
            "pieces": word_diff(old, new) if changed else []}


def _money(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _budget_change(old: dict, new: dict) -> dict:
    """Budget lines matched by what the money is for: added, removed, changed amount, unchanged."""
    def lines(content):
        result: dict[str, Decimal] = {}
        for line in content["budget_lines"]:
            key = line["description"].strip()
            result[key] = result.get(key, Decimal("0")) + Decimal(line["amount"])
        return result

    before, after = lines(old), lines(new)
    rows = []
    for description, amount in after.items():
        if description not in before:
            rows.append({"status": "added", "description": description, "old": None, "new": amount})
        elif before[description] != amount:
            rows.append({"status": "changed", "description": description, "old": before[description], "new": amount})
        else:
            rows.append({"status": "unchanged", "description": description, "old": amount, "new": amount})
    rows += [
        {"status": "removed", "description": description, "old": amount, "new": None}
        for description, amount in before.items() if description not in after
    ]
    old_amount, new_amount = _money(old["amount_requested"]), _money(new["amount_requested"])
    return {
        "kind": "budget", "label": "Budget lines",
        "changed": old_amount != new_amount or any(row["status"] != "unchanged" for row in rows),
        "old_amount": old_amount, "new_amount": new_amount, "amount_changed": old_amount != new_amount,
        "rows": rows, "old_total": sum(before.values(), Decimal("0")), "new_total": sum(after.values(), Decimal("0")),
    }


def version_changes(old: dict, new: dict, *, blind: bool) -> list[dict]:
    """What changed from one version's content to the next, section by section in task-list order, each
    section with its items and whether anything in it changed. With ``blind``, the names of the applicants
    and their organisations are left out: only how many organisations take part is compared."""
    def text(name):
        return _text_change(TEXT_LABELS[name], old.get(name, ""), new.get(name, ""))

    if blind:
        count_old, count_new = 1 + len(old["partners"]), 1 + len(new["partners"])
        people = [{"kind": "count", "label": "Organisations taking part", "changed": count_old != count_new,
                   "old": count_old, "new": count_new}]
    else:
        people = [
            _text_change("Lead organisation", old["lead_organisation"], new["lead_organisation"]),
            _list_change("Partner organisations", old["partners"], new["partners"]),
            _list_change("Co-applicants", old["coapplicants"], new["coapplicants"]),
        ]
    old_answers = {a["question_id"]: a["text"] for a in old["answers"]}
    questions = [
        _text_change(answer["question"], old_answers.get(answer["question_id"], ""), answer["text"])
        for answer in new["answers"]
    ]
    sections = [
        ("About the project", [text("title"), text("summary"), text("problem"), text("proposed_change")]),
        ("Priority functions", [_list_change("Priority functions", old["functions"], new["functions"])]),
        ("Partners and co-applicants", people),
        ("Involvement, outcomes and measures", [text("ppi"), text("outcomes"), text("measures")]),
        ("Budget", [_budget_change(old, new)]),
        ("The round's questions", questions),
        ("Supporting documents", [_list_change("Documents", old["attachments"], new["attachments"])]),
    ]
    return [
        {"title": title, "items": items, "changed": any(item["changed"] for item in items)}
        for title, items in sections if items
    ]

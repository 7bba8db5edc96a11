"""Reads for the Challenge Fund pages, each in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear
from django.http import Http404
from django.utils import timezone

from academy.directory.models import PriorityFunction
from programmes.challenge_fund.models import APPLICANT_EDITABLE, Bid, BidState, Round

LIVE_STATES = [s for s in BidState.values if s not in (BidState.DRAFT, BidState.WITHDRAWN)]


def visible_rounds(now=None):
    """Published rounds that have opened, the open ones first (closing soonest first), then closed ones."""
    now = now or timezone.now()
    rounds = list(Round.objects.filter(published=True, opens_at__lte=now).order_by("closes_at"))
    open_rounds = [r for r in rounds if r.closes_at > now]
    closed = sorted((r for r in rounds if r.closes_at <= now), key=lambda r: r.closes_at, reverse=True)
    return open_rounds, closed


def visible_round(pk: int, user) -> Round:
    """A round leaders may see; its programme admins see it before it is published or opens."""
    from programmes.challenge_fund.services import is_fund_admin

    round_ = Round.objects.filter(pk=pk).first()
    if round_ is None or not (round_.is_visible(timezone.now()) or is_fund_admin(user)):
        raise Http404("No such round")
    return round_


def own_bids(user):
    """The bids a person leads or is a co-applicant on, with their round."""
    return list(
        Bid.objects.filter(Q(lead=user) | Q(coapplicants__user=user))
        .select_related("round", "lead_organisation")
        .distinct()
        .order_by("-created_at")
    )


def bid_for_applicant(pk: int, user) -> Bid:
    """A bid for its lead and co-applicants' pages: not found for anyone else signed in, superusers included,
    so that a bid's number gives nothing away (someone signed out is sent to sign in)."""
    bids = Bid.objects.select_related("round", "lead", "lead_organisation").filter(pk=pk)
    if user.is_authenticated:
        bids = bids.filter(Q(lead=user) | Q(coapplicants__user=user)).distinct()
    bid = bids.first()
    if bid is None:
        raise Http404("No such bid")
    return bid


def is_editable(bid: Bid, now=None) -> bool:
    now = now or timezone.now()
    return bid.state in APPLICANT_EDITABLE and now < bid.deadline


def admin_rounds():
    """Every round with its bid counts and money asked for, in one query."""
    return list(
        Round.objects.annotate(
            drafts=Count("bids", filter=Q(bids__state=BidState.DRAFT)),
            submitted=Count("bids", filter=Q(bids__state__in=LIVE_STATES)),
            requested=Sum("bids__amount_requested", filter=Q(bids__state__in=LIVE_STATES)),
        ).order_by("-closes_at")
    )


def round_figures(round_: Round) -> dict:
    """Counts by state and the money asked for by bids that have been submitted."""
    rows = round_.bids.values("state").annotate(count=Count("pk"), requested=Sum("amount_requested"))
    counts = {BidState(row["state"]): row["count"] for row in rows}
    requested = sum((row["requested"] or Decimal("0") for row in rows if row["state"] in LIVE_STATES), Decimal("0"))
    return {
        "counts": [(state.label, counts.get(state, 0)) for state in BidState if counts.get(state)],
        "drafts": counts.get(BidState.DRAFT, 0),
        "submitted": sum(counts.get(BidState(s), 0) for s in LIVE_STATES),
        "requested": requested,
    }


# --- review ----------------------------------------------------------------------------------------

REVIEWED_STATES = [s for s in BidState.values if s not in (BidState.DRAFT, BidState.WITHDRAWN)]


def percent(weighted_sum, reviews: int, round_: Round, total_weight: int) -> float | None:
    """The mean weighted score as a percentage of the most a bid could score."""
    if not reviews or not total_weight or weighted_sum is None:
        return None
    return round(100 * weighted_sum / (reviews * total_weight * round_.score_max), 1)


def round_bid_rows(round_: Round) -> list[Bid]:
    """The round's submitted bids, each with reviews assigned and done and its weighted score, ranked:
    best score first, unscored last. Three queries whatever the number of bids."""
    from django.db.models import F

    total_weight = round_.criteria.aggregate(total=Sum("weight"))["total"] or 0
    # Only the reviews of each bid's current version: a resubmitted bid is scored afresh.
    current = Q(assignments__version=F("version"))
    done = current & Q(assignments__submitted_at__isnull=False)
    bids = list(
        Bid.objects.filter(round=round_, state__in=REVIEWED_STATES)
        .select_related("lead_organisation")
        .annotate(
            assigned=Count("assignments", filter=current & Q(assignments__conflicted=False), distinct=True),
            reviewed=Count("assignments", filter=done, distinct=True),
            weighted=Sum(F("assignments__scores__score") * F("assignments__scores__criterion__weight"), filter=done),
        )
    )
    for bid in bids:
        bid.percent = percent(bid.weighted, bid.reviewed, round_, total_weight)
    bids.sort(key=lambda b: (b.percent is None, -(b.percent or 0), b.title))
    return bids


def money_at_a_glance(round_: Round) -> dict:
    figures = Bid.objects.filter(round=round_, state__in=REVIEWED_STATES).aggregate(
        requested=Sum("amount_requested"), awarded=Sum("awarded_amount")
    )
    awarded = figures["awarded"] or Decimal("0")
    return {
        "budget": round_.budget,
        "requested": figures["requested"] or Decimal("0"),
        "awarded": awarded,
        "remaining": round_.budget - awarded,
    }


def score_table(bid: Bid, version: int | None = None) -> dict:
    """Scores side by side: one row per criterion, one column per reviewer who has submitted, with the
    spread flagged when reviewers disagree strongly (by half the scale or more). The scores of one version
    of the bid: by default the current one."""
    round_ = bid.round
    criteria = list(round_.criteria.all())
    assignments = list(
        bid.assignments.filter(conflicted=False, submitted_at__isnull=False, version=version or bid.version)
        .select_related("reviewer")
        .prefetch_related("scores")
    )
    rows = []
    for criterion in criteria:
        scores = []
        for assignment in assignments:
            score = next((s for s in assignment.scores.all() if s.criterion_id == criterion.pk), None)
            scores.append(score)
        values = [s.score for s in scores if s is not None]
        spread = (max(values) - min(values)) if values else 0
        rows.append(
            {
                "criterion": criterion,
                "scores": scores,
                "mean": round(sum(values) / len(values), 1) if values else None,
                "spread": spread,
                "disagree": len(values) > 1 and spread * 2 >= round_.score_max,
            }
        )
    total_weight = sum(c.weight for c in criteria)
    weights = {c.pk: c.weight for c in criteria}
    totals = []
    for assignment in assignments:
        weighted = sum(s.score * weights[s.criterion_id] for s in assignment.scores.all())
        totals.append(percent(weighted, 1, round_, total_weight))
    overall = round(sum(totals) / len(totals), 1) if totals else None
    return {"assignments": assignments, "rows": rows, "totals": totals, "overall": overall}


def reviewer_assignments(user) -> list:
    """A reviewer's bids to review: never one they declared a conflict on, only bids under review."""
    from django.db.models import F

    from programmes.challenge_fund.models import ReviewAssignment

    return list(
        ReviewAssignment.objects.filter(
            reviewer=user, conflicted=False, bid__state__in=[BidState.IN_REVIEW, BidState.PANEL],
            version=F("bid__version"),
        )
        .select_related("bid__round")
        .order_by("bid__round__closes_at", "bid__title")
    )


def export_rows(round_: Round) -> tuple[list[str], list[list]]:
    """Bids, mean scores per criterion and awards, one row per submitted bid, in ranking order."""
    from django.db.models import Avg, F, Prefetch

    from academy.directory.models import Organisation, PriorityFunction
    from programmes.challenge_fund.models import Score

    criteria = list(round_.criteria.all())
    bids = round_bid_rows(round_)
    extra = {
        bid.pk: bid
        for bid in Bid.objects.filter(pk__in=[b.pk for b in bids]).select_related("lead").prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch("functions", queryset=PriorityFunction.objects.order_by("number")),
        )
    }
    means = {
        (row["assignment__bid"], row["criterion"]): row["mean"]
        for row in Score.objects.filter(
            assignment__bid__round=round_, assignment__submitted_at__isnull=False,
            assignment__version=F("assignment__bid__version"),
        )
        .values("assignment__bid", "criterion")
        .annotate(mean=Avg("score"))
    }
    headers = [
        "Rank", "Bid", "Lead", "Lead organisation", "Partner organisations", "Priority functions", "Status",
        "Amount requested (£)", "Reviews done", *[f"{c.title} (mean score, weight {c.weight})" for c in criteria],
        "Weighted score (%)", "Decision", "Amount awarded (£)",
    ]
    rows = []
    for rank, bid in enumerate(bids, start=1):
        full = extra[bid.pk]
        rows.append([
            rank if bid.percent is not None else "",
            bid.title,
            full.lead.get_full_name(),
            bid.lead_organisation.name,
            "; ".join(o.name for o in full.partners.all()),
            "; ".join(f.name for f in full.functions.all()),
            BidState(bid.state).label,
            bid.amount_requested,
            bid.reviewed,
            *[round(means[(bid.pk, c.pk)], 2) if (bid.pk, c.pk) in means else "" for c in criteria],
            bid.percent if bid.percent is not None else "",
            bid.get_outcome_display() if bid.outcome else "",
            bid.awarded_amount if bid.awarded_amount is not None else "",
        ])
    return headers, rows


def funded_projects():
    """Funded bids for the public list, newest decisions first."""
    from django.db.models import Prefetch

    from academy.directory.models import Organisation, PriorityFunction
    from programmes.challenge_fund.models import FUNDED_OUTCOMES

    return (
        Bid.objects.filter(outcome__in=FUNDED_OUTCOMES)
        .select_related("round", "lead_organisation")
        .prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch("functions", queryset=PriorityFunction.objects.order_by("number")),
        )
        .order_by("-determined_at", "pk")
    )


# --- funded projects -------------------------------------------------------------------------------


# --- read by upper layers (the ICS Executive's investment dashboard) -------------------------------


def _awarded(until) -> Q:
    """Bids given money by a determination made by ``until``."""
    return Q(awarded_amount__isnull=False, determined_at__isnull=False, determined_at__lte=until)


def awards_by_function(until) -> list[PriorityFunction]:
    """The 10 priority functions, each with ``awarded_bids`` and ``awarded`` (the money) for the bids
    determined by ``until`` that said they serve it; a bid serving several counts under each (one query)."""
    awarded = Q(cf_bids__awarded_amount__isnull=False, cf_bids__determined_at__isnull=False,
                cf_bids__determined_at__lte=until)
    return list(
        PriorityFunction.objects.annotate(
            awarded_bids=Count("cf_bids", filter=awarded),
            awarded=Coalesce(Sum("cf_bids__awarded_amount", filter=awarded), Decimal("0")),
        ).order_by("number")
    )


def awards_total(until) -> dict:
    """``{"bids": n, "total": money}`` for the bids given money by a determination made by ``until``,
    each bid once (one query)."""
    return Bid.objects.filter(_awarded(until)).aggregate(
        bids=Count("id"), total=Coalesce(Sum("awarded_amount"), Decimal("0"))
    )


def awards_by_quarter(since, until, *, known_by) -> dict[tuple[int, int], Decimal]:
    """Money awarded in each calendar quarter between ``since`` and ``until``, as known at ``known_by``:
    ``{(year, quarter number): amount}`` (one query)."""
    return {
        (row["year"], row["quarter"]): row["amount"]
        for row in Bid.objects.filter(_awarded(known_by), determined_at__gte=since, determined_at__lte=until)
        .annotate(year=ExtractYear("determined_at"), quarter=ExtractQuarter("determined_at"))
        .values("year", "quarter").annotate(amount=Sum("awarded_amount")).order_by()
    }


def portfolio():
    """Every funded project with payments released, latest spend to date and next report due, in one
    query (each figure a subquery, so that no join multiplies another)."""
    from django.db.models import DecimalField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from programmes.challenge_fund.models import FUNDED_OUTCOMES, Milestone, ProgressReport, ReportSpend

    money = DecimalField(max_digits=12, decimal_places=2)
    paid = (
        Milestone.objects.filter(bid=OuterRef("pk"), paid_at__isnull=False)
        .values("bid").annotate(total=Sum("payment_amount")).values("total")
    )
    latest_report = ProgressReport.objects.filter(bid=OuterRef("report__bid")).order_by("-submitted_at", "-pk")
    spent = (
        ReportSpend.objects.filter(report__bid=OuterRef("pk"))
        .filter(report=Subquery(latest_report.values("pk")[:1]))
        .values("report").annotate(total=Sum("spent_to_date")).values("total")
    )
    next_due = (
        Milestone.objects.filter(bid=OuterRef("pk"), reports__isnull=True).order_by("due_date").values("due_date")[:1]
    )
    return list(
        Bid.objects.filter(outcome__in=FUNDED_OUTCOMES)
        .select_related("round", "lead_organisation")
        .annotate(
            paid=Coalesce(Subquery(paid, output_field=money), Decimal("0"), output_field=money),
            spent=Subquery(spent, output_field=money),
            next_due=Subquery(next_due),
        )
        .order_by("state", "next_due", "title")
    )


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
    from programmes.challenge_fund.models import BidVersion

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
    import difflib
    import re

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

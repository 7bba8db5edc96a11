"""How the API shows each thing: plain data, with codes and their names, and no private fields."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse


def named(code: str, name) -> dict:
    return {"code": str(code), "name": str(name)}


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or "Name not given"


def programme(item) -> dict:
    return {
        "slug": item.slug,
        "name": item.name,
        "core_area": named(item.core_area, item.get_core_area_display()),
        "summary": item.summary,
        "delivery_summary": item.delivery_summary,
        "time_commitment": item.time_commitment,
        "target_groups": [group.name for group in item.target_groups.all()],
        "url": reverse("programmes:programme", args=[item.slug]),
    }


def cohort(item) -> dict:
    return {
        "id": item.pk,
        "programme": item.programme.slug,
        "programme_name": item.programme.name,
        "title": item.title,
        "offer_type": item.offer_type,
        "delivery_format": named(item.delivery_format, item.get_delivery_format_display()),
        "summary": item.summary,
        "time_commitment": item.time_commitment,
        "target_groups": [group.name for group in item.target_groups.all()],
        "priority_functions": [function.number for function in item.priority_functions.all()],
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "selection_method": named(item.selection_method, item.get_selection_method_display()),
        "applications_open": item.applications_open,
        "applications_close": item.applications_close,
        "cpd_hours": item.cpd_hours,
        "url": reverse("programmes:cohort", args=[item.pk]),
    }


def project(item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "summary": item.summary,
        "lead_organisation": str(item.lead_organisation) if item.lead_organisation_id else "",
        "partners": [partner.name for partner in item.partners.all()],
        "priority_functions": [function.number for function in item.functions.all()],
        "awarded_amount": item.awarded_amount,
        "status": str(item.applicant_state),
        "round_id": item.round_id,
        "round": item.round.title,
        "determined_on": item.determined_at.date() if item.determined_at else None,
    }


def reference(data: dict) -> dict:
    return {
        "priority_functions": [
            {"number": f.number, "name": f.name, "definition": f.definition} for f in data["priority_functions"]
        ],
        "spatial_levels": data["spatial_levels"],
        "boroughs": [{"slug": b.slug, "name": b.name, "lcp_name": b.lcp_name} for b in data["boroughs"]],
        "provider_collaboratives": [{"slug": c.slug, "name": c.name} for c in data["provider_collaboratives"]],
        "professions": [{"slug": p.slug, "name": p.name} for p in data["professions"]],
        "leader_groups": [
            {"slug": g.slug, "name": g.name, "key_features": g.key_features, "development_need": g.development_need}
            for g in data["leader_groups"]
        ],
        "organisation_types": data["organisation_types"],
    }


def _name(value) -> str | None:
    return None if value is None else str(value)


def role(item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "priority_function": item.function.number,
        "priority_function_name": item.function.name,
        "spatial_level": named(item.spatial_level, item.get_spatial_level_display()),
        "provider_collaborative": _name(item.collaborative),
        "borough": _name(item.borough),
        "organisation": _name(item.organisation),
        "clinical_network": _name(item.clinical_network),
        "role_type": str(item.role_type),
        "pay_basis": named(item.pay_basis, item.get_pay_basis_display()),
        "wte": item.wte,
        "annual_cost": item.annual_cost,
        "funding_source": named(item.funding_source, item.get_funding_source_display()),
        "start_date": item.start_date,
        "end_date": item.end_date,
        "holder": _person(item.holder),
    }


def seat(item) -> dict:
    return {
        "id": item.pk,
        "capability": item.capability.number,
        "capability_name": item.capability.name,
        "title": item.title,
        "is_co_chair": item.is_co_chair,
        "invited_ad_hoc": item.invited_ad_hoc,
        "holder": _person(item.holder),
        "term_starts": item.term_starts,
        "term_ends": item.term_ends,
    }


def quarter(item) -> dict:
    return {"key": item.key, "label": item.label, "start": item.start, "end": item.end}


def totals(item) -> dict:
    return {
        "roles": item.roles,
        "filled": item.filled,
        "vacant": item.vacant,
        "wte": item.wte,
        "days_per_week": item.days_per_week,
        "annual_cost": item.cost,
        "care_pathway_share": item.care_pathway_share,
        "network_share": item.network_share,
    }


def _row(row) -> dict:
    return {
        "label": row.label,
        "roles": row.roles,
        "filled": row.filled,
        "vacant": row.vacant,
        "wte": None if row.hidden else row.wte,
        "annual_cost": None if row.hidden else row.cost,
        "share": None if row.hidden else row.share,
    }


def _profession_row(row) -> dict:
    """Equality-adjacent figures only as the dashboard's suppressed aggregate: a small count is a mark,
    and its WTE and cost are hidden with it."""
    return {
        "label": row.label,
        "people": row.people,
        "wte": None if row.hidden else row.wte,
        "annual_cost": None if row.hidden else row.cost,
        "share": None if row.hidden else row.share,
    }


def dashboard(board, quarters) -> dict:
    return {
        "quarter": quarter(board.quarter) if board.quarter else None,
        "on": board.on,
        "totals": totals(board.totals),
        "by_priority_function": [_row(row) for row in board.by_function],
        "by_spatial_level": [_row(row) for row in board.by_level],
        "by_borough": [_row(row) for row in board.by_borough],
        "by_profession": [_profession_row(row) for row in board.by_profession],
        "trend": [{"quarter": quarter(q), "totals": totals(t)} for q, t in board.trend],
        "challenge_fund_awards": {
            "rows": [
                {"label": row.label, "bids": row.bids, "amount": row.amount, "share": row.share}
                for row in board.awards.rows
            ],
            "bids": board.awards.bids,
            "total": board.awards.total,
        },
        "leaders_developed": board.leaders_developed,
        "quarters": [quarter(q) for q in quarters],
    }


def indicator(row) -> dict:
    """A scorecard row (``evaluation.scorecard.selectors.Row``): the indicator, its value in each quarter, its
    trend and RAG. Values are the Academy's own totals and shares, never about a person."""
    item = row.indicator
    return {
        "key": item.key,
        "theme": item.theme,
        "name": item.name,
        "unit": item.unit,
        "target": item.target,
        "computed": bool(item.computed),
        "values": [{"quarter": cell.quarter.key, "value": cell.value, "source": cell.source} for cell in row.cells],
        "trend": row.trend,
        "rag": row.rag,
    }


def cost_per_leader(spend, developed: int):
    if not developed:
        return None
    return (spend / developed).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

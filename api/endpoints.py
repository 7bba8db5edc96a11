"""The read-only API, version 1, at /api/v1/ (django-ninja): OpenAPI 3 schema at /api/v1/schema/ and its
browsable reference at /api/v1/docs/.

Every endpoint names the scope a token needs and, where the page that shows the same thing is not public,
the page's permission (the same `rules` predicate). Lists are paginated (``page``, ``page_size`` up to 100)
and read in a fixed number of queries whatever the page size.
"""

from __future__ import annotations

import math

from django.utils import timezone
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from academy.directory import selectors as directory
from api import presenters
from api.auth import TOKEN_OR_ANONYMOUS, require
from api.docs import LocalSwagger, docs_csp
from api.models import Scope
from api.schemas import (
    CohortPage,
    DashboardOut,
    Error,
    Invalid,
    ProgrammePage,
    ProjectPage,
    ReferenceOut,
    RolePage,
    ScorecardOut,
    SeatPage,
)
from api.throttling import ApiRateThrottle
from evaluation.scorecard import selectors as scorecard
from evaluation.scorecard import services as scorecard_services
from governance.ccplg import selectors as ccplg
from governance.investment import selectors as investment
from governance.roles import selectors as roles
from programmes.challenge_fund import selectors as challenge_fund
from programmes.core import selectors as programmes

DESCRIPTION = """A read-only API of the SEL Systems Leadership Academy's public, governance and evaluation information.

Send a personal API token as `Authorization: Bearer <token>` (make one under *API tokens* in your account).
Public endpoints also answer without a token. A token reads only what its person may read on the portal's
pages, and only within its scopes. Limits: 120 calls a minute per token, 60 per address without one;
over the limit the answer is 429 with `Retry-After`."""

api = NinjaAPI(
    title="SEL Systems Leadership Academy API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    openapi_url="/schema/",
    docs_url="/docs/",
    docs=LocalSwagger(),
    docs_decorator=docs_csp,
    auth=TOKEN_OR_ANONYMOUS,
    throttle=[ApiRateThrottle()],
)

ERRORS = {401: Error, 403: Error, 404: Error, 422: Invalid, 429: Error}
# Public endpoints answer with a token or without one: the schema says the token is optional there.
OPTIONAL_TOKEN = {"security": [{"TokenAuth": []}, {}]}
MAX_PAGE_SIZE = 100
# Codes and slugs in filters: letters, digits, hyphens and underscores only, so a filter can never carry a
# character PostgreSQL refuses (a NUL made a 500 where a 422 is the answer) or anything to escape.
SLUG = r"^[A-Za-z0-9_-]*$"


class Paging(Schema):
    page: int = Field(1, ge=1, le=100000, description="Which page, from 1.")
    page_size: int = Field(25, ge=1, le=MAX_PAGE_SIZE, description="Items per page, at most 100.")


def paginate(queryset, paging: Paging, present, prepare=None) -> dict:
    """One page of ``queryset`` (or of a list already read) as the API shows it: two queries (the count and
    the page) plus the prefetches and ``prepare``'s fixed number."""
    count = len(queryset) if isinstance(queryset, list) else queryset.count()
    pages = max(1, math.ceil(count / paging.page_size))
    start = (paging.page - 1) * paging.page_size
    items = list(queryset[start : start + paging.page_size]) if start < count else []
    if prepare and items:
        prepare(items)
    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": pages,
        "items": [present(item) for item in items],
    }


# --- public -----------------------------------------------------------------------------------------

public = Router(tags=["Public"])


@public.get("/programmes/", response={200: ProgrammePage, **ERRORS}, summary="Programmes", openapi_extra=OPTIONAL_TOKEN)
def list_programmes(request, paging: Query[Paging]):
    """The Academy's programmes in the catalogue's order."""
    require(request, Scope.PUBLIC)
    return paginate(programmes.programmes_with_groups(), paging, presenters.programme)


class CohortFilters(Schema):
    programme: str = Field("", max_length=50, pattern=SLUG, description="A programme's slug.")
    delivery_format: str = Field("", max_length=20, pattern=SLUG, description="in_person, online or hybrid.")
    priority_function: int | None = Field(None, ge=1, le=10, description="A priority function's number.")


@public.get("/cohorts/", response={200: CohortPage, **ERRORS}, summary="Open cohorts", openapi_extra=OPTIONAL_TOKEN)
def list_open_cohorts(request, paging: Query[Paging], filters: Query[CohortFilters]):
    """Published cohorts taking applications or bookings now."""
    require(request, Scope.PUBLIC)
    cohorts = programmes.open_cohorts(
        programme_slug=filters.programme,
        delivery_format=filters.delivery_format,
        priority_function=filters.priority_function,
    )
    return paginate(cohorts, paging, presenters.cohort)


class ProjectFilters(Schema):
    priority_function: int | None = Field(None, ge=1, le=10, description="A priority function's number.")
    round: int | None = Field(None, ge=1, le=2_147_483_647, description="A Challenge Fund round's id.")


@public.get(
    "/challenge-fund/projects/",
    response={200: ProjectPage, **ERRORS},
    summary="Funded projects",
    openapi_extra=OPTIONAL_TOKEN,
)
def list_funded_projects(request, paging: Query[Paging], filters: Query[ProjectFilters]):
    """Challenge Fund projects that were funded, newest decisions first."""
    require(request, Scope.PUBLIC)
    bids = challenge_fund.funded_projects(priority_function=filters.priority_function, round_id=filters.round)
    return paginate(bids, paging, presenters.project)


@public.get(
    "/reference/", response={200: ReferenceOut, **ERRORS}, summary="Reference data", openapi_extra=OPTIONAL_TOKEN
)
def reference(request):
    """The 10 priority functions, spatial levels, boroughs and their LCPs, provider collaboratives,
    professions, the four leader groups and kinds of organisation."""
    require(request, Scope.PUBLIC)
    return presenters.reference(directory.reference_data())


# --- governance -------------------------------------------------------------------------------------

governance = Router(tags=["Governance"])


class RoleFilters(Schema):
    spatial_level: str = Field("", max_length=20, pattern=SLUG, description="A spatial level's code.")
    priority_function: int | None = Field(None, ge=1, le=10, description="A priority function's number.")
    status: str = Field("", pattern="^(|filled|vacant)$", description="filled or vacant.")
    ended: bool = Field(False, description="Include roles that have ended.")


@governance.get("/roles/", response={200: RolePage, **ERRORS}, summary="Leadership roles with WTE")
def list_roles(request, paging: Query[Paging], filters: Query[RoleFilters]):
    """C&CP leadership roles with their WTE and cost: the governance secretariat and the ICS Executive."""
    require(request, Scope.GOVERNANCE, "governance.view_roles")
    selected = {
        "spatial_level": filters.spatial_level,
        "status": filters.status,
        "ended": "include" if filters.ended else "",
    }
    if filters.priority_function is not None:
        function = directory.priority_functions().filter(number=filters.priority_function).first()
        selected["function"] = function.pk if function else -1
    return paginate(roles.roles_for_api(selected), paging, presenters.role, prepare=roles.attach_role_references)


class SeatFilters(Schema):
    capability: int | None = Field(None, ge=1, le=100, description="A capability's number.")


@governance.get("/ccplg/seats/", response={200: SeatPage, **ERRORS}, summary="C&CPLG seats")
def list_seats(request, paging: Query[Paging], filters: Query[SeatFilters]):
    """Who sits on the Clinical and Care Professional Leadership Group: everyone signed in."""
    require(request, Scope.GOVERNANCE, "governance.view_ccplg")
    return paginate(ccplg.ccplg_seats(filters.capability), paging, presenters.seat)


class DashboardFilters(Schema):
    quarter: str = Field(
        "", max_length=20, pattern=SLUG, description="A past quarter's key, such as 2026-27-q2; none for today."
    )


@governance.get("/dashboard/", response={200: DashboardOut, **ERRORS}, summary="Dashboard figures by quarter")
def dashboard(request, filters: Query[DashboardFilters]):
    """The ICS Executive's investment dashboard at the end of a quarter (or today): roles, WTE and cost by
    function, level, borough and profession (small numbers suppressed), the trend, and the Challenge Fund's
    awards."""
    require(request, Scope.DASHBOARD, "governance.view_dashboard")
    quarters = investment.dashboard_quarters()
    quarter = None
    if filters.quarter:
        quarter = next((q for q in quarters if q.key == filters.quarter), None)
        if quarter is None:
            raise HttpError(404, "There are no figures for that quarter: choose one of the past quarters listed.")
    return presenters.dashboard(investment.dashboard_for(quarter), quarters)


# --- evaluation -------------------------------------------------------------------------------------

evaluation = Router(tags=["Evaluation"])


class ScorecardFilters(Schema):
    quarter: str = Field(
        "", max_length=20, pattern=SLUG,
        description="The last quarter to show, such as 2026-27-q2: this quarter or one of the seven before it "
                    "(listed in available_quarters); none for this quarter.",
    )


@evaluation.get("/evaluation/scorecard/", response={200: ScorecardOut, **ERRORS}, summary="Success-measures scorecard")
def evaluation_scorecard(request, paging: Query[Paging], filters: Query[ScorecardFilters]):
    """The Academy's success measures (seed 000's \u201cImagining success\u201d) as the scorecard page shows them:
    each indicator's target and its value in the four quarters to the one asked for, with trend and RAG, and
    the cost per leader developed over those quarters. Evaluators, the ICS Executive and superusers (the
    scorecard page's permission). Every value is an Academy-wide total or share, never about a person."""
    require(request, Scope.EVALUATION, "evaluation_scorecard.view_scorecard")
    today = timezone.localdate()
    available = scorecard_services.recordable_quarters(today)
    last = available[0]
    if filters.quarter:
        last = next((q for q in available if q.key == filters.quarter), None)
        if last is None:
            raise HttpError(404, "There is no scorecard for that quarter: choose one of the available quarters.")
    quarters = scorecard.quarters_ending(last)
    spend, developed = scorecard.cost_per_leader(quarters, today)
    page = paginate(scorecard.scorecard(quarters, today), paging, presenters.indicator)
    return page | {
        "quarter": presenters.quarter(last),
        "quarters": [presenters.quarter(q) for q in quarters],
        "spend": spend,
        "leaders_developed": developed,
        "cost_per_leader": presenters.cost_per_leader(spend, developed),
        "available_quarters": [presenters.quarter(q) for q in available],
    }


api.add_router("/", public)
api.add_router("/", governance)
api.add_router("/", evaluation)

"""What the API answers with (pydantic schemas, which also make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class Error(Schema):
    detail: str = Field(description="What went wrong, in plain English.")


class Invalid(Schema):
    detail: list[dict] = Field(description="Which query parameters were not valid, and why.")


class Page(Schema):
    count: int = Field(description="How many items match, on every page.")
    page: int
    page_size: int
    pages: int = Field(description="How many pages there are at this page size.")


class Named(Schema):
    code: str
    name: str


class PriorityFunctionOut(Schema):
    number: int
    name: str
    definition: str


class ProgrammeOut(Schema):
    slug: str
    name: str
    core_area: Named
    summary: str
    delivery_summary: str
    time_commitment: str
    target_groups: list[str]
    url: str


class ProgrammePage(Page):
    items: list[ProgrammeOut]


class CohortOut(Schema):
    id: int
    programme: str = Field(description="The programme's slug.")
    programme_name: str
    title: str
    offer_type: str
    delivery_format: Named
    summary: str
    time_commitment: str
    target_groups: list[str]
    priority_functions: list[int] = Field(description="The numbers of the priority functions it serves.")
    starts_on: date
    ends_on: date
    selection_method: Named
    applications_open: datetime | None
    applications_close: datetime | None
    cpd_hours: Decimal
    url: str


class CohortPage(Page):
    items: list[CohortOut]


class ProjectOut(Schema):
    id: int
    title: str
    summary: str
    lead_organisation: str
    partners: list[str]
    priority_functions: list[int]
    awarded_amount: Decimal | None = Field(description="Pounds.")
    status: str
    round_id: int
    round: str
    determined_on: date | None


class ProjectPage(Page):
    items: list[ProjectOut]


class BoroughOut(Schema):
    slug: str
    name: str
    lcp_name: str


class SlugNamed(Schema):
    slug: str
    name: str


class LeaderGroupOut(Schema):
    slug: str
    name: str
    key_features: str
    development_need: str


class ReferenceOut(Schema):
    priority_functions: list[PriorityFunctionOut]
    spatial_levels: list[Named]
    boroughs: list[BoroughOut]
    provider_collaboratives: list[SlugNamed]
    professions: list[SlugNamed]
    leader_groups: list[LeaderGroupOut]
    organisation_types: list[Named]


class RoleOut(Schema):
    id: int
    title: str
    priority_function: int
    priority_function_name: str
    spatial_level: Named
    provider_collaborative: str | None
    borough: str | None
    organisation: str | None
    clinical_network: str | None
    role_type: str
    pay_basis: Named
    wte: Decimal = Field(description="Whole-time equivalent (1.00 is 10 sessions a week).")
    annual_cost: Decimal = Field(description="Pounds a year.")
    funding_source: Named
    start_date: date
    end_date: date | None
    holder: str | None = Field(description="The holder's name; null while the role is vacant.")


class RolePage(Page):
    items: list[RoleOut]


class SeatOut(Schema):
    id: int
    capability: int
    capability_name: str
    title: str
    is_co_chair: bool
    invited_ad_hoc: bool
    holder: str | None
    term_starts: date | None
    term_ends: date | None


class SeatPage(Page):
    items: list[SeatOut]


class QuarterOut(Schema):
    key: str = Field(description="Use as ?quarter= to read that quarter.")
    label: str
    start: date
    end: date


class TotalsOut(Schema):
    roles: int
    filled: int
    vacant: int
    wte: Decimal
    days_per_week: Decimal
    annual_cost: Decimal
    care_pathway_share: Decimal = Field(description="Per cent of the annual cost.")
    network_share: Decimal = Field(description="Per cent of the annual cost.")


class RowOut(Schema):
    label: str
    roles: int
    filled: int
    vacant: int
    wte: Decimal | None = Field(description="Null where the row is suppressed (too few people to show).")
    annual_cost: Decimal | None
    share: Decimal | None


class ProfessionRowOut(Schema):
    label: str
    people: str = Field(description="The number of people, or a suppression mark where it is small.")
    wte: Decimal | None = Field(description="Null where the row is suppressed (too few people to show).")
    annual_cost: Decimal | None
    share: Decimal | None


class TrendOut(Schema):
    quarter: QuarterOut
    totals: TotalsOut


class AwardRowOut(Schema):
    label: str
    bids: int
    amount: Decimal
    share: Decimal


class AwardsOut(Schema):
    rows: list[AwardRowOut]
    bids: int
    total: Decimal


class DashboardOut(Schema):
    quarter: QuarterOut | None = Field(description="Null for the figures as they stand today.")
    on: date
    totals: TotalsOut
    by_priority_function: list[RowOut]
    by_spatial_level: list[RowOut]
    by_borough: list[RowOut]
    by_profession: list[ProfessionRowOut]
    trend: list[TrendOut]
    challenge_fund_awards: AwardsOut
    leaders_developed: int
    quarters: list[QuarterOut] = Field(description="The past quarters you may ask for.")


class ScorecardValueOut(Schema):
    quarter: str = Field(description="The quarter's key.")
    value: Decimal | None = Field(description="Null where no value was recorded or computed for the quarter.")
    source: str = Field(description="Where the value came from (computed, or as the evaluator gave it).")


class IndicatorOut(Schema):
    key: str
    theme: str = Field(description="The success measure's heading (seed 000's \u201cImagining success\u201d).")
    name: str
    unit: str = Field(description="count, percent (0 to 100) or density (0 to 1).")
    target: Decimal
    computed: bool = Field(description="True where the portal computes the value; false where an evaluator "
                                       "enters it each quarter.")
    values: list[ScorecardValueOut] = Field(description="One per quarter, oldest first.")
    trend: str = Field(description="up, down or same between the last two quarters with a value; empty with "
                                   "fewer than two.")
    rag: str = Field(description="green (on target), amber (close to target), red (behind target) or none "
                                 "(no value yet), from the latest value.")


class ScorecardOut(Page):
    quarter: QuarterOut = Field(description="The last quarter shown.")
    quarters: list[QuarterOut] = Field(description="The quarters shown, oldest first.")
    spend: Decimal = Field(description="The Academy's spend over the quarters shown, in pounds.")
    leaders_developed: int = Field(description="Leaders developed (certificates, each person once) by the end "
                                               "of the last quarter shown.")
    cost_per_leader: Decimal | None = Field(description="Spend divided by leaders developed, in pounds; null "
                                                        "when none was developed.")
    available_quarters: list[QuarterOut] = Field(description="The quarters you may ask for, newest first.")
    items: list[IndicatorOut]

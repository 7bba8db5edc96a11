"""Governance's panels on the home page (see academy/ui/home.py), registered from apps.py: the
secretariat's terms ending, overdue actions and framework reviews due; the ICS Executive's headline
figures. Each reads in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role
from academy.ui.formats import nhs_date
from academy.ui.home import HomeItem, register_home_panel
from governance.investment.dashboard import (
    INTENDED_CARE_PATHWAY_SHARE,
    INTENDED_CLINICAL_NETWORK_SHARE,
    TODAY_DAYS_PER_WEEK,
    end_of,
    live_roles,
    role_totals,
)
from governance.meetings.selectors import open_pulses
from governance.models import Action, FrameworkPoint, Seat
from governance.presenters import awarded_detail, awarded_value, leaders_developed_detail
from governance.rules import can_manage_governance
from programmes.challenge_fund import selectors as challenge_fund
from programmes.core import selectors as programmes

TERM_ENDING_WITHIN = timedelta(days=60)  # as the term reminders (governance/tasks.py)
REVIEW_DUE_WITHIN = timedelta(days=14)  # as the framework review reminders


@register_home_panel("Governance", order=40)
def secretariat_items(user, now) -> list[HomeItem]:
    """C&CPLG terms ending within 60 days, overdue C&CPLG actions and Design Framework points due for
    review within 14 days (or past their review date): three queries."""
    if not can_manage_governance(user):
        return []
    today = timezone.localdate(now)
    items = []
    ending = Seat.objects.filter(
        holder__isnull=False, term_ends__gte=today, term_ends__lte=today + TERM_ENDING_WITHIN
    ).aggregate(count=Count("pk"), first=Min("term_ends"))
    if ending["count"]:
        items.append(HomeItem("C&CPLG terms ending within 60 days", reverse("governance:ccplg"),
                              count=ending["count"], deadline=ending["first"],
                              deadline_label="The first ends"))
    overdue = Action.objects.filter(completed_at__isnull=True, due_date__lt=today).count()
    if overdue:
        items.append(HomeItem("Overdue C&CPLG actions", reverse("governance:meetings"), count=overdue))
    reviews = FrameworkPoint.objects.filter(review_date__lte=today + REVIEW_DUE_WITHIN).count()
    if reviews:
        items.append(HomeItem("Design Framework points due for review", reverse("governance:framework"),
                              count=reviews))
    return items


@register_home_panel("Investment in system leadership", order=50)
def executive_items(user, now) -> list[HomeItem]:
    """The ICS Executive's headline figures today, against the starting points seed 001 and 002 set, with
    the dashboard one link away: three queries (the roles, the Challenge Fund's awards, the leaders
    developed), read through the same selectors and worded by the same presenters as the dashboard's
    headlines."""
    if not user.has_role(Role.EXECUTIVE):
        return []
    today = timezone.localdate(now)
    totals = role_totals(live_roles(today, today))
    awards = challenge_fund.awards_total(end_of(today))
    developed = programmes.leaders_developed(end_of(today))
    dashboard = reverse("governance:dashboard")
    return [
        HomeItem("Protected time for system leadership", dashboard,
                 text=f"{totals.days_per_week:.0f} days a week, against about {TODAY_DAYS_PER_WEEK} days a week "
                 "at the start."),
        HomeItem("Share of the investment in care pathways", dashboard,
                 text=f"{totals.care_pathway_share}%, against an expectation of over "
                 f"{INTENDED_CARE_PATHWAY_SHARE}%."),
        HomeItem("Share of the investment in clinical networks", dashboard,
                 text=f"{totals.network_share}%, against an expectation of about {INTENDED_CLINICAL_NETWORK_SHARE}%."),
        HomeItem("Vacant leadership roles", dashboard, count=totals.vacant),
        HomeItem("Challenge Fund awarded", dashboard,
                 text=f"{awarded_value(awards['total'])} {awarded_detail(awards['bids'])}."),
        HomeItem("Leaders developed", dashboard, text=f"{developed} {leaders_developed_detail(developed)}."),
        HomeItem("See the investment dashboard", dashboard),
    ]


@register_home_panel("C&CP Leadership Group", order=45)
def pulse_items(user, now) -> list[HomeItem]:
    """The meetings the person attended whose anonymous pulse is open and not yet answered: one query."""
    if not user.is_authenticated:
        return []
    return [
        HomeItem(f"How did the meeting on {nhs_date(meeting.starts_at)} go?",
                 reverse("governance:meeting_pulse", args=[meeting.pk]),
                 text="Three questions, answered anonymously.", deadline=meeting.pulse_closes_at,
                 deadline_label="Answer by")
        for meeting in open_pulses(user, now)
    ]

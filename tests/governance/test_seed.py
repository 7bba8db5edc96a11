"""Governance's demo and scale builders."""

from __future__ import annotations

from io import StringIO

import holidays
import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from academy.directory.demo import SeedContext
from governance.meetings.selectors import pulse_results
from governance.models import (
    Action,
    LeadershipRole,
    Meeting,
    PulseAnswered,
    Seat,
    Vacancy,
    VacancyApplication,
    VacancyState,
)
from governance.networks.selectors import network_rows
from governance.roles.demo import EXECUTIVE_PROFESSION, RATES, SCALE_ROLE_PREFIX, build_scale_roles, rate_index


@pytest.mark.django_db
def test_seed_demo_fills_seats_and_roles_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    filled = Seat.objects.filter(holder__isnull=False).count()
    roles = LeadershipRole.objects.count()
    # The past and next meetings, nine earlier ones over the year and one a few days ago (issue 17).
    assert Meeting.objects.count() == 12 and Action.objects.filter(completed_at__isnull=True).count() == 2
    answers = PulseAnswered.objects.count()
    results = pulse_results()
    assert answers > 50 and sum(result.hidden for result in results) == 1 and len(results) == 10
    assert filled == Seat.objects.count() - 4 and roles == 120
    # One in six is vacant; recruitment appoints to one of those 20.
    assert LeadershipRole.objects.filter(holder__isnull=True).count() == 19
    vacancies = dict(Vacancy.objects.values_list("state").annotate(n=Count("pk")))
    assert vacancies == {VacancyState.OPEN: 2, VacancyState.APPOINTED: 1}
    states = set(VacancyApplication.objects.values_list("state", flat=True))
    assert {"applied", "shortlisted", "not_shortlisted", "withdrawn", "interviewed", "appointed",
            "unsuccessful"} <= states
    # Meetings on working days; each role paid at its holder's profession group's rate (a role filled through
    # recruitment keeps the rate it was advertised at).
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=range(2020, 2035))
    for meeting in Meeting.objects.all():
        day = timezone.localtime(meeting.starts_at).date()
        assert day.weekday() < 5 and day not in bank_holidays
    held = LeadershipRole.objects.filter(holder__isnull=False, vacancies__isnull=True).select_related(
        "role_type", "holder__profile__profession")
    for role in held:
        profile = role.holder.profile
        if role.title in EXECUTIVE_PROFESSION:
            assert profile.profession.slug == EXECUTIVE_PROFESSION[role.title]
            assert role.role_type.name.startswith("Executive")
        else:
            assert role.role_type.name == RATES[rate_index(profile, 0)][0], (role.title, profile.profession.slug)
    assert LeadershipRole.objects.get(title="Chief Medical Officer").holder.profile.profession.slug == "medicine"
    # The secretariat opened communities for all but two of the networks with a lead (their leads named there).
    with_leads = [row for row in network_rows() if row.leads]
    linked = [row for row in with_leads if row.community]
    assert len(linked) == len(with_leads) - 2 and all(not row.leads_to_name for row in linked)
    applications = VacancyApplication.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert len([row for row in network_rows() if row.community]) == len(linked)
    assert Vacancy.objects.count() == 3 and VacancyApplication.objects.count() == applications
    assert Meeting.objects.count() == 12 and PulseAnswered.objects.count() == answers
    assert Seat.objects.filter(holder__isnull=False).count() == filled
    assert LeadershipRole.objects.count() == roles


@pytest.mark.django_db
def test_scale_roles_replace_themselves():
    ctx = SeedContext(password="x")
    build_scale_roles(ctx, 1)
    build_scale_roles(ctx, 1)
    assert LeadershipRole.objects.filter(title__startswith=SCALE_ROLE_PREFIX).count() == 120
    assert LeadershipRole.history.filter(title__startswith=SCALE_ROLE_PREFIX).count() == 120


@pytest.mark.django_db
def test_demo_assesses_the_nine_points_and_records_spend_once():
    from governance.framework.demo import build_framework
    from governance.investment.demo import build_spend
    from governance.models import FrameworkPoint, ProgrammeSpend, Rag

    ctx = SeedContext(password="x")
    versions = FrameworkPoint.history.count()  # the loaded points may have a first version, or none
    build_framework(ctx)
    build_spend(ctx)
    assert ctx.counts["Design Framework points assessed"] == 9
    assert not FrameworkPoint.objects.filter(rag=Rag.NOT_ASSESSED).exists()
    assert all(point.position and point.review_date for point in FrameworkPoint.objects.all())
    assert FrameworkPoint.history.count() == versions + 11  # points 3 and 9 were red, then amber
    # First assessed months ago: the framework as it stood then has point 3 red, all nine assessed.
    from datetime import timedelta

    from django.utils import timezone

    from governance.framework.selectors import framework_points

    then = {p.number: p.rag for p in framework_points(as_of=timezone.now() - timedelta(days=100))}
    assert then[3] == Rag.RED and Rag.NOT_ASSESSED not in then.values()
    spend = ProgrammeSpend.objects.count()
    assert spend >= 20 and not ProgrammeSpend.objects.filter(programme__slug="challenge-fund").exists()
    build_framework(ctx)
    build_spend(ctx)
    assert ctx.counts["Design Framework points assessed"] == 0 and ctx.counts["spend records"] == 0
    assert ProgrammeSpend.objects.count() == spend and FrameworkPoint.history.count() == versions + 11

"""Demo data for C&CPLG meetings: a past meeting with decisions, attendance and actions, and the next one."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext, working_day
from academy.directory.models import PriorityFunction
from governance.meetings import services
from governance.models import Meeting

PAST_AGENDA = [
    (1, "Core20PLUS5 priorities for 2026/27", "decision",
     "Agree the three inequalities priorities the C&CPLG will champion this year.", 30,
     "Agreed: hypertension case-finding, severe mental illness health checks and maternity continuity."),
    (2, "Frailty pathway: community falls response", "decision",
     "Endorse the shared falls response model for all six Local Care Partnerships.", 25,
     "Endorsed, subject to the Bromley pilot's evaluation in March."),
    (4, "Workforce wellbeing survey results", "update", "", 10, ""),
    (8, "Systems Leadership Academy: cohort 3 nominations", "action",
     "Each member to nominate one leader from their profession for cohort 3.", 15, "Nominations due by month end."),
]
NEXT_AGENDA = [
    (3, "Clinical and care strategy refresh", "discussion",
     "Shape the three questions the strategy refresh must answer.", 30),
    (5, "System Quality Board escalations", "decision", "Decide which two escalations the group will lead on.", 20),
    (10, "Diabetes care standard: benchmarking", "decision",
     "Approve the diabetes care standard and its benchmarking measures.", 25),
    (6, "Patient and public engagement: winter plan", "update", "", 10),
]


def build_meetings(ctx: SeedContext) -> None:
    today = timezone.localdate()
    # Meetings fall on working days (never a weekend or a bank holiday), at 2pm.
    past_at = timezone.make_aware(datetime.combine(working_day(today - timedelta(days=28)), time(14)))
    next_at = timezone.make_aware(datetime.combine(working_day(today + timedelta(days=14)), time(14)))
    if Meeting.objects.exists():
        ctx.counts["C&CPLG meetings created"] = 0
        return
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    past = services.create_meeting(None, past_at, "Tower Bridge Room, 160 Tooley Street", 120)
    items = []
    for number, title, purpose, ask, minutes, outcome in PAST_AGENDA:
        items.append(services.save_agenda_item(None, past, None, {
            "function": functions[number], "title": title, "purpose": purpose, "ask": ask, "minutes": minutes,
            "lead": "", "paper_url": "", "outcome": outcome,
        }))
    holders = list(User.objects.filter(ccplg_seats__isnull=False).distinct().order_by("email"))
    services.record_attendance(None, past, holders[: max(0, len(holders) - 5)])
    owners = holders[:3] or list(User.objects.filter(email=f"governance@{DEMO_DOMAIN}"))
    if owners:
        done = services.add_action(None, past, "Circulate the agreed inequalities priorities to all partners.",
                                   owners[0], today - timedelta(days=20), item=items[0])
        services.complete_action(None, done, "Sent to all partner boards.")
        services.add_action(None, past, "Share the Bromley falls pilot evaluation plan with the group.",
                            owners[1 % len(owners)], today - timedelta(days=3), item=items[1])
        services.add_action(None, past, "Send cohort 3 nominations to the Academy.", owners[2 % len(owners)],
                            today + timedelta(days=5), item=items[3])
    upcoming = services.create_meeting(None, next_at, "Microsoft Teams", 120)
    for number, title, purpose, ask, minutes in NEXT_AGENDA:
        services.save_agenda_item(None, upcoming, None, {
            "function": functions[number], "title": title, "purpose": purpose, "ask": ask, "minutes": minutes,
            "lead": "", "paper_url": "", "outcome": "",
        })
    ctx.counts["C&CPLG meetings created"] = 2

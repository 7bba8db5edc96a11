"""Demo data for progress returns: transformation programmes' leads owing returns, some received (before and
since the last C&CPLG meeting), one due, one overdue; and one owed by the demo leader, to try the form
(idempotent: nothing is added once there are schedules)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext
from academy.workflow.models import Transition
from governance.models import Frequency, LeadershipRole, ProgressReturn, ReturnSchedule, ReturnState
from governance.returns import services

# (programme, days from today to the first due date, received how many days ago, progress, risks, asks)
RETURNS = [
    (
        "Cancer",
        -80,
        84,
        "Faster diagnosis standard met in two of the last three months; the rapid diagnostic "
        "centre at Queen Mary's now takes referrals from all six boroughs.",
        "Endoscopy workforce gaps in the Acute collaborative.",
        "",
    ),
    (
        "Cardiovascular disease",
        -20,
        6,
        "Hypertension case-finding in community pharmacies has reached 14,000 "
        "checks; the lipid pathway is live in Lewisham and Greenwich.",
        "Data sharing with community pharmacies is not yet agreed in Bexley.",
        "Ask the group to sponsor the data sharing agreement with the Bexley LCP.",
    ),
    (
        "Frailty",
        -30,
        3,
        "The shared falls response model is running in Bromley and Southwark; an early look at "
        "conveyances is encouraging.",
        "Winter pressures may pause the Southwark roll-out.",
        "Decide whether the group will champion a single frailty score across SEL.",
    ),
    ("Mental health", -10, None, "", "", ""),
    ("Urgent and emergency care", 12, None, "", "", ""),
]


def build_returns(ctx: SeedContext) -> None:
    if ReturnSchedule.objects.exists():
        ctx.counts["progress return schedules created"] = 0
        return
    today = timezone.localdate()
    made = 0
    for programme, first_due, received_ago, progress, risks, asks in RETURNS:
        # The programme's ICS clinical lead owes it; while that role is vacant, the programme's first held lead role.
        roles = LeadershipRole.objects.filter(title__startswith=f"{programme} programme", holder__isnull=False)
        role = roles.filter(title__endswith=", ICS").first() or roles.order_by("title").first()
        owner = (
            {"role": role, "person": None}
            if role
            else {"role": None, "person": User.objects.get(email=f"governance@{DEMO_DOMAIN}")}
        )
        schedule = services.save_schedule(
            workflow.SYSTEM,
            None,
            {
                "programme": programme,
                **owner,
                "first_due_on": today + timedelta(days=first_due),
                "every_months": Frequency.QUARTERLY,
                "ends_on": None,
            },
        )
        made += 1
        if received_ago is None:
            continue
        first = schedule.returns.order_by("due_on").first()
        sent = services.submit_return(schedule.owner, first, progress, risks, asks)
        # The return was sent some days ago: date it so (and its move in the log).
        at = timezone.now() - timedelta(days=received_ago)
        ProgressReturn.objects.filter(pk=sent.pk).update(submitted_at=at)
        Transition.objects.filter(
            object_id=sent.pk, machine="governance.progress_return", to_state=ReturnState.RECEIVED
        ).update(at=at)
    leader = User.objects.filter(email=f"leader@{DEMO_DOMAIN}").first()
    if leader is not None:
        services.save_schedule(
            workflow.SYSTEM,
            None,
            {
                "programme": "Children and young people",
                "role": None,
                "person": leader,
                "first_due_on": today + timedelta(days=5),
                "every_months": Frequency.QUARTERLY,
                "ends_on": None,
            },
        )
        made += 1
    ctx.counts["progress return schedules created"] = made

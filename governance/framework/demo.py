"""Demo data for the NHSEI Design Framework self-assessment."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext
from governance.framework import services
from governance.models import FrameworkPoint, Rag, Seat

# (number, earlier rating or None, rating, position, evidence as (title, URL name), the C&CPLG seat whose
# holder owns the point (the secretariat if vacant), days to the review). Where south east London stands
# against the nine points [seed 000, 001, 002].
FRAMEWORK_ASSESSMENT = [
    (1, None, "green",
     "The C&CP Leadership Group, co-chaired by the Chief Medical Officer and the Chief Nurse Officer, meets "
     "regularly with seats for the statutory leads, each provider collaborative and experts by experience. Its "
     "agenda is organised by the 10 priority functions and it is asked for decisions, not updates.",
     [("C&CP Leadership Group seats", "governance:ccplg"), ("C&CPLG meetings and action log", "governance:meetings")],
     "Chief Medical Officer (co-chair)", 75),
    (2, None, "amber",
     "Communities of practice and inspiration sessions have started, and Challenge Fund projects share their "
     "learning. Patients and communities are not yet involved routinely: the Patient and Public Involvement "
     "Committee lead is working with the group on how to bring the patient voice in.",
     [("Academy programmes", "programmes:catalogue"), ("SEL Challenge Fund", "challenge_fund:index")],
     "Patient and Public Involvement Committee lead", 40),
    (3, "red", "amber",
     "Paid and protected roles are recorded for every priority function at ICS, provider collaborative and "
     "LCP level, using the 0.4 and 0.2 WTE pattern and one rate card. Total protected time is still short of "
     "the ambition, and some roles are vacant.",
     [("Paid and protected leadership roles", "governance:roles"),
      ("Investment in C&CP leadership", "governance:dashboard")],
     "People Board lead", 10),
    (4, None, "green",
     "The Academy's systems leadership development curriculum runs for existing, new and emerging leaders, "
     "with modular workshops across organisational and professional boundaries.",
     [("Academy programmes", "programmes:catalogue")],
     "System leadership development and support link", 120),
    (5, None, "amber",
     "Vacant roles are published in the portal with their person specification, every applicant is scored "
     "against it with reasons, and rates are the same across organisations. The pipeline's diversity is now "
     "reported at each stage; the numbers are still too small to draw conclusions.",
     [("Leadership vacancies", "governance:vacancies"),
      ("Diversity of the recruitment pipeline", "governance:recruitment_pipeline")],
     "People Board lead", 60),
    (6, None, "amber",
     "Roles in the fifth space, organisational leadership including primary care networks, are recorded, "
     "and partner organisations keep their own professional leadership. Agreement on how system roles "
     "support them is in progress with each provider collaborative.",
     [("Spatial levels", "governance:reference_list:levels")],
     "Acute provider collaborative lead", 90),
    (7, None, "red",
     "Not started. We have learned from Frimley, Canterbury and the King's Fund, but no peer review or "
     "buddying with another system is agreed yet.",
     [], "Transformation and improvement link", 30),
    (8, None, "green",
     "The Chief Medical Officer and the Chief Nurse Officer sit on the Integrated Care Board, as the "
     "framework's minimum expects.",
     [("Governance structures", "governance:reference_list:structures")],
     "Chief Nurse Officer (co-chair)", 180),
    (9, "red", "amber",
     "The model for C&CP system leadership was agreed by the ICS Executive; the improvement plan goes to "
     "the Integrated Care Board for sign-off next quarter, showing how the principles are reflected.",
     [("The six principles", "governance:reference_list:principles"),
      ("Investment in C&CP leadership", "governance:dashboard")],
     "Chief Medical Officer (co-chair)", 45),
]


def _path(name: str) -> str:
    name, _, arg = name.partition(":reference_list:")
    if arg:
        return reverse("governance:reference_list", args=[arg])
    return reverse(name)


FIRST_ASSESSED_DAYS_AGO = 150


def build_framework(ctx: SeedContext) -> None:
    """All nine points assessed, first about five months ago (so a past quarter's board pack shows the
    assessment as it stood then), two of them rated red then and amber now, so their history shows a
    change. Points already assessed are left as they are."""
    secretariat = User.objects.filter(email=f"governance@{DEMO_DOMAIN}").first()
    points = {p.number: p for p in FrameworkPoint.objects.filter(rag=Rag.NOT_ASSESSED)}
    owners = {seat.title: seat.holder for seat in Seat.objects.filter(holder__isnull=False).select_related("holder")}
    today = timezone.localdate()
    assessed = 0
    for number, earlier, rag, position, evidence, seat, days in FRAMEWORK_ASSESSMENT:
        point, owner = points.get(number), owners.get(seat, secretariat)
        if point is None:
            continue
        links = [{"title": title, "path": _path(name)} for title, name in evidence]
        review = today + timedelta(days=days)
        first = services.assess_framework_point(
            secretariat, point, rag=earlier or rag, position=position, evidence=links, owner=owner,
            review_date=review, today=today,
        )
        FrameworkPoint.history.filter(history_id=first.history.latest().history_id).update(
            history_date=timezone.now() - timedelta(days=FIRST_ASSESSED_DAYS_AGO)
        )
        if earlier:
            services.assess_framework_point(
                secretariat, first, rag=rag, position=position, evidence=links, owner=owner,
                review_date=review, today=today,
            )
        assessed += 1
    ctx.counts["Design Framework points assessed"] = assessed

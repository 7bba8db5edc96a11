"""Demo data for the care standards register: standards from the clinical networks in each state, one
approved at the last C&CPLG meeting after the ICS Executive's consultation (idempotent: nothing is added
once the register has standards)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from academy import workflow
from academy.directory.demo import SeedContext
from academy.directory.models import PriorityFunction
from governance.meetings import services as meetings_services
from governance.models import CareStandard, ClinicalNetwork, Meeting
from governance.standards import services

CARE_STANDARDS_FUNCTION = 10
# (network, title, summary, what happens to it)
STANDARDS = [
    (
        "Diabetes",
        "Diabetes foot care standard",
        "Every person with diabetes has an annual foot check, and anyone with an active foot problem is seen by the "
        "multidisciplinary foot care service within one working day. Benchmarked quarterly by Local Care "
        "Partnership.",
        "approved-then-new-version",
    ),
    (
        "Stroke including community neurorehabilitation",
        "Early supported discharge after stroke",
        "People leaving hospital after a stroke start community neurorehabilitation within 72 hours, with a named "
        "key worker. Benchmarked against SSNAP by borough.",
        "approved",
    ),
    (
        "Maternity",
        "Continuity of carer for women from Black, Asian and mixed ethnic groups",
        "Women from Black, Asian and mixed ethnic groups, and those living in the most deprived areas, are offered "
        "a continuity of carer team by 16 weeks of pregnancy.",
        "for-approval",
    ),
    (
        "Respiratory and long COVID",
        "Home oxygen assessment and review",
        "Everyone prescribed home oxygen is assessed by a specialist team before it starts and reviewed within "
        "three months, and every year after.",
        "draft",
    ),
    (
        "Dementia",
        "Memory assessment within six weeks",
        "People referred to a memory service have their assessment and diagnosis within six weeks of referral. "
        "Retired when the national waiting time standard replaced it.",
        "retired",
    ),
]


def _decision_item(past: Meeting):
    """The past meeting's decision on the care standards (added to its agenda if it is not there)."""
    title = "Care standards for approval"
    item = past.items.filter(title=title).first()
    if item is not None:
        return item
    used = past.items.aggregate(total=Sum("minutes"))["total"] or 0
    if used + 15 > past.minutes:
        return None
    return meetings_services.save_agenda_item(
        None,
        past,
        None,
        {
            "function": PriorityFunction.objects.get(number=CARE_STANDARDS_FUNCTION),
            "title": title,
            "purpose": "decision",
            "ask": "Approve the care standards the networks have brought, after the ICS Executive's consultation.",
            "minutes": 15,
            "lead": "Chief Nurse Officer",
            "paper_url": "",
            "outcome": "Approved the diabetes foot care and early supported discharge standards, with benchmarking "
            "by Local Care Partnership.",
        },
    )


def build_standards(ctx: SeedContext) -> None:
    if CareStandard.objects.exists():
        ctx.counts["care standards created"] = 0
        return
    networks = {n.name: n for n in ClinicalNetwork.objects.all()}
    past = Meeting.objects.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
    decision = _decision_item(past) if past else None
    consulted = (timezone.localtime(past.starts_at).date() if past else timezone.localdate()) - timedelta(days=7)
    made = 0
    for network_name, title, summary, fate in STANDARDS:
        network = networks.get(network_name) or ClinicalNetwork.objects.get_or_create(name=network_name)[0]
        standard = services.propose_standard(
            workflow.SYSTEM,
            {
                "network": network,
                "title": title,
                "summary": summary,
                "document_url": f"https://www.selondonics.org/standards/{network.pk}-{made + 1}",
            },
        )
        made += 1
        if fate == "draft":
            continue
        services.record_consultation(
            workflow.SYSTEM,
            standard,
            consulted,
            "ICS Executive meeting",
            "Supported. The executive asked for benchmarking by borough from the start.",
        )
        services.send_for_approval(workflow.SYSTEM, standard)
        if fate == "for-approval" or decision is None:
            continue
        services.approve(workflow.SYSTEM, standard, decision)
        if fate == "retired":
            services.retire(workflow.SYSTEM, standard, "Replaced by the national waiting time standard.")
        elif fate == "approved-then-new-version":
            services.propose_new_version(workflow.SYSTEM, standard)
            made += 1
    ctx.counts["care standards created"] = made

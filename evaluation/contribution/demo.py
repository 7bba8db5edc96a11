"""Contribution log demo data: ten innovations from the Academy's programmes across every stage (two
proposed by leader@, one declined, three identified, two adopted, two scaled), some from the system problems
register or a funded Challenge Fund project, recorded by evaluator@ through the services. Idempotent: when
the first innovation is already in the log, nothing is added."""

from __future__ import annotations

import datetime

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.directory.models import Borough, PriorityFunction
from evaluation.contribution import selectors, services
from evaluation.contribution.models import Entry, SourceKind, Stage

# title, description, owner, board, functions (numbers), boroughs, stage, adoption, scaling
# adoption: (organisation, where, days ago, evidence); scaling: (organisations, boroughs, days ago, evidence)
ENTRIES = [
    ("Morning discharge huddle", "A fifteen-minute daily huddle between the ward, social care and community "
     "nursing to agree each discharge the day before.", "Frailty team, Lewisham and Greenwich NHS Trust",
     "Lewisham Local Care Partnership", [1], ["Lewisham"], Stage.SCALED,
     ("Lewisham and Greenwich NHS Trust", "Queen Elizabeth Hospital frailty unit", 240,
      "Delayed discharges on the unit fell from 14 to 6 a week over three months (trust flow report)."),
     ("King's College Hospital NHS Foundation Trust; Guy's and St Thomas' NHS Foundation Trust",
      ["Southwark", "Lambeth"], 60, "Adopted on two more frailty units after the ICB Board's decision.")),
    ("Shared waiting-list dashboard", "One view of community waiting lists shared by the community trust, a GP "
     "federation and the council.", "SEL ICB analytics team", "SEL ICB Board", [2], ["Bromley"], Stage.SCALED,
     ("Bromley Healthcare", "Community services, Bromley", 300,
      "Referrals sent back and forth fell by a third (dashboard audit, quarter 2)."),
     ("Oxleas NHS Foundation Trust", ["Bexley", "Greenwich"], 90, "Used by two more borough teams.")),
    ("Peer buddying for newly qualified GPs", "New GPs paired with a buddy in a neighbouring primary care "
     "network for their first year.", "Bexley primary care networks", "Bexley Local Care Partnership", [3],
     ["Bexley"], Stage.ADOPTED,
     ("Bexley Health Neighbourhood Care", "All Bexley primary care networks", 120,
      "Twelve pairs in the first year; none of the new GPs left (workforce return)."), None),
    ("Voluntary sector navigator in A&E", "A voluntary sector navigator in the emergency department connects "
     "frequent attenders with community support.", "Age UK Lewisham and Southwark", "SEL ICB Board", [1, 4],
     ["Southwark"], Stage.ADOPTED,
     ("Guy's and St Thomas' NHS Foundation Trust", "St Thomas' Hospital emergency department", 45,
      "Reattendances among people supported fell by a quarter over six months."), None),
    ("Families first respite redesign", "Families of people with a learning disability co-design the respite "
     "offer before it is commissioned.", "Learning disability commissioning, Croydon", "", [4], ["Croydon"],
     Stage.IDENTIFIED, None, None),
    ("Pharmacy mutual aid", "Trusts lend pharmacy staff to each other for short periods under one agreement.",
     "SEL pharmacy network", "", [5], [], Stage.IDENTIFIED, None, None),
    ("Joint frailty MDT across borough lines", "A multidisciplinary team meeting that takes referrals from both "
     "sides of the Lambeth and Southwark border.", "Lambeth and Southwark frailty leads", "", [1],
     ["Lambeth", "Southwark"], Stage.IDENTIFIED, None, None),
]
PROPOSALS = [
    ("Walking meetings for learning sets", "Learning sets meet walking between two partner sites, seeing each "
     "other's services on the way.", "Curriculum cohort 2 learning set", [6], ["Greenwich"]),
    ("Shared induction for new ward managers", "Ward managers from three trusts start with one shared week of "
     "induction.", "Nursing workforce leads", [3], []),
    ("Open rota app", "An app for trading shifts between trusts.", "A leader on the curriculum", [], []),
]


def _source(index: int, problems: list, projects: list) -> dict:
    if index == 0 and problems:
        return {"source_kind": SourceKind.PROBLEM, "system_problem": problems[0]}
    if index == 1 and projects:
        return {"source_kind": SourceKind.PROJECT, "project": projects[0]}
    return {"source_kind": SourceKind.OTHER, "source_text": "The Academy's systems leadership curriculum"}


def build_contribution(ctx: SeedContext) -> None:
    evaluator = User.objects.filter(email=f"evaluator@{DEMO_DOMAIN}").first()
    leader = User.objects.filter(email=f"leader@{DEMO_DOMAIN}").first()
    if evaluator is None or leader is None or Entry.objects.filter(title=ENTRIES[0][0]).exists():
        return
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    boroughs = {b.name: b for b in Borough.objects.all()}
    problems = list(selectors.problem_choices()[:1])
    projects = list(selectors.project_choices()[:1])
    today = timezone.localdate()
    for index, (title, text, owner, board, numbers, places, stage, adoption, scaling) in enumerate(ENTRIES):
        entry = services.record_entry(evaluator, services.EntryData(
            title=title, description=text, owner=owner, board=board,
            priority_functions=[functions[n] for n in numbers if n in functions],
            boroughs=[boroughs[p] for p in places if p in boroughs], **_source(index, problems, projects)))
        if stage in (Stage.ADOPTED, Stage.SCALED):
            organisation, where, days, evidence = adoption
            entry = services.record_adoption(evaluator, entry, adopted_by=organisation, adopted_where=where,
                                             adopted_on=today - datetime.timedelta(days=days), evidence=evidence)
        if stage == Stage.SCALED:
            organisations, places_further, days, evidence = scaling
            services.record_scaling(evaluator, entry, scaled_to=organisations,
                                    boroughs=[boroughs[p] for p in places_further if p in boroughs],
                                    scaled_on=today - datetime.timedelta(days=days), evidence=evidence)
    for index, (title, text, source, numbers, places) in enumerate(PROPOSALS):
        entry = services.propose_entry(leader, services.EntryData(
            title=title, description=text, owner=f"{leader.get_full_name()} and colleagues",
            source_kind=SourceKind.OTHER, source_text=source,
            priority_functions=[functions[n] for n in numbers if n in functions],
            boroughs=[boroughs[p] for p in places if p in boroughs]))
        if index == 2:
            services.decide_proposal(evaluator, entry, confirm=False,
                                     note="A product rather than a way of working that came from the Academy.")
    ctx.counts["contribution log entries"] = Entry.objects.count()


DEMO_BUILDERS.append(("contribution log", build_contribution))

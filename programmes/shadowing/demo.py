"""Shadowing demo data: programme-admin@ runs shadowing too; a round open for offers and interest (hosts'
placements across sectors and boroughs, leaders' interest, one reciprocal pair); an earlier round whose
matches are published (placements from a real draft: one under way with a reflection owed, one cancelled by
its host with a reason); and a finished round. Idempotent: rounds are found by name.
``seed_scale`` adds a round being matched with 50 shadows and 30 placements per unit of factor (500 and 300
at factor 10)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role, RoleAssignment, User
from academy.accounts.services import grant_role
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SCALE_BUILDERS, SCALE_CLEARERS, SCALE_DOMAIN, SeedContext
from academy.directory.models import Borough, LeaderProfile, Profession
from academy.workflow.models import Transition
from programmes.core import matching
from programmes.core.models import Programme
from programmes.shadowing import matchmaking, services
from programmes.shadowing.models import (
    PROGRAMME_SLUG,
    Agreement,
    DraftMatch,
    FollowUp,
    Placement,
    PlacementOffer,
    PlacementState,
    Reflection,
    Round,
    RoundState,
    Sector,
    ShadowInterest,
    Visit,
    VisitChange,
)

OPEN_ROUND = "Spring 2027: urgent care and discharge across boundaries"
PUBLISHED_ROUND = "Winter 2026: frailty and the front door"
FINISHED_ROUND = "Summer 2026: mental health crisis and the emergency department"
REFLECTIONS = [
    ("The 8am board round: every bed discussed in twenty minutes, with social care on the phone.",
     "How many delays were about one missing form rather than a missing service.",
     "Ask the ward what they need from us before we send a referral."),
    ("A home visit with the crisis team and the handover back to the GP.",
     "How much of the team's time goes on finding a bed nobody has.",
     "Invite the crisis team to our monthly huddle."),
    ("The brokerage meeting, matching care packages to people waiting to leave hospital.",
     "Providers are asked for the same information three times.",
     "Share one assessment form with the discharge team."),
]
HOST_NOTES = [
    "Explaining our morning to a visitor showed me how much we rely on one person's phone.",
    "Good questions about why we do the huddle standing up; we will try it seated and shorter.",
]
FOLLOW_UPS = [
    "I now ring the ward before every referral, and our two teams meet once a month.",
    "We changed our discharge checklist so the social care assessment starts on day one.",
]
SETTINGS = [
    ("Same-day emergency care unit", Sector.ACUTE, "Frailty", "Morning board rounds, the frailty huddle and "
     "follow one patient from arrival to discharge.", "Delayed discharges of older people."),
    ("Home treatment team", Sector.MENTAL_HEALTH, "Adult mental health crisis", "Join home visits and the daily "
     "multidisciplinary review.", "People in crisis waiting in emergency departments."),
    ("Virtual ward", Sector.COMMUNITY, "Hospital at home", "Remote monitoring, the daily call list and visits "
     "with community nurses.", "Capacity for step-up care at home."),
    ("Primary care network same-day hub", Sector.PRIMARY_CARE, "Same-day access", "Triage, the hub's clinics "
     "and the PCN's weekly multidisciplinary meeting.", "Demand for same-day appointments."),
    ("Reablement service", Sector.SOCIAL_CARE, "Discharge to assess", "Assessments at home and the weekly "
     "brokerage meeting with the hospital discharge team.", "Finding care packages quickly."),
    ("Community connectors", Sector.VCSE, "Social prescribing", "Drop-in sessions, community groups and "
     "referral meetings with practices.", "Loneliness and unmet social needs."),
]
WISHES = [
    "How decisions about discharge are made on the other side of the hospital door.",
    "What a crisis looks like from a community mental health team's point of view.",
    "How social care teams broker packages, and what slows them down.",
    "How voluntary sector partners reach people we never see.",
]


def _admin(ctx: SeedContext) -> User | None:
    admin = User.objects.filter(email=f"programme-admin@{DEMO_DOMAIN}").first()
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    if admin is not None and not RoleAssignment.objects.filter(
        user=admin, role=Role.PROGRAMME_ADMIN, programme=programme
    ).exists():
        grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=programme)
    return admin


def _profiles() -> list[LeaderProfile]:
    return list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user__email__in=[f"leader@{DEMO_DOMAIN}", f"linemanager@{DEMO_DOMAIN}"])
        .select_related("user", "organisation").order_by("pk")
    )


def _fill(round_: Round, profiles: list[LeaderProfile], rng: random.Random, *, offers: int, interests: int) -> None:
    professions = list(Profession.objects.order_by("position"))
    boroughs = list(Borough.objects.order_by("name"))
    hosts, shadows = profiles[:offers], profiles[offers:offers + interests]
    made = []
    for n, profile in enumerate(hosts):
        setting, sector, pathway, experience, problem = SETTINGS[n % len(SETTINGS)]
        offer = PlacementOffer.objects.create(
            round=round_, host=profile.user, setting=setting, organisation=profile.organisation,
            borough=profile.organisation.borough or boroughs[n % len(boroughs)], sector=sector, care_pathway=pathway,
            visitor_experience=experience, system_problem=problem, visits=3 + n % 3,
            available_from=round_.visits_from, available_until=round_.visits_until,
            available_dates="Tuesday to Thursday, 9am to 5pm", capacity=1 + n % 2,
            practical_details="Half-day induction on the first visit; bring your NHS ID badge; an honorary "
                              "contract is arranged for clinical areas.",
        )
        offer.professions.set(rng.sample(professions, 2))
        made.append(offer)
    for n, profile in enumerate(shadows):
        interest = ShadowInterest.objects.create(
            round=round_, shadow=profile.user, organisation=profile.organisation, borough=profile.borough,
            profession=profile.profession, sector=rng.choice(Sector.values), wants_to_learn=WISHES[n % len(WISHES)],
            unfamiliar_sectors=rng.sample(Sector.values, 2), available_from=round_.visits_from,
            available_until=round_.visits_until, availability="Any weekday with two weeks' notice",
            line_manager_name=profile.line_manager_name or "Line manager",
            line_manager_email=profile.line_manager_email or f"manager@{DEMO_DOMAIN}",
        )
        interest.unfamiliar_boroughs.set(rng.sample(boroughs, 2))
    # A reciprocal pair: the first two hosts each also want to shadow the other.
    if len(hosts) >= 2:
        for profile, offer in zip(hosts[:2], made[:2], strict=True):
            ShadowInterest.objects.create(
                round=round_, shadow=profile.user, organisation=profile.organisation, borough=profile.borough,
                profession=profile.profession, sector=offer.sector, wants_to_learn=WISHES[0],
                available_from=round_.visits_from, available_until=round_.visits_until,
                line_manager_name=profile.line_manager_name or "Line manager",
                line_manager_email=profile.line_manager_email or f"manager@{DEMO_DOMAIN}",
                reciprocal=True, own_offer=offer,
            )


def build_shadowing(ctx: SeedContext) -> None:
    admin = _admin(ctx)
    profiles = _profiles()
    if len(profiles) < 12:
        return
    rng = random.Random(12)
    today = timezone.localdate()
    if not Round.objects.filter(name=OPEN_ROUND).exists():
        round_ = Round.objects.create(
            name=OPEN_ROUND, interest_closes_on=today + dt.timedelta(days=21),
            visits_from=today + dt.timedelta(days=35), visits_until=today + dt.timedelta(days=120), created_by=admin,
        )
        workflow.start(round_, workflow.SYSTEM)
        _fill(round_, profiles, rng, offers=6, interests=6)
        ctx.counts["shadowing rounds created"] = ctx.counts.get("shadowing rounds created", 0) + 1
    if not Round.objects.filter(name=PUBLISHED_ROUND).exists():
        round_ = Round.objects.create(
            name=PUBLISHED_ROUND, interest_closes_on=today - dt.timedelta(days=20),
            visits_from=today - dt.timedelta(days=10), visits_until=today + dt.timedelta(days=60), created_by=admin,
            state=RoundState.PUBLISHED,
        )
        workflow.start(round_, workflow.SYSTEM)
        _fill(round_, list(reversed(profiles)), rng, offers=5, interests=6)
        _publish_without_emails(round_)
        _under_way(round_, admin)
        ctx.counts["shadowing rounds created"] = ctx.counts.get("shadowing rounds created", 0) + 1
    if not Round.objects.filter(name=FINISHED_ROUND).exists():
        round_ = Round.objects.create(
            name=FINISHED_ROUND, interest_closes_on=today - dt.timedelta(days=230),
            visits_from=today - dt.timedelta(days=200), visits_until=today - dt.timedelta(days=110),
            created_by=admin, state=RoundState.CLOSED,
        )
        workflow.start(round_, workflow.SYSTEM)
        _fill(round_, profiles[3:] + profiles[:3], rng, offers=4, interests=5)
        _publish_without_emails(round_)
        _finish(round_)
        ctx.counts["shadowing rounds created"] = ctx.counts.get("shadowing rounds created", 0) + 1


def _publish_without_emails(round_: Round) -> None:
    """The demo's earlier round: a real draft from the matcher, published as proposed placements. Demo data
    sends no email."""
    interests = list(ShadowInterest.objects.filter(round=round_).select_related("shadow")
                     .prefetch_related("unfamiliar_professions", "unfamiliar_boroughs"))
    offers = list(PlacementOffer.objects.filter(round=round_).prefetch_related("professions"))
    problem = matchmaking.build(interests, offers, [])
    best = matching.solve(problem)
    DraftMatch.objects.create(round=round_, pairs=[list(p) for p in best.pairs])
    by_interest, by_offer = {i.pk: i for i in interests}, {o.pk: o for o in offers}
    for interest_id, offer_id in best.pairs:
        interest, offer = by_interest[interest_id], by_offer[offer_id]
        placement = Placement.objects.create(
            round=round_, offer=offer, interest=interest, shadow=interest.shadow,
            boundaries=matchmaking.crossing(interest, offer).count,
        )
        workflow.start(placement, workflow.SYSTEM, note="Published from the draft match")


CANCEL_REASON = ("Our service is being recommissioned from next month and the team will not be able to host "
                 "visits. We are sorry: please look for us in the spring round.")


def _under_way(round_: Round, admin) -> None:
    """The published round as it goes on: the first placement agreed and under way, its first visit three days
    ago with no reflection yet (its shadow and host see the prompt on their home page); the last placement
    cancelled by its host, with a reason, its visits to come cancelled. Through the workflow; no email."""
    placements = list(Placement.objects.filter(round=round_).select_related("offer__host").order_by("pk"))
    if len(placements) < 2:
        return
    today = timezone.localdate()
    signed = timezone.make_aware(dt.datetime.combine(round_.interest_closes_on + dt.timedelta(days=5), dt.time(11)))
    for placement, days in ((placements[0], (-3, 11, 25)), (placements[-1], (6, 20))):
        Agreement.objects.create(
            placement=placement, learning_goals="Understand how the front door decides who needs a bed.",
            confidentiality="Nothing identifiable about patients or staff leaves the team.",
            practical_arrangements="Arrive at 8.30am at the main reception; ask for the nurse in charge.",
            shadow_signed_at=signed, host_signed_at=signed, manager_signed_at=signed,
        )
        Visit.objects.bulk_create(Visit(placement=placement, number=k, on=today + dt.timedelta(days=d))
                                  for k, d in enumerate(days, start=1))
        workflow.move(placement, PlacementState.AGREED, workflow.SYSTEM, at=signed,
                      note="Agreement version 1 signed by the shadow, the host and the line manager or sponsor")
    started = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=2), dt.time(9, 25)))
    workflow.move(placements[0], PlacementState.IN_PROGRESS, workflow.SYSTEM, at=started,
                  note="The first visit has happened")
    cancelled = placements[-1]
    now = timezone.now() - dt.timedelta(days=1)
    Visit.objects.filter(placement=cancelled).update(cancelled_at=now, sequence=1)
    cancelled.cancelled_at, cancelled.cancelled_by, cancelled.cancel_reason = now, cancelled.offer.host, CANCEL_REASON
    workflow.move(cancelled, PlacementState.CANCELLED, cancelled.offer.host, at=now, note="Cancelled by the host",
                  update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])


def _finish(round_: Round) -> None:
    """The finished round: each placement agreed, three visits (one rearranged, one cancelled), the shadow's
    reflections and the host's notes, completed through the workflow, and the follow-up invited (most
    answered). Dated in the past, as it happened; demo data sends no email."""
    start = round_.visits_from
    for n, placement in enumerate(Placement.objects.filter(round=round_).select_related("offer").order_by("pk")):
        day0 = start + dt.timedelta(days=7 + n)
        at = timezone.make_aware(dt.datetime.combine(round_.interest_closes_on + dt.timedelta(days=10), dt.time(10)))
        Agreement.objects.create(
            placement=placement, learning_goals="See how the team decides who goes home, and who decides.",
            confidentiality="Nothing identifiable about patients or staff leaves the team.",
            practical_arrangements="Arrive at 8.30am at the main reception; ask for the nurse in charge.",
            shadow_signed_at=at, host_signed_at=at, manager_signed_at=at,
        )
        workflow.move(placement, PlacementState.AGREED, workflow.SYSTEM, at=at,
                      note="Agreement version 1 signed by the shadow, the host and the line manager or sponsor")
        visits = Visit.objects.bulk_create(
            Visit(placement=placement, number=k, on=day0 + dt.timedelta(days=14 * (k - 1))) for k in (1, 2, 3)
        )
        if n == 0:  # the host moved the second visit by two days, and the third was cancelled
            VisitChange.objects.create(visit=visits[1], kind=VisitChange.Kind.REARRANGED, from_day=visits[1].on,
                                       to_day=visits[1].on + dt.timedelta(days=2), reason="A CQC inspection that day",
                                       changed_by=placement.offer.host)
            visits[1].on += dt.timedelta(days=2)
            visits[1].sequence = 1
            visits[2].cancelled_at, visits[2].sequence = at, 1
            Visit.objects.bulk_update(visits[1:], ["on", "sequence", "cancelled_at"])
            VisitChange.objects.create(visit=visits[2], kind=VisitChange.Kind.CANCELLED, from_day=visits[2].on,
                                       reason="We covered everything in the first two visits",
                                       changed_by=placement.shadow)
        live = [v for v in visits if v.cancelled_at is None]
        for k, visit in enumerate(live):
            saw, surprised, differently = REFLECTIONS[(n + k) % len(REFLECTIONS)]
            Reflection.objects.create(visit=visit, author=placement.shadow, side="shadow", saw=saw,
                                      surprised=surprised, differently=differently)
            if k % 2 == 0:
                Reflection.objects.create(visit=visit, author=placement.offer.host, side="host",
                                          saw=HOST_NOTES[(n + k) % len(HOST_NOTES)])
        first = timezone.make_aware(dt.datetime.combine(live[0].on + dt.timedelta(days=1), dt.time(9, 25)))
        last = timezone.make_aware(dt.datetime.combine(live[-1].on + dt.timedelta(days=1), dt.time(17, 0)))
        workflow.move(placement, PlacementState.IN_PROGRESS, workflow.SYSTEM, at=first,
                      note="The first visit has happened")
        workflow.move(placement, PlacementState.COMPLETED, workflow.SYSTEM, at=last,
                      note="Every visit has happened and the shadow has reflected on each")
        due = services.add_months(live[-1].on, services.FOLLOW_UP_MONTHS)
        invited = timezone.make_aware(dt.datetime.combine(due, dt.time(9, 40)))
        answered = n % 3 != 2 and due + dt.timedelta(days=4) <= timezone.localdate()
        FollowUp.objects.create(
            placement=placement, due_on=due, invited_at=invited if due <= timezone.localdate() else None,
            answer=FOLLOW_UPS[n % len(FOLLOW_UPS)] if answered else "", may_use=answered and n % 2 == 0,
            answered_at=invited + dt.timedelta(days=4) if answered else None,
        )


SCALE_ROUND = "Scale test shadowing round"


def build_shadowing_scale(ctx: SeedContext, factor: int) -> None:
    """A round being matched: 30 placements and 50 shadows per unit of ``factor``, written in bulk."""
    today = timezone.localdate()
    rng = random.Random(factor)
    round_ = Round.objects.create(
        name=f"{SCALE_ROUND} {timezone.now():%Y%m%d%H%M%S}", interest_closes_on=today,
        visits_from=today + dt.timedelta(days=7), visits_until=today + dt.timedelta(days=97),
        state=RoundState.MATCHING,
    )
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(Round), object_id=round_.pk, machine="shadowing.round",
        from_state="", to_state=RoundState.MATCHING, actor_label=workflow.SYSTEM.label, at=timezone.now(),
    )
    profiles = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{SCALE_DOMAIN}")
        .values_list("user_id", "organisation_id", "organisation__borough_id", "borough_id", "profession_id")
    )
    if not profiles:
        return
    boroughs = list(Borough.objects.values_list("pk", flat=True))
    professions = list(Profession.objects.all())
    offers = PlacementOffer.objects.bulk_create([
        PlacementOffer(
            round=round_, host_id=user_id, setting=f"Scale test team {n}", organisation_id=org_id,
            borough_id=org_borough or borough or boroughs[n % len(boroughs)], sector=rng.choice(Sector.values),
            visitor_experience="Scale test", system_problem="Scale test", visits=3,
            available_from=round_.visits_from + dt.timedelta(days=rng.randrange(30)),
            available_until=round_.visits_until, capacity=rng.randint(1, 3), practical_details="Scale test",
        )
        for n, (user_id, org_id, org_borough, borough, _profession) in enumerate(profiles[: 30 * factor])
    ], batch_size=1000)
    Through = PlacementOffer.professions.through  # noqa: N806
    Through.objects.bulk_create([
        Through(placementoffer_id=offer.pk, profession_id=profession.pk)
        for offer in offers for profession in rng.sample(professions, 2)
    ], batch_size=1000)
    shadows = profiles[30 * factor: 30 * factor + 50 * factor] or profiles[: 50 * factor]
    ShadowInterest.objects.bulk_create([
        ShadowInterest(
            round=round_, shadow_id=user_id, organisation_id=org_id, borough_id=borough or org_borough,
            profession_id=profession, sector=rng.choice(Sector.values), wants_to_learn="Scale test",
            unfamiliar_sectors=rng.sample(Sector.values, 2), available_from=round_.visits_from,
            available_until=round_.visits_until, line_manager_name="Scale test",
            line_manager_email=f"manager@{SCALE_DOMAIN}",
        )
        for user_id, org_id, org_borough, borough, profession in shadows
    ], batch_size=1000)
    ctx.counts["shadowing placements offered"] = len(offers)
    ctx.counts["shadowing interests"] = len(shadows)


def clear_shadowing_scale() -> None:
    rounds = Round.objects.filter(name__startswith=SCALE_ROUND)
    Placement.objects.filter(round__in=rounds).delete()
    ShadowInterest.objects.filter(round__in=rounds).delete()
    PlacementOffer.objects.filter(round__in=rounds).delete()
    rounds.delete()


DEMO_BUILDERS.append(("shadowing", build_shadowing))
SCALE_CLEARERS.append(clear_shadowing_scale)
SCALE_BUILDERS.append(("shadowing", build_shadowing_scale))

"""Demo data for the systems leadership development curriculum: cohorts in every state, with
sessions, and the demo leader's applications and bookings. Idempotent: rows are found by title or by
(cohort, person) and only missing ones are made; states are moved through the one state service."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import (
    DEMO_BUILDERS,
    DEMO_DOMAIN,
    SCALE_BUILDERS,
    SCALE_DOMAIN,
    SEED,
    SeedContext,
    ensure_user,
    working_day,
)
from academy.directory.models import LeaderGroup, LeaderProfile, NoLineManagerReason, PriorityFunction
from programmes.core import grouping, selectors, services
from programmes.core.models import (
    Application,
    ApplicationState,
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    CohortFaculty,
    DeliveryFormat,
    LearningGroup,
    Programme,
    Reflection,
    SelectionMethod,
    Session,
)
from programmes.curriculum.models import PROGRAMME_SLUG, CurriculumOffer

S = ApplicationState
QUESTIONS = [
    "What do you want to be able to do as a system leader in a year's time?",
    "Tell us about a time you led change across an organisational or professional boundary.",
]
CORE_CRITERIA = (
    "Holds, or is about to take up, a clinical or care professional leadership role at ICS, provider "
    "collaborative or Local Care Partnership level; brings a real system problem; has their line manager's "
    "support for protected time."
)
DEV_CRITERIA = (
    "New or emerging leader, not yet in a formal system role; works across a pathway, a borough or an "
    "organisation in south east London; brings a real system problem."
)
SESSION_TOPICS = [
    ("Systems thinking: seeing the whole", "Dr Ayesha Khan, Academy faculty"),
    ("Population health and inequalities in south east London", "Director of Public Health, Lewisham"),
    ("Leading across boundaries: relational leadership", "Academy faculty"),
    ("Action learning set", "Academy coaches"),
    ("Quality improvement at system scale", "CESEL improvement team"),
    ("Presenting your applied problem to the board", "Chief Medical Officer and Chief Nurse"),
]
DEV_COMMITMENT = "One day a month for six months, with coaching and shadowing"
# Each applicant brings their own real system problem.
APPLIED_PROBLEMS = [
    "Joining up care for people with long-term conditions between the PCN and the community team.",
    "Children wait months for mental health support because schools, GPs and CAMHS each hold part of the picture.",
    "People with diabetes in Southwark miss their annual checks; the practices and the diabetes team do not "
    "share a recall list.",
    "Ambulances queue outside the emergency department at Queen Elizabeth Hospital while community beds sit empty.",
    "Carers of people with dementia in Bexley are not told what support exists until they reach a crisis.",
    "Falls in care homes lead to avoidable admissions because there is no shared falls response across Bromley.",
    "People leaving the mental health ward in Lambeth wait for housing and lose the support they had on the ward.",
    "Women from Black African and Caribbean backgrounds have worse maternity outcomes in Lewisham and Greenwich.",
    "Community pharmacists could do more hypertension case-finding, but referrals back to practices get lost.",
    "Patients at the end of life in Greenwich die in hospital when most would have chosen home.",
    "Young people moving from children's to adult services lose their care team at eighteen.",
    "Homeless people registering with a GP in Southwark are turned away for lack of an address.",
    "Stroke survivors wait for community neurorehabilitation after discharge, and lose what they regained.",
    "Health checks for people with severe mental illness are missed because nobody owns the invitation.",
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _days(first: int, every: int, count: int) -> list:
    """``count`` session days from ``first`` days after today, ``every`` days apart, each moved to the next
    working day when it falls on a weekend or an England bank holiday."""
    today = timezone.localdate()
    return [working_day(today + timedelta(days=first + every * n)) for n in range(count)]


# A full day is 9am to 4pm: six hours of teaching and an hour's lunch, less breaks, counted as 7 CPD hours, so
# a cohort's CPD hours are its sessions' hours added up.
FULL_DAY = ((9, 0), (16, 0))


def _cohort(programme, title, *, offer, selection, starts, ends, capacity, opens=None, closes=None,
            published=True, fmt=DeliveryFormat.HYBRID, commitment, summary, groups=(), functions=(), criteria="",
            questions=(), cpd=0, final=False) -> Cohort:
    cohort = Cohort.objects.filter(programme=programme, title=title).first()
    if cohort is not None:
        return cohort
    cohort = Cohort.objects.create(
        programme=programme, title=title, offer_type=offer, delivery_format=fmt, summary=summary,
        time_commitment=commitment, capacity=capacity, starts_on=starts, ends_on=ends, selection_method=selection,
        applications_open=opens, applications_close=closes, criteria=criteria, questions=list(questions),
        cpd_hours=cpd, published=published, requires_final_reflection=final,
    )
    cohort.target_groups.set(groups)
    cohort.priority_functions.set(functions)
    return cohort


def _sessions(cohort: Cohort, days: list, topics=SESSION_TOPICS, hours=FULL_DAY,
              link="https://teams.microsoft.com/l/meetup-join/academy-demo") -> None:
    """The cohort's sessions on ``days``, in the cohort's format, at its ``hours``."""
    if cohort.sessions.exists():
        return
    (start_hour, start_minute), (end_hour, end_minute) = hours
    fmt = cohort.delivery_format
    for day, (title, faculty) in zip(days, topics, strict=False):
        Session.objects.create(
            cohort=cohort, title=title, starts_at=_at(day, start_hour, start_minute),
            ends_at=_at(day, end_hour, end_minute), delivery_format=fmt,
            venue="" if fmt == DeliveryFormat.ONLINE else "Academy room, 160 Tooley Street, London SE1 2TZ",
            online_link="" if fmt == DeliveryFormat.IN_PERSON else link, faculty=faculty,
        )


def _place(cohort: Cohort, user: User, path: list[str], **fields) -> Application:
    """Make ``user``'s application on ``cohort`` and walk it along ``path`` (only when new)."""
    application, created = Application.objects.get_or_create(
        cohort=cohort, applicant=user,
        defaults={
            "applied_problem": fields.get("applied_problem", ""),
            "answers": fields.get("answers", []),
            "priority_function": fields.get("priority_function"),
            "line_manager_name": fields.get("line_manager_name", ""),
            "line_manager_email": fields.get("line_manager_email", ""),
        },
    )
    if created:
        for state in path:
            services.transition(workflow.SYSTEM, application, state, actor_label="Demo data")
    return application


def _more_leaders(start: int, count: int) -> list[User]:
    """Demo leaders after the 40 the cohorts above use (same order), for the extra applicants below."""
    return list(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", profile__isnull=False)
                .exclude(email__in=[f"leader@{DEMO_DOMAIN}", f"linemanager@{DEMO_DOMAIN}"])
                .order_by("email")[start:start + count])


def _no_line_manager_applicants(cohort: Cohort, functions, answers) -> None:
    """Two leaders whose profiles say they have no line manager apply to the open core programme: a GP
    partner through a sponsor (waiting for the sponsor), a locum by declaring the time (under review)."""
    partner, locum = _more_leaders(40, 2)
    for person, reason in ((partner, NoLineManagerReason.SELF_EMPLOYED), (locum, NoLineManagerReason.LOCUM)):
        if Application.objects.filter(cohort=cohort, applicant=person).exists():
            continue
        LeaderProfile.objects.filter(user=person).update(
            line_manager_name="", line_manager_email="", no_line_manager_reason=reason
        )
        person.refresh_from_db()
        route = {"release_route": "sponsor", "line_manager_name": "Dr Ruth Adebayo",
                 "line_manager_email": f"sponsor.{person.pk}@{DEMO_DOMAIN}",
                 "sponsor_role": "Clinical director, Lewisham North PCN"} if person == partner else {
                 "release_route": "declaration", "declare_protected_time": True}
        services.apply(person, cohort, answers=answers, priority_function=functions[2],
                       applied_problem=APPLIED_PROBLEMS[person.pk % len(APPLIED_PROBLEMS)], **route)


def build_curriculum(ctx: SeedContext) -> None:
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    today = timezone.localdate()
    now = timezone.now()
    groups = {g.slug: g for g in LeaderGroup.objects.all()}
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    system_groups = [groups["entering-ics-roles"], groups["pathways-and-transformation"]]
    emerging_groups = [groups["pcns-boroughs-organisations"], groups["frontline"]]
    before = Cohort.objects.filter(programme=programme).count()

    days = _days(70, 21, 6)
    core_open = _cohort(
        programme, "Core programme 2027: leading across the system", offer=CurriculumOffer.CORE,
        selection=SelectionMethod.SELECTION, starts=days[0], ends=days[-1],
        capacity=24, opens=now - timedelta(days=10), closes=now + timedelta(days=21),
        commitment="Six full days over four months, plus an action learning set every month",
        summary="A shorter, intense programme for leaders who hold or are entering ICS roles: systems thinking, "
        "relational leadership and an applied project on a real system problem.",
        groups=system_groups, functions=[functions[2], functions[3], functions[1]], criteria=CORE_CRITERIA,
        questions=QUESTIONS, cpd=42, final=True,
    )
    _sessions(core_open, days)
    days = _days(120, 30, 6)
    dev_soon = _cohort(
        programme, "Developmental programme 2027: new and emerging system leaders",
        offer=CurriculumOffer.DEVELOPMENTAL, selection=SelectionMethod.SELECTION,
        starts=days[0], ends=days[-1], capacity=30,
        opens=now + timedelta(days=14), closes=now + timedelta(days=60),
        commitment=DEV_COMMITMENT,
        summary="A longer programme for new and emerging leaders in PCNs, boroughs, organisations and on the "
        "front line, growing systems ways of thinking, working and learning.",
        groups=emerging_groups, functions=[functions[7], functions[4]], criteria=DEV_CRITERIA, questions=QUESTIONS,
        cpd=42, final=True,
    )
    _sessions(dev_soon, days)
    days = _days(35, 30, 6)
    dev_review = _cohort(
        programme, "Developmental programme 2026 (spring intake)", offer=CurriculumOffer.DEVELOPMENTAL,
        selection=SelectionMethod.SELECTION, starts=days[0], ends=days[-1],
        capacity=12, opens=now - timedelta(days=60), closes=now - timedelta(days=14),
        commitment=DEV_COMMITMENT,
        summary="The spring intake of the developmental programme: applications are closed and being reviewed.",
        groups=emerging_groups, functions=[functions[7], functions[6]], criteria=DEV_CRITERIA, questions=QUESTIONS,
        cpd=42, final=True,
    )
    _sessions(dev_review, days)
    days = _days(-40, 21, 6)
    core_running = _cohort(
        programme, "Core programme 2026: leading across the system", offer=CurriculumOffer.CORE,
        selection=SelectionMethod.SELECTION, starts=days[0], ends=days[-1],
        capacity=20, opens=now - timedelta(days=150), closes=now - timedelta(days=90),
        commitment="Six full days over four months, plus an action learning set every month",
        summary="This year's core programme, under way.", groups=system_groups,
        functions=[functions[2], functions[3]], criteria=CORE_CRITERIA, questions=QUESTIONS, cpd=42, final=True,
    )
    _sessions(core_running, days)
    days = _days(-400, 21, 6)
    core_finished = _cohort(
        programme, "Core programme 2025: leading across the system", offer=CurriculumOffer.CORE,
        selection=SelectionMethod.SELECTION, starts=days[0], ends=days[-1],
        capacity=20, opens=now - timedelta(days=500), closes=now - timedelta(days=440),
        commitment="Six full days over four months, plus an action learning set every month",
        summary="Last year's core programme, now finished: its alumni are part of the Academy's network.",
        groups=system_groups, functions=[functions[2]], criteria=CORE_CRITERIA, questions=QUESTIONS, cpd=42, final=True,
    )
    _sessions(core_finished, days)
    days = _days(24, 1, 1)
    workshop = _cohort(
        programme, "Workshop: systems thinking for frontline leaders", offer=CurriculumOffer.MODULAR,
        selection=SelectionMethod.OPEN_BOOKING, starts=days[0], ends=days[0],
        capacity=30, opens=now - timedelta(days=7), closes=now + timedelta(days=22), fmt=DeliveryFormat.IN_PERSON,
        commitment="One interactive morning", groups=list(groups.values()), functions=[functions[7]],
        summary="An interactive workshop on seeing the whole system: feedback loops, boundaries and the people "
        "you need in the room. Open to anyone.", cpd=3,
    )
    _sessions(workshop, days, [("Systems thinking workshop", "Academy faculty")], hours=((9, 30), (12, 30)))
    days = _days(10, 1, 1)
    inspiration = _cohort(
        programme, "Inspiration session: tackling inequalities together", offer=CurriculumOffer.MODULAR,
        selection=SelectionMethod.OPEN_BOOKING, starts=days[0], ends=days[0],
        capacity=3, opens=now - timedelta(days=14), closes=now + timedelta(days=9), fmt=DeliveryFormat.ONLINE,
        commitment="One hour online", groups=list(groups.values()), functions=[functions[1]],
        summary="Leaders from across south east London share how they narrowed a gap in outcomes. Small and "
        "popular: join the waiting list if it is full.", cpd=1,
    )
    _sessions(inspiration, days, [("Tackling inequalities together", "Director of Public Health")],
              hours=((12, 0), (13, 0)), link="https://teams.microsoft.com/l/meetup-join/academy-inspiration")
    # Application drafts: a cohort whose applications close in two days, where leader@ has a draft.
    days = _days(45, 30, 6)
    winter = _cohort(
        programme, "Developmental programme 2027 (winter intake)", offer=CurriculumOffer.DEVELOPMENTAL,
        selection=SelectionMethod.SELECTION, starts=days[0], ends=days[-1],
        capacity=16, opens=now - timedelta(days=25), closes=now + timedelta(days=2),
        commitment=DEV_COMMITMENT,
        summary="A winter intake of the developmental programme for new and emerging leaders. Applications "
        "close soon.", groups=emerging_groups, functions=[functions[4], functions[7]], criteria=DEV_CRITERIA,
        questions=QUESTIONS, cpd=42,
    )
    _sessions(winter, days)
    seminar = _cohort(
        programme, "Seminar: continuous improvement across boundaries", offer=CurriculumOffer.MODULAR,
        selection=SelectionMethod.OPEN_BOOKING, starts=working_day(today + timedelta(days=50)),
        ends=working_day(today + timedelta(days=50)),
        capacity=40, opens=now + timedelta(days=5), closes=now + timedelta(days=45), published=False,
        commitment="One afternoon", groups=list(groups.values()), functions=[functions[7]],
        summary="A seminar the programme team is still preparing (not published yet).", cpd=3,
    )
    del seminar  # unpublished: only programme admins see it

    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    manager = User.objects.get(email=f"linemanager@{DEMO_DOMAIN}")
    others = list(User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", profile__isnull=False)
                  .exclude(pk__in=[leader.pk, manager.pk]).order_by("email")[:40])
    lm = {"line_manager_name": manager.get_full_name(), "line_manager_email": manager.email}
    answers = [{"question": q, "answer": "I want to lead change across organisations, not only within mine."}
               for q in QUESTIONS]
    problem = "Frail older people wait too long to leave hospital in Lewisham because discharge and community " \
        "services are planned separately."
    reviewed = [S.SUBMITTED, S.AWAITING_LINE_MANAGER, S.UNDER_REVIEW]

    # The demo leader: one application in each stage they can see.
    _place(core_open, leader, [S.SUBMITTED, S.AWAITING_LINE_MANAGER], applied_problem=problem, answers=answers,
           priority_function=functions[2], **lm)
    _place(dev_review, leader, [*reviewed, S.OFFERED], applied_problem=problem, answers=answers,
           priority_function=functions[1], **lm)
    _place(workshop, leader, [S.ACCEPTED])
    _place(winter, leader, [], applied_problem=problem, answers=answers[:1])  # a draft, not sent yet
    _place(core_running, leader, [*reviewed, S.OFFERED, S.ACCEPTED], applied_problem=problem, answers=answers,
           priority_function=functions[2], **lm)
    finished_place = _place(core_finished, leader, [*reviewed, S.OFFERED, S.ACCEPTED, S.COMPLETED],
                            applied_problem=problem, answers=answers, priority_function=functions[2], **lm)
    if finished_place.line_manager_decided_at is None:
        # Sent and answered when last year's applications closed, so the retention dry run shows the line
        # manager's details due for blanking (docs/retention.md).
        Application.objects.filter(pk=finished_place.pk).update(
            release_route="line_manager", submitted_at=core_finished.applications_close - timedelta(days=6),
            line_manager_decided_at=core_finished.applications_close - timedelta(days=4),
        )

    # Other leaders: a full inspiration session with a waiting list, a pool under review, a running cohort.
    for person in others[:3]:
        _place(inspiration, person, [S.ACCEPTED])
    for person in others[3:5]:
        _place(inspiration, person, [S.WAITING_LIST])
    for number, person in enumerate(others[5:25]):
        path = [*reviewed, S.OFFERED] if number < 4 else reviewed
        _place(dev_review, person, path, applied_problem=APPLIED_PROBLEMS[number % len(APPLIED_PROBLEMS)],
               answers=answers, priority_function=functions[2 + number % 5],
               line_manager_name="Line manager", line_manager_email=f"manager.{person.pk}@{DEMO_DOMAIN}")
    for number, person in enumerate(others[25:40]):
        _place(core_running, person, [*reviewed, S.OFFERED, S.ACCEPTED],
               applied_problem=APPLIED_PROBLEMS[(number + 7) % len(APPLIED_PROBLEMS)], answers=answers,
               priority_function=functions[3], line_manager_name="Line manager",
               line_manager_email=f"manager.{person.pk}@{DEMO_DOMAIN}")
    # Leaders with no line manager (a GP partner, a locum): one asks a sponsor, one declares the time.
    # More applicants to the spring intake, so the panel's review page runs to a second page.
    _no_line_manager_applicants(core_open, functions, answers)
    for number, person in enumerate(_more_leaders(42, 10)):
        _place(dev_review, person, reviewed, applied_problem=APPLIED_PROBLEMS[(number + 3) % len(APPLIED_PROBLEMS)],
               answers=answers, priority_function=functions[2 + number % 5],
               line_manager_name="Line manager", line_manager_email=f"manager.{person.pk}@{DEMO_DOMAIN}")
    # The panel has started scoring the spring intake: reviewer@ and programme-admin@ side by side.
    reviewer = User.objects.get(email=f"reviewer@{DEMO_DOMAIN}")
    admin = User.objects.get(email=f"programme-admin@{DEMO_DOMAIN}")
    pending = list(dev_review.applications.filter(state=S.UNDER_REVIEW).order_by("pk"))
    for number, application in enumerate(pending[:10]):
        if not application.scores.exists():
            services.score_application(reviewer, application, 2 + (number * 3) % 4, "Clear applied problem.")
            if number % 2 == 0:
                services.score_application(admin, application, 2 + (number * 5) % 4)

    # Attendance at the running cohort's past sessions, and the finished cohort completed with certificates.
    _attendance_and_completion(core_running, core_finished, now)
    _learning_groups(core_running, admin, functions)
    _learning_log(ctx, core_running, core_finished, leader, others[25:40], now)
    ctx.counts["curriculum cohorts created"] = Cohort.objects.filter(programme=programme).count() - before


REFLECTIONS = [
    "Mapping the discharge pathway as a whole system showed me how many of the delays start with decisions "
    "made in my own team. I want to test a joint morning huddle with the community nursing lead.",
    "I noticed how quickly I fall back on my professional language. The GP in my set heard 'step-down' very "
    "differently from me. Next time I will ask what each word means to them before we plan.",
    "Working with the population health data for Lewisham made the inequalities gap real: the same "
    "condition, ten years apart in life expectancy across two wards. I want to bring that map to our board.",
    "The action learning set pushed me on why I had not involved carers. I am going to meet the carers' "
    "forum before changing anything else.",
]
REPLIES = [
    "Thank you for sharing this. Who would you need in the room for that huddle to work from day one?",
    "A good catch. Try naming the shared outcome first; the language usually follows.",
    "That map would make a strong story for the board. Think about which one decision you want from them.",
]
FINAL_REFLECTION = (
    "Over the programme I moved from fixing my own service to convening others around a shared problem. "
    "Our joint discharge huddle is now weekly, and the community team leads it. What I will keep doing: "
    "asking who is missing from the room."
)


def _learning_log(ctx: SeedContext, running: Cohort, finished: Cohort, leader: User, others: list, now) -> None:
    """A demo faculty member on the core cohorts, and reflections (some private, some shared with replies)
    from the demo leader and others. Only missing rows are made."""

    faculty, _ = ensure_user(ctx, f"faculty@{DEMO_DOMAIN}", "Ayesha", "Khan")
    for cohort in (running, finished):
        if not CohortFaculty.objects.filter(cohort=cohort, user=faculty).exists():
            services.add_faculty(workflow.SYSTEM, cohort, faculty, "faculty")

    def reflect(person, cohort, text, *, shared, session=None, replies=(), keep=False):
        if Reflection.objects.filter(author=person, cohort=cohort, session=session).exists():
            return 0
        reflection = services.save_reflection(person, cohort, text, shared=shared, session=session, keep=keep)
        for number, reply in enumerate(replies):
            services.reply_to_reflection(person if number % 2 else faculty, reflection, reply)
        return 1

    made = 0
    past = list(running.sessions.filter(starts_at__lt=now).order_by("starts_at"))
    if past:
        made += reflect(leader, running, REFLECTIONS[0], shared=True, session=past[0],
                        replies=[REPLIES[0], "The community nursing lead and the discharge coordinator. I have "
                                 "asked them both."])
    if len(past) > 1:
        made += reflect(leader, running, REFLECTIONS[1], shared=False, session=past[1])
    for number, person in enumerate(others):
        for index, session in enumerate(past):
            if (number + index) % 3 == 2:
                continue
            made += reflect(person, running, REFLECTIONS[(number + index) % len(REFLECTIONS)],
                            shared=(number + index) % 2 == 0, session=session,
                            replies=[REPLIES[number % len(REPLIES)]] if (number + index) % 4 == 0 else ())
    finished_sessions = list(finished.sessions.order_by("starts_at")[:2])
    for index, session in enumerate(finished_sessions):
        made += reflect(leader, finished, REFLECTIONS[2 + index], shared=True, session=session,
                        replies=[REPLIES[2]] if index == 0 else ())
    # Kept by the leader past the usual two years (the retention schedule): My Academy tags it "Kept".
    made += reflect(leader, finished, FINAL_REFLECTION, shared=True, keep=True, replies=[
        "Congratulations on completing the programme. The weekly huddle is exactly the kind of change we hoped for."
    ])
    ctx.counts["reflections created"] = made


def _attendance_and_completion(running: Cohort, finished: Cohort, now) -> None:
    for cohort in (running, finished):
        places = list(cohort.applications.filter(state__in=[S.ACCEPTED, S.COMPLETED]).order_by("pk"))
        for session in cohort.sessions.filter(starts_at__lt=now):
            if Attendance.objects.filter(session=session).exists():
                continue
            Attendance.objects.bulk_create(
                [
                    Attendance(
                        session=session, application=place,
                        status=AttendanceStatus.APOLOGIES if number % 7 == 3 else AttendanceStatus.PRESENT,
                    )
                    for number, place in enumerate(places)
                ]
            )
    for application in finished.applications.filter(state=S.COMPLETED):
        if not Certificate.objects.filter(application=application).exists():
            services.issue_certificate(workflow.SYSTEM, application)


SHARED_PROBLEMS = [
    ("Frail older people wait too long to leave hospital because discharge, community and social care are "
     "planned separately. The set is mapping one person's journey across all three.", 2),
    ("Children and young people wait months for mental health support while schools, GPs and CAMHS each hold "
     "part of the picture. The set is testing a shared front door in two boroughs.", 3),
    ("People with long-term conditions see several teams that do not share a care plan. The set is "
     "designing one plan a PCN and its community team both use.", 4),
]


def _learning_groups(cohort: Cohort, admin: User, functions) -> None:
    """The running cohort grouped into action learning sets (the automatic proposal, saved as is), each
    with a shared problem. Only when the cohort has no groups yet."""
    if LearningGroup.objects.filter(cohort=cohort).exists():
        return
    people = [grouping.grouping_person(a) for a in selectors.group_participants(cohort)]
    proposed = grouping.propose_groups(people, grouping.GROUP_MAX_SIZE["action_learning_set"])
    assignment = {person["id"]: number for number, group in enumerate(proposed, start=1) for person in group}
    groups = services.save_groups(admin, cohort, "action_learning_set", assignment)
    for group, (problem, function) in zip(groups, SHARED_PROBLEMS, strict=False):
        services.set_shared_problem(admin, group, problem, functions[function])


DEMO_BUILDERS.append(("curriculum", build_curriculum))


# --- scale ---------------------------------------------------------------------------------------------

SCALE_PREFIX = "Scale test cohort"


def build_curriculum_scale(ctx: SeedContext, factor: int) -> None:
    """``factor`` x 8 curriculum cohorts (6 sessions each); every scale leader with about three
    applications or places in different states; the first cohort a roster of 50 x ``factor`` places."""

    rng = random.Random(SEED + 7 * factor)
    clear_curriculum_scale()  # after --reset the scale people (and so their applications) are gone
    programme = Programme.objects.get(slug=PROGRAMME_SLUG)
    today = timezone.localdate()
    now = timezone.now()
    offers = list(CurriculumOffer.values)
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(
                programme=programme, title=f"{SCALE_PREFIX} {number}", offer_type=offers[number % 3],
                delivery_format=DeliveryFormat.HYBRID, summary="A cohort made for benchmarks.",
                time_commitment="Six days", capacity=10_000, starts_on=today + timedelta(days=number % 90),
                ends_on=today + timedelta(days=number % 90 + 120),
                selection_method=SelectionMethod.OPEN_BOOKING if number % 3 == 2 else SelectionMethod.SELECTION,
                applications_open=now - timedelta(days=10), applications_close=now + timedelta(days=30 + number),
                published=True,
            )
            for number in range(1, factor * 8 + 1)
        ]
    )
    groups = list(LeaderGroup.objects.all())
    Through = Cohort.target_groups.through
    Through.objects.bulk_create(
        [Through(cohort_id=c.pk, leadergroup_id=g.pk) for c in cohorts for g in rng.sample(groups, k=2)]
    )
    Session.objects.bulk_create(
        [
            Session(
                cohort=cohort, title=f"Day {day + 1}",
                starts_at=_at(working_day(cohort.starts_on + timedelta(days=14 * day)), 9),
                ends_at=_at(working_day(cohort.starts_on + timedelta(days=14 * day)), 16),
                delivery_format=DeliveryFormat.HYBRID,
                venue="Academy room", online_link="https://teams.microsoft.com/l/meetup-join/scale",
            )
            for cohort in cohorts
            for day in range(6)
        ],
        batch_size=2000,
    )
    leaders = list(User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").order_by("pk").values_list("pk", flat=True))
    states = [S.ACCEPTED, S.ACCEPTED, S.UNDER_REVIEW, S.WAITING_LIST, S.COMPLETED, S.OFFERED]
    rows = {}
    roster = cohorts[0]
    for pk in leaders[: 50 * factor]:
        rows[(roster.pk, pk)] = S.ACCEPTED
    for pk in leaders:
        for cohort in rng.sample(cohorts[1:], k=min(3, len(cohorts) - 1)):
            rows[(cohort.pk, pk)] = rng.choice(states)
    Application.objects.bulk_create(
        [
            Application(
                cohort_id=cohort_id, applicant_id=user_id, state=state, submitted_at=now,
                offer_expires_at=now + timedelta(days=7) if state == S.OFFERED else None,
                waiting_since=now if state == S.WAITING_LIST else None,
            )
            for (cohort_id, user_id), state in rows.items()
        ],
        batch_size=5000,
    )
    held = {}
    for (cohort_id, _), state in rows.items():
        if state in (S.ACCEPTED, S.COMPLETED, S.OFFERED):
            held[cohort_id] = held.get(cohort_id, 0) + 1
    for cohort in cohorts:
        Cohort.objects.filter(pk=cohort.pk).update(places_held=held.get(cohort.pk, 0))
    ctx.counts["curriculum cohorts created"] = len(cohorts)
    ctx.counts["applications created"] = len(rows)


def clear_curriculum_scale() -> None:
    Application.objects.filter(cohort__title__startswith=SCALE_PREFIX).delete()
    Cohort.objects.filter(title__startswith=SCALE_PREFIX).delete()


SCALE_BUILDERS.append(("curriculum", build_curriculum_scale))

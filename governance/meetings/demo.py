"""Demo data for C&CPLG meetings: a past meeting with decisions, attendance and actions, and the next one;
then a year of earlier meetings with attendance (so members' rates vary), past pulses with enough answers to
show and one with too few (suppressed), a meeting a few days ago whose pulse is open, and an upcoming agenda
that trips the warnings (a long paper, a paper with no summary, too many updates)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext, is_working_day, working_day
from academy.directory.models import PriorityFunction
from governance.meetings import services
from governance.models import Meeting, MeetingSettings, PulseAnswered

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


# (weeks ago, title, [(function, title, purpose, ask, minutes, outcome)]) for the year of earlier meetings.
HISTORY = [
    (46, [(7, "Quality improvement faculty for SEL", "decision", "Agree the faculty's first two cohorts.", 30,
           "Agreed: two cohorts from April.")]),
    (41, [(9, "Research active SEL: ARC partnership", "decision", "Endorse the joint research priorities.", 25,
           "Endorsed.")]),
    (36, [(2, "Respiratory pathway: spirometry hubs", "decision", "Choose the sites for two spirometry hubs.", 30,
           "Lewisham and Bexley chosen.")]),
    (32, [(4, "Staff wellbeing hubs: what next", "discussion", "Shape the options for the hubs after March.", 30,
           "Three options to be costed.")]),
    (27, [(6, "Experts by experience: paying for time", "decision", "Agree the payment policy for experts.", 25,
           "Agreed, in line with NHS England guidance.")]),
    (23, [(5, "Learning from patient safety events", "action", "Each collaborative to name a safety lead.", 20,
           "All four named.")]),
    (18, [(3, "Five-year clinical strategy: engagement plan", "decision", "Approve the engagement plan.", 30,
           "Approved with a stronger VCSE strand.")]),
    (14, [(10, "Heart failure care standard", "decision", "Approve the standard for consultation.", 25,
           "Approved for consultation.")]),
    (9, [(1, "Inequalities dashboard for LCPs", "action", "Each LCP to test the dashboard for a month.", 20,
          "Testing under way in four LCPs.")]),
]
# How many attendees answer each past pulse (the rest do not): the meeting 32 weeks ago has too few
# answers to show, so its results are suppressed.
FEW_ANSWERS_WEEKS_AGO = 32
PULSE_PATTERNS = [
    # (voices heard, action not update, keep in diary), answered by attendee in turn
    ("yes", "yes", "yes"), ("yes", "no", "yes"), ("partly", "yes", "yes"), ("yes", "no", "yes"),
    ("partly", "yes", "yes"), ("yes", "no", "no"), ("partly", "yes", "yes"), ("yes", "no", "yes"),
    ("partly", "yes", "yes"), ("yes", "no", "yes"), ("partly", "yes", "partly"), ("yes", "partly", "yes"),
]
UPCOMING_PAPERS = {
    # title of an item on the next agenda -> (paper link, summary, pages)
    "Clinical and care strategy refresh": ("https://www.selondonics.org/strategy-refresh.pdf", "", 14),
    "System Quality Board escalations": (
        "https://www.selondonics.org/sqb-escalations.pdf",
        "Four escalations from the System Quality Board; the group is asked to lead on two.", 2,
    ),
}


def _working_day_before(day):
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _at_two(day):
    return timezone.make_aware(datetime.combine(day, time(14)))


def build_meeting_history(ctx: SeedContext) -> None:
    """A year of meetings with attendance and pulses, a recent meeting with its pulse open, and the next
    agenda's papers. Idempotent: a meeting already at a date is left as it is, and so are its answers."""
    today = timezone.localdate()
    holders = list(User.objects.filter(ccplg_seats__isnull=False).distinct().order_by("email"))
    if not holders:
        ctx.counts["C&CPLG meetings in the last year"] = 0
        return
    if not MeetingSettings.objects.exists():
        services.save_meeting_settings(None, {"max_attendees": 12, "max_paper_pages": 4, "max_update_share": 30})
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    made = 0
    for weeks, items in HISTORY:
        starts_at = _at_two(_working_day_before(today - timedelta(weeks=weeks)))
        meeting = Meeting.objects.filter(starts_at=starts_at).first()
        if meeting is None:
            meeting = services.create_meeting(None, starts_at, "Tower Bridge Room, 160 Tooley Street", 90)
            for number, title, purpose, ask, minutes, outcome in items:
                services.save_agenda_item(None, meeting, None, {
                    "function": functions[number], "title": title, "purpose": purpose, "ask": ask,
                    "minutes": minutes, "lead": "", "paper_url": "", "outcome": outcome,
                })
            # Most come most of the time; every fourth member misses one meeting in three, and the last
            # member has come only twice.
            attended = [
                person for index, person in enumerate(holders)
                if not (index % 4 == 3 and weeks % 3 == 0) and not (index == len(holders) - 1 and weeks > 20)
            ]
            services.record_attendance(None, meeting, attended)
            made += 1
        _answer_pulse(meeting, weeks)
    past = Meeting.objects.filter(starts_at__lt=_at_two(today - timedelta(days=20))).order_by("-starts_at").first()
    if past is not None:
        _answer_pulse(past, 4)
    # A meeting a few days ago, with its pulse open: its attendees see it on their home page.
    recent_at = _at_two(_working_day_before(today - timedelta(days=3)))
    if not Meeting.objects.filter(starts_at__gte=recent_at - timedelta(days=7), starts_at__lte=recent_at).exists():
        recent = services.create_meeting(None, recent_at, "Microsoft Teams", 60, title="C&CP Leadership Group (extra)")
        services.save_agenda_item(None, recent, None, {
            "function": functions[8], "title": "Academy cohort 3: final selection", "purpose": "decision",
            "ask": "Agree the final list for cohort 3.", "minutes": 30, "lead": "", "paper_url": "",
            "outcome": "Agreed: 24 leaders from 11 professions.",
        })
        services.record_attendance(None, recent, holders[:10])
        made += 1
    _upcoming_papers(today)
    ctx.counts["C&CPLG meetings in the last year"] = made


def _answer_pulse(meeting, weeks: int) -> None:
    if PulseAnswered.objects.filter(meeting=meeting).exists():
        return
    attendees = [a.person for a in meeting.attendance.select_related("person").order_by("person__email")]
    answering = 3 if weeks == FEW_ANSWERS_WEEKS_AGO else min(len(attendees), 10 + weeks % 8)
    for person, (voices, action, diary) in zip(attendees[:answering], PULSE_PATTERNS * 2, strict=False):
        services.answer_pulse(person, meeting, {"voices_heard": voices, "action_not_update": action,
                                                "keep_in_diary": diary}, now=meeting.ends_at + timedelta(hours=2))


def _upcoming_papers(today) -> None:
    """The next meeting's agenda: papers for two items (one long, with no summary) and a second update."""
    upcoming = Meeting.objects.filter(starts_at__gt=_at_two(today)).order_by("starts_at").first()
    if upcoming is None:
        return
    for item in upcoming.items.filter(title__in=UPCOMING_PAPERS, paper_url=""):
        url, summary, pages = UPCOMING_PAPERS[item.title]
        data = {field: getattr(item, field) for field in services.ITEM_FIELDS}
        services.save_agenda_item(None, upcoming, item, {**data, "paper_url": url, "paper_summary": summary,
                                                         "paper_pages": pages})
    title = "Digital first primary care: progress"
    if not upcoming.items.filter(title=title).exists():
        services.save_agenda_item(None, upcoming, None, {
            "function": PriorityFunction.objects.get(number=7), "title": title, "purpose": "update", "ask": "",
            "minutes": 10, "lead": "", "paper_url": "", "outcome": "",
        })

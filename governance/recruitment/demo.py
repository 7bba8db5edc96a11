"""Demo data for recruitment to vacant leadership roles."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile, SpatialLevel
from governance.models import ApplicationState, LeadershipRole, Vacancy
from governance.recruitment import services

DEMO_VACANCIES = [
    # (days until closing, about, essential, desirable)
    (21, "Leads the system's work to keep the workforce well and in post, with the People Board and the "
         "provider collaboratives.",
     "A registered clinical or care professional\nExperience of leading change across organisations\n"
     "Understanding of workforce wellbeing and retention", "A qualification in leadership or improvement"),
    (7, "Brings clinical and care voice to the system's quality improvement programme and coaches teams "
        "across the six boroughs.",
     "A registered clinical or care professional\nQuality improvement experience",
     "Experience of coaching or teaching improvement"),
    (-20, "Leads research and evidence for the C&CPLG and links it to the Applied Research Collaboration.",
     "A registered clinical or care professional\nA record of research or evaluation",
     "Links with an academic partner"),
]
HOW_TO_APPLY = ("Write a supporting statement of up to two pages showing how you meet each essential criterion. "
                "The secretariat scores every application against the person specification and tells everyone "
                "the outcome.")


def build_recruitment(ctx: SeedContext) -> None:
    """Two open vacancies with applications at different stages, and one appointed. Skipped when any
    vacancy exists, so running it twice makes nothing new."""
    if Vacancy.objects.exists():
        ctx.counts["vacancies published"] = 0
        return
    today = timezone.localdate()
    roles = list(
        LeadershipRole.objects.filter(holder__isnull=True, end_date__isnull=True, spatial_level=SpatialLevel.ICS)
        .order_by("title")[: len(DEMO_VACANCIES)]
    )
    if len(roles) < len(DEMO_VACANCIES):
        ctx.counts["vacancies published"] = 0
        return
    secretariat = User.objects.filter(email=f"governance@{DEMO_DOMAIN}").first()
    busy = set(LeadershipRole.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    applicants = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
        .exclude(user_id__in=busy).exclude(user__email__startswith="leader@")
        .exclude(user__role_assignments__isnull=False).select_related("user").order_by("user__email")[:14]
    )
    demo_leader = LeaderProfile.objects.filter(user__email=f"leader@{DEMO_DOMAIN}").select_related("user").first()
    S = ApplicationState
    made = 0
    for index, (role, (days, about, essential, desirable)) in enumerate(zip(roles, DEMO_VACANCIES, strict=True)):
        published = today + timedelta(days=min(days, 0) - 10)
        vacancy = services.publish_vacancy(
            secretariat, role, about=about, how_to_apply=HOW_TO_APPLY, closes_on=today + timedelta(days=days),
            essential=essential, desirable=desirable, today=published,
        )
        made += 1
        people = applicants[index * 5:(index + 1) * 5]
        if index == 0 and demo_leader is not None:
            people = [demo_leader, *people[:4]]
        applications = [
            services.apply(profile.user, vacancy, STATEMENTS[n % len(STATEMENTS)], today=published)
            for n, profile in enumerate(people)
        ]
        criteria = list(vacancy.criteria.all())
        for n, application in enumerate(applications[1:], start=1):
            services.score_application(secretariat, application, {
                criterion.pk: ((n + position) % 4, SCORE_REASONS[(n + position) % 4])
                for position, criterion in enumerate(criteria)
            })
        if index == 0:  # open: the demo leader's application waits; one shortlisted, one not, one withdrawn
            services.move_application(secretariat, applications[1], S.SHORTLISTED,
                                         "Meets every essential criterion with strong examples.")
            services.move_application(secretariat, applications[2], S.NOT_SHORTLISTED,
                                         "Does not yet show experience of leading change across organisations.")
            services.withdraw(applications[3].applicant, applications[3])
        elif index == 1:  # open: one interviewed
            services.move_application(secretariat, applications[1], S.SHORTLISTED,
                                         "Strong quality improvement record.")
            services.move_application(secretariat, applications[1], S.INTERVIEWED,
                                         "Clear plan for coaching teams in every borough.")
        else:  # closed and appointed
            for application in applications[1:3]:
                services.move_application(secretariat, application, S.SHORTLISTED,
                                             "Meets both essential criteria.")
            services.move_application(secretariat, applications[1], S.APPOINTED,
                                         "Highest score against the person specification and at interview.")
    ctx.counts["vacancies published"] = made


STATEMENTS = [
    "I have led a cross-organisation change programme for three years and chair our professional forum.",
    "As a registered practitioner I have led quality improvement projects in two boroughs.",
    "I coordinate our network's workforce group and have completed the Mary Seacole programme.",
    "I lead our trust's research group and have published two evaluations of community services.",
]
SCORE_REASONS = [
    "No evidence in the statement.",
    "Some evidence, without examples of impact.",
    "Clear evidence with examples.",
    "Strong evidence across organisations, with results.",
]

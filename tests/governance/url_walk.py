"""Governance pages for the URL walk (see tests/test_url_walk.py)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from academy import workflow
from tests.conftest import ROLE_NAMES

OK, LOGIN, DENIED = 200, "login", 403
EVERYONE_SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
SECRETARIAT = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "governance": OK, "superuser": OK}
HISTORY_READERS = SECRETARIAT | {"executive": OK}
# POST only: a GET from someone allowed is refused as the wrong method (405).
FRAMEWORK_READERS = HISTORY_READERS | {"evaluator": OK}
POST_BY_HISTORY_READERS = {name: 405 if answer == OK else answer for name, answer in HISTORY_READERS.items()}
PIPELINE_READERS = HISTORY_READERS | {"evaluator": OK}
NOT_THEIRS = dict.fromkeys(ROLE_NAMES, 404) | {"anonymous": LOGIN}

EXPECTATIONS = {
    "governance:reference": EVERYONE_SIGNED_IN,
    "governance:reference_list": EVERYONE_SIGNED_IN,
    "governance:reference_add": SECRETARIAT,
    "governance:reference_edit": SECRETARIAT,
    "governance:reference_history": HISTORY_READERS,
    "governance:ccplg": EVERYONE_SIGNED_IN,
    "governance:ccplg_makeup": EVERYONE_SIGNED_IN,
    "governance:ccplg_makeup_csv": EVERYONE_SIGNED_IN,
    "governance:seat_history": HISTORY_READERS,
    "governance:seat_edit": SECRETARIAT,
    "governance:seat_vacate": SECRETARIAT,
    "governance:roles": HISTORY_READERS,
    "governance:role_history": HISTORY_READERS,
    "governance:role_add": SECRETARIAT,
    "governance:role_edit": SECRETARIAT,
    "governance:dashboard": HISTORY_READERS,
    "governance:meetings": HISTORY_READERS,
    "governance:meeting": HISTORY_READERS,
    "governance:meeting_add": SECRETARIAT,
    "governance:item_add": SECRETARIAT,
    "governance:item_edit": SECRETARIAT,
    "governance:attendance": SECRETARIAT,
    "governance:action_add": SECRETARIAT,
    "governance:action_done": SECRETARIAT,
    "governance:dashboard_csv": HISTORY_READERS,
    "governance:board_pack": POST_BY_HISTORY_READERS,
    # Recruitment to vacant leadership roles.
    "governance:vacancies": EVERYONE_SIGNED_IN,
    "governance:vacancy": EVERYONE_SIGNED_IN,
    "governance:vacancy_apply": EVERYONE_SIGNED_IN,
    # Someone else's application: nobody but the applicant sees it (their own view is in test_recruitment).
    "governance:my_application": NOT_THEIRS,
    "governance:application_withdraw": NOT_THEIRS,
    "governance:recruitment": HISTORY_READERS,
    "governance:vacancy_publish": SECRETARIAT,
    "governance:recruitment_vacancy": SECRETARIAT,
    "governance:recruitment_application": SECRETARIAT,
    "governance:recruitment_pipeline": PIPELINE_READERS,
    "governance:recruitment_pipeline_csv": PIPELINE_READERS,
    # The NHSEI Design Framework self-assessment and the Academy's spend.
    "governance:framework": FRAMEWORK_READERS,
    "governance:framework_point": FRAMEWORK_READERS,
    "governance:framework_point_edit": SECRETARIAT,
    "governance:spend": HISTORY_READERS,
    "governance:spend_add": SECRETARIAT,
    "governance:spend_edit": SECRETARIAT,
    "governance:spend_history": HISTORY_READERS,
    # The allocation model against reality: the secretariat keeps the model; it and the ICS Executive read it.
    "governance:allocation_gap": HISTORY_READERS,
    "governance:allocation_gap_csv": HISTORY_READERS,
    "governance:allocation_gap_xlsx": HISTORY_READERS,
    "governance:allocation_model": HISTORY_READERS,
    "governance:allocation_history": HISTORY_READERS,
    "governance:allocation_add": SECRETARIAT,
    "governance:allocation_edit": SECRETARIAT,
    "governance:allocation_retire": SECRETARIAT,
    "governance:allocation_programme_add": SECRETARIAT,
}


def url_for(name: str) -> str | None:
    from governance.ccplg import services as ccplg_services
    from governance.meetings import services as meetings_services
    from governance.models import ClinicalNetwork, Seat
    from tests.factories.accounts import UserFactory

    if name not in EXPECTATIONS:
        return None
    if name == "governance:reference_list":
        return reverse(name, args=["functions"])
    if name == "governance:reference_history":
        return reverse(name, args=["structures"])
    if name == "governance:reference_add":
        return reverse(name, args=["networks"])
    if name == "governance:reference_edit":
        return reverse(name, args=["networks", ClinicalNetwork.objects.first().pk])
    if name in {"governance:seat_edit", "governance:seat_vacate"}:
        seat = Seat.objects.first()
        today = timezone.localdate()
        ccplg_services.assign_seat(None, seat, UserFactory(), today, today + timedelta(days=365))
        return reverse(name, args=[seat.pk])
    if name == "governance:role_edit":
        return reverse(name, args=[_role().pk])
    if name in {"governance:meeting", "governance:item_add", "governance:attendance", "governance:action_add"}:
        return reverse(name, args=[_meeting().pk])
    if name == "governance:item_edit":
        from academy.directory.models import PriorityFunction

        meeting = _meeting()
        item = meetings_services.save_agenda_item(None, meeting, None, {
            "function": PriorityFunction.objects.first(), "title": "Walk item", "purpose": "update", "ask": "",
            "minutes": 10, "lead": "", "paper_url": "", "outcome": "",
        })
        return reverse(name, args=[meeting.pk, item.pk])
    if name == "governance:action_done":
        meeting = _meeting()
        due = timezone.localdate() + timedelta(days=9)
        action = meetings_services.add_action(None, meeting, "Walk action", UserFactory(), due)
        return reverse(name, args=[meeting.pk, action.pk])
    if name in {"governance:vacancy", "governance:vacancy_apply", "governance:recruitment_vacancy"}:
        return reverse(name, args=[_vacancy().pk])
    if name in {"governance:my_application", "governance:application_withdraw",
                "governance:recruitment_application"}:
        from governance.recruitment import services as recruitment
        from tests.factories.directory import LeaderProfileFactory

        application = recruitment.apply(LeaderProfileFactory().user, _vacancy(), "Walk statement")
        return reverse(name, args=[application.pk])
    if name in {"governance:framework_point", "governance:framework_point_edit"}:
        return reverse(name, args=[3])
    if name == "governance:spend_edit":
        return reverse(name, args=[_spend().pk])
    if name in {"governance:allocation_edit", "governance:allocation_retire"}:
        from governance.models import ExpectedRole

        return reverse(name, args=[ExpectedRole.objects.filter(retired_on__isnull=True).first().pk])
    if name == "governance:dashboard_csv":
        return reverse(name) + "?table=function"
    return reverse(name)


def _role():
    from decimal import Decimal

    from academy.directory.models import PriorityFunction, SpatialLevel
    from governance.models import FundingSource, RoleType
    from governance.roles import services as roles_services

    rate = RoleType.objects.create(name="Walk rate", annual_rate_per_wte=Decimal("90000"))
    return roles_services.save_role(None, None, {
        "title": "Walk role", "function": PriorityFunction.objects.first(), "spatial_level": SpatialLevel.ICS,
        "role_type": rate, "pay_basis": "sessional", "wte": Decimal("0.4"), "funding_source": FundingSource.ICB,
        "start_date": timezone.localdate(),
    })


def _meeting():
    from governance.meetings import services as meetings_services

    return meetings_services.create_meeting(None, timezone.now() - timedelta(hours=3), "Microsoft Teams")


def _vacancy():
    from governance.recruitment import services as recruitment

    role = _role()
    return recruitment.publish_vacancy(
        workflow.SYSTEM, role, about="Walk vacancy", how_to_apply="Apply in the portal.",
        closes_on=timezone.localdate() + timedelta(days=14), essential="Walk criterion",
    )


def _spend():
    from decimal import Decimal

    from governance.investment import services as investment_services
    from governance.investment.quarters import quarter_of
    from programmes.core.models import Programme

    quarter = quarter_of(timezone.localdate())
    return investment_services.record_spend(None, None, {
        "programme": Programme.objects.get(slug="curriculum"), "year": quarter.year,
        "quarter": quarter.number, "amount": Decimal("1200.00"), "description": "Walk spend",
    })

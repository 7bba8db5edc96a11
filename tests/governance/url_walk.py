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
    # Meetings that stay action, not update. The co-chairs (a seat, not a role) also see the rates and the
    # pulse's results, and only a meeting's attendees answer its pulse (test_meeting_warnings_and_pulse).
    "governance:meeting_settings": SECRETARIAT,
    "governance:attendance_rates": SECRETARIAT,
    "governance:pulse_results": HISTORY_READERS,
    "governance:meeting_pulse": dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN},
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
    # The who's who of C&CP leadership: every signed-in person, a public version for anyone, and one's own entry.
    "governance:whoswho": EVERYONE_SIGNED_IN,
    "governance:whoswho_public": dict.fromkeys(ROLE_NAMES, OK),
    "governance:whoswho_entry": EVERYONE_SIGNED_IN,
    # The talent pool (network members' entries, with their consent): the secretariat and superusers only.
    "governance:talent_pool": SECRETARIAT,
    # The clinical networks and their communities: everyone signed in reads the page; the secretariat opens a
    # network's community and names its leads (confirm pages).
    "governance:networks": EVERYONE_SIGNED_IN,
    "governance:network_community_open": SECRETARIAT,
    "governance:network_community_leads": SECRETARIAT,
    # The care standards register and progress returns (issue 17). The walk's standard is approved where a page
    # reads it, a draft or for approval where a page changes it; the walk's return is someone else's.
    "governance:standards": EVERYONE_SIGNED_IN,
    "governance:standard_propose": SECRETARIAT,
    "governance:standard": EVERYONE_SIGNED_IN,
    "governance:standard_change": SECRETARIAT,
    "governance:standard_send": SECRETARIAT,
    "governance:standard_send_back": SECRETARIAT,
    "governance:standard_consultation": SECRETARIAT,
    "governance:standard_approve": SECRETARIAT,
    "governance:standard_retire": SECRETARIAT,
    "governance:standard_new_version": SECRETARIAT,
    "governance:returns": HISTORY_READERS,
    "governance:return_schedule_add": SECRETARIAT,
    "governance:return_schedule_edit": SECRETARIAT,
    "governance:my_returns": EVERYONE_SIGNED_IN,
    "governance:return": HISTORY_READERS,
    "governance:return_submit": NOT_THEIRS,
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
    if name in STANDARD_STATE_FOR or name in {"governance:return", "governance:return_submit",
                                              "governance:return_schedule_edit"}:
        return _standards_and_returns_url(name)
    if name in {"governance:network_community_open", "governance:network_community_leads"}:
        return reverse(name, args=[ClinicalNetwork.objects.first().pk])
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
    if name in {"governance:meeting", "governance:item_add", "governance:attendance", "governance:action_add",
                "governance:meeting_pulse"}:
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


# --- The care standards register and progress returns (issue 17) ---

STANDARD_STATE_FOR = {
    "governance:standard": "approved", "governance:standard_change": "draft", "governance:standard_send": "draft",
    "governance:standard_send_back": "for_approval", "governance:standard_consultation": "draft",
    "governance:standard_approve": "for_approval", "governance:standard_retire": "approved",
    "governance:standard_new_version": "approved",
}


def _standards_and_returns_url(name: str) -> str:
    from academy.directory.models import PriorityFunction
    from governance.meetings import services as meetings_services
    from governance.models import ClinicalNetwork
    from governance.returns import services as returns_services
    from governance.standards import services as standards_services
    from tests.factories.accounts import UserFactory

    if name in STANDARD_STATE_FOR:
        state = STANDARD_STATE_FOR[name]
        standard = standards_services.propose_standard(workflow.SYSTEM, {
            "network": ClinicalNetwork.objects.first(), "title": "Walk standard", "summary": "Walk summary.",
            "document_url": "",
        })
        if state != "draft":
            consulted = timezone.localdate() - timedelta(days=3)
            standards_services.record_consultation(workflow.SYSTEM, standard, consulted, "ICS Executive", "Supported.")
            standards_services.send_for_approval(workflow.SYSTEM, standard)
        if state == "approved":
            meeting = meetings_services.create_meeting(None, timezone.now() - timedelta(days=1), "Microsoft Teams")
            decision = meetings_services.save_agenda_item(None, meeting, None, {
                "function": PriorityFunction.objects.get(number=10), "title": "Walk decision", "purpose": "decision",
                "ask": "Approve.", "minutes": 10, "lead": "", "paper_url": "", "outcome": "Approved.",
            })
            standards_services.approve(workflow.SYSTEM, standard, decision)
        return reverse(name, args=[standard.pk])
    schedule = returns_services.save_schedule(workflow.SYSTEM, None, {
        "programme": "Walk programme", "role": None, "person": UserFactory(),
        "first_due_on": timezone.localdate() + timedelta(days=10), "every_months": 3, "ends_on": None,
    })
    if name == "governance:return_schedule_edit":
        return reverse(name, args=[schedule.pk])
    return reverse(name, args=[schedule.returns.get().pk])

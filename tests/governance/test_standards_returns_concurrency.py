"""One-of-a-kind rules under a race: a return sent twice at the same moment is received once, and two
people starting a new version of one standard at once start one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from academy import workflow
from academy.directory.models import PriorityFunction
from academy.workflow.models import Transition
from governance.meetings import services as meetings_services
from governance.models import CareStandard, ClinicalNetwork, ProgressReturn, ReturnState
from governance.returns import services as returns_services
from governance.standards import services as standards_services
from tests.concurrency import at_once, raised
from tests.conftest import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_return_sent_twice_at_once_is_received_once():
    owner = make_person("leader")
    schedule = returns_services.save_schedule(
        workflow.SYSTEM,
        None,
        {
            "programme": "Frailty",
            "role": None,
            "person": owner,
            "first_due_on": timezone.localdate() + timedelta(days=5),
            "every_months": 3,
            "ends_on": None,
        },
    )
    due = schedule.returns.get()
    outcomes = at_once(
        *[(lambda text=text: returns_services.submit_return(owner, due, text, "", "")) for text in ("First", "Second")]
    )
    assert len(raised(outcomes, ValidationError)) == 1
    received = ProgressReturn.objects.get(pk=due.pk)
    assert received.state == ReturnState.RECEIVED
    assert Transition.objects.filter(machine="governance.progress_return", object_id=due.pk).count() == 1


def test_two_new_versions_of_one_standard_at_once_start_one():
    network = ClinicalNetwork.objects.get_or_create(name="Diabetes")[0]
    standard = standards_services.propose_standard(
        workflow.SYSTEM,
        {
            "network": network,
            "title": "Foot care",
            "summary": "Annual checks.",
            "document_url": "",
        },
    )
    standards_services.record_consultation(
        workflow.SYSTEM, standard, timezone.localdate() - timedelta(days=9), "ICS Executive", "Supported."
    )
    standards_services.send_for_approval(workflow.SYSTEM, standard)
    meeting = meetings_services.create_meeting(None, timezone.now() - timedelta(days=2), "Microsoft Teams")
    decision = meetings_services.save_agenda_item(
        None,
        meeting,
        None,
        {
            "function": PriorityFunction.objects.get(number=10),
            "title": "Standards",
            "purpose": "decision",
            "ask": "Approve.",
            "minutes": 10,
            "lead": "",
            "paper_url": "",
            "outcome": "Approved.",
        },
    )
    standards_services.approve(workflow.SYSTEM, standard, decision)
    secretariat = [make_person("governance"), make_person("governance")]
    outcomes = at_once(
        *[(lambda who=who: standards_services.propose_new_version(who, standard)) for who in secretariat]
    )
    assert len(raised(outcomes, ValidationError)) == 1
    assert CareStandard.objects.filter(supersedes=standard).count() == 1

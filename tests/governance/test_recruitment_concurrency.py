"""Two members of the secretariat appointing to one vacancy at the same moment: one appointment, one
clear refusal, and no deadlock between the vacancy's lock and the applications' locks."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from academy import workflow
from governance.models import ApplicationState, LeadershipRole, VacancyState
from governance.recruitment import services as recruitment
from tests.concurrency import at_once, raised
from tests.factories.governance import leadership_role, role_type
from tests.governance.test_recruitment import leader, publish

S = ApplicationState


@pytest.mark.django_db(transaction=True)
def test_two_appointments_to_one_vacancy_at_once_appoint_one_person():
    vacancy = publish(leadership_role(role_type()))
    applications = []
    for name in ("first", "second"):
        application = recruitment.apply(leader(), vacancy, f"The {name} applicant's statement.")
        applications.append(
            recruitment.move_application(workflow.SYSTEM, application, S.SHORTLISTED, "Meets the criteria")
        )

    def appoint(application):
        return lambda: recruitment.move_application(workflow.SYSTEM, application, S.APPOINTED, "The panel's choice")

    outcomes = at_once(*[appoint(application) for application in applications])
    refused = raised(outcomes, ValidationError)
    assert len(raised(outcomes)) == 1, "a deadlock or other database error is a failure of the service"
    assert len(refused) == 1 and "has been filled" in refused[0].messages[0]
    vacancy.refresh_from_db()
    assert vacancy.state == VacancyState.APPOINTED
    states = sorted(type(a).objects.get(pk=a.pk).state for a in applications)
    assert states == sorted([S.APPOINTED, S.UNSUCCESSFUL])
    appointed = type(applications[0]).objects.get(vacancy=vacancy, state=S.APPOINTED)
    assert LeadershipRole.objects.get(pk=vacancy.role_id).holder_id == appointed.applicant_id

"""Panel members score applications against the cohort's criteria; the programme admin sees the scores
side by side."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy import workflow
from programmes.core import services
from programmes.core.models import Application, ApplicationScore, ApplicationState
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def under_review(cohort):
    return Application.objects.create(
        cohort=cohort, applicant=LeaderProfileFactory().user, state=S.UNDER_REVIEW, applied_problem="Discharge"
    )


def test_score_service_rules():
    cohort = CohortFactory()
    application = under_review(cohort)
    reviewer = make_person("reviewer")
    services.score_application(reviewer, application, 4, "Clear problem")
    services.score_application(reviewer, application, 5)
    assert ApplicationScore.objects.get().score == 5
    with pytest.raises(ValidationError):
        services.score_application(reviewer, application, 6)
    with pytest.raises(PermissionDenied):
        services.score_application(make_person("governance"), application, 3)
    with pytest.raises(PermissionDenied):
        services.score_application(UserFactory(), application, 3)
    services.transition(workflow.SYSTEM, application, S.OFFERED)
    services.transition(workflow.SYSTEM, application, S.ACCEPTED)
    with pytest.raises(ValidationError, match="under review"):
        services.score_application(reviewer, application, 3)


def test_panel_scores_then_admin_sees_them_side_by_side(client_as):
    cohort = CohortFactory(criteria="Holds a system role.")
    application = under_review(cohort)
    first, second = make_person("reviewer"), make_person("reviewer")
    client, _ = client_as("leader")
    client.force_login(first)
    listing = client.get(reverse("programmes:review")).content.decode()
    assert cohort.title in listing
    url = reverse("programmes:score", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Holds a system role." in page and "Discharge" in page
    empty = client.post(url, {})
    assert empty.status_code == 400 and "Select a score from 1 to 5" in empty.content.decode()
    client.post(url, {"score": 4, "comment": "Strong applied problem"})
    client.force_login(second)
    client.post(url, {"score": 2})
    admin = make_person("programme_admin")
    client.force_login(admin)
    manage = client.get(reverse("programmes:cohort_manage", args=[cohort.pk])).content.decode()
    assert f"{first.get_full_name()}: <strong>4</strong>" in manage
    assert f"{second.get_full_name()}: <strong>2</strong>" in manage
    assert "Mean: <strong>3.0</strong>" in manage


@pytest.mark.parametrize("count", [10, 200])
def test_review_pages_have_fixed_query_counts(client_as, django_assert_max_num_queries, count):
    cohort = CohortFactory()
    for _ in range(count):
        under_review(cohort)
    client, reviewer = client_as("reviewer")
    for application in Application.objects.all()[:5]:
        services.score_application(reviewer, application, 3)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("programmes:review")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("programmes:review_cohort", args=[cohort.pk])).status_code == 200

"""Queueing work while the broker (Redis) is down: requests answer promptly, and nothing is half done.

With Redis down, each publish used to wait about 20 s (the result backend's retries) and a bulk offer of
three hit gunicorn's timeout with two of three offered. Timings are not asserted here: the tests check
the configuration that bounds the wait, that a request publishes each task once, and that the work
stays recorded for the resend sweep.
"""

from unittest import mock

import pytest
from django.urls import reverse

from academy.celery import app as celery_app
from academy.notifications import services as notifications
from academy.notifications.models import Notification, NotificationStatus
from academy.notifications.tasks import deliver_notification
from programmes.core import services
from programmes.core.models import Application, ApplicationState, Cohort
from programmes.core.services import cohorts as cohort_services
from tests.academy.reports.test_report_jobs import build_test_roster  # noqa: F401  (registers the "tests.roster" report)
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory
from tests.programmes.core.test_core_services import under_review

S = ApplicationState
pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"


def use_broker(url: str) -> None:
    """Point Celery at ``url``, dropping the connection and producer pools made for the old one."""
    celery_app.conf.broker_url = url
    celery_app._pool = None  # kombu keeps a pool per URL: the old one is found again on the way back
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """Redis down: the broker and the result backend both refuse connections."""
    url, backend_url, backend = celery_app.conf.broker_url, celery_app.conf.result_backend, celery_app.backend
    use_broker(DEAD_REDIS)
    celery_app.conf.result_backend = DEAD_REDIS
    celery_app._backend = celery_app._get_backend()
    yield
    use_broker(url)
    celery_app.conf.result_backend = backend_url
    celery_app._backend = backend


def test_a_publish_tries_the_broker_once_with_short_timeouts_and_asks_for_no_result():
    conf = celery_app.conf
    assert conf.task_publish_retry_policy["max_retries"] == 0
    assert conf.task_ignore_result is True
    assert deliver_notification.ignore_result is not False
    assert conf.broker_transport_options["socket_connect_timeout"] <= 2
    assert conf.broker_connection_timeout <= 2
    assert conf.redis_socket_connect_timeout <= 2
    assert conf.result_backend_transport_options["retry_policy"]["max_retries"] <= 1
    # Worker and beat reconnect for as long as the outage lasts.
    assert conf.broker_connection_max_retries is None


def test_with_the_broker_down_an_email_is_published_once_and_waits_for_the_resend(
    broker_down, django_capture_on_commit_callbacks
):
    user = UserFactory()
    backend_calls = []
    with (
        mock.patch.object(type(celery_app.backend), "on_task_call", side_effect=lambda *a: backend_calls.append(a)),
        mock.patch.object(deliver_notification, "delay", wraps=deliver_notification.delay) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notifications.send_after_commit("outage:1", "profile_reminder", user.email, {"profile_path": "/"})
    delay.assert_called_once()
    assert backend_calls == [], "a fire-and-forget publish must not subscribe to the result backend"
    assert Notification.objects.get(key="outage:1").status == NotificationStatus.PENDING


def test_with_the_broker_down_a_report_request_answers_and_says_try_again(
    client, broker_down, django_capture_on_commit_callbacks
):
    from academy.reports import services as reports
    from academy.reports.models import JobStatus

    board = make_person("governance")
    with django_capture_on_commit_callbacks(execute=True):
        job = reports.start_report(board, "tests.roster")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Try again" in job.message


def test_a_bulk_offer_is_all_or_nothing():
    cohort = CohortFactory(capacity=5)
    applications = [under_review(cohort) for _ in range(3)]
    admin = make_person("programme_admin")
    real = services.transition
    calls = []

    def dies_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the worker was killed part way")  # e.g. gunicorn's timeout
        return real(*args, **kwargs)

    with mock.patch.object(cohort_services, "transition", side_effect=dies_on_the_third), pytest.raises(RuntimeError):
        services.decide_applications(admin, cohort, [a.pk for a in applications], "offer")
    assert set(Application.objects.filter(cohort=cohort).values_list("state", flat=True)) == {S.UNDER_REVIEW}
    assert Cohort.objects.get(pk=cohort.pk).places_held == 0
    assert not Notification.objects.filter(template="place_offered").exists()


def test_a_bulk_offer_page_answers_with_the_broker_down(client, broker_down, django_capture_on_commit_callbacks):
    cohort = CohortFactory(capacity=5)
    applications = [under_review(cohort) for _ in range(3)]
    admin = make_person("programme_admin")
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programmes:cohort_manage", args=[cohort.pk]),
            {"applications": [a.pk for a in applications], "decision": "offer"},
        )
    assert response.status_code == 302
    assert Application.objects.filter(cohort=cohort, state=S.OFFERED).count() == 3
    assert Notification.objects.filter(template="place_offered", status=NotificationStatus.PENDING).count() == 3


"""Questionnaire pages: building, scheduling, answering (bad and hostile input), withdrawing, and results
for a programme admin of another programme."""

import pytest
from django.urls import reverse

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from evaluation.surveys import services
from evaluation.surveys.models import Instrument, Response, Wave, WaveKind
from programmes.core.models import Programme
from tests.conftest import give_mfa, make_person
from tests.evaluation.surveys.helpers import answers_for, cohort_with_participants, live_version, open_wave

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def test_an_evaluator_builds_publishes_and_schedules_through_the_pages(client):
    client.force_login(make_person("evaluator"))
    response = client.post(reverse("evaluation_surveys:instrument_create"), {"name": "", "purpose": ""})
    assert response.status_code == 400 and "Enter the questionnaire" in response.content.decode()
    assert not Instrument.objects.filter(name="").exists()
    response = client.post(reverse("evaluation_surveys:instrument_create"), {"name": HOSTILE, "purpose": "Pulse"})
    version = Instrument.objects.get(name=HOSTILE).versions.get()
    assert response.status_code == 302
    add = reverse("evaluation_surveys:item_add", args=[version.pk])
    response = client.post(add, {"kind": "choice", "text": "Pick one", "options": "Only"})
    assert response.status_code == 400 and "at least 2" in response.content.decode()
    client.post(add, {"kind": "likert", "text": HOSTILE, "construct": HOSTILE})
    client.post(add, {"kind": "choice", "text": "How often?", "options": "Never\nWeekly"})
    page = client.get(reverse("evaluation_surveys:version", args=[version.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    first = version.items.order_by("position").first()
    client.post(reverse("evaluation_surveys:item_move", args=[first.pk, "down"]))
    assert version.items.order_by("position").first().text == "How often?"
    client.post(reverse("evaluation_surveys:publish", args=[version.pk]))
    version.refresh_from_db()
    assert version.state == "live"
    response = client.post(add, {"kind": "text", "text": "Too late"})
    assert response.status_code == 400 and version.items.count() == 2
    cohort, _ = cohort_with_participants(1)
    wave_form = reverse("evaluation_surveys:wave_create")
    assert client.get(wave_form).status_code == 200
    data = {
        "subject": f"cohort:{cohort.pk}", "kind": WaveKind.BEFORE, "audience": "participants", "version": version.pk,
        "opens_on_0": "1", "opens_on_1": "12", "opens_on_2": "2026", "closes_on_0": "1", "closes_on_1": "11",
        "closes_on_2": "2026",
    }
    response = client.post(wave_form, data)
    assert response.status_code == 400 and not Wave.objects.exists()
    data |= {"closes_on_1": "12", "closes_on_0": "20"}
    assert client.post(wave_form, data).status_code == 302
    assert Wave.objects.get().version == version


def test_a_leader_answers_sees_and_withdraws_their_answers(client):
    version = live_version()
    cohort, apps = cohort_with_participants(1)
    wave = open_wave(cohort, version)
    services.send_invitations_and_reminders()
    leader = apps[0].applicant
    client.force_login(leader)
    mine = client.get(reverse("evaluation_surveys:mine")).content.decode()
    invitation = wave.invitations.get()
    url = reverse("evaluation_surveys:respond", args=[invitation.pk])
    assert url in mine
    items = {item.kind: item for item in version.items.all()}
    response = client.post(url, {f"item_{items['text'].pk}": HOSTILE})
    assert response.status_code == 400 and not Response.objects.exists()
    assert "<script>alert(1)" not in response.content.decode()
    answers = {f"item_{pk}": value for pk, value in answers_for(version, text=HOSTILE).items()}
    response = client.post(url, answers | {"consent_to_quote": "on"})
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.consent_to_quote
    mine = client.get(reverse("evaluation_surveys:mine")).content.decode()
    assert "&lt;script&gt;" in mine and "<script>alert(1)" not in mine
    withdraw = reverse("evaluation_surveys:withdraw", args=[saved.pk])
    assert client.post(withdraw).status_code == 302
    assert not Response.objects.exists()


def test_results_pages_for_own_and_other_programme_admins(client):
    version = live_version()
    cohort, apps = cohort_with_participants(6)
    wave = open_wave(cohort, version)
    services.send_invitations_and_reminders()
    for app in apps:
        services.submit_response(app.applicant, wave.invitations.get(leader=app.applicant),
                                 answers_for(version, text=HOSTILE), consent_to_quote=True)
    url = reverse("evaluation_surveys:cohort_results", args=[cohort.pk])
    own = make_person("programme_admin")  # the walk's programme admin runs the curriculum
    client.force_login(own)
    page = client.get(url).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert(1)" not in page
    other = make_person("leader")
    grant_role(None, other, Role.PROGRAMME_ADMIN, programme=Programme.objects.exclude(slug="curriculum").first())
    give_mfa(other)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert cohort.title not in client.get(reverse("evaluation_surveys:results")).content.decode()
    client.force_login(make_person("executive"))
    assert client.get(url).status_code == 403


def test_the_results_page_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    version = live_version()
    client.force_login(make_person("evaluator"))
    for size in (5, 15):
        cohort, apps = cohort_with_participants(size)
        wave = open_wave(cohort, version)
        services.send_invitations_and_reminders()
        for app in apps:
            services.submit_response(app.applicant, wave.invitations.get(leader=app.applicant), answers_for(version))
        # session, user, roles, unread count, the four reads of the results
        with django_assert_max_num_queries(12):
            assert client.get(reverse("evaluation_surveys:cohort_results", args=[cohort.pk])).status_code == 200


def test_list_pages_read_in_a_fixed_number_of_queries(client):
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    evaluator = make_person("evaluator")
    counts = []
    for round_ in range(2):  # the second round doubles the questionnaires, cohorts, waves and invitations
        version = live_version(name=f"Budget {round_}")
        for _ in range(3):
            cohort, apps = cohort_with_participants(2)
            open_wave(cohort, version)
        services.send_invitations_and_reminders()
        seen = {}
        for person, name in [(evaluator, "instruments"), (evaluator, "waves"), (evaluator, "results"),
                             (apps[0].applicant, "mine")]:
            client.force_login(person)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(f"evaluation_surveys:{name}")).status_code == 200
            seen[name] = len(queries)
        counts.append(seen)
    assert counts[0] == counts[1]
    # session, user, roles, MFA, unread count and the like, then the page's own one to three reads
    assert max(counts[1].values()) <= 12, counts

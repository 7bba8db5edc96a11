"""My Academy's CPD record, alumni status, and the sections other apps register: the person's Challenge
Fund bids and their applications for leadership roles."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.recruitment import services as recruitment
from programmes.challenge_fund.models import Bid, BidState, CoApplicant, CoApplicantState
from programmes.core.models import Application, ApplicationState, Certificate
from programmes.core.my_academy import SECTIONS
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.programmes import CohortFactory

S = ApplicationState
pytestmark = pytest.mark.django_db
MY_ACADEMY = reverse("programmes:my_academy")


def completed(user, title="Core programme 2025", hours=36, code=None):
    today = timezone.localdate()
    cohort = CohortFactory(title=title, starts_on=today - timedelta(days=200), ends_on=today - timedelta(days=30),
                           applications_open=None, applications_close=None, cpd_hours=hours)
    application = Application.objects.create(cohort=cohort, applicant=user, state=S.COMPLETED)
    return Certificate.objects.create(application=application, code=code or f"code-{application.pk}", cpd_hours=hours)


def publish_vacancy(title="Frailty lead, ICS"):
    from academy import workflow

    return recruitment.publish_vacancy(
        workflow.SYSTEM, leadership_role(role_type(f"Rate for {title}"), title=title),
        about="Leads frailty.", how_to_apply="Write a statement.",
        closes_on=timezone.localdate() + timedelta(days=14), essential="Registered clinician", desirable="",
    )


def test_every_section_provider_is_registered():
    names = set(SECTIONS)
    assert "programmes.challenge_fund.my_academy.challenge_fund_bids" in names
    assert "governance.my_academy.vacancy_applications" in names


def test_my_academy_lists_own_bids_as_lead_and_co_applicant_only(client_as):
    client, user = client_as("leader")
    LeaderProfileFactory(user=user)
    BidFactory(lead=user, title="My frailty bid")
    theirs = BidFactory(title="Bid I help with")
    CoApplicant.objects.create(bid=theirs, user=user, state=CoApplicantState.ACCEPTED)
    BidFactory(title="Someone else's bid")
    Bid.objects.filter(title="My frailty bid").update(state=BidState.SUBMITTED, submitted_at=timezone.now())
    html = client.get(MY_ACADEMY).content.decode()
    section = html.split("Your Challenge Fund bids")[1]
    assert "My frailty bid" in section and "Bid I help with" in section and "You are a co-applicant" in section
    assert "Someone else&#x27;s bid" not in html
    assert reverse("challenge_fund:own_bids") in section


def test_my_academy_lists_own_vacancy_applications(client_as):
    client, user = client_as("leader")
    LeaderProfileFactory(user=user)
    recruitment.apply(user, publish_vacancy("<b>Frailty</b> lead"), "I lead the frailty network.")
    recruitment.apply(LeaderProfileFactory().user, publish_vacancy("Other role"), "Not mine.")
    html = client.get(MY_ACADEMY).content.decode()
    section = html.split("Your applications for leadership roles")[1]
    assert "&lt;b&gt;Frailty&lt;/b&gt; lead" in section and "<b>Frailty</b>" not in html
    assert "Other role" not in html


def test_no_bids_or_vacancy_applications_no_sections(client_as):
    client, _ = client_as("leader")
    html = client.get(MY_ACADEMY).content.decode()
    assert "Your Challenge Fund bids" not in html and "Your applications for leadership roles" not in html
    assert "Not yet: you become alumni" in html and "0 hours" in html
    assert reverse("programmes:cpd_record_pdf") not in html


def test_cpd_hours_in_total_and_alumni_status(client_as):
    client, user = client_as("leader")
    completed(user, "Core programme 2025", 36)
    completed(user, "Quality improvement workshop", 3.5)
    completed(UserFactory(), "Not mine", 100)
    html = client.get(MY_ACADEMY).content.decode()
    assert "39.5 hours, from 2 certificates" in html
    assert "Alumni of the Systems leadership development curriculum (Core programme 2025" in html
    assert "Not mine" not in html
    assert reverse("programmes:cpd_record_pdf") in html and reverse("programmes:cpd_record_csv") in html


def test_my_academy_query_count_does_not_grow(client_as, django_assert_max_num_queries):
    client, user = client_as("leader")
    LeaderProfileFactory(user=user)
    counts = []
    for n in range(3):
        completed(user, f"Cohort {n}")
        BidFactory(lead=user)
        recruitment.apply(user, publish_vacancy(f"Role {n}"), "Statement")
        # 16, the C&CPLG attendance section, the innovations proposed section, the network's quarterly
        # survey section (one query: answered this quarter or not) and the header's unread notifications count.
        with django_assert_max_num_queries(20) as captured:
            assert client.get(MY_ACADEMY).status_code == 200
        counts.append(len(captured))
    assert counts[1] == counts[2], counts  # the first request also reads the session's first use


def test_cpd_record_csv_neutralises_formulas(client_as):
    client, user = client_as("leader")
    completed(user, "=cmd|' /C calc'!A0", 6)
    response = client.get(reverse("programmes:cpd_record_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="academy-cpd-record.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Programme", "Cohort", "Started", "Finished", "CPD hours"]
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[-1][0] == "Total" and rows[-1][4] == "6"


def test_cpd_record_pdf(client_as):
    client, user = client_as("leader")
    completed(user, "Core programme 2025", 36)
    response = client.get(reverse("programmes:cpd_record_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="academy-cpd-record.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_cpd_record_is_the_persons_own(client_as):
    other = UserFactory()
    completed(other, "Their cohort", 12)
    client, _ = client_as("superuser")  # privacy binds superusers too
    response = client.get(reverse("programmes:cpd_record_csv"))
    assert "Their cohort" not in response.content.decode("utf-8-sig")
    client.logout()
    assert client.get(reverse("programmes:cpd_record_pdf")).status_code == 302

"""Funded projects: milestones, payments, progress and final reports with spend, overdue reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification
from programmes.challenge_fund import selectors, services
from programmes.challenge_fund.models import BidState, Milestone, Outcome, ProgressReport, ReportKind
from programmes.challenge_fund.tasks import chase_overdue_reports
from tests.factories.challenge_fund import BidFactory, RoundFactory, complete
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def funded_bid(awarded=Decimal("20000")):
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=90), closes_at=now - dt.timedelta(days=60))
    # Made in its decided state (a row may start in any state; only a change goes through the workflow).
    return complete(
        BidFactory(round=round_, state=BidState.DETERMINED, outcome=Outcome.FUNDED, awarded_amount=awarded),
        Decimal("20000"),
    )


def started(fund_admin, due_in_days=(30, 90)):
    bid = funded_bid()
    today = timezone.localdate()
    for number, days in enumerate(due_in_days, start=1):
        services.add_milestone(fund_admin, bid, title=f"Milestone {number}",
                               due_date=today + dt.timedelta(days=days), payment_amount=Decimal("5000"))
    return services.start_project(fund_admin, bid)


def report(bid, kind=ReportKind.PROGRESS, milestone=None, spend=None, actor=None):
    lines = list(bid.budget_lines.all())
    return services.submit_report(
        actor or bid.lead, bid, kind=kind, milestone=milestone, done="Pilot running", outcomes="Fewer admissions",
        learning="Start engagement early", risks="Staff turnover",
        spend=spend if spend is not None else {line.pk: Decimal("1000") for line in lines},
    )


def test_payments_never_add_up_to_more_than_the_award(fund_admin):
    bid = funded_bid(Decimal("10000"))
    services.add_milestone(fund_admin, bid, title="One", due_date=timezone.localdate(), payment_amount=Decimal("6000"))
    with pytest.raises(ValidationError, match="£4,000 is left to plan"):
        services.add_milestone(fund_admin, bid, title="Two", due_date=timezone.localdate(),
                               payment_amount=Decimal("6000"))
    assert bid.milestones.count() == 1


def test_a_project_starts_with_milestones_only(fund_admin, other_admin):
    bid = funded_bid()
    with pytest.raises(ValidationError, match="at least one milestone"):
        services.start_project(fund_admin, bid)
    with pytest.raises(PermissionDenied):
        services.add_milestone(other_admin, bid, title="x", due_date=timezone.localdate(), payment_amount=0)
    bid = started(fund_admin)
    assert bid.state == BidState.ACTIVE


def test_progress_report_then_payment_then_final_report_closes(fund_admin):
    bid = started(fund_admin)
    first = bid.milestones.first()
    with pytest.raises(ValidationError, match="report is in"):
        services.release_payment(fund_admin, first)
    report(bid, milestone=first)
    with pytest.raises(ValidationError, match="has a report already"):
        report(bid, milestone=first)
    assert services.release_payment(fund_admin, first).paid_at is not None
    report(bid, kind=ReportKind.FINAL)
    bid.refresh_from_db()
    assert bid.state == BidState.CLOSED
    assert bid.applicant_state == "Funded: project closed"


def test_bad_spend_is_refused_and_nothing_saved(fund_admin):
    bid = started(fund_admin)
    line = bid.budget_lines.first()
    with pytest.raises(ValidationError, match="more than the £20,000 awarded"):
        report(bid, milestone=bid.milestones.first(), spend={line.pk: Decimal("25000")})
    with pytest.raises(ValidationError, match="cannot be negative"):
        report(bid, milestone=bid.milestones.first(), spend={line.pk: Decimal("-1")})
    assert not ProgressReport.objects.exists()


def test_only_the_project_team_reports(fund_admin):
    bid = started(fund_admin)
    with pytest.raises(PermissionDenied):
        report(bid, milestone=bid.milestones.first(), actor=LeaderProfileFactory().user)


def test_overdue_reports_are_chased_once_and_the_project_marked(fund_admin, django_capture_on_commit_callbacks):
    bid = started(fund_admin, due_in_days=(-3, 60))
    with django_capture_on_commit_callbacks(execute=False):
        assert chase_overdue_reports() == 1
        assert chase_overdue_reports() == 0  # beat firing twice sends nothing twice
    bid.refresh_from_db()
    assert bid.state == BidState.OVERDUE and bid.applicant_state == "Funded: progress report overdue"
    assert Notification.objects.filter(template="cf_report_overdue", to_email=bid.lead.email).count() == 1
    report(bid, milestone=bid.milestones.first())
    bid.refresh_from_db()
    assert bid.state == BidState.ACTIVE


def test_the_reports_through_the_pages(client, fund_admin):
    bid = started(fund_admin)
    client.force_login(bid.lead)
    page = client.get(reverse("challenge_fund:bid", args=[bid.pk])).content.decode()
    assert "Submit a progress report" in page
    url = reverse("challenge_fund:report", args=[bid.pk, "progress"])
    response = client.post(url, {"done": "x"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choose the milestone you are reporting on" in content and "Enter the outcomes so far" in content
    data = {"milestone": bid.milestones.first().pk, "done": "Pilot", "outcomes": "o", "learning": "l", "risks": "r"}
    data.update({f"spend_{line.pk}": "100" for line in bid.budget_lines.all()})
    assert client.post(url, data).status_code == 302
    assert ProgressReport.objects.filter(bid=bid).count() == 1
    assert client.get(reverse("challenge_fund:report", args=[bid.pk, "nonsense"])).status_code == 404


def test_admin_project_pages(client, fund_admin):
    bid = funded_bid()
    client.force_login(fund_admin)
    url = reverse("challenge_fund:project_admin", args=[bid.pk])
    response = client.post(url, {"title": "Pilot", "due_date": "2027-02-01", "payment_amount": "30000"})
    assert response.status_code == 400 and "cannot add up to more than" in response.content.decode()
    client.post(url, {"title": "Pilot", "due_date": "2027-02-01", "payment_amount": "5000"})
    client.post(reverse("challenge_fund:project_start", args=[bid.pk]))
    bid.refresh_from_db()
    assert bid.state == BidState.ACTIVE and Milestone.objects.filter(bid=bid).count() == 1


def test_portfolio_query_budget(client, fund_admin, django_assert_max_num_queries):
    client.force_login(fund_admin)
    started(fund_admin)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("challenge_fund:portfolio"))
    for _ in range(10):
        bid = started(fund_admin)
        report(bid, milestone=bid.milestones.first())
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("challenge_fund:portfolio")).content.decode()
    assert "£2,000" in page  # the latest report's spend to date: £1,000 on each of two budget lines


def test_portfolio_shows_the_latest_spend_and_payments(fund_admin):
    bid = started(fund_admin)
    first, second = bid.milestones.all()
    line = bid.budget_lines.first()
    report(bid, milestone=first, spend={line.pk: Decimal("1500")})
    services.release_payment(fund_admin, first)
    report(bid, milestone=second, spend={line.pk: Decimal("4200")})
    row = next(p for p in selectors.portfolio() if p.pk == bid.pk)
    assert (row.spent, row.paid, row.next_due) == (Decimal("4200"), Decimal("5000"), None)


def test_portfolio_pages_fifty_projects_at_a_time(client, fund_admin, django_assert_max_num_queries):
    from academy.accounts.models import User
    from programmes.challenge_fund.models import Bid

    round_ = RoundFactory()
    organisation = LeaderProfileFactory().organisation
    leads = User.objects.bulk_create(User(email=f"project{n}@example.nhs.uk") for n in range(55))
    Bid.objects.bulk_create(
        Bid(round=round_, lead=leads[n], lead_organisation=organisation, title=f"Project {n:02d}",
            state=BidState.ACTIVE, outcome=Outcome.FUNDED, amount_requested=Decimal("1000"),
            awarded_amount=Decimal("1000"))
        for n in range(55)
    )
    client.force_login(fund_admin)
    with django_assert_max_num_queries(12) as first_page:
        first = client.get(reverse("challenge_fund:portfolio")).content.decode()
    assert "Project 00" in first and "Project 49" in first and "Project 50" not in first
    with django_assert_max_num_queries(len(first_page.captured_queries)):
        second = client.get(reverse("challenge_fund:portfolio"), {"page": 2}).content.decode()
    assert "Project 50" in second and "Project 54" in second and "Project 49" not in second

"""Tie sources: the programme selectors read real participation in one query each."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from academy.directory import attributes
from academy.directory.models import Borough, OrganisationType
from programmes.challenge_fund.models import BidState, CoApplicant, CoApplicantState
from programmes.challenge_fund.selectors import ties as fund_ties
from programmes.core.models import LearningGroup, LearningGroupMember
from programmes.core.selectors import ties as core_ties
from tests.factories.challenge_fund import BidFactory, RoundFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.programmes import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 4, 1), date(2026, 6, 30)


def cohort_with(states, starts_on=date(2026, 3, 1), ends_on=date(2026, 7, 31)):
    cohort = CohortFactory(starts_on=starts_on, ends_on=ends_on)
    expires = timezone.now() + timedelta(days=7)
    return cohort, [
        ApplicationFactory(cohort=cohort, state=state, offer_expires_at=expires if state == "offered" else None)
        for state in states
    ]


def test_cohort_ties_join_everyone_who_held_a_place(django_assert_num_queries):
    cohort, apps = cohort_with(["accepted", "completed", "suspended", "offered", "withdrawn"])
    cohort_with(["accepted", "accepted"], starts_on=date(2026, 8, 1), ends_on=date(2026, 12, 1))  # after the period
    with django_assert_num_queries(1):
        ties = list(core_ties.cohort_ties(START, END))
    people = sorted(a.applicant_id for a in apps[:3])
    assert sorted(ties) == [
        (people[0], people[1], "cohort", cohort.starts_on),
        (people[0], people[2], "cohort", cohort.starts_on),
        (people[1], people[2], "cohort", cohort.starts_on),
    ]


def test_learning_group_ties_are_dated_when_the_group_was_made(django_assert_num_queries):
    cohort, apps = cohort_with(["accepted", "accepted", "accepted", "withdrawn"], ends_on=date(2027, 3, 31))
    group = LearningGroup.objects.create(cohort=cohort, kind="quad", number=1)
    for application in apps:
        LearningGroupMember.objects.create(group=group, application=application)
    made = timezone.localdate()
    later = LearningGroup.objects.create(cohort=cohort, kind="action_learning_set", number=2)
    with django_assert_num_queries(1):
        ties = list(core_ties.learning_group_ties(START, END))
    # The group was made today, after the period: no ties then; in a period covering today, three (the
    # withdrawn member has none, nor has the empty group).
    assert later
    assert ties == []
    today_ties = list(core_ties.learning_group_ties(made - timedelta(days=1), made))
    assert len(today_ties) == 3 and {t[2] for t in today_ties} == {"quad"}
    assert all(t[3] == max(cohort.starts_on, made) for t in today_ties)


def test_coapplicant_ties_join_the_lead_and_accepted_coapplicants(django_assert_num_queries):
    bid = BidFactory(round=RoundFactory(), state=BidState.SUBMITTED)
    first, second, declined = (LeaderProfileFactory().user for _ in range(3))
    now = timezone.now()
    for user, state in ((first, CoApplicantState.ACCEPTED), (second, CoApplicantState.ACCEPTED),
                        (declined, CoApplicantState.DECLINED)):
        CoApplicant.objects.create(bid=bid, user=user, email=user.email, state=state, answered_at=now)
    today = timezone.localdate()
    with django_assert_num_queries(1):
        ties = list(fund_ties.coapplicant_ties(today - timedelta(days=1), today + timedelta(days=1)))
    pairs = {(a, b) for a, b, kind, _ in ties}
    assert {kind for _, _, kind, _ in ties} == {"coapplicant"}
    expected = ((bid.lead_id, first.pk), (bid.lead_id, second.pk), (first.pk, second.pk))
    assert pairs == {tuple(sorted(p)) for p in expected}
    # Before anyone accepted, there was no tie.
    assert list(fund_ties.coapplicant_ties(today - timedelta(days=30), today - timedelta(days=2))) == []


def test_attributes_in_one_query(django_assert_num_queries):
    borough = Borough.objects.order_by("name").last()
    vcse = OrganisationFactory(name="Lewisham Carers Network", org_type=OrganisationType.VCSE, borough=borough)
    with_borough = LeaderProfileFactory(organisation=vcse, borough=None)
    trust = OrganisationFactory(name="Test Trust", org_type=OrganisationType.ACUTE_TRUST, borough=None)
    sel_wide = LeaderProfileFactory(organisation=trust, borough=None)
    with django_assert_num_queries(1):
        found = attributes.network_attributes([with_borough.user_id, sel_wide.user_id, 999999])
    assert found[with_borough.user_id].sector == "vcse"
    assert found[with_borough.user_id].place == borough.pk  # the organisation's borough
    assert found[sel_wide.user_id].place == attributes.SEL_WIDE
    assert found[sel_wide.user_id].sector == "nhs"
    assert 999999 not in found

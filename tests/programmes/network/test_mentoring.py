"""Mentoring (issue 13): offering, asking, the admins' matching (hard rules, pins, exclusions, the random
baseline), publishing under the mentor's cap (also at the same moment), the agreement, the no-fault end,
the ties the evaluation app reads, and the personal data registries."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from academy import workflow
from academy.directory.models import PriorityFunction
from evaluation.network.sources import TIE_SOURCES
from programmes.core import matching
from programmes.network import mentoring, selectors
from programmes.network import mentoring_services as services
from programmes.network.models import MentoringPair, MentoringRequest, MentorOffer, PairState
from tests.concurrency import at_once, raised
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import MembershipFactory

pytestmark = pytest.mark.django_db


def leader(**profile):
    return LeaderProfileFactory(**profile).user


def member(**profile):
    person = leader(**profile)
    MembershipFactory(person=person)
    return person


def topics(n=2):
    return list(PriorityFunction.objects.order_by("pk")[:n])


# --- offering and asking --------------------------------------------------------------------------------


def test_any_signed_in_leader_can_offer_once():
    mentor = leader()
    offer = services.offer_to_mentor(mentor, capacity=2, topics=topics(), format="online", experience="ICS lead")
    assert offer.topics.count() == 2
    with pytest.raises(ValidationError, match="already offered"):
        services.offer_to_mentor(mentor, capacity=1, topics=[], format="online")
    services.withdraw_offer(mentor, offer)
    services.offer_to_mentor(mentor, capacity=1, topics=[], format="either")
    assert MentorOffer.objects.filter(mentor=mentor).count() == 2


@pytest.mark.parametrize("capacity", [0, 7, -1])
def test_capacity_out_of_range_is_refused_and_nothing_saved(capacity):
    with pytest.raises(ValidationError, match="between 1 and 6"):
        services.offer_to_mentor(leader(), capacity=capacity, topics=[], format="online")
    assert not MentorOffer.objects.exists()


def test_unknown_format_is_refused():
    with pytest.raises(ValidationError):
        services.offer_to_mentor(leader(), capacity=1, topics=[], format="<script>")
    assert not MentorOffer.objects.exists()


def test_only_members_ask_for_a_mentor_once():
    with pytest.raises(ValidationError, match="join the network"):
        services.ask_for_mentor(leader(), topics=[], format="either")
    mentee = member()
    services.ask_for_mentor(mentee, topics=topics(1), format="either", hopes="<b>=cmd|' /C calc'!A0</b>")
    with pytest.raises(ValidationError, match="already asked"):
        services.ask_for_mentor(mentee, topics=[], format="either")
    assert MentoringRequest.objects.get().hopes == "<b>=cmd|' /C calc'!A0</b>"


def test_anonymous_cannot_offer_or_ask():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.offer_to_mentor(AnonymousUser(), capacity=1, topics=[], format="online")
    with pytest.raises(PermissionDenied):
        services.ask_for_mentor(AnonymousUser(), topics=[], format="online")


def test_only_the_owner_withdraws():
    offer = services.offer_to_mentor(leader(), capacity=1, topics=[], format="online")
    with pytest.raises(PermissionDenied):
        services.withdraw_offer(leader(), offer)


# --- the matching ---------------------------------------------------------------------------------------


def test_only_network_admins_draft_and_publish(other_admin):
    with pytest.raises(PermissionDenied):
        services.draft_matching(other_admin)
    with pytest.raises(PermissionDenied):
        services.publish(leader(), [(1, 1)])
    with pytest.raises(TypeError):
        services.draft_matching(None)


def test_draft_crosses_boundaries_and_never_pairs_line_management(network_admin):
    home = OrganisationFactory()
    boss = leader(organisation=home)
    report = member(organisation=OrganisationFactory(), line_manager_email=boss.email)
    outsider = leader(organisation=OrganisationFactory())
    same_org = leader(organisation=report.profile.organisation)
    boss_offer = services.offer_to_mentor(boss, capacity=3, topics=topics(), format="either")
    outsider_offer = services.offer_to_mentor(outsider, capacity=1, topics=topics(), format="online")
    same_offer = services.offer_to_mentor(same_org, capacity=1, topics=topics(), format="either")
    request = services.ask_for_mentor(report, topics=topics(), format="either")

    draft = services.draft_matching(network_admin)
    assert (request.pk, boss_offer.pk) in draft.problem.forbidden
    assert draft.proposed.pairs == ((request.pk, outsider_offer.pk),)
    assert matching.violations(draft.problem, draft.proposed) == []
    assert matching.violations(draft.problem, draft.random) == []
    assert draft.proposed_figures.mean_boundaries >= draft.random_figures.mean_boundaries

    # Excluding the best pair and pinning another: the admin's choices hold.
    draft = services.draft_matching(network_admin, excluded=[(request.pk, outsider_offer.pk)])
    assert draft.proposed.pairs == ((request.pk, same_offer.pk),)
    draft = services.draft_matching(network_admin, pinned=[(request.pk, same_offer.pk)])
    assert draft.proposed.pairs == ((request.pk, same_offer.pk),)
    with pytest.raises(ValidationError, match="not allowed"):
        services.draft_matching(network_admin, pinned=[(request.pk, boss_offer.pk)])


def test_publish_makes_proposed_pairs_and_refuses_line_management(network_admin):
    boss = leader()
    report = member(line_manager_email=boss.email)
    offer = services.offer_to_mentor(boss, capacity=2, topics=[], format="either")
    request = services.ask_for_mentor(report, topics=[], format="either")
    with pytest.raises(ValidationError, match="line manages"):
        services.publish(network_admin, [(request.pk, offer.pk)])
    other = services.offer_to_mentor(leader(), capacity=1, topics=[], format="either")
    (pair,) = services.publish(network_admin, [(request.pk, other.pk)])
    assert pair.state == PairState.PROPOSED
    assert pair.transitions.get().to_state == PairState.PROPOSED
    with pytest.raises(ValidationError, match="already has a mentor"):
        services.publish(network_admin, [(request.pk, other.pk)])
    # The matched request is not offered again, and the full offer has no room.
    draft = services.draft_matching(network_admin)
    assert request.pk not in draft.problem.people


def test_publish_never_exceeds_the_cap(network_admin):
    offer = services.offer_to_mentor(leader(), capacity=1, topics=[], format="either")
    one = services.ask_for_mentor(member(), topics=[], format="either")
    two = services.ask_for_mentor(member(), topics=[], format="either")
    with pytest.raises(ValidationError, match="no room left"):
        services.publish(network_admin, [(one.pk, offer.pk), (two.pk, offer.pk)])
    assert not MentoringPair.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_publishing_at_the_same_moment_never_exceeds_the_cap():
    offer = services.offer_to_mentor(leader(), capacity=2, topics=[], format="either")
    requests = [services.ask_for_mentor(member(), topics=[], format="either") for _ in range(6)]
    outcomes = at_once(*[lambda r=r: services.publish(workflow.SYSTEM, [(r.pk, offer.pk)]) for r in requests])
    assert len(raised(outcomes, ValidationError)) == 4
    assert len(raised(outcomes)) == 4
    assert MentoringPair.objects.filter(offer=offer).count() == 2


# --- property test: no hard rule broken ------------------------------------------------------------------


@st.composite
def sides(draw):
    n_mentees = draw(st.integers(0, 7))
    n_mentors = draw(st.integers(0, 5))
    person = st.integers(1, 8)  # small ids so the same person turns up on both sides
    emails = st.sampled_from(["", "a@x.test", "b@x.test", "c@x.test"])
    fmt = st.sampled_from(["either", "online", "in_person"])
    small = st.one_of(st.none(), st.integers(1, 3))

    def side(key, capacity):
        return mentoring.Side(
            key=key, person_id=draw(person), email=draw(emails), line_manager_email=draw(emails),
            organisation_id=draw(small), profession_id=draw(small), borough_id=draw(small),
            topics=frozenset(draw(st.sets(st.integers(1, 10), max_size=3))), format=draw(fmt),
            capacity=capacity,
        )

    mentees = [side(100 + i, 1) for i in range(n_mentees)]
    mentors = [side(200 + i, draw(st.integers(0, 3))) for i in range(n_mentors)]
    return mentees, mentors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sides(), st.integers(0, 5))
def test_no_matching_breaks_a_hard_rule(drawn, seed):
    mentees, mentors = drawn
    problem = mentoring.build(mentees, mentors)
    by_mentee = {m.key: m for m in mentees}
    by_mentor = {m.key: m for m in mentors}
    for result in (matching.solve(problem), matching.random_matching(problem, seed=seed)):
        assert matching.violations(problem, result) == []
        for a, b in result.pairs:
            mentee, mentor = by_mentee[a], by_mentor[b]
            assert mentee.person_id != mentor.person_id
            assert not mentoring.line_managed(mentee, mentor)
        for mentor in mentors:
            assert sum(1 for _a, b in result.pairs if b == mentor.key) <= mentor.capacity


# --- the pair -------------------------------------------------------------------------------------------


def _pair(network_admin):
    mentor, mentee = leader(), member()
    offer = services.offer_to_mentor(mentor, capacity=1, topics=[], format="either")
    request = services.ask_for_mentor(mentee, topics=[], format="either")
    (pair,) = services.publish(network_admin, [(request.pk, offer.pk)])
    return pair


def test_the_pair_starts_when_both_agree_the_same_terms(network_admin):
    pair = _pair(network_admin)
    ends = timezone.localdate() + dt.timedelta(days=180)
    with pytest.raises(PermissionDenied):
        services.agree(leader(), pair, goals="g", frequency="f", confidentiality="c", ends_on=ends)
    with pytest.raises(PermissionDenied):
        services.agree(network_admin, pair, goals="g", frequency="f", confidentiality="c", ends_on=ends)
    with pytest.raises(ValidationError) as caught:
        services.agree(pair.mentee, pair, goals=" ", frequency="", confidentiality="", ends_on=timezone.localdate())
    assert set(caught.value.message_dict) == {"goals", "frequency", "confidentiality", "ends_on"}
    pair.refresh_from_db()
    assert pair.state == PairState.PROPOSED and pair.goals == ""
    terms = {"goals": "Lead across the ICS", "frequency": "Monthly", "confidentiality": "Everything we say",
             "ends_on": ends}
    services.agree(pair.mentee, pair, **terms)
    pair.refresh_from_db()
    assert pair.state == PairState.PROPOSED and pair.mentee_agreed_at and pair.started_at is None
    # The mentor changes the terms: the mentee is asked again, and nothing starts.
    services.agree(pair.mentor, pair, **(terms | {"frequency": "Every two weeks"}))
    pair.refresh_from_db()
    assert pair.state == PairState.PROPOSED and pair.mentor_agreed_at and pair.mentee_agreed_at is None
    services.agree(pair.mentee, pair, **(terms | {"frequency": "Every two weeks"}))
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE and pair.started_at is not None and pair.frequency == "Every two weeks"
    with pytest.raises(ValidationError, match="already started"):
        services.agree(pair.mentor, pair, **terms)


def test_either_side_ends_without_a_reason(network_admin):
    pair = _pair(network_admin)
    with pytest.raises(PermissionDenied):
        services.end_pair(leader(), pair)
    services.end_pair(pair.mentor, pair)
    pair.refresh_from_db()
    assert pair.state == PairState.ENDED and pair.ended_at is not None
    with pytest.raises(ValidationError, match="already ended"):
        services.end_pair(pair.mentee, pair)
    # The place is free again: the mentor's offer has room for the next round.
    request = services.ask_for_mentor(member(), topics=[], format="either")
    services.publish(network_admin, [(request.pk, pair.offer_id)])


def test_ties_only_for_pairs_that_started(network_admin, django_assert_num_queries):
    proposed = _pair(network_admin)
    started = _pair(network_admin)
    for side in (started.mentor, started.mentee):
        services.agree(side, started, goals="g", frequency="f", confidentiality="c",
                       ends_on=timezone.localdate() + dt.timedelta(days=90))
    today = timezone.localdate()
    with django_assert_num_queries(1):
        ties = list(selectors.mentoring_pair_ties(today - dt.timedelta(days=30), today))
    a, b = sorted((started.mentor_id, started.mentee_id))
    assert ties == [(a, b, selectors.MENTORING_PAIR, today)]
    assert proposed.mentor_id not in {t[0] for t in ties} | {t[1] for t in ties}
    assert list(selectors.mentoring_pair_ties(today + dt.timedelta(days=1), today + dt.timedelta(days=2))) == ties
    assert list(selectors.mentoring_pair_ties(today - dt.timedelta(days=9), today - dt.timedelta(days=1))) == []
    assert selectors.mentoring_pair_ties in TIE_SOURCES


def test_erasure_and_export_cover_mentoring(network_admin):
    from academy.privacy import erasure
    from academy.privacy.personal_data import PersonalExport, exporters

    pair = _pair(network_admin)
    out = PersonalExport()
    next(e for e in exporters() if e.name == "network").export(pair.mentee, out)
    assert [row["id"] for row in out.tables["mentoring_pairs"]] == [pair.pk]
    assert len(out.tables["mentoring_requests"]) == 1
    erasure.close_account(pair.mentee)
    assert not MentoringPair.objects.exists()
    assert not MentoringRequest.objects.exists()
    assert MentorOffer.objects.count() == 1

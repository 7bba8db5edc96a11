"""Mentoring's pages (issue 13): offering and asking through the forms, a pair's agreement, check-ins that
open only when due and invite once, the no-fault end with its email, and the admins' counts, draft
matching (pins, exclusions, random comparison) and publishing."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.directory.models import PriorityFunction
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.network import mentoring_services as services
from programmes.network.models import (
    MentoringCheckIn,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    PairState,
)
from tests.concurrency import at_once, raised
from tests.conftest import give_mfa
from tests.factories.directory import LeaderProfileFactory
from tests.factories.network import MembershipFactory

pytestmark = pytest.mark.django_db


def leader(**profile):
    return LeaderProfileFactory(**profile).user


def member(**profile):
    person = leader(**profile)
    MembershipFactory(person=person)
    return person


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def make_pair(mentor=None, mentee=None):
    mentor = mentor or leader()
    offer = MentorOffer.objects.filter(mentor=mentor, withdrawn_at__isnull=True).first() or services.offer_to_mentor(
        mentor, capacity=2, topics=[], format="either")
    request = services.ask_for_mentor(mentee or member(), topics=[], format="either")
    (pair,) = services.publish(workflow.SYSTEM, [(request.pk, offer.pk)])
    return pair


def started(pair, months_ago=0, days=0):
    for side in (pair.mentor, pair.mentee):
        services.agree(side, pair, goals="Lead across the ICS", frequency="Monthly",
                       confidentiality="All of it", ends_on=timezone.localdate() + dt.timedelta(days=200))
    when = timezone.now() - relativedelta(months=months_ago, days=days)
    MentoringPair.objects.filter(pk=pair.pk).update(started_at=when)
    pair.refresh_from_db()
    return pair


# --- leaders ---------------------------------------------------------------------------------------------


def test_offer_through_the_page_then_change_and_withdraw_it(client):
    mentor = leader()
    client.force_login(mentor)
    topics = list(PriorityFunction.objects.order_by("number").values_list("pk", flat=True)[:2])
    response = client.post(reverse("network:mentoring_offer"),
                           {"capacity": "2", "topics": topics, "format": "online", "experience": "ICS lead"})
    assert response.status_code == 302
    offer = MentorOffer.objects.get(mentor=mentor)
    assert offer.capacity == 2 and offer.topics.count() == 2
    page = client.get(reverse("network:mentoring_offer")).content.decode()
    assert "Change your offer to mentor" in page
    client.post(reverse("network:mentoring_offer"), {"capacity": "3", "topics": [], "format": "either"})
    offer.refresh_from_db()
    assert offer.capacity == 3 and offer.topics.count() == 0
    response = client.post(reverse("network:mentoring_offer_withdraw", args=[offer.pk]))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.withdrawn_at is not None


@pytest.mark.parametrize("capacity", ["0", "7", "", "two"])
def test_bad_offer_shows_the_error_summary_and_saves_nothing(client, capacity):
    client.force_login(leader())
    response = client.post(reverse("network:mentoring_offer"), {"capacity": capacity, "format": "nonsense"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "nhsuk-error-summary" in page and "Choose in person, online, or either" in page
    assert not MentorOffer.objects.exists()


def test_capacity_cannot_drop_below_the_mentees_already_matched(client):
    pair = make_pair()
    make_pair(mentor=pair.mentor)
    client.force_login(pair.mentor)
    response = client.post(reverse("network:mentoring_offer"), {"capacity": "1", "format": "either"})
    assert response.status_code == 400 and "You already mentor 2" in response.content.decode()
    assert MentorOffer.objects.get(mentor=pair.mentor).capacity == 2


def test_only_members_ask_for_a_mentor_through_the_page(client):
    outsider = leader()
    client.force_login(outsider)
    assert "Join the network" in client.get(reverse("network:mentoring")).content.decode()
    response = client.post(reverse("network:mentoring_request"), {"format": "either"})
    assert response.status_code == 400 and "join the network first" in response.content.decode()
    assert not MentoringRequest.objects.exists()
    mentee = member()
    client.force_login(mentee)
    response = client.post(reverse("network:mentoring_request"),
                           {"format": "online", "hopes": "<script>alert(1)</script>"})
    assert response.status_code == 302
    page = client.get(reverse("network:mentoring")).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert(1)" not in page
    request = MentoringRequest.objects.get(mentee=mentee)
    client.post(reverse("network:mentoring_request_withdraw", args=[request.pk]))
    request.refresh_from_db()
    assert request.withdrawn_at is not None


def test_agreement_through_the_pair_page(client):
    pair = make_pair()
    client.force_login(pair.mentee)
    url = reverse("network:mentoring_pair", args=[pair.pk])
    bad = client.post(url, {"goals": "", "frequency": "", "confidentiality": "",
                            **date_fields("ends_on", timezone.localdate())})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "nhsuk-error-summary" in page and "Say what the mentoring is for" in page
    pair.refresh_from_db()
    assert pair.state == PairState.PROPOSED and pair.goals == ""
    ends = timezone.localdate() + dt.timedelta(days=180)
    good = client.post(url, {"goals": "Board papers", "frequency": "Monthly", "confidentiality": "Everything",
                             **date_fields("ends_on", ends)})
    assert good.status_code == 302
    pair.refresh_from_db()
    assert pair.state == PairState.PROPOSED and pair.mentee_agreed_at and pair.ends_on == ends
    client.force_login(pair.mentor)
    page = client.get(url).content.decode()
    assert "Board papers" in page and "has agreed these terms" in page
    agreed = client.post(url, {"goals": "Board papers", "frequency": "Monthly", "confidentiality": "Everything",
                               **date_fields("ends_on", ends)})
    assert agreed.status_code == 302
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE


def test_nobody_else_sees_a_pair_not_even_a_superuser_or_the_networks_admin(client, network_admin, admin_user):
    pair = started(make_pair())
    give_mfa(admin_user)
    for person in (leader(), network_admin, admin_user):
        client.force_login(person)
        assert client.get(reverse("network:mentoring_pair", args=[pair.pk])).status_code == 404
        assert client.post(reverse("network:mentoring_end", args=[pair.pk])).status_code == 404
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE


def test_check_in_opens_only_when_due(client):
    pair = started(make_pair(), days=20)
    client.force_login(pair.mentee)
    url = reverse("network:mentoring_checkin", args=[pair.pk, 1])
    assert "You can answer it from then" in client.get(url).content.decode()
    response = client.post(url, {"met": "yes", "useful": "4"})
    assert response.status_code == 400 and "not due yet" in response.content.decode()
    assert not MentoringCheckIn.objects.exists()
    MentoringPair.objects.filter(pk=pair.pk).update(started_at=timezone.now() - relativedelta(months=1, days=1))
    response = client.post(url, {"met": "yes", "useful": "9"})
    assert response.status_code == 400 and "Choose how useful the mentoring is" in response.content.decode()
    assert client.post(url, {"met": "yes", "useful": "4"}).status_code == 302
    answer = MentoringCheckIn.objects.get()
    assert answer.met and answer.useful == 4 and answer.person == pair.mentee
    assert client.post(url, {"met": "no", "useful": "1"}).status_code == 400
    # The 3-month one is not due yet, and 2 months is not a check-in.
    assert client.post(reverse("network:mentoring_checkin", args=[pair.pk, 3]),
                       {"met": "yes", "useful": "4"}).status_code == 400
    assert client.get(reverse("network:mentoring_checkin", args=[pair.pk, 2])).status_code == 404
    assert MentoringCheckIn.objects.count() == 1


def test_invitations_go_once_when_each_check_in_is_due():
    not_yet = started(make_pair(), days=25)
    due = started(make_pair(), months_ago=1, days=2)
    assert services.invite_checkins() == 2
    assert services.invite_checkins() == 0
    sent = Notification.objects.filter(template="network_mentoring_checkin")
    assert {n.recipient_id for n in sent} == {due.mentor_id, due.mentee_id}
    assert not sent.filter(recipient_id__in=[not_yet.mentor_id, not_yet.mentee_id]).exists()
    subject, text, _html = render_email(sent[0].template, sent[0].context)
    assert subject == "Your 1-month mentoring check-in"
    assert "/mentoring/pairs/" in text and "&" not in text


def test_the_beat_task_is_scheduled():
    from academy.celery import app_beat_schedules
    entry = app_beat_schedules()["network-mentoring-checkins-due"]
    assert entry["task"] == "programmes.network.tasks.mentoring_checkins_due"


def test_ending_is_no_fault_and_tells_the_other_person(client):
    pair = started(make_pair(mentor=LeaderProfileFactory(user__first_name="Aoife", user__last_name="O'Brien").user))
    client.force_login(pair.mentor)
    url = reverse("network:mentoring_end", args=[pair.pk])
    assert "no reason is asked" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    pair.refresh_from_db()
    assert pair.state == PairState.ENDED
    sent = Notification.objects.get(template="network_mentoring_ended")
    assert sent.recipient_id == pair.mentee_id
    subject, text, _html = render_email(sent.template, sent.context)
    assert subject == "Your mentoring has ended"
    assert "Aoife O'Brien has ended your mentoring" in text
    assert client.post(url).status_code == 400  # already ended: said, not done twice
    assert Notification.objects.filter(template="network_mentoring_ended").count() == 1


# --- the network's admins ------------------------------------------------------------------------------


def test_overview_shows_counts_never_what_pairs_agreed(client, network_admin):
    pair = started(make_pair(), months_ago=1, days=1)
    services.check_in(pair.mentee, pair, months=1, met=True, useful=5)
    client.force_login(network_admin)
    page = client.get(reverse("network:mentoring_manage")).content.decode()
    assert "Lead across the ICS" not in page and "All of it" not in page
    assert "Check-ins" in page and "Pairs: under way" in page


def test_overview_query_budget(client, network_admin):
    client.force_login(network_admin)
    for _ in range(3):
        make_pair()
    client.get(reverse("network:mentoring_manage"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("network:mentoring_manage")).status_code == 200
    for _ in range(30):
        make_pair()
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("network:mentoring_manage"))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.context["page"].paginator.num_pages == 2


def test_matching_pin_exclude_run_and_publish_through_the_pages(client, network_admin):
    mentors = [services.offer_to_mentor(leader(), capacity=1, topics=[], format="either") for _ in range(2)]
    requests = [services.ask_for_mentor(member(), topics=[], format="either") for _ in range(2)]
    client.force_login(network_admin)
    url = reverse("network:mentoring_matching")
    bad = client.post(url, {"request": "999999", "offer": str(mentors[0].pk)})
    assert bad.status_code == 400 and "Choose a mentee" in bad.content.decode()
    assert client.post(url, {"request": requests[0].pk, "offer": mentors[0].pk, "kind": "exclude"}).status_code == 302
    assert client.post(url, {"request": requests[1].pk, "offer": mentors[0].pk, "kind": "pin"}).status_code == 302
    # Nothing to publish before a run.
    assert client.post(reverse("network:mentoring_publish")).status_code == 400
    assert client.post(reverse("network:mentoring_matching_run")).status_code == 302
    page = client.get(url).content.decode()
    assert "Pairs in the draft" in page and "Random" in page and "must not be made" in page
    response = client.post(reverse("network:mentoring_publish"))
    assert response.status_code == 302
    made = set(MentoringPair.objects.values_list("request_id", "offer_id"))
    assert made == {(requests[1].pk, mentors[0].pk), (requests[0].pk, mentors[1].pk)}
    # Both sides of each pair are told, in plain text, who the other is.
    sent = Notification.objects.filter(template="network_mentoring_matched")
    assert sent.count() == 4
    mine = sent.get(recipient=requests[1].mentee)
    subject, text, _html = render_email(mine.template, mine.context)
    assert subject == "You have a mentor" and mentors[0].mentor.email in text and "/mentoring/pairs/" in text


def test_publishing_a_stale_draft_publishes_nothing(client, network_admin):
    offer = services.offer_to_mentor(leader(), capacity=1, topics=[], format="either")
    request = services.ask_for_mentor(member(), topics=[], format="either")
    client.force_login(network_admin)
    client.post(reverse("network:mentoring_matching_run"))
    services.withdraw_request(request.mentee, request)
    response = client.post(reverse("network:mentoring_publish"))
    assert response.status_code == 400 and "withdrawn" in response.content.decode()
    assert not MentoringPair.objects.exists()
    assert offer.pairs.count() == 0


def test_an_admin_of_another_programme_cannot_match(client, other_admin):
    client.force_login(other_admin)
    for name in ("network:mentoring_manage", "network:mentoring_matching", "network:mentoring_matching_run",
                 "network:mentoring_publish"):
        assert client.post(reverse(name)).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_both_agreeing_at_the_same_moment_start_the_pair_once():
    pair = make_pair()
    terms = {"goals": "g", "frequency": "f", "confidentiality": "c",
             "ends_on": timezone.localdate() + dt.timedelta(days=90)}
    outcomes = at_once(lambda: services.agree(pair.mentor, pair, **terms),
                       lambda: services.agree(pair.mentee, pair, **terms))
    assert not raised(outcomes)
    pair.refresh_from_db()
    assert pair.state == PairState.ACTIVE and pair.mentor_agreed_at and pair.mentee_agreed_at
    assert pair.transitions.filter(to_state=PairState.ACTIVE).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_check_in_sent_twice_at_once_is_saved_once():
    pair = started(make_pair(), months_ago=1, days=1)
    outcomes = at_once(*[lambda: services.check_in(pair.mentee, pair, months=1, met=True, useful=4)] * 2)
    assert len(raised(outcomes)) == len(raised(outcomes, ValidationError)) == 1  # refused in words, not a crash
    assert MentoringCheckIn.objects.count() == 1

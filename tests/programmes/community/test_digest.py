"""The weekly digest: one email per person per ISO week, however often beat runs."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from academy.notifications.models import Notification
from programmes.community import services, tasks
from programmes.community.models import Post
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 12, 7, 9, 45, tzinfo=dt.UTC)


@pytest.fixture
def community_with_news():
    community = make_community(name="Optometry & eye care")
    reader = add_member(community, UserFactory(first_name="Rae")).person
    thread = make_thread(community, title='Urgent "eye" care')
    Post.objects.filter(thread=thread).update(created_at=MONDAY - dt.timedelta(days=2))
    return community, reader, thread


def test_the_digest_is_sent_once_per_person_per_week(community_with_news):
    community, reader, thread = community_with_news
    author = thread.author
    assert services.send_weekly_digests(MONDAY) == 1  # the author's own post is not news to them
    for hour in range(1, 9):  # beat runs every working hour
        assert services.send_weekly_digests(MONDAY + dt.timedelta(hours=hour)) == 0
    assert services.send_weekly_digests(MONDAY + dt.timedelta(days=2)) == 0
    digests = Notification.objects.filter(template="community_digest")
    assert list(digests.values_list("recipient", flat=True)) == [reader.pk]
    assert digests.get().key == f"community-digest:{reader.pk}:2026-W50"
    assert [m.to for m in mail.outbox] == [[reader.email]]
    text = mail.outbox[0].body
    assert 'Optometry & eye care: "Urgent "eye" care" (1 new post)' in text and "&amp;" not in text
    assert author.pk not in digests.values_list("recipient", flat=True)


def test_next_week_brings_a_new_digest_only_if_there_is_news(community_with_news):
    community, reader, thread = community_with_news
    services.send_weekly_digests(MONDAY)
    assert services.send_weekly_digests(MONDAY + dt.timedelta(days=7)) == 0  # nothing new that week
    Post.objects.create(thread=thread, author=thread.author, body="More", created_at=MONDAY + dt.timedelta(days=9))
    assert services.send_weekly_digests(MONDAY + dt.timedelta(days=14)) == 1
    assert Notification.objects.filter(template="community_digest", recipient=reader).count() == 2


def test_hidden_posts_and_closed_communities_left_are_not_in_the_digest():
    lead = UserFactory()
    closed = make_community(closed=True, leads=[lead])
    thread = make_thread(closed, author=lead, title="Members only")
    Post.objects.filter(thread=thread).update(created_at=MONDAY - dt.timedelta(days=1))
    former = add_member(closed, state="left").person
    thread.follows.create(person=former)  # a stale follow must not leak a closed community's news
    open_ = make_community()
    reader = add_member(open_).person
    hidden = make_thread(open_, title="Hidden only")
    Post.objects.filter(thread=hidden).update(created_at=MONDAY - dt.timedelta(days=1), hidden=True)
    assert services.send_weekly_digests(MONDAY) == 0
    assert not Notification.objects.filter(template="community_digest", recipient__in=[former, reader]).exists()


def test_the_task_runs_the_service(community_with_news, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: MONDAY)
    assert tasks.send_weekly_digests() == 1
    assert tasks.send_weekly_digests() == 0

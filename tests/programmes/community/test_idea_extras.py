"""Idea challenges' small finishes: the author hears the official answer once (issue 14)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.community import services
from programmes.community.models import ChallengeStage, Idea
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = pytest.mark.django_db


def _evaluating(title='Falls & "frailty" clinics'):
    challenge = make_challenge()
    author = UserFactory(first_name="Ade")
    idea = services.submit_idea(author, challenge, title=title, body="One triage line")
    supporter, commenter = UserFactory(), UserFactory()
    services.support_idea(supporter, idea)
    services.comment_on_idea(commenter, idea, body="Good idea")
    services.move_challenge(challenge.owner, challenge, ChallengeStage.DISCUSS)
    services.move_challenge(challenge.owner, challenge, ChallengeStage.EVALUATE)
    return challenge, idea


def test_the_author_and_nobody_else_hears_the_answer_once_after_commit(django_capture_on_commit_callbacks):
    challenge, idea = _evaluating()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.answer_idea(challenge.owner, idea, answer="not_now", reason="No budget <this> year & next")
    notes = Notification.objects.filter(template="community_idea_answered")
    assert list(notes.values_list("recipient", flat=True)) == [idea.author_id]
    assert len(callbacks) == 1  # handed to the queue only when the answer commits
    note = notes.get()
    assert note.link == services.idea_url(idea)
    subject, text, html = render_email(note.template, note.context)
    assert subject == 'Your idea "Falls & "frailty" clinics": Not now'
    assert "No budget <this> year & next" in text and "&amp;" not in text and "&lt;" not in text
    assert f"/communities/ideas/{idea.pk}/" in text and "Dear Ade" in text
    assert "No budget &lt;this&gt; year &amp; next" in html
    with pytest.raises(ValidationError):
        services.answer_idea(challenge.owner, idea, answer="not_now", reason="Again")
    assert notes.count() == 1


def test_a_merged_answer_names_the_idea_it_joins_and_a_taken_forward_one_says_so():
    challenge, idea = _evaluating("Shared physio triage")
    other = Idea.objects.create(challenge=challenge, author=UserFactory(), title="One physio line", body="B")
    services.answer_idea(challenge.owner, idea, answer="merged", reason="Same as the other", merged_into=other)
    services.answer_idea(challenge.owner, other, answer="taken_forward", reason="Board agreed")
    merged = Notification.objects.get(template="community_idea_answered", recipient=idea.author)
    _, text, _ = render_email(merged.template, merged.context)
    assert 'Merged into another idea' in text and 'It is merged into the idea "One physio line".' in text
    forward = Notification.objects.get(template="community_idea_answered", recipient=other.author)
    subject, text, _ = render_email(forward.template, forward.context)
    assert subject == 'Your idea "One physio line": Taken forward' and "Board agreed" in text


def test_an_answer_rolled_back_sends_nothing(django_capture_on_commit_callbacks):
    challenge, idea = _evaluating()
    with (django_capture_on_commit_callbacks(execute=False) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        services.answer_idea(challenge.owner, idea, answer="not_now", reason="Later")
        raise RuntimeError
    assert not callbacks
    assert not Notification.objects.filter(template="community_idea_answered").exists()

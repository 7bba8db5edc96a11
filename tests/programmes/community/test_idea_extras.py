"""Idea challenges' small finishes (issue 14): the author hears the official answer once; co-authors, and
the ties they make for the evaluation's network analysis."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy.notifications.models import Notification
from academy.notifications.services import render_email
from evaluation.network import sources
from programmes.community import selectors, services
from programmes.community.models import ChallengeStage, Idea, IdeaCoAuthor
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


# --- co-authors -------------------------------------------------------------------------------------------


def test_the_author_names_up_to_three_active_colleagues_and_changes_them():
    challenge = make_challenge()
    author = UserFactory()
    idea = services.submit_idea(author, challenge, title="Shared physio triage", body="B")
    a, b, c, d = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    services.set_coauthors(author, idea, [a, b])
    first = IdeaCoAuthor.objects.get(idea=idea, person=a).added_at
    assert [p.pk for p in selectors.coauthors_of(idea)] == [a.pk, b.pk]
    services.set_coauthors(author, idea, [a, c])
    assert {p.pk for p in selectors.coauthors_of(idea)} == {a.pk, c.pk}
    assert IdeaCoAuthor.objects.get(idea=idea, person=a).added_at == first  # kept, with its date
    with pytest.raises(ValidationError, match="3 co-authors or fewer"):
        services.set_coauthors(author, idea, [a, b, c, d])
    with pytest.raises(ValidationError, match="name your colleagues only"):
        services.set_coauthors(author, idea, [author])
    with pytest.raises(ValidationError, match="active account"):
        services.set_coauthors(author, idea, [UserFactory(is_active=False)])
    for someone in (a, UserFactory(is_superuser=True)):
        with pytest.raises(PermissionDenied):
            services.set_coauthors(someone, idea, [b])
    assert {p.pk for p in selectors.coauthors_of(idea)} == {a.pk, c.pk}
    services.move_challenge(challenge.owner, challenge, ChallengeStage.DONE)
    with pytest.raises(ValidationError, match="done"):
        services.set_coauthors(author, idea, [])


def test_idea_coauthor_ties_pair_the_author_and_co_authors_named_by_the_end(django_assert_num_queries):
    challenge = make_challenge()
    author, a, b, late = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    idea = services.submit_idea(author, challenge, title="T", body="B")
    Idea.objects.filter(pk=idea.pk).update(created_at=timezone.make_aware(datetime.datetime(2026, 3, 1, 9)))
    services.set_coauthors(author, idea, [a, b, late])
    IdeaCoAuthor.objects.filter(person=a).update(added_at=timezone.make_aware(datetime.datetime(2026, 3, 5, 9)))
    IdeaCoAuthor.objects.filter(person=b).update(added_at=timezone.make_aware(datetime.datetime(2026, 3, 9, 9)))
    IdeaCoAuthor.objects.filter(person=late).update(added_at=timezone.make_aware(datetime.datetime(2026, 6, 1, 9)))
    services.submit_idea(UserFactory(), challenge, title="Alone", body="B")  # no co-authors, no ties
    with django_assert_num_queries(1):
        ties = set(selectors.idea_coauthor_ties(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)))
    pair = lambda x, y: (min(x.pk, y.pk), max(x.pk, y.pk))  # noqa: E731
    assert ties == {
        (*pair(author, a), "idea_coauthors", datetime.date(2026, 3, 5)),
        (*pair(author, b), "idea_coauthors", datetime.date(2026, 3, 9)),
        (*pair(a, b), "idea_coauthors", datetime.date(2026, 3, 9)),
    }
    assert selectors.idea_coauthor_ties in sources.TIE_SOURCES
    assert sources.KIND_LABELS[selectors.COAUTHORS] == "Co-authors of an idea in an idea challenge"
    assert set(sources.read_ties(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))) >= ties


def test_erasure_takes_a_person_off_the_ideas_they_co_authored_and_the_download_lists_them():
    from academy.privacy import erasure  # noqa: PLC0415
    from academy.privacy.personal_data import PersonalExport, exporters  # noqa: PLC0415

    challenge = make_challenge()
    author, leaver = UserFactory(), UserFactory()
    idea = services.submit_idea(author, challenge, title="Shared physio triage", body="B")
    services.set_coauthors(author, idea, [leaver])
    out = PersonalExport()
    next(e for e in exporters() if e.name == "community").export(leaver, out)
    assert "Shared physio triage" in str(out.tables["ideas_coauthored"])
    erasure.close_account(leaver)
    assert not IdeaCoAuthor.objects.filter(person=leaver).exists()

"""The ideas board's filters: official answer (taken forward, merged, not now, not answered yet), a priority
function the idea is about, words in the idea, with the two sorts kept; bad values are reported and ignored;
ideas say which of the challenge's functions they are about when submitted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from academy.directory.models import PriorityFunction
from programmes.community import selectors, services
from programmes.community.models import Idea, IdeaAnswer
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    challenge = make_challenge()
    falls, workforce, other = PriorityFunction.objects.order_by("number")[:3]
    challenge.priority_functions.set([falls, workforce])
    author = UserFactory()

    def idea(title, answer="", functions=(), support_count=0, body="Call people back within two days."):
        made = Idea.objects.create(challenge=challenge, author=author, title=title, body=body, answer=answer,
                                   support_count=support_count)
        made.priority_functions.set(functions)
        return made

    ideas = {
        "phone": idea("Physio triage by phone", IdeaAnswer.TAKEN_FORWARD, [falls], support_count=5),
        "merged": idea("Triage by text", IdeaAnswer.MERGED, [falls]),
        "later": idea("A new clinic building", IdeaAnswer.NOT_NOW, [workforce], support_count=9),
        "open": idea("Shared rota for bank staff", "", [workforce], body="One rota across the borough's trusts."),
    }
    return challenge, ideas, (falls, workforce, other)


def _titles(page):
    return [idea.title for idea in page]


@pytest.mark.parametrize(("answer", "expected"), [
    ("taken_forward", ["Physio triage by phone"]),
    ("merged", ["Triage by text"]),
    ("not_now", ["A new clinic building"]),
    ("unanswered", ["Shared rota for bank staff"]),
])
def test_the_board_filters_by_official_answer(board, answer, expected):
    challenge, _ideas, _functions = board
    assert _titles(selectors.idea_board(challenge, "newest", 1, answer=answer)) == expected


def test_the_board_filters_by_function_and_words_and_keeps_the_sort(board):
    challenge, _ideas, (falls, workforce, _other) = board
    assert set(_titles(selectors.idea_board(challenge, "newest", 1, function=falls.pk))) == {
        "Physio triage by phone", "Triage by text"}
    assert _titles(selectors.idea_board(challenge, "supported", 1, function=workforce.pk)) == [
        "A new clinic building", "Shared rota for bank staff"]
    assert _titles(selectors.idea_board(challenge, "newest", 1, text="TRIAGE phone")) == ["Physio triage by phone"]
    assert _titles(selectors.idea_board(challenge, "newest", 1, text="borough")) == ["Shared rota for bank staff"]
    assert _titles(selectors.idea_board(challenge, "newest", 1, text="triage", answer="merged")) == ["Triage by text"]


def test_the_page_filters_with_get_parameters_and_the_sort_links_keep_them(client, board):
    challenge, _ideas, (falls, _workforce, _other) = board
    client.force_login(UserFactory())
    url = reverse("community:challenge", args=[challenge.pk])
    page = client.get(url, {"function": falls.pk, "q": "triage", "sort": "newest"}).content.decode()
    assert "Physio triage by phone" in page and "Triage by text" in page and "Shared rota" not in page
    assert "2 ideas match your filters." in page
    assert f"function={falls.pk}&amp;q=triage&amp;sort=supported#ideas" in page
    page = client.get(url, {"answer": "unanswered"}).content.decode()
    assert "Shared rota for bank staff" in page and "Physio triage by phone" not in page


def test_bad_values_are_reported_and_ignored(client, board):
    challenge, _ideas, (_falls, _workforce, other) = board
    client.force_login(UserFactory())
    url = reverse("community:challenge", args=[challenge.pk])
    response = client.get(url, {"answer": "approved", "function": other.pk, "sort": "random", "q": "x" * 200})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose an official answer from the list" in page
    assert "Choose one of the challenge&#x27;s priority functions" in page
    assert "Choose an order from the list" in page and "Search for 100 characters or fewer" in page
    for title in ("Physio triage by phone", "Triage by text", "A new clinic building", "Shared rota for bank staff"):
        assert title in page  # every bad filter ignored
    assert client.get(url, {"function": "not-a-number"}).status_code == 200


def test_hostile_search_words_are_shown_escaped(client, board):
    challenge, _ideas, _functions = board
    client.force_login(UserFactory())
    hostile = '<script>alert("x")</script>'
    page = client.get(reverse("community:challenge", args=[challenge.pk]), {"q": hostile}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "No ideas match your filters." in page


def test_an_idea_is_submitted_with_the_challenges_functions_only(board):
    challenge, _ideas, (falls, _workforce, other) = board
    author = UserFactory()
    idea = services.submit_idea(author, challenge, title="Falls huddles", body="Daily.", priority_functions=[falls])
    assert list(idea.priority_functions.all()) == [falls]
    with pytest.raises(ValidationError) as error:
        services.submit_idea(author, challenge, title="Other", body="Other.", priority_functions=[other])
    assert "priority_functions" in error.value.message_dict
    assert not Idea.objects.filter(title="Other").exists()
    services.edit_idea(author, idea, title="Falls huddles", body="Daily.", priority_functions=[])
    assert not idea.priority_functions.exists()


def test_the_submit_page_offers_the_challenges_functions(client, board):
    challenge, _ideas, (falls, _workforce, other) = board
    client.force_login(UserFactory())
    url = reverse("community:idea_new", args=[challenge.pk])
    page = client.get(url).content.decode()
    assert falls.name in page and other.name not in page
    response = client.post(url, {"title": "Falls huddles", "body": "Daily.", "priority_functions": [falls.pk]})
    assert response.status_code == 302
    assert list(Idea.objects.get(title="Falls huddles").priority_functions.all()) == [falls]
    page = client.get(response["Location"]).content.decode()
    assert "About:" in page and falls.name in page

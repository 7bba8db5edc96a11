"""Every idea challenge page for the people the project-wide URL walk cannot be: the challenge's owner, an
admin of the communities programme, a named evaluator and an idea's author, with the challenge evaluating
ideas (the walk itself meets a challenge that is gathering them)."""

import pytest
from django.urls import reverse

from programmes.community.models import ChallengeStage, Idea
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge
from tests.programmes.community.test_idea_views import community_admin
from tests.test_url_walk import EXPECTATIONS

pytestmark = pytest.mark.django_db

WHO = ["owner", "admin", "evaluator", "author"]
RUN = (200, 200, 403, 403)
OUTCOMES = {
    "community:challenges": (200, 200, 200, 200),
    "community:challenge": (200, 200, 200, 200),
    "community:challenge_new": (403, 200, 403, 403),  # only the programme's admins pose challenges
    "community:challenge_edit": RUN,
    "community:challenge_move": RUN,
    "community:challenge_evaluators": RUN,
    "community:challenge_ranking": (200, 200, 200, 403),
    "community:challenge_export": RUN,
    "community:idea": (200, 200, 200, 200),
    "community:idea_new": (403, 403, 403, 403),  # no longer gathering ideas
    "community:idea_edit": (403, 403, 403, 403),  # the author too: no longer gathering
    "community:idea_support": (405, 405, 405, 405),
    "community:idea_score": (403, 403, 200, 403),  # only the named evaluators
    "community:idea_answer": RUN,
    "community:idea_take_forward": RUN,
    "community:idea_coauthors": (403, 403, 403, 200),  # only the idea's author names co-authors
}


def test_every_challenge_url_is_walked_here():
    assert set(OUTCOMES) == {
        name for name in EXPECTATIONS if name.startswith(("community:challenge", "community:idea"))
    }


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_challenge_roles(client, name, who):
    owner, evaluator, author = UserFactory(), UserFactory(), UserFactory()
    challenge = make_challenge(owner=owner, stage=ChallengeStage.EVALUATE)
    challenge.evaluators.add(evaluator)
    idea = Idea.objects.create(challenge=challenge, author=author, title="Text reminders", body="Remind people.")
    person = {"owner": owner, "admin": community_admin(), "evaluator": evaluator, "author": author}[who]
    client.force_login(person)
    if name in {"community:challenges", "community:challenge_new"}:
        url = reverse(name)
    elif name == "community:challenge_move":
        url = reverse(name, args=[challenge.pk, "develop"])
    elif name.startswith("community:challenge") or name == "community:idea_new":
        url = reverse(name, args=[challenge.pk])
    else:
        url = reverse(name, args=[idea.pk])
    assert client.get(url).status_code == OUTCOMES[name][WHO.index(who)], f"{name} as {who}"

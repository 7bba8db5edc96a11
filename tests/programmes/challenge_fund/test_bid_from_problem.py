"""One click from a problem in the register (or an idea taken forward) to a Challenge Fund bid on it: the problem
page and the idea page link to starting a bid in each open round; the start page names the problem and the bid
starts naming it; a problem adopted or closed, or an altered link, starts no bid naming it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programmes.challenge_fund.models import Bid
from programmes.challenge_fund.services import start_bid
from programmes.core.models import SystemProblemState
from programmes.core.selectors import actions_on_problem
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import RoundFactory
from tests.factories.directory import LeaderProfileFactory
from tests.programmes.core.problems.factories import system_problem

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert("x")</script>'


def _leader():
    return LeaderProfileFactory().user


def test_the_problem_page_links_to_a_bid_in_each_open_round_only():
    problem = system_problem(state=SystemProblemState.OPEN)
    open_round = RoundFactory(title="Spring 2027 round")
    RoundFactory(title="Closed round", opens_at=timezone.now() - dt.timedelta(days=40),
                 closes_at=timezone.now() - dt.timedelta(days=1))
    RoundFactory(title="Unpublished round", published=False)
    actions = actions_on_problem(problem, _leader())
    assert [a.label for a in actions] == ["Start a Challenge Fund bid on this problem (Spring 2027 round)"]
    assert actions[0].url == reverse("challenge_fund:start", args=[open_round.pk]) + f"?problem={problem.pk}"
    adopted = system_problem(state=SystemProblemState.ADOPTED)
    assert actions_on_problem(adopted, _leader()) == []


def test_a_bid_started_from_the_problem_names_it(client):
    problem = system_problem(state=SystemProblemState.OPEN, title=f"Falls {HOSTILE}")
    round_ = RoundFactory()
    leader = _leader()
    client.force_login(leader)
    page = client.get(reverse("programmes:problem", args=[problem.pk])).content.decode()
    start = reverse("challenge_fund:start", args=[round_.pk]) + f"?problem={problem.pk}"
    assert start in page
    html = client.get(start).content.decode()
    assert "Your bid will name the problem" in html and HOSTILE not in html and "&lt;script&gt;" in html
    response = client.post(start, {"title": "One falls pathway", "problem": problem.pk})
    assert response.status_code == 302
    assert Bid.objects.get(lead=leader).system_problem == problem


def test_an_altered_or_stale_link_starts_a_bid_without_a_problem(client):
    round_ = RoundFactory()
    closed = system_problem(state=SystemProblemState.CLOSED)
    leader = _leader()
    client.force_login(leader)
    for value in ("not-a-number", str(closed.pk), "999999"):
        url = reverse("challenge_fund:start", args=[round_.pk]) + f"?problem={value}"
        assert "Your bid will name the problem" not in client.get(url).content.decode()
    client.post(reverse("challenge_fund:start", args=[round_.pk]), {"title": "A bid", "problem": closed.pk})
    assert Bid.objects.get(lead=leader).system_problem is None


def test_the_service_refuses_a_problem_that_cannot_take_new_work():
    with pytest.raises(ValidationError, match="adopted or closed"):
        start_bid(_leader(), RoundFactory(), title="A bid",
                  system_problem=system_problem(state=SystemProblemState.ADOPTED))
    assert not Bid.objects.exists()


def test_an_idea_taken_forward_links_to_the_bid_in_one_click(client):
    from programmes.community.models import Idea  # noqa: PLC0415
    from tests.programmes.community.helpers import make_challenge  # noqa: PLC0415

    problem = system_problem(state=SystemProblemState.BEING_WORKED_ON)
    challenge = make_challenge()
    idea = Idea.objects.create(challenge=challenge, author=UserFactory(), title="One falls form", body="Text",
                               system_problem=problem, answer="taken_forward", answer_reason="Yes")
    round_ = RoundFactory()
    client.force_login(_leader())
    html = client.get(reverse("community:idea", args=[idea.pk])).content.decode()
    assert reverse("challenge_fund:start", args=[round_.pk]) + f"?problem={problem.pk}" in html

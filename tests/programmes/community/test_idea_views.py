"""Idea challenges' pages: leaders submit, support (htmx and without JavaScript) and comment; the owner moves
stages, names evaluators, answers and takes ideas forward, exports; evaluators score and rank. Bad input
saves nothing; the board's query count does not grow with its ideas."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.community import services
from programmes.community.models import (
    ChallengeStage,
    Idea,
    IdeaAnswer,
    IdeaChallenge,
    IdeaCoAuthor,
    IdeaComment,
    IdeaScore,
    IdeaSupport,
)
from programmes.core.models import Programme, SystemProblem
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = pytest.mark.django_db


def make_idea(challenge, author=None, title="Physio triage by phone", **fields):
    return Idea.objects.create(challenge=challenge, author=author or UserFactory(), title=title,
                               body=fields.pop("body", "Call people back within two days."), **fields)


def community_admin():
    admin = UserFactory()
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="community"))
    give_mfa(admin)
    return admin


def test_a_leader_finds_open_challenges_first_and_submits_an_idea(client):
    done = make_challenge(title="Finished challenge", stage=ChallengeStage.DONE)
    open_one = make_challenge(title="Open challenge")
    leader = UserFactory()
    client.force_login(leader)
    page = client.get(reverse("community:challenges")).content.decode()
    assert page.index("Open challenge") < page.index("Finished challenge")
    assert done.title in page
    response = client.post(reverse("community:idea_new", args=[open_one.pk]),
                           {"title": "Text reminders", "body": "Send a **text** the day before."})
    idea = Idea.objects.get(challenge=open_one)
    assert response.status_code == 302 and response["Location"] == services.idea_url(idea)
    assert idea.author == leader
    page = client.get(services.idea_url(idea)).content.decode()
    assert "<strong>text</strong>" in page and "Change your idea" in page


def test_a_blank_idea_shows_the_error_summary_and_saves_nothing(client):
    challenge = make_challenge()
    client.force_login(UserFactory())
    response = client.post(reverse("community:idea_new", args=[challenge.pk]), {"title": "", "body": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Enter a title for your idea" in page and "Describe your idea" in page
    assert not Idea.objects.exists()


def test_no_idea_form_once_the_challenge_stops_gathering(client):
    challenge = make_challenge(stage=ChallengeStage.DISCUSS)
    client.force_login(UserFactory())
    assert "Submit an idea" not in client.get(services.challenge_url(challenge)).content.decode()
    assert client.get(reverse("community:idea_new", args=[challenge.pk])).status_code == 403
    response = client.post(reverse("community:idea_new", args=[challenge.pk]), {"title": "Late", "body": "Late"})
    assert response.status_code == 400 and not Idea.objects.exists()


def test_the_author_edits_their_idea_and_no_one_else_can(client):
    challenge = make_challenge()
    idea = make_idea(challenge)
    client.force_login(UserFactory())
    assert client.get(reverse("community:idea_edit", args=[idea.pk])).status_code == 403
    client.force_login(idea.author)
    client.post(reverse("community:idea_edit", args=[idea.pk]), {"title": "Phone triage", "body": "Better"})
    idea.refresh_from_db()
    assert (idea.title, idea.body) == ("Phone triage", "Better") and idea.revisions.count() == 1


def test_support_without_javascript_goes_back_with_a_message_and_counts_supports_left(client):
    challenge = make_challenge(supports_per_person=1)
    first, second = make_idea(challenge), make_idea(challenge, title="Second")
    leader = UserFactory()
    client.force_login(leader)
    board = services.challenge_url(challenge)
    response = client.post(reverse("community:idea_support", args=[first.pk]), {"support": "yes", "next": board},
                           follow=True)
    page = response.content.decode()
    assert "You support" in page and "You have 0 supports left" in page
    response = client.post(reverse("community:idea_support", args=[second.pk]), {"support": "yes"}, follow=True)
    assert "You have used all 1 of your supports" in response.content.decode()
    assert IdeaSupport.objects.filter(person=leader).count() == 1
    client.post(reverse("community:idea_support", args=[first.pk]), {"support": "no"})
    first.refresh_from_db()
    assert first.support_count == 0


def test_support_with_htmx_answers_the_button_only(client):
    challenge = make_challenge()
    idea = make_idea(challenge)
    client.force_login(UserFactory())
    response = client.post(reverse("community:idea_support", args=[idea.pk]), {"support": "yes"},
                           HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert "1 support</strong>" in page and "Take back support" in page and "You have 2 supports left" in page


def test_support_refuses_a_next_address_elsewhere(client):
    idea = make_idea(make_challenge())
    client.force_login(UserFactory())
    response = client.post(reverse("community:idea_support", args=[idea.pk]),
                           {"support": "yes", "next": "https://evil.example/"})
    assert response["Location"] == services.idea_url(idea)


def test_a_comment_is_escaped_and_a_blank_one_saves_nothing(client):
    idea = make_idea(make_challenge())
    client.force_login(UserFactory())
    response = client.post(services.idea_url(idea), {"body": ""})
    assert response.status_code == 400 and "Enter your comment" in response.content.decode()
    client.post(services.idea_url(idea), {"body": "<script>alert(1)</script> **agreed**"})
    page = client.get(services.idea_url(idea)).content.decode()
    assert "<script>alert(1)</script>" not in page and "<strong>agreed</strong>" in page
    assert IdeaComment.objects.count() == 1


def test_an_admin_poses_a_challenge_and_a_leader_may_not(client):
    client.force_login(UserFactory())
    assert client.get(reverse("community:challenge_new")).status_code == 403
    admin = community_admin()
    client.force_login(admin)
    today = timezone.localdate()
    data = {"title": "Discharge delays", "question": "How might we get people home sooner?",
            "owner_body": "SEL ICB Board", "opens_on_0": today.day, "opens_on_1": today.month,
            "opens_on_2": today.year, "closes_on_0": today.day, "closes_on_1": today.month,
            "closes_on_2": today.year - 1, "supports_per_person": 3}
    response = client.post(reverse("community:challenge_new"), data)
    assert response.status_code == 400 and not IdeaChallenge.objects.exists()
    data["closes_on_2"] = today.year + 1
    response = client.post(reverse("community:challenge_new"), data)
    challenge = IdeaChallenge.objects.get()
    assert response["Location"] == services.challenge_url(challenge)
    assert challenge.owner == admin and challenge.stage == ChallengeStage.GATHER
    assert challenge.transitions.count() == 1


def test_the_owner_moves_the_stage_through_a_confirm_page(client):
    owner = UserFactory()
    challenge = make_challenge(owner=owner)
    url = reverse("community:challenge_move", args=[challenge.pk, "discuss"])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(owner)
    assert "Move to discussing ideas" in client.get(url).content.decode()
    client.post(url)
    challenge.refresh_from_db()
    assert challenge.stage == ChallengeStage.DISCUSS
    response = client.post(reverse("community:challenge_move", args=[challenge.pk, "develop"]))
    assert response.status_code == 400
    assert client.get(reverse("community:challenge_move", args=[challenge.pk, "nowhere"])).status_code == 404


def test_the_owner_names_evaluators_who_score_and_see_the_ranking(client):
    owner, evaluator = UserFactory(), UserFactory(email="eve@example.org")
    challenge = make_challenge(owner=owner, stage=ChallengeStage.EVALUATE)
    low, high = make_idea(challenge, title="Low"), make_idea(challenge, title="High")
    client.force_login(owner)
    response = client.post(reverse("community:challenge_evaluators", args=[challenge.pk]),
                           {"evaluators": "nobody@example.org"})
    assert response.status_code == 400 and not challenge.evaluators.exists()
    client.post(reverse("community:challenge_evaluators", args=[challenge.pk]), {"evaluators": "EVE@example.org\n"})
    assert list(challenge.evaluators.all()) == [evaluator]
    client.force_login(UserFactory())
    assert client.get(reverse("community:idea_score", args=[low.pk])).status_code == 403
    assert client.get(reverse("community:challenge_ranking", args=[challenge.pk])).status_code == 403
    client.force_login(evaluator)
    response = client.post(reverse("community:idea_score", args=[low.pk]),
                           {"impact": "11", "confidence": "2", "ease": "2"})
    assert response.status_code == 400 and not IdeaScore.objects.exists()
    client.post(reverse("community:idea_score", args=[low.pk]), {"impact": "2", "confidence": "2", "ease": "2"})
    client.post(reverse("community:idea_score", args=[high.pk]), {"impact": "9", "confidence": "8", "ease": "7"})
    page = client.get(reverse("community:challenge_ranking", args=[challenge.pk])).content.decode()
    assert page.index(">High<") < page.index(">Low<") and "504" in page


def test_the_owner_answers_an_idea_and_takes_another_forward(client):
    owner = UserFactory()
    challenge = make_challenge(owner=owner, stage=ChallengeStage.EVALUATE)
    kept, merged = make_idea(challenge, title="Kept"), make_idea(challenge, title="Merged")
    client.force_login(owner)
    response = client.post(reverse("community:idea_answer", args=[merged.pk]), {"answer": "merged", "reason": "Same"})
    assert response.status_code == 400 and "Choose the idea this one is merged into" in response.content.decode()
    client.post(reverse("community:idea_answer", args=[merged.pk]),
                {"answer": "merged", "merged_into": kept.pk, "reason": "The same as **Kept**"})
    merged.refresh_from_db()
    assert merged.answer == IdeaAnswer.MERGED and merged.merged_into == kept
    url = reverse("community:idea_take_forward", args=[kept.pk])
    assert "A new problem" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 400
    client.post(url, {"reason": "The board will fund a pilot."})
    kept.refresh_from_db()
    assert kept.answer == IdeaAnswer.TAKEN_FORWARD and kept.system_problem == SystemProblem.objects.get()
    client.force_login(UserFactory())
    page = client.get(services.idea_url(kept)).content.decode()
    assert "Official answer: taken forward" in page and "The board will fund a pilot." in page
    assert client.get(url).status_code == 403


def test_the_export_neutralises_formulas_and_only_the_owner_gets_it(client):
    owner = UserFactory()
    challenge = make_challenge(owner=owner)
    make_idea(challenge, title="=HYPERLINK(\"http://x\")")
    client.force_login(UserFactory())
    assert client.get(reverse("community:challenge_export", args=[challenge.pk])).status_code == 403
    client.force_login(owner)
    response = client.get(reverse("community:challenge_export", args=[challenge.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Idea" and rows[1][0].startswith("'=")


@pytest.mark.parametrize("sort", ["newest", "supported"])
def test_the_board_has_the_same_query_count_at_10_and_500_ideas(client, sort):
    counts = []
    for size in (10, 500):
        challenge = make_challenge()
        author = UserFactory()
        Idea.objects.bulk_create(
            Idea(challenge=challenge, author=author, title=f"Idea {n}", body="Body", support_count=n % 7)
            for n in range(size)
        )
        client.force_login(UserFactory())
        with CaptureQueriesContext(connection) as queries:
            response = client.get(services.challenge_url(challenge) + f"?sort={sort}")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_ranking_has_the_same_query_count_at_10_and_500_ideas(client):
    counts = []
    for size in (10, 500):
        owner = UserFactory()
        challenge = make_challenge(owner=owner, stage=ChallengeStage.EVALUATE)
        author = UserFactory()
        Idea.objects.bulk_create(Idea(challenge=challenge, author=author, title=f"I{n}", body="B") for n in range(size))
        client.force_login(owner)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("community:challenge_ranking", args=[challenge.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_challenge_list_has_the_same_query_count_at_10_and_60_challenges(client):
    client.force_login(UserFactory())
    client.get(reverse("community:challenges"))  # the first request of a session caches what every page needs
    counts = []
    for size in (10, 50):
        for _ in range(size):
            make_challenge()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("community:challenges") + "?page=2").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_idea_page_has_a_fixed_query_count_whatever_its_comments(client):
    idea = make_idea(make_challenge())
    client.force_login(UserFactory())
    client.get(services.idea_url(idea))  # the first request of a session caches what every page needs
    counts = []
    for extra in (3, 80):
        IdeaComment.objects.bulk_create(IdeaComment(idea=idea, author=idea.author, body="Yes") for _ in range(extra))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(services.idea_url(idea) + "?page=2").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_support_with_htmx_on_the_board_also_updates_the_summarys_supports_left_out_of_band(client):
    challenge = make_challenge(supports_per_person=3)
    idea = make_idea(challenge)
    client.force_login(UserFactory())
    board = client.get(services.challenge_url(challenge)).content.decode()
    assert ('<span id="supports-left-summary" aria-live="polite" aria-atomic="true">you have 3 left</span>'
            in board)
    assert 'name="on_board" value="1"' in board and "hx-swap-oob" not in board
    url = reverse("community:idea_support", args=[idea.pk])
    page = client.post(url, {"support": "yes", "on_board": "1"}, HTTP_HX_REQUEST="true").content.decode()
    oob = '<span id="supports-left-summary" hx-swap-oob="innerHTML">you have 2 left</span>'
    assert oob in page and "aria-live" not in page.split(oob)[1]  # the live region itself is not swapped
    assert 'name="on_board" value="1"' in page  # the swapped button keeps updating the summary
    page = client.post(url, {"support": "no", "on_board": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<span id="supports-left-summary" hx-swap-oob="innerHTML">you have 3 left</span>' in page
    # from the idea's own page (no summary there) the answer is the button only
    page = client.post(url, {"support": "yes"}, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-swap-oob" not in page and "supports-left-summary" not in page


def test_the_author_names_co_authors_by_email_and_they_are_shown_on_the_idea(client):
    challenge = make_challenge()
    idea = make_idea(challenge)
    colleague = UserFactory(first_name="Priya", last_name="Shah", email="priya.shah@example.org")
    url = reverse("community:idea_coauthors", args=[idea.pk])
    client.force_login(idea.author)
    assert "Name your co-authors" in client.get(services.idea_url(idea)).content.decode()
    response = client.post(url, {"coauthors": "priya.shah@example.org\nnobody@example.org"})
    page = response.content.decode()
    assert response.status_code == 400 and "nhsuk-error-summary" in page and "nobody@example.org" in page
    assert not IdeaCoAuthor.objects.exists()
    four = "\n".join(UserFactory().email for _ in range(4))
    response = client.post(url, {"coauthors": four})
    assert response.status_code == 400 and "3 co-authors or fewer" in response.content.decode()
    assert not IdeaCoAuthor.objects.exists()
    response = client.post(url, {"coauthors": "Priya.Shah@example.org"}, follow=True)
    page = response.content.decode()
    assert "Your co-authors are saved." in page and "and Priya Shah" in page and "Change your co-authors" in page
    assert "priya.shah@example.org" in client.get(url).content.decode()
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    assert "and Priya Shah" in client.get(services.idea_url(idea)).content.decode()

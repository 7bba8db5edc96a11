"""Idea challenges: stages on the workflow, submitting and editing ideas (history kept), supports limited
per person per challenge."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.community import services
from programmes.community.models import ChallengeStage, Idea, IdeaAnswer, IdeaRevision, IdeaScore, IdeaSupport
from programmes.core.models import Programme, SystemProblem
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = pytest.mark.django_db


def test_the_owner_moves_the_challenge_through_its_stages_and_each_move_is_logged():
    owner = UserFactory()
    challenge = make_challenge(owner=owner)
    for stage in (ChallengeStage.DISCUSS, ChallengeStage.EVALUATE, ChallengeStage.DEVELOP, ChallengeStage.DONE):
        challenge = services.move_challenge(owner, challenge, stage)
    assert challenge.stage == ChallengeStage.DONE
    assert list(challenge.transitions.order_by("pk").values_list("to_state", flat=True)) == [
        "gather", "discuss", "evaluate", "develop", "done"]


def test_a_stage_cannot_be_skipped_backwards_from_done():
    owner = UserFactory()
    challenge = make_challenge(owner=owner, stage=ChallengeStage.DONE)
    with pytest.raises(workflow.NotAllowed, match="This challenge is done"):
        services.move_challenge(owner, challenge, ChallengeStage.GATHER)


def test_only_the_owner_the_programme_admins_and_superusers_move_a_challenge():
    challenge = make_challenge()
    with pytest.raises(PermissionDenied):
        services.move_challenge(UserFactory(), challenge, ChallengeStage.DISCUSS)
    admin = UserFactory()
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="community"))
    assert services.move_challenge(admin, challenge, ChallengeStage.DISCUSS).stage == ChallengeStage.DISCUSS
    boss = UserFactory(is_superuser=True)
    assert services.move_challenge(boss, challenge, ChallengeStage.GATHER).stage == ChallengeStage.GATHER


def test_an_admin_of_another_programme_may_not_move_it():
    challenge = make_challenge()
    other = UserFactory()
    grant_role(None, other, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    with pytest.raises(PermissionDenied):
        services.move_challenge(other, challenge, ChallengeStage.DISCUSS)


def test_a_leader_submits_an_idea_stored_as_typed():
    challenge = make_challenge()
    leader = UserFactory()
    body = "<script>alert(1)</script> **Group** clinics =cmd|' /C calc'!A0"
    idea = services.submit_idea(leader, challenge, title="  Group clinics  ", body=body)
    assert (idea.title, idea.body, idea.author) == ("Group clinics", body, leader)


@pytest.mark.parametrize(("title", "body", "field"), [("", "Text", "title"), ("Title", "  ", "body"),
                                                      ("x" * 201, "Text", "title"), ("T", "x" * 10_001, "body")])
def test_bad_ideas_are_refused_with_a_clear_message_and_nothing_saved(title, body, field):
    challenge = make_challenge()
    with pytest.raises(ValidationError) as caught:
        services.submit_idea(UserFactory(), challenge, title=title, body=body)
    assert field in caught.value.message_dict
    assert not Idea.objects.exists()


def test_ideas_are_taken_only_while_gathering_and_between_the_dates():
    leader = UserFactory()
    with pytest.raises(ValidationError, match="not taking ideas"):
        services.submit_idea(leader, make_challenge(stage=ChallengeStage.DISCUSS), title="T", body="B")
    today = timezone.localdate()
    later = make_challenge(opens_on=today + datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=9))
    with pytest.raises(ValidationError, match="not taking ideas"):
        services.submit_idea(leader, later, title="T", body="B")
    closed = make_challenge(opens_on=today - datetime.timedelta(days=9), closes_on=today - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="not taking ideas"):
        services.submit_idea(leader, closed, title="T", body="B")
    assert not Idea.objects.exists()


def test_editing_keeps_the_earlier_text_and_only_the_author_may_edit():
    challenge = make_challenge()
    author = UserFactory()
    idea = services.submit_idea(author, challenge, title="First", body="First text")
    with pytest.raises(PermissionDenied):
        services.edit_idea(UserFactory(), idea, title="Mine now", body="No")
    idea = services.edit_idea(author, idea, title="Second", body="Second text")
    assert (idea.title, idea.body) == ("Second", "Second text") and idea.edited_at is not None
    revision = IdeaRevision.objects.get(idea=idea)
    assert (revision.title, revision.body, revision.edited_by) == ("First", "First text", author)
    services.edit_idea(author, idea, title="Second", body="Second text")  # unchanged: no new revision
    assert IdeaRevision.objects.filter(idea=idea).count() == 1


def test_supports_are_limited_per_person_per_challenge():
    challenge = make_challenge(supports_per_person=2)
    other_challenge = make_challenge(supports_per_person=1)
    ideas = [services.submit_idea(UserFactory(), challenge, title=f"Idea {n}", body="B") for n in range(3)]
    elsewhere = services.submit_idea(UserFactory(), other_challenge, title="Elsewhere", body="B")
    leader = UserFactory()
    services.support_idea(leader, ideas[0])
    with pytest.raises(ValidationError, match="already support"):
        services.support_idea(leader, ideas[0])
    services.support_idea(leader, ideas[1])
    with pytest.raises(ValidationError, match="used all 2 of your supports"):
        services.support_idea(leader, ideas[2])
    services.support_idea(leader, elsewhere)  # another challenge has its own supports
    services.withdraw_support(leader, ideas[0])
    services.support_idea(leader, ideas[2])
    counts = dict(Idea.objects.filter(challenge=challenge).values_list("title", "support_count"))
    assert counts == {"Idea 0": 0, "Idea 1": 1, "Idea 2": 1}
    assert IdeaSupport.objects.filter(person=leader).count() == 3


def test_no_supporting_your_own_idea_nor_after_discussion():
    challenge = make_challenge()
    author = UserFactory()
    idea = services.submit_idea(author, challenge, title="Mine", body="B")
    with pytest.raises(ValidationError, match="your own idea"):
        services.support_idea(author, idea)
    supporter = UserFactory()
    services.support_idea(supporter, idea)
    services.move_challenge(challenge.owner, challenge, ChallengeStage.DISCUSS)
    services.support_idea(UserFactory(), idea)  # discussing: still taking supports
    services.move_challenge(challenge.owner, challenge, ChallengeStage.EVALUATE)
    with pytest.raises(ValidationError, match="no longer taking supports"):
        services.support_idea(UserFactory(), idea)
    with pytest.raises(ValidationError, match="no longer taking supports"):
        services.withdraw_support(supporter, idea)
    idea.refresh_from_db()
    assert idea.support_count == 2


def test_withdrawing_a_support_you_did_not_give_is_refused():
    challenge = make_challenge()
    idea = services.submit_idea(UserFactory(), challenge, title="T", body="B")
    with pytest.raises(ValidationError, match="do not support"):
        services.withdraw_support(UserFactory(), idea)


def test_anonymous_people_cannot_submit_or_support():
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    challenge = make_challenge()
    idea = services.submit_idea(UserFactory(), challenge, title="T", body="B")
    with pytest.raises(PermissionDenied):
        services.submit_idea(AnonymousUser(), challenge, title="T", body="B")
    with pytest.raises(PermissionDenied):
        services.support_idea(AnonymousUser(), idea)


def _evaluating_challenge_with_idea():
    challenge = make_challenge()
    idea = services.submit_idea(UserFactory(), challenge, title="Shared physio triage", body="One triage line")
    services.move_challenge(challenge.owner, challenge, ChallengeStage.DISCUSS)
    services.move_challenge(challenge.owner, challenge, ChallengeStage.EVALUATE)
    return challenge, idea


def test_named_evaluators_score_ideas_on_impact_confidence_and_ease():
    challenge, idea = _evaluating_challenge_with_idea()
    evaluator = UserFactory()
    challenge.evaluators.add(evaluator)
    with pytest.raises(PermissionDenied):
        services.score_idea(challenge.owner, idea, impact=5, confidence=5, ease=5)
    with pytest.raises(ValidationError) as caught:
        services.score_idea(evaluator, idea, impact=0, confidence="lots", ease=11)
    assert set(caught.value.message_dict) == {"impact", "confidence", "ease"}
    assert not IdeaScore.objects.exists()
    services.score_idea(evaluator, idea, impact=8, confidence=5, ease="3")
    score = services.score_idea(evaluator, idea, impact=8, confidence=6, ease=3)  # a second score replaces it
    assert IdeaScore.objects.get() == score and score.ice == 144


def test_ideas_are_scored_only_while_the_challenge_evaluates_them():
    challenge = make_challenge()
    evaluator = UserFactory()
    challenge.evaluators.add(evaluator)
    idea = services.submit_idea(UserFactory(), challenge, title="T", body="B")
    with pytest.raises(ValidationError, match="while the challenge is evaluating"):
        services.score_idea(evaluator, idea, impact=5, confidence=5, ease=5)


def test_not_now_and_merged_answers_need_a_reason_and_are_given_once():
    challenge, idea = _evaluating_challenge_with_idea()
    other = Idea.objects.create(challenge=challenge, author=UserFactory(), title="Other", body="B")
    owner = challenge.owner
    with pytest.raises(ValidationError) as caught:
        services.answer_idea(owner, idea, answer="merged", reason=" ")
    assert set(caught.value.message_dict) == {"reason", "merged_into"}
    with pytest.raises(PermissionDenied):
        services.answer_idea(UserFactory(), idea, answer="not_now", reason="Later")
    idea = services.answer_idea(owner, idea, answer="merged", reason="Same as the other", merged_into=other)
    assert (idea.answer, idea.merged_into, idea.answered_by) == (IdeaAnswer.MERGED, other, owner)
    with pytest.raises(ValidationError, match="already has its official answer"):
        services.answer_idea(owner, idea, answer="not_now", reason="Changed my mind")
    other = services.answer_idea(owner, other, answer="not_now", reason="No budget this year")
    assert other.answer == IdeaAnswer.NOT_NOW and other.system_problem is None


def test_an_idea_taken_forward_creates_a_problem_in_the_register():
    challenge, idea = _evaluating_challenge_with_idea()
    idea = services.answer_idea(challenge.owner, idea, answer="taken_forward", reason="Board agreed")
    problem = idea.system_problem
    assert problem is not None
    assert (problem.title, problem.board, problem.owner) == ("Shared physio triage", "SEL ICB Board", challenge.owner)
    assert problem.transitions.count() == 1  # started in the register's own log


def test_an_idea_taken_forward_links_to_the_challenges_problem_when_it_has_one():
    challenge, idea = _evaluating_challenge_with_idea()
    problem = SystemProblem.objects.create(title="Physio waits", description="Long waits", board="SEL ICB Board")
    challenge.system_problem = problem
    challenge.save(update_fields=["system_problem"])
    idea = services.answer_idea(challenge.owner, idea, answer="taken_forward", reason="Board agreed")
    assert idea.system_problem == problem and SystemProblem.objects.count() == 1


def test_answers_wait_for_evaluation():
    challenge = make_challenge()
    idea = services.submit_idea(UserFactory(), challenge, title="T", body="B")
    with pytest.raises(ValidationError, match="evaluating or developing"):
        services.answer_idea(challenge.owner, idea, answer="not_now", reason="Later")


def test_erasure_takes_back_supports_and_removes_the_text_of_ideas():
    from programmes.community import erasure  # noqa: PLC0415

    challenge = make_challenge()
    leaver, other = UserFactory(), UserFactory()
    theirs = services.submit_idea(leaver, challenge, title="Theirs", body="Secret text")
    services.edit_idea(leaver, theirs, title="Theirs", body="Secret text, changed")
    others = services.submit_idea(other, challenge, title="Others", body="B")
    services.support_idea(leaver, others)
    challenge.evaluators.add(leaver)
    erasure.erase(leaver, "Erased person 1")
    others.refresh_from_db()
    theirs.refresh_from_db()
    assert others.support_count == 0 and not IdeaSupport.objects.filter(person=leaver).exists()
    assert theirs.body == erasure.IDEA_REMOVED and not IdeaRevision.objects.filter(idea=theirs).exists()
    assert not challenge.evaluators.filter(pk=leaver.pk).exists()

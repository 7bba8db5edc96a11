"""The services behind the idea challenges' pages: posing and changing a challenge, naming evaluators,
commenting on ideas; and what erasure does to a comment."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from programmes.community import erasure, services
from programmes.community.models import ChallengeStage, Idea, IdeaChallenge, IdeaComment
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge
from tests.programmes.community.test_idea_views import community_admin

pytestmark = pytest.mark.django_db


def _fields(**changes):
    today = timezone.localdate()
    return {"title": "Discharge delays", "question": "How might we get people home sooner?",
            "owner_body": "SEL ICB Board", "opens_on": today, "closes_on": today + datetime.timedelta(days=30),
            "supports_per_person": 3, **changes}


def test_only_the_programme_admins_pose_a_challenge_and_it_starts_gathering():
    with pytest.raises(PermissionDenied):
        services.save_challenge(UserFactory(), None, **_fields())
    admin, owner = community_admin(), UserFactory()
    challenge = services.save_challenge(admin, None, owner=owner, **_fields())
    assert challenge.owner == owner and challenge.stage == ChallengeStage.GATHER
    assert list(challenge.transitions.values_list("to_state", flat=True)) == ["gather"]


def test_the_owner_changes_the_challenge_but_dates_out_of_order_change_nothing():
    owner = UserFactory()
    challenge = make_challenge(owner=owner)
    with pytest.raises(ValidationError) as caught:
        services.save_challenge(owner, challenge, **_fields(closes_on=timezone.localdate() - datetime.timedelta(1)))
    assert "closes_on" in caught.value.message_dict
    assert IdeaChallenge.objects.get().title == challenge.title
    services.save_challenge(owner, challenge, **_fields(title="Getting people home"))
    assert IdeaChallenge.objects.get().title == "Getting people home"
    with pytest.raises(PermissionDenied):
        services.save_challenge(UserFactory(), challenge, **_fields())


def test_evaluators_are_named_by_the_owner_only_and_must_be_active():
    owner, evaluator = UserFactory(), UserFactory()
    challenge = make_challenge(owner=owner)
    with pytest.raises(PermissionDenied):
        services.set_evaluators(UserFactory(), challenge, [evaluator])
    with pytest.raises(ValidationError):
        services.set_evaluators(owner, challenge, [UserFactory(is_active=False)])
    services.set_evaluators(owner, challenge, [evaluator])
    assert list(challenge.evaluators.all()) == [evaluator]


def test_comments_are_kept_as_typed_until_the_challenge_is_done():
    challenge = make_challenge()
    idea = Idea.objects.create(challenge=challenge, author=UserFactory(), title="Idea", body="Body")
    comment = services.comment_on_idea(UserFactory(), idea, body="  <b>Agreed</b>  ")
    assert comment.body == "<b>Agreed</b>"
    with pytest.raises(ValidationError):
        services.comment_on_idea(UserFactory(), idea, body="x" * (services.MAX_COMMENT + 1))
    done = make_challenge(stage=ChallengeStage.DONE)
    late = Idea.objects.create(challenge=done, author=UserFactory(), title="Idea", body="Body")
    with pytest.raises(ValidationError, match="done"):
        services.comment_on_idea(UserFactory(), late, body="Too late")
    assert IdeaComment.objects.count() == 1


def test_erasure_removes_the_text_of_a_persons_comments():
    idea = Idea.objects.create(challenge=make_challenge(), author=UserFactory(), title="Idea", body="Body")
    person = UserFactory()
    services.comment_on_idea(person, idea, body="My view")
    erasure.erase(person, "Former member 1")
    assert IdeaComment.objects.get().body == erasure.COMMENT_REMOVED


@pytest.mark.parametrize("slug", ["challenges", "ideas", "posts"])
def test_a_community_cannot_take_a_slug_that_other_pages_use(slug):
    from django.core.exceptions import ValidationError

    from programmes.community.models import Community

    with pytest.raises(ValidationError) as raised:
        Community(name="A network", slug=slug).full_clean()
    assert "slug" in raised.value.message_dict

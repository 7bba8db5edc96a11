import pytest

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory


@pytest.fixture
def shadowing_admin(db):
    """A Programme admin of the shadowing programme."""
    user = UserFactory(first_name="Sam", last_name="Admin")
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="shadowing"))
    give_mfa(user)
    return user


@pytest.fixture
def other_admin(db):
    """A Programme admin of another programme (the curriculum)."""
    user = UserFactory()
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="curriculum"))
    give_mfa(user)
    return user


@pytest.fixture
def leader(db):
    return LeaderProfileFactory().user

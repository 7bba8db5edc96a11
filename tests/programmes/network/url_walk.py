"""Managed network pages in the URL walk. The walk's Programme admin runs another programme (the
curriculum), so the network's admin pages answer 403 for them; test_views.py covers the network's own
admins, members and the supporter's link."""

from django.urls import reverse

from programmes.network import services
from programmes.network.models import MembershipState, Tier
from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.factories.network import EventFactory, IntakeFactory, MembershipFactory

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Someone else's membership: not found for everyone, superusers included.
OTHERS = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}
NETWORK_ADMIN = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": OK}

EXPECTATIONS = {
    "network:index": PUBLIC,
    "network:events": PUBLIC,
    "network:supporter": PUBLIC,
    "network:join": SIGNED_IN,
    "network:apply": SIGNED_IN,
    "network:membership": SIGNED_IN,
    "network:leave": OTHERS,
    "network:event": SIGNED_IN,
    "network:rsvp": SIGNED_IN,
    "network:rsvp_cancel": SIGNED_IN,
    "network:invite": SIGNED_IN,
    "network:manage": NETWORK_ADMIN,
    "network:members": NETWORK_ADMIN,
    "network:intake_create": NETWORK_ADMIN,
    "network:intake_close": NETWORK_ADMIN,
    "network:event_create": NETWORK_ADMIN,
    "network:event_manage": NETWORK_ADMIN,
    "network:event_edit": NETWORK_ADMIN,
    "network:table_plan_make": NETWORK_ADMIN,
    "network:table_plan": NETWORK_ADMIN,
}


def _others_membership():
    return MembershipFactory(person=UserFactory(), tier=Tier.OPEN, state=MembershipState.ACCEPTED)


PRIVATE = {"someone else's network membership": lambda: reverse("network:leave", args=[_others_membership().pk])}


def url_for(name: str) -> str | None:
    if not name.startswith("network:"):
        return None
    short = name.split(":", 1)[1]
    if short in {"index", "events", "join", "membership", "manage", "members", "intake_create", "event_create"}:
        return reverse(name)
    if short in {"apply", "intake_close"}:
        return reverse(name, args=[IntakeFactory().pk])
    if short == "supporter":
        intake = IntakeFactory()
        membership = MembershipFactory(
            tier=Tier.INTAKE, intake=intake, state=MembershipState.APPLIED, supporter_role="line_manager",
            supporter_name="Sam Manager", supporter_email="sam.manager@example.nhs.uk",
        )
        return reverse(name, args=[services.supporter_token(membership)])
    if short == "leave":
        return reverse(name, args=[_others_membership().pk])
    if short == "invite":
        return reverse(name, args=[services.invite_token(EventFactory(), UserFactory())])
    return reverse(name, args=[EventFactory().pk])

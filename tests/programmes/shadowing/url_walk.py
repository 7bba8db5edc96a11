"""Shadowing's pages in the URL walk. The walk's Programme admin runs another programme (the curriculum), so
shadowing's admin pages answer 403 for them; tests/programmes/shadowing/test_views.py covers shadowing's own
admins."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from programmes.shadowing import services
from programmes.shadowing.models import (
    Agreement,
    DraftChoice,
    FollowUp,
    PairChoice,
    Reflection,
    RoundState,
    Visit,
)
from tests.conftest import ROLE_NAMES
from tests.factories.shadowing import InterestFactory, OfferFactory, RoundFactory, make_placement

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Someone else's offer: only its host changes it; not found for everyone else, superusers included.
OTHERS_OFFER = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}
SHADOWING_ADMIN = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "superuser": OK}

EXPECTATIONS = {
    "shadowing:index": SIGNED_IN,
    "shadowing:mine": SIGNED_IN,
    "shadowing:offer_create": SIGNED_IN,
    "shadowing:offer_edit": OTHERS_OFFER,
    "shadowing:interest": SIGNED_IN,
    # A placement and its agreement are its shadow's and host's alone: not found for everyone else.
    "shadowing:placement": OTHERS_OFFER,
    "shadowing:agreement_edit": OTHERS_OFFER,
    "shadowing:agreement_sign": OTHERS_OFFER,
    "shadowing:visit_ics": OTHERS_OFFER,
    # Changing a visit, a reflection and the follow-up are the two sides' (a reflection its author's) alone.
    "shadowing:visit_rearrange": OTHERS_OFFER,
    "shadowing:visit_cancel": OTHERS_OFFER,
    "shadowing:reflection": OTHERS_OFFER,
    "shadowing:follow_up": OTHERS_OFFER,
    # Cancelling a whole placement: its two sides, or the shadowing programme's admins (superusers are).
    "shadowing:placement_cancel": OTHERS_OFFER | {"superuser": OK},
    # The line manager's signed link needs no account: the token is the key.
    "shadowing:agreement_manager": dict.fromkeys(ROLE_NAMES, OK),
    "shadowing:manage": SHADOWING_ADMIN,
    "shadowing:round_create": SHADOWING_ADMIN,
    "shadowing:round_manage": SHADOWING_ADMIN,
    "shadowing:round_close": SHADOWING_ADMIN,
    "shadowing:round_reopen": SHADOWING_ADMIN,
    "shadowing:round_match": SHADOWING_ADMIN,
    "shadowing:round_publish": SHADOWING_ADMIN,
    "shadowing:round_finish": SHADOWING_ADMIN,
    "shadowing:choice_remove": SHADOWING_ADMIN,
    "shadowing:follow": SHADOWING_ADMIN,
    "shadowing:chase": SHADOWING_ADMIN,
}


def url_for(name: str) -> str | None:
    if not name.startswith("shadowing:"):
        return None
    short = name.split(":", 1)[1]
    if short in {"index", "mine", "manage", "round_create"}:
        return reverse(name)
    if short in {"offer_create", "interest", "round_close"}:
        return reverse(name, args=[RoundFactory().pk])
    if short == "offer_edit":
        return reverse(name, args=[OfferFactory().pk])
    if short in {"placement", "agreement_edit", "agreement_sign", "placement_cancel"}:
        return reverse(name, args=[make_placement().pk])
    if short in {"visit_ics", "agreement_manager"}:
        agreement = _signed_agreement()
        if short == "visit_ics":
            placement = agreement.placement
            return reverse(name, args=[placement.pk, placement.visits.first().pk])
        return reverse(name, args=[services.agreement_manager_token(agreement)])
    if short in {"visit_rearrange", "visit_cancel", "reflection"}:
        placement = _signed_agreement().placement
        return reverse(name, args=[placement.pk, placement.visits.first().pk])
    if short == "follow_up":
        return _follow_up_page()
    if short in {"follow", "chase"}:
        return reverse(name, args=[make_placement().round.pk])
    if short == "choice_remove":
        round_ = RoundFactory(state=RoundState.MATCHING)
        choice = DraftChoice.objects.create(
            round=round_, interest=InterestFactory(round=round_), offer=OfferFactory(round=round_),
            kind=PairChoice.EXCLUDE,
        )
        return reverse(name, args=[choice.pk])
    # The round's page and its matching actions, on a round being matched with an offer and an interest.
    round_ = RoundFactory(state=RoundState.MATCHING)
    OfferFactory(round=round_)
    InterestFactory(round=round_)
    return reverse(name, args=[round_.pk])


def _signed_agreement():
    """Someone else's placement with an agreement the shadow and the host have signed."""
    placement = make_placement()
    agreement = Agreement.objects.create(placement=placement, learning_goals="Goals", confidentiality="Kept",
                                         practical_arrangements="Arrive at 9", shadow_signed_at=timezone.now(),
                                         host_signed_at=timezone.now())
    start = placement.round.visits_from
    Visit.objects.bulk_create(Visit(placement=placement, number=n, on=start + dt.timedelta(days=n)) for n in (1, 2))
    return agreement


def _follow_up_page():
    """Someone else's three-month follow-up, invited."""
    placement = make_placement()
    FollowUp.objects.create(placement=placement, due_on=timezone.localdate(), invited_at=timezone.now())
    return reverse("shadowing:follow_up", args=[placement.pk])


def _reflection_page():
    """Someone else's reflection on a visit that has happened."""
    placement = _signed_agreement().placement
    visit = placement.visits.first()
    Visit.objects.filter(pk=visit.pk).update(on=timezone.localdate() - dt.timedelta(days=1))
    Reflection.objects.create(visit=visit, author=placement.shadow, side="shadow", saw="Private words")
    return reverse("shadowing:reflection", args=[placement.pk, visit.pk])


def _placement_page():
    return reverse("shadowing:placement", args=[make_placement().pk])


def _offer_page():
    return reverse("shadowing:offer_edit", args=[OfferFactory().pk])


# Someone else's offer is theirs alone to change: not found for everyone, superusers included.
PRIVATE = {
    "someone else's shadowing offer": _offer_page,
    "someone else's shadowing placement": _placement_page,
    "someone else's shadowing reflection": _reflection_page,
    "someone else's shadowing follow-up": _follow_up_page,
}

"""Managed network pages in the URL walk. The walk's Programme admin runs another programme (the
curriculum), so the network's admin pages answer 403 for them; test_views.py covers the network's own
admins, members and the supporter's link."""

from django.urls import reverse

from academy import workflow
from programmes.network import alumni_services, mentoring_services, services
from programmes.network.models import MembershipState, Tier
from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.factories.network import EventFactory, IntakeFactory, MembershipFactory, alumnus

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
    # After a Big Room: anyone signed in reaches the feedback page (it says when it opens and who may answer);
    # the register and the feedback's figures are the network's admins' own.
    "network:event_feedback": SIGNED_IN,
    "network:event_register": NETWORK_ADMIN,
    "network:event_slides_upload": NETWORK_ADMIN,
    # The walk's event is still to come and has no slides: not found for everyone signed in.
    "network:event_slides": OTHERS,
    "network:event_feedback_figures": NETWORK_ADMIN,
    # Mentoring: a person's own pages; someone else's offer, request or pair is not found for everyone,
    # superusers and the network's admins included (a pair's agreement and check-ins stay between them).
    "network:mentoring": SIGNED_IN,
    "network:mentoring_offer": SIGNED_IN,
    "network:mentoring_request": SIGNED_IN,
    "network:mentoring_offer_withdraw": OTHERS,
    "network:mentoring_request_withdraw": OTHERS,
    "network:mentoring_pair": OTHERS,
    "network:mentoring_end": OTHERS,
    "network:mentoring_checkin": OTHERS,
    "network:mentoring_manage": NETWORK_ADMIN,
    "network:mentoring_matching": NETWORK_ADMIN,
    "network:mentoring_matching_run": NETWORK_ADMIN,
    "network:mentoring_publish": NETWORK_ADMIN,
    # The talent pool: a person's own entry. The walk's people have none, so withdrawing it is not found.
    "network:talent": SIGNED_IN,
    "network:talent_withdraw": OTHERS,
}


def _others_membership():
    return MembershipFactory(person=UserFactory(), tier=Tier.OPEN, state=MembershipState.ACCEPTED)


def _others_offer():
    return mentoring_services.offer_to_mentor(UserFactory(), capacity=1, topics=[], format="either")


def _others_request():
    mentee = UserFactory()
    MembershipFactory(person=mentee)
    return mentoring_services.ask_for_mentor(mentee, topics=[], format="either")


def _others_pair():
    (pair,) = mentoring_services.publish(workflow.SYSTEM, [(_others_request().pk, _others_offer().pk)])
    return pair


PRIVATE = {
    "someone else's network membership": lambda: reverse("network:leave", args=[_others_membership().pk]),
    "someone else's mentoring pair": lambda: reverse("network:mentoring_pair", args=[_others_pair().pk]),
    "someone else's mentoring check-in": lambda: reverse("network:mentoring_checkin", args=[_others_pair().pk, 1]),
}


def url_for(name: str) -> str | None:
    if not name.startswith("network:"):
        return None
    short = name.split(":", 1)[1]
    if short in {"index", "events", "join", "membership", "manage", "members", "intake_create", "event_create",
                 "mentoring", "mentoring_offer", "mentoring_request", "mentoring_manage", "mentoring_matching",
                 "mentoring_matching_run", "mentoring_publish", "talent", "talent_withdraw"}:
        return reverse(name)
    if short == "mentoring_offer_withdraw":
        return reverse(name, args=[_others_offer().pk])
    if short == "mentoring_request_withdraw":
        return reverse(name, args=[_others_request().pk])
    if short in {"mentoring_pair", "mentoring_end"}:
        return reverse(name, args=[_others_pair().pk])
    if short == "mentoring_checkin":
        return reverse(name, args=[_others_pair().pk, 1])
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


# --- coaching (pull, not push) ----------------------------------------------------------------------
# The walk's people are neither coaches nor coachees nor the coaching lead (a Programme admin of the
# network): the relationship pages are not found for anyone, superusers included, and the lead's pages
# are refused to everyone, superusers included. tests/programmes/network/test_coaching_views.py covers
# the coachee, the coach and the lead themselves.
COACHING_LEAD = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN}
EXPECTATIONS |= {
    "network:coaching": SIGNED_IN,
    "network:coaching_request": SIGNED_IN,
    "network:coach_profile": OTHERS,
    "network:coaching_detail": OTHERS,
    "network:coaching_withdraw": OTHERS,
    "network:coaching_accept": OTHERS,
    "network:coaching_decline": OTHERS,
    "network:coaching_end": OTHERS,
    "network:coaching_manage": COACHING_LEAD,
    "network:coaching_assign": COACHING_LEAD,
    "network:coaching_coaches": COACHING_LEAD,
    "network:coaching_coach_add": COACHING_LEAD,
    "network:coaching_coach_edit": COACHING_LEAD,
    "network:coaching_figures": NETWORK_ADMIN,
}
PRIVATE |= {
    "someone else's coaching relationship": lambda: reverse("network:coaching_detail", args=[_coaching().pk]),
    "someone else's coaching, to end": lambda: reverse("network:coaching_end", args=[_coaching().pk]),
}
_network_url_for = url_for


def _coaching():
    from tests.factories import coaching

    return coaching.active()


def url_for(name: str) -> str | None:  # noqa: F811 - the coaching block extends the walk above
    short = name.split(":", 1)[-1]
    if not name.startswith("network:coach"):
        return _network_url_for(name)
    if short in {"coaching", "coaching_request", "coach_profile", "coaching_manage", "coaching_coaches",
                 "coaching_coach_add", "coaching_figures"}:
        return reverse(name)
    from tests.factories import coaching

    if short == "coaching_coach_edit":
        return reverse(name, args=[coaching.coach().pk])
    if short in {"coaching_assign", "coaching_withdraw"}:
        return reverse(name, args=[coaching.request().pk])
    if short in {"coaching_accept", "coaching_decline"}:
        return reverse(name, args=[coaching.offered().pk])
    return reverse(name, args=[_coaching().pk])


# --- alumni -----------------------------------------------------------------------------------------
# The walk's people have completed no programme, so they are not alumni: the alumni-only pages answer 403
# (a page that explains who alumni are), the directory too except for the network's admins (superusers).
# tests/programmes/network/test_alumni.py covers alumni themselves.
ALUMNI_ONLY = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN}
EXPECTATIONS |= {
    "network:alumni": SIGNED_IN,
    "network:alumni_directory": NETWORK_ADMIN,
    "network:alumni_listing": ALUMNI_ONLY,
    "network:alumni_opt_out": SIGNED_IN,  # the page says they are not in the directory, with no button
    "network:alumni_volunteer": ALUMNI_ONLY,
    "network:alumni_volunteer_withdraw": OTHERS,
    "network:alumni_volunteers": NETWORK_ADMIN,
    "network:alumni_volunteers_csv": NETWORK_ADMIN,
    "network:alumni_volunteer_mark": NETWORK_ADMIN,
}
_before_alumni_url_for = url_for


def _others_volunteer_offer():
    return alumni_services.volunteer(alumnus(), role="faculty", functions=[], availability="Fridays", note="")


PRIVATE |= {
    "someone else's offer to volunteer": lambda: reverse(
        "network:alumni_volunteer_withdraw", args=[_others_volunteer_offer().pk]
    ),
}


def url_for(name: str) -> str | None:  # noqa: F811 - the alumni block extends the walk above
    short = name.split(":", 1)[-1]
    if not name.startswith("network:alumni"):
        return _before_alumni_url_for(name)
    if short == "alumni_volunteer_withdraw":
        return reverse(name, args=[_others_volunteer_offer().pk])
    if short == "alumni_volunteer_mark":
        return reverse(name, args=[_others_volunteer_offer().pk, "contacted"])
    return reverse(name)

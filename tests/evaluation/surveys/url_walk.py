"""Questionnaire pages in the URL walk. The walk's programme admin runs the curriculum, whose cohort the
results page shows (test_views covers a programme admin of another programme); a participant's own
invitation and answers are in PRIVATE (not found for everyone else, superusers included)."""

from django.urls import reverse
from django.utils import timezone

from academy import workflow
from evaluation.surveys import links, services, subjects
from evaluation.surveys.models import Audience, Invitation, WaveKind
from tests.conftest import ROLE_NAMES
from tests.evaluation.surveys.helpers import answers_for, cohort_with_participants, live_version, open_wave
from tests.evaluation.surveys.subject_helpers import big_room_with_people, edition_with_people, placement_with_visits

OK, LOGIN, DENIED, MISSING, NOT_ALLOWED = 200, "login", 403, 404, 405
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
BUILDERS = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "evaluator": OK, "superuser": OK}
BUILDERS_POST_ONLY = BUILDERS | {"evaluator": NOT_ALLOWED, "superuser": NOT_ALLOWED}
READERS = BUILDERS | {"programme_admin": OK}
NOT_THEIRS = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}

EXPECTATIONS = {
    "evaluation_surveys:mine": SIGNED_IN,
    "evaluation_surveys:respond": NOT_THEIRS,
    "evaluation_surveys:withdraw": NOT_THEIRS,
    "evaluation_surveys:line_manager": PUBLIC,
    "evaluation_surveys:instruments": BUILDERS,
    "evaluation_surveys:instrument_create": BUILDERS,
    "evaluation_surveys:new_version": BUILDERS,
    "evaluation_surveys:version": BUILDERS,
    "evaluation_surveys:item_add": BUILDERS | {"evaluator": 302, "superuser": 302},
    "evaluation_surveys:publish": BUILDERS,
    "evaluation_surveys:retire": BUILDERS,
    "evaluation_surveys:item_move": BUILDERS_POST_ONLY,
    "evaluation_surveys:item_remove": BUILDERS,
    "evaluation_surveys:waves": BUILDERS,
    "evaluation_surveys:wave_create": BUILDERS,
    "evaluation_surveys:standard_cohorts": BUILDERS,
    "evaluation_surveys:standard_schedule": BUILDERS,
    "evaluation_surveys:standard_schedule_edition": BUILDERS,
    "evaluation_surveys:standard_schedule_placement": BUILDERS,
    "evaluation_surveys:standard_schedule_event": BUILDERS,
    "evaluation_surveys:results": READERS,
    "evaluation_surveys:cohort_results": READERS,
    # the walk's programme admin runs the curriculum, not the conference or shadowing
    "evaluation_surveys:edition_results": BUILDERS | {"programme_admin": MISSING},
    "evaluation_surveys:placement_results": BUILDERS | {"programme_admin": MISSING},
    "evaluation_surveys:event_results": BUILDERS | {"programme_admin": MISSING},
    "evaluation_surveys:wave_export": READERS,
}


def _wave_with_answer(audience=Audience.PARTICIPANTS, kind=WaveKind.BEFORE):
    version = live_version(name=f"Walk {kind} {audience} {Invitation.objects.count()}")
    cohort, _apps = cohort_with_participants(2)
    wave = open_wave(cohort, version, kind=kind, audience=audience)
    services.send_invitations_and_reminders()
    return wave, version


def _subject_wave(subject):
    version = live_version(name=f"Walk {subject.kind} {Invitation.objects.count()} {subject.pk}")
    today = timezone.localdate()
    services.schedule_wave(workflow.SYSTEM, subject=subject, kind=WaveKind.REACTION, audience=Audience.PARTICIPANTS,
                           version=version, opens_on=today, closes_on=today)
    services.send_invitations_and_reminders()


def _own_invitation_url():
    wave, _ = _wave_with_answer()
    return reverse("evaluation_surveys:respond", args=[wave.invitations.first().pk])


def _own_response_url():
    wave, version = _wave_with_answer()
    invitation = wave.invitations.select_related("leader").first()
    response = services.submit_response(invitation.leader, invitation, answers_for(version))
    return reverse("evaluation_surveys:withdraw", args=[response.pk])


def url_for(name: str):
    if not name.startswith("evaluation_surveys:"):
        return None
    short = name.split(":", 1)[1]
    if short == "respond":
        return _own_invitation_url()
    if short == "withdraw":
        return _own_response_url()
    if short == "line_manager":
        wave, _ = _wave_with_answer(Audience.LINE_MANAGERS, WaveKind.BEHAVIOUR)
        return links.line_manager_path(wave.invitations.first())
    if short == "standard_schedule":
        cohort, _apps = cohort_with_participants(1)
        return reverse(name, args=[cohort.pk])
    if short in {"standard_schedule_edition", "edition_results"}:
        edition, _people = edition_with_people(1)
        if short == "edition_results":
            _subject_wave(subjects.for_scheduling(None, "edition", edition.pk))
        return reverse(name, args=[edition.pk])
    if short in {"standard_schedule_placement", "placement_results"}:
        placement = placement_with_visits()
        if short == "placement_results":
            _subject_wave(subjects.for_scheduling(None, "placement", placement.pk))
        return reverse(name, args=[placement.pk])
    if short in {"standard_schedule_event", "event_results"}:
        event = big_room_with_people(1)[0]
        if short == "event_results":
            _subject_wave(subjects.for_scheduling(None, "event", event.pk))
        return reverse(name, args=[event.pk])
    if short == "cohort_results":
        wave, _ = _wave_with_answer()
        return reverse(name, args=[wave.cohort_id])
    if short == "wave_export":
        wave, _ = _wave_with_answer()
        return reverse(name, args=[wave.pk]) + "?format=xlsx"
    if short in {"version", "item_add", "publish"}:
        instrument = services.create_instrument(workflow.SYSTEM, name=f"Walk draft {short}", purpose="Walk")
        version = instrument.versions.get()
        services.add_item(workflow.SYSTEM, version, kind="likert", text="A question", construct="")
        return reverse(name, args=[version.pk])
    if short == "retire":
        return reverse(name, args=[live_version(name="Walk retire").pk])
    if short == "new_version":
        return reverse(name, args=[live_version(name="Walk new version").instrument_id])
    if short in {"item_move", "item_remove"}:
        instrument = services.create_instrument(workflow.SYSTEM, name=f"Walk {short}", purpose="Walk")
        version = instrument.versions.get()
        item = services.add_item(workflow.SYSTEM, version, kind="likert", text="A question", construct="")
        services.add_item(workflow.SYSTEM, version, kind="text", text="Another", construct="")
        return reverse(name, args=[item.pk, "down"]) if short == "item_move" else reverse(name, args=[item.pk])
    return reverse(name)


PRIVATE = {
    "someone else's questionnaire invitation": _own_invitation_url,
    "someone else's questionnaire answers": _own_response_url,
}

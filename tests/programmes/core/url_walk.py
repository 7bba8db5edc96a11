"""The cohort engine's and the curriculum's pages for the URL walk (see tests/test_url_walk.py)."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import ROLE_NAMES

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
EVERYONE_SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
PUBLIC = dict.fromkeys(ROLE_NAMES, OK)
# Someone else's application: nobody but its applicant sees it (the applicant's view is in test_core_views).
OWNER_ONLY = {name: MISSING for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}

# The curriculum's admin pages: its Programme admin (the walk's programme admin runs the curriculum) and superusers.
CURRICULUM_ADMINS = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "programme_admin": OK, "superuser": OK}

# Panel review: Reviewers (all programmes), the curriculum's admin, superusers.
PANEL = CURRICULUM_ADMINS | {"reviewer": OK}

# A reflection shared in a curriculum cohort: its author (not walked), the cohort's faculty (not walked) and
# the curriculum's admins read it; everyone else, superusers included, gets 404 (private ones: only the author).
SHARED_REFLECTION = OWNER_ONLY | {"programme_admin": OK}
# "Reflections shared with you": faculty (tested in test_learning_log) and programme admins. Other people are
# refused; a superuser reaches the page but it lists only what they teach or administer (nothing here).
SHARED_LIST = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN, "programme_admin": OK, "superuser": OK}

EXPECTATIONS = {
    "programmes:session_reflection": OWNER_ONLY,  # a session of a cohort the person has no place on
    "programmes:final_reflection": OWNER_ONLY,
    "programmes:reflection": SHARED_REFLECTION,
    "programmes:shared_reflections": SHARED_LIST,
    "programmes:cohort_faculty": CURRICULUM_ADMINS,
    "programmes:faculty_remove": CURRICULUM_ADMINS,
    "programmes:review": PANEL,
    "programmes:review_cohort": PANEL,
    "programmes:score": PANEL,
    "programmes:admin_cohorts": CURRICULUM_ADMINS,
    "programmes:cohort_create": CURRICULUM_ADMINS,
    "programmes:cohort_manage": CURRICULUM_ADMINS,
    "programmes:cohort_edit": CURRICULUM_ADMINS,
    "programmes:roster_export": CURRICULUM_ADMINS,
    "programmes:session_create": CURRICULUM_ADMINS,
    "programmes:session_edit": CURRICULUM_ADMINS,
    "programmes:attendance": CURRICULUM_ADMINS,
    "programmes:admin_application": CURRICULUM_ADMINS,
    "programmes:check_in_code": CURRICULUM_ADMINS,
    "programmes:check_in_code_now": CURRICULUM_ADMINS,
    "programmes:check_in_code_full": CURRICULUM_ADMINS,
    "programmes:check_in": OWNER_ONLY,  # a session of a cohort the person has no place on
    "programmes:completion": CURRICULUM_ADMINS,
    "programmes:cohort_message": CURRICULUM_ADMINS,
    "programmes:certificate_pdf": OWNER_ONLY,  # someone else's certificate
    "programmes:certificate_verify": PUBLIC,
    "programmes:catalogue": PUBLIC,
    "programmes:programme": PUBLIC,
    "programmes:cohort": PUBLIC,
    "programmes:apply": EVERYONE_SIGNED_IN,
    "programmes:book": EVERYONE_SIGNED_IN,
    "programmes:my_academy": EVERYONE_SIGNED_IN,
    "programmes:cpd_record_pdf": EVERYONE_SIGNED_IN,  # the person's own record (empty for the walk's people)
    "programmes:cpd_record_csv": EVERYONE_SIGNED_IN,
    "programmes:application": OWNER_ONLY,
    "programmes:accept": OWNER_ONLY,
    "programmes:decline": OWNER_ONLY,
    "programmes:withdraw": OWNER_ONLY,
    "programmes:access_needs": OWNER_ONLY,  # someone else's access needs: theirs alone, superusers too
    "programmes:line_manager": PUBLIC,
    "programmes:calendar_feed_manage": EVERYONE_SIGNED_IN,
    "programmes:session_ics": OWNER_ONLY,  # a session of someone else's cohort
    "programmes:calendar_feed": PUBLIC,  # the token is the key
    # action learning sets and quads (a group of someone else's: its members are tested in test_learning_groups)
    "programmes:learning_groups": CURRICULUM_ADMINS,
    "programmes:learning_group_problem": CURRICULUM_ADMINS,
    # programme admins create programmes (any Programme admin) and change the ones they run
    "programmes:programme_create": CURRICULUM_ADMINS,
    "programmes:programme_edit": CURRICULUM_ADMINS,
}


def _draft_application(name: str):
    def make() -> str:
        from tests.factories.programmes import ApplicationFactory

        return reverse(name, args=[ApplicationFactory(state="draft").pk])

    return make


# A leader's unsent draft, through the panel's and the programme team's pages (see test_url_walk.PRIVATE).
def _private_reflection() -> str:
    """A reflection its author keeps to themselves: theirs alone, superusers included."""
    from datetime import timedelta

    from django.utils import timezone

    from programmes.core import services
    from tests.factories.programmes import ApplicationFactory, SessionFactory

    session = SessionFactory(starts_at=timezone.now() - timedelta(hours=5), ends_at=timezone.now() - timedelta(hours=2))
    place = ApplicationFactory(cohort=session.cohort, state="accepted")
    reflection = services.save_reflection(
        place.applicant, session.cohort, "What I noticed about boundaries.", shared=False, session=session
    )
    return reverse("programmes:reflection", args=[reflection.pk])


PRIVATE = {
    "a leader's draft application, panel review page": _draft_application("programmes:score"),
    "a leader's draft application, programme admin page": _draft_application("programmes:admin_application"),
    "a reflection its author has not shared": _private_reflection,
}


def url_for(name: str) -> str | None:
    from programmes.core import services
    from tests.factories.programmes import ApplicationFactory, CohortFactory

    if name in {"programmes:session_reflection", "programmes:final_reflection", "programmes:reflection",
                "programmes:faculty_remove"}:
        return _learning_log_url(name)
    if name == "programmes:programme":
        return reverse(name, args=["curriculum"])
    if name in {"programmes:cohort_manage", "programmes:cohort_edit", "programmes:roster_export",
                "programmes:session_create"}:
        return reverse(name, args=[CohortFactory().pk])
    if name == "programmes:review_cohort":
        return reverse(name, args=[CohortFactory().pk])
    if name == "programmes:score":
        return reverse(name, args=[ApplicationFactory(state="under_review").pk])
    if name == "programmes:admin_application":
        return reverse(name, args=[ApplicationFactory(state="accepted").pk])
    if name in {"programmes:completion", "programmes:cohort_message", "programmes:cohort_faculty"}:
        return reverse(name, args=[CohortFactory().pk])
    if name in {"programmes:certificate_pdf", "programmes:certificate_verify"}:
        from programmes.core.models import Certificate

        certificate = Certificate.objects.create(
            application=ApplicationFactory(state="completed"), code=f"walk-{ApplicationFactory().pk}", cpd_hours=3
        )
        arg = certificate.application_id if name == "programmes:certificate_pdf" else certificate.code
        return reverse(name, args=[arg])
    if name in {"programmes:session_edit", "programmes:attendance", "programmes:check_in_code",
                "programmes:check_in_code_now", "programmes:check_in_code_full", "programmes:check_in"}:
        from tests.factories.programmes import SessionFactory

        return reverse(name, args=[SessionFactory().pk])
    if name in {"programmes:cohort", "programmes:apply"}:
        return reverse(name, args=[CohortFactory().pk])
    if name == "programmes:book":
        return reverse(name, args=[CohortFactory(selection_method="open_booking", offer_type="modular").pk])

    if name in {"programmes:application", "programmes:accept", "programmes:decline", "programmes:withdraw",
                "programmes:access_needs"}:
        return reverse(name, args=[ApplicationFactory().pk])
    if name == "programmes:session_ics":
        from tests.factories.programmes import SessionFactory

        return reverse(name, args=[SessionFactory().pk])
    if name == "programmes:calendar_feed":
        return reverse(name, args=[services.calendar_feed(ApplicationFactory().applicant).token])
    if name == "programmes:line_manager":
        return reverse(name, args=[services.line_manager_token(ApplicationFactory(state="awaiting_line_manager"))])
    if name == "programmes:programme_edit":
        return reverse(name, args=["curriculum"])
    if name == "programmes:learning_groups":
        return reverse(name, args=[CohortFactory().pk])
    if name == "programmes:learning_group_problem":
        from programmes.core.models import LearningGroup, LearningGroupMember

        application = ApplicationFactory(state="accepted")
        group = LearningGroup.objects.create(cohort=application.cohort, kind="quad", number=1)
        LearningGroupMember.objects.create(group=group, application=application)
        return reverse(name, args=[group.pk])
    return None


def _learning_log_url(name: str) -> str:
    from datetime import timedelta

    from django.utils import timezone

    from programmes.core import services
    from programmes.core.models import CohortFaculty
    from tests.factories.accounts import UserFactory
    from tests.factories.programmes import ApplicationFactory, SessionFactory

    session = SessionFactory(starts_at=timezone.now() - timedelta(hours=5), ends_at=timezone.now() - timedelta(hours=2))
    place = ApplicationFactory(cohort=session.cohort, state="accepted")
    if name == "programmes:session_reflection":
        return reverse(name, args=[session.pk])
    if name == "programmes:final_reflection":
        return reverse(name, args=[session.cohort_id])
    if name == "programmes:faculty_remove":
        member = CohortFaculty.objects.create(cohort=session.cohort, user=UserFactory())
        return reverse(name, args=[member.pk])
    reflection = services.save_reflection(
        place.applicant, session.cohort, "What I noticed about boundaries.", shared=True, session=session
    )
    return reverse(name, args=[reflection.pk])

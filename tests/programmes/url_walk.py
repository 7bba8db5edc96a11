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

EXPECTATIONS = {
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
    "programmes:application": OWNER_ONLY,
    "programmes:accept": OWNER_ONLY,
    "programmes:decline": OWNER_ONLY,
    "programmes:withdraw": OWNER_ONLY,
    "programmes:line_manager": PUBLIC,
    "programmes:calendar_feed_manage": EVERYONE_SIGNED_IN,
    "programmes:session_ics": OWNER_ONLY,  # a session of someone else's cohort
    "programmes:calendar_feed": PUBLIC,  # the token is the key
}


def url_for(name: str) -> str | None:
    from programmes.core import services
    from tests.factories.programmes import ApplicationFactory, CohortFactory

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
    if name in {"programmes:completion", "programmes:cohort_message"}:
        return reverse(name, args=[CohortFactory().pk])
    if name in {"programmes:certificate_pdf", "programmes:certificate_verify"}:
        from programmes.core.models import Certificate

        certificate = Certificate.objects.create(
            application=ApplicationFactory(state="completed"), code=f"walk-{ApplicationFactory().pk}", cpd_hours=3
        )
        arg = certificate.application_id if name == "programmes:certificate_pdf" else certificate.code
        return reverse(name, args=[arg])
    if name in {"programmes:session_edit", "programmes:attendance", "programmes:check_in_code",
                "programmes:check_in_code_now", "programmes:check_in"}:
        from tests.factories.programmes import SessionFactory

        return reverse(name, args=[SessionFactory().pk])
    if name in {"programmes:cohort", "programmes:apply"}:
        return reverse(name, args=[CohortFactory().pk])
    if name == "programmes:book":
        return reverse(name, args=[CohortFactory(selection_method="open_booking", offer_type="modular").pk])

    if name in {"programmes:application", "programmes:accept", "programmes:decline", "programmes:withdraw"}:
        return reverse(name, args=[ApplicationFactory().pk])
    if name == "programmes:session_ics":
        from tests.factories.programmes import SessionFactory

        return reverse(name, args=[SessionFactory().pk])
    if name == "programmes:calendar_feed":
        return reverse(name, args=[services.calendar_feed(ApplicationFactory().applicant).token])
    if name == "programmes:line_manager":
        return reverse(name, args=[services.line_manager_token(ApplicationFactory(state="awaiting_line_manager"))])
    return None

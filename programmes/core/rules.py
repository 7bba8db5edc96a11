"""Who may do what with programmes and cohorts (the `rules` package)."""

import rules

from academy.accounts.rules import (
    is_admin_of_programme,
    is_programme_admin,
    is_reviewer,
    is_signed_in,
    is_superuser,
)


@rules.predicate
def is_applicant(user, application) -> bool:
    return bool(user and user.is_authenticated and application is not None and application.applicant_id == user.pk)


# Every signed-in person has "My Academy": their own applications, places and sessions.
rules.add_perm("programmes.view_my_academy", is_signed_in)
rules.add_perm("programmes.respond_to_application", is_applicant)
# Programme admins run the cohorts of the programmes they administer (object: a cohort or programme).
can_manage_cohort = is_superuser | is_admin_of_programme
rules.add_perm("programmes.manage_cohort", can_manage_cohort)
# The programme admin area (the list of cohorts they run): any Programme admin, or a superuser.
rules.add_perm("programmes.administer", is_superuser | is_programme_admin)
# Scoring applications: panel members (Reviewer role), and the programme's admins for their programmes.
rules.add_perm("programmes.review", is_superuser | is_reviewer | is_programme_admin)
rules.add_perm("programmes.score_application", is_superuser | is_reviewer | is_admin_of_programme)

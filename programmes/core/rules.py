"""Who may do what with programmes and cohorts (the `rules` package)."""

import rules

from academy.accounts.rules import (
    add_private_perm,
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
add_private_perm("programmes.respond_to_application", is_applicant)  # theirs alone, superusers too
# Programme admins run the cohorts of the programmes they administer (object: a cohort or programme).
can_manage_cohort = is_superuser | is_admin_of_programme
rules.add_perm("programmes.manage_cohort", can_manage_cohort)
# The programme admin area (the list of cohorts they run): any Programme admin, or a superuser.
rules.add_perm("programmes.administer", is_superuser | is_programme_admin)
# Scoring applications: panel members (Reviewer role), and the programme's admins for their programmes.
rules.add_perm("programmes.review", is_superuser | is_reviewer | is_programme_admin)
rules.add_perm("programmes.score_application", is_superuser | is_reviewer | is_admin_of_programme)


# --- action learning sets and quads: the object is a LearningGroup ---------------------------------


@rules.predicate
def is_group_member(user, group) -> bool:
    from programmes.core.services import GROUP_STATES

    return bool(
        user and user.is_authenticated and group is not None
        and group.memberships.filter(application__applicant=user, application__state__in=GROUP_STATES).exists()
    )


@rules.predicate
def manages_group_cohort(user, group) -> bool:
    return group is not None and can_manage_cohort(user, group.cohort)


rules.add_perm("programmes.edit_learning_group", manages_group_cohort | is_group_member)


# --- the learning log ---------------------------------------------------------------------------------
# Reflections are read through selectors that filter by these same rules (a private reflection is its
# author's alone, superusers included); the predicates guard the writes in services.


@rules.predicate
def is_cohort_faculty(user, cohort) -> bool:
    """Faculty or coach of the cohort (object: a cohort)."""
    if not (user and user.is_authenticated and cohort is not None):
        return False
    from programmes.core.models import CohortFaculty

    return CohortFaculty.objects.filter(cohort=cohort, user=user).exists()


@rules.predicate
def is_faculty_anywhere(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    from programmes.core.models import CohortFaculty

    return CohortFaculty.objects.filter(user=user).exists()


@rules.predicate
def is_reflection_author(user, reflection) -> bool:
    return bool(user and user.is_authenticated and reflection is not None and reflection.author_id == user.pk)


@rules.predicate
def is_shared_reflection(user, reflection) -> bool:
    return bool(reflection is not None and reflection.shared)


@rules.predicate
def is_faculty_of_reflection(user, reflection) -> bool:
    return reflection is not None and is_cohort_faculty(user, reflection.cohort)


@rules.predicate
def is_admin_of_reflection(user, reflection) -> bool:
    return reflection is not None and is_admin_of_programme(user, reflection.cohort.programme)


# Faculty and coaches reply to what is shared with them; the author replies back. Programme admins read.
can_read_reflection = is_reflection_author | (
    is_shared_reflection & (is_faculty_of_reflection | is_admin_of_reflection)
)
can_reply_to_reflection = is_shared_reflection & (is_reflection_author | is_faculty_of_reflection)
rules.add_perm("programmes.read_shared_reflections", is_faculty_anywhere | is_programme_admin)

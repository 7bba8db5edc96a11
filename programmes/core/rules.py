"""Who may do what with programmes and cohorts (the `rules` package)."""

import rules
from django.core.exceptions import PermissionDenied

from academy import workflow
from academy.accounts.rules import (
    add_private_perm,
    is_admin_of_programme,
    is_governance,
    is_programme_admin,
    is_reviewer,
    is_signed_in,
    is_superuser,
)
from programmes.core.grouping import GROUP_STATES
from programmes.core.models import CohortFaculty


@rules.predicate
def is_applicant(user, application) -> bool:
    return bool(user and user.is_authenticated and application is not None and application.applicant_id == user.pk)


# Every signed-in person has "My Academy": their own applications, places and sessions.
rules.add_perm("programmes.view_my_academy", is_signed_in)
add_private_perm("programmes.respond_to_application", is_applicant)  # theirs alone, superusers too
# Access needs a leader shares are seen by the programme admins of that cohort alone: a private permission,
# so a superuser who is not one of the programme's admins does not see them (docs/privacy-rules-and-check-in-limits.md).
add_private_perm("programmes.see_access_needs", is_admin_of_programme)
# Programme admins run the cohorts of the programmes they administer (object: a cohort or programme).
can_manage_cohort = is_superuser | is_admin_of_programme
rules.add_perm("programmes.manage_cohort", can_manage_cohort)
# The programme admin area (the list of cohorts they run): any Programme admin, or a superuser.
rules.add_perm("programmes.administer", is_superuser | is_programme_admin)
# Scoring applications: panel members (Reviewer role), and the programme's admins for their programmes.
rules.add_perm("programmes.review", is_superuser | is_reviewer | is_programme_admin)
rules.add_perm("programmes.score_application", is_superuser | is_reviewer | is_admin_of_programme)


# --- checks services make before a write (workflow.SYSTEM acts for beat tasks and cascades; None raises) --


def ensure_cohort_admin(actor, cohort) -> None:
    if workflow.is_system(actor):  # None raises: the caller must say who acts
        return
    if not (actor.is_authenticated and (actor.is_superuser or is_admin_of_programme(actor, cohort.programme))):
        raise PermissionDenied("Only the programme's admins can do this.")


def ensure_applicant(actor, application) -> None:
    if workflow.is_system(actor):
        return
    if not (actor.is_authenticated and actor.pk == application.applicant_id):
        raise PermissionDenied("Only the applicant can do this.")


# --- action learning sets and quads: the object is a LearningGroup ---------------------------------


@rules.predicate
def is_group_member(user, group) -> bool:
    return bool(
        user and user.is_authenticated and group is not None
        and group.memberships.filter(application__applicant=user, application__state__in=GROUP_STATES).exists()
    )


@rules.predicate
def manages_group_cohort(user, group) -> bool:
    return group is not None and can_manage_cohort(user, group.cohort)


# Members of the group, and the programme's admins, set its shared problem.
can_edit_learning_group = manages_group_cohort | is_group_member
rules.add_perm("programmes.edit_learning_group", can_edit_learning_group)


# --- the learning log ---------------------------------------------------------------------------------
# Reflections are read through selectors that filter by these same rules (a private reflection is its
# author's alone, superusers included); the predicates guard the writes in services.


@rules.predicate
def is_cohort_faculty(user, cohort) -> bool:
    """Faculty or coach of the cohort (object: a cohort)."""
    if not (user and user.is_authenticated and cohort is not None):
        return False
    return CohortFaculty.objects.filter(cohort=cohort, user=user).exists()


@rules.predicate
def is_faculty_anywhere(user) -> bool:
    if not (user and user.is_authenticated):
        return False
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


# --- the register of real system problems, and the register of other leadership development offers ---
# Every signed-in person reads the problems register; programme admins and the governance secretariat keep
# it (problems, their states, report-backs). Programme admins keep the register of other offers, which is
# public, beside the catalogue.
can_manage_system_problems = is_superuser | is_programme_admin | is_governance
can_manage_external_offers = is_superuser | is_programme_admin
rules.add_perm("programmes.view_system_problems", is_signed_in)
rules.add_perm("programmes.manage_system_problems", can_manage_system_problems)
rules.add_perm("programmes.manage_external_offers", can_manage_external_offers)


def ensure_problem_manager(actor) -> None:
    if workflow.is_system(actor):
        return
    if not can_manage_system_problems(actor):
        raise PermissionDenied("Only programme admins and the governance secretariat can change the register.")


def ensure_offer_manager(actor) -> None:
    if workflow.is_system(actor):
        return
    if not can_manage_external_offers(actor):
        raise PermissionDenied("Only programme admins can change the register of other offers.")

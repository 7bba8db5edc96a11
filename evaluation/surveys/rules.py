"""Who may do what with evaluation questionnaires. Evaluators build instruments and schedule waves and read
every cohort's results; a programme admin reads their own programmes' cohorts' results; results are
aggregate only. A person's own invitations and responses are theirs alone (superusers included)."""

import rules

from academy.accounts.rules import is_admin_of_programme, is_evaluator, is_programme_admin, is_superuser

may_build = is_evaluator | is_superuser
may_read_some_results = is_evaluator | is_superuser | is_programme_admin


@rules.predicate
def is_admin_of_cohort_programme(user, cohort) -> bool:
    return bool(cohort is not None and is_admin_of_programme(user, cohort))


may_read_cohort_results = is_evaluator | is_superuser | is_admin_of_cohort_programme


@rules.predicate
def is_admin_of_subject_programme(user, subject) -> bool:
    """Admin of the programme that ran the subject (``subjects.Subject``: a cohort, edition, placement or event)."""
    return bool(subject is not None and is_admin_of_programme(user, subject.programme_slug))


may_read_subject_results = is_evaluator | is_superuser | is_admin_of_subject_programme

rules.add_perm("evaluation_surveys.build", may_build)
rules.add_perm("evaluation_surveys.schedule", may_build)
rules.add_perm("evaluation_surveys.read_results", may_read_some_results)
rules.add_perm("evaluation_surveys.read_cohort_results", may_read_cohort_results)
rules.add_perm("evaluation_surveys.read_subject_results", may_read_subject_results)


def may_schedule(user) -> bool:
    return bool(user.is_active and rules.has_perm("evaluation_surveys.schedule", user))


def may_edit_instruments(user) -> bool:
    return bool(user.is_active and rules.has_perm("evaluation_surveys.build", user))

"""Who may read the inclusion measures. Evaluators see every figure; programme admins their own
programmes' figures; the ICS Executive the headline relative likelihoods. Everything is aggregate and
suppressed: nobody, superusers included, sees a person."""

import rules

from academy.accounts.rules import is_evaluator, is_executive, is_programme_admin, is_superuser

can_view_all = is_superuser | is_evaluator
can_view_inclusion = can_view_all | is_programme_admin
can_view_headline = can_view_all | is_executive
can_manage_benchmarks = can_view_all


@rules.predicate
def can_view_programme(user, programme) -> bool:
    """All programmes for evaluators; a programme admin only the programmes they run."""
    if can_view_all(user):
        return True
    return bool(programme is not None and user.is_authenticated
                and programme.slug in user.administered_programme_slugs)


rules.add_perm("evaluation_inclusion.view", can_view_inclusion)
rules.add_perm("evaluation_inclusion.view_all", can_view_all)
rules.add_perm("evaluation_inclusion.view_programme", can_view_programme)
rules.add_perm("evaluation_inclusion.view_headline", can_view_headline)
rules.add_perm("evaluation_inclusion.manage_benchmarks", can_manage_benchmarks)

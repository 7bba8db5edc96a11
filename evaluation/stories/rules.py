"""Who may do what with stories (docs/evaluation-stories.md). Anyone signed in may tell a story and see and
withdraw their own; evaluators (and superusers, who run the service) read the collections in aggregate and
the consented stories; programme admins read their own programmes' plots and consented stories (never a
teller's name); the ICS Executive reads the plots in aggregate only (density, no stories). A story's text
is never shown to anyone but its teller without consent to quote:
that is enforced in the selectors, for superusers too."""

import rules

from academy.accounts.rules import (
    add_private_perm,
    is_evaluator,
    is_executive,
    is_programme_admin,
    is_signed_in,
    is_superuser,
)


@rules.predicate
def is_teller(user, story) -> bool:
    return story is not None and story.author_id == user.pk


rules.add_perm("evaluation_stories.tell_story", is_signed_in)
add_private_perm("evaluation_stories.withdraw_story", is_signed_in & is_teller)
rules.add_perm("evaluation_stories.analyse", is_evaluator | is_superuser)
# The collections and their plots: evaluators, programme admins (their programmes only) and the Executive.
rules.add_perm("evaluation_stories.view_plots", is_evaluator | is_superuser | is_programme_admin | is_executive)
# The consented stories behind a region: evaluators, and programme admins for their own programmes.
rules.add_perm("evaluation_stories.read_stories", is_evaluator | is_superuser | is_programme_admin)
rules.add_perm("evaluation_stories.manage_collections", is_evaluator)
# Every programme's plots in aggregate (shading and region counts only): the Executive's own view. A person who
# is both a programme admin and the Executive reads their programmes' stories and this aggregate as well.
rules.add_perm("evaluation_stories.view_all_aggregate", is_executive)

"""Who may do what with stories (docs/evaluation-stories.md). Anyone signed in may tell a story and see and
withdraw their own; evaluators (and superusers, who run the service) read the collections in aggregate and
the consented stories. A story's text is never shown to anyone but its teller without consent to quote:
that is enforced in the selectors, for superusers too."""

import rules

from academy.accounts.rules import add_private_perm, is_evaluator, is_signed_in, is_superuser


@rules.predicate
def is_teller(user, story) -> bool:
    return story is not None and story.author_id == user.pk


rules.add_perm("evaluation_stories.tell_story", is_signed_in)
add_private_perm("evaluation_stories.withdraw_story", is_signed_in & is_teller)
rules.add_perm("evaluation_stories.analyse", is_evaluator | is_superuser)
rules.add_perm("evaluation_stories.manage_collections", is_evaluator)

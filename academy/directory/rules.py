"""Who may do what in the directory (the `rules` package)."""

import rules

from academy.accounts.rules import is_evaluator, is_governance, is_signed_in, is_superuser

# Every signed-in person keeps their own profile and equality answers, and may use the directory.
rules.add_perm("directory.edit_own_profile", is_signed_in)
rules.add_perm("directory.view_directory", is_signed_in)

# Equality monitoring is seen only in aggregate, with small-number suppression, and only by these roles.
can_view_equality_summary = is_superuser | is_governance | is_evaluator
rules.add_perm("directory.view_equality_summary", can_view_equality_summary)

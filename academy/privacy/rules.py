"""Who may do what with privacy (the `rules` package)."""

import rules

from academy.accounts.rules import is_governance, is_signed_in, is_superuser

# Every signed-in person may download their own data and see who opened it.
rules.add_perm("privacy.download_own_data", is_signed_in)
rules.add_perm("privacy.view_own_access_log", is_signed_in)
# The secretariat searches the whole access log, and sees what the next retention run would remove.
rules.add_perm("privacy.view_access_log", is_superuser | is_governance)
rules.add_perm("privacy.view_retention", is_superuser | is_governance)

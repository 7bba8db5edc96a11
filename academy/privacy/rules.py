import rules

from academy.accounts.rules import is_governance, is_superuser

rules.add_perm("privacy.view_retention", is_superuser | is_governance)

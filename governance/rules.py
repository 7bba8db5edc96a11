"""Who may do what in governance (the `rules` package).

Everyone signed in may read the reference data and who sits on the C&CPLG (transparency is one of the
group's working principles). The governance secretariat (and superusers) change them; the ICS Executive
reads the change history but changes nothing.
"""

import rules

from academy.accounts.rules import is_executive, is_governance, is_signed_in, is_superuser

can_manage_governance = is_superuser | is_governance
can_read_governance_records = is_superuser | is_governance | is_executive

rules.add_perm("governance.view_reference", is_signed_in)
rules.add_perm("governance.manage_reference", can_manage_governance)
rules.add_perm("governance.view_history", can_read_governance_records)
rules.add_perm("governance.view_ccplg", is_signed_in)
rules.add_perm("governance.manage_ccplg", can_manage_governance)
rules.add_perm("governance.view_roles", can_read_governance_records)
rules.add_perm("governance.manage_roles", can_manage_governance)
rules.add_perm("governance.view_dashboard", can_read_governance_records)
rules.add_perm("governance.view_meetings", can_read_governance_records)
rules.add_perm("governance.manage_meetings", can_manage_governance)

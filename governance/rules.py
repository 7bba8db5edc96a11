"""Who may do what in governance (the `rules` package).

Everyone signed in may read the reference data and who sits on the C&CPLG (transparency is one of the
group's working principles). The governance secretariat (and superusers) change them; the ICS Executive
reads the change history but changes nothing.
"""

import rules

from academy.accounts.rules import is_evaluator, is_executive, is_governance, is_signed_in, is_superuser

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

# --- Recruitment to vacant leadership roles ---
# Anyone signed in sees open vacancies and applies; an applicant sees only their own applications (the
# views look them up by the signed-in person). The secretariat runs recruitment; the ICS Executive reads
# the list of vacancies; the pipeline's diversity, in suppressed aggregate only, is for the secretariat,
# the ICS Executive and evaluators.
rules.add_perm("governance.view_vacancies", is_signed_in)
rules.add_perm("governance.apply_to_vacancy", is_signed_in)
rules.add_perm("governance.view_recruitment", can_read_governance_records)
rules.add_perm("governance.manage_recruitment", can_manage_governance)
rules.add_perm("governance.view_recruitment_pipeline", can_read_governance_records | is_evaluator)

# The NHSEI Design Framework self-assessment: the secretariat keeps it; the ICS Executive and evaluators read it.
rules.add_perm("governance.view_framework", can_read_governance_records | is_evaluator)
rules.add_perm("governance.manage_framework", can_manage_governance)
# The Academy's spend by programme (shown on the investment dashboard).
rules.add_perm("governance.manage_spend", can_manage_governance)
# The allocation model (seed 001's annex as data) and its gap analysis: the secretariat keeps the model; the
# ICS Executive reads it and the gap, as it reads the investment dashboard.
rules.add_perm("governance.view_allocation", can_read_governance_records)
rules.add_perm("governance.manage_allocation", can_manage_governance)

"""Who may do what with the contribution log (docs/evaluation-contribution.md). Evaluators, programme
admins, the ICS Executive and superusers read the log (innovations and organisations, no personal data);
evaluators, superusers and programme admins record entries (a programme admin only for the programmes they
run); anyone signed in may propose an innovation, which an evaluator (or a superuser) confirms or declines."""

import rules

from academy.accounts.rules import (
    is_admin_of_programme,
    is_evaluator,
    is_executive,
    is_programme_admin,
    is_signed_in,
    is_superuser,
)

can_record_any = is_evaluator | is_superuser

rules.add_perm("evaluation_contribution.view_log", is_evaluator | is_executive | is_programme_admin | is_superuser)
rules.add_perm("evaluation_contribution.record", can_record_any | is_programme_admin)
# An entry's later stages: anyone who may record any entry, or the admin of the programme it came from.
rules.add_perm("evaluation_contribution.change_entry", can_record_any | is_admin_of_programme)
rules.add_perm("evaluation_contribution.confirm", can_record_any)
rules.add_perm("evaluation_contribution.propose", is_signed_in)

"""Who may read and fill in the scorecard (docs/evaluation-scorecard.md): evaluators, the ICS Executive and
superusers read it (it is headline figures about the Academy as a whole, no people); evaluators (and
superusers, who run the service) record the values no selector can compute."""

import rules

from academy.accounts.rules import is_evaluator, is_executive, is_superuser

rules.add_perm("evaluation_scorecard.view_scorecard", is_evaluator | is_executive | is_superuser)
rules.add_perm("evaluation_scorecard.record_value", is_evaluator | is_superuser)

"""Who may read the network figures (docs/evaluation-network.md): evaluators see everything, with the top
brokers by name; the ICS Executive, programme admins and superusers see the same figures with brokers only
as counts. Evaluators (and superusers, who run the service) may ask for a quarter to be computed again.
Anyone signed in answers the quarterly name-generator survey and sees and changes only their own answer,
this quarter only; the network's readers see how many answered, never who or whom they named."""

import rules

from academy.accounts.rules import (
    add_private_perm,
    is_evaluator,
    is_executive,
    is_programme_admin,
    is_signed_in,
    is_superuser,
)

can_view_network = is_evaluator | is_executive | is_programme_admin | is_superuser

rules.add_perm("evaluation_network.view_network", can_view_network)
# Names of people: evaluators only, superusers included (a private permission: the rule alone decides).
add_private_perm("evaluation_network.see_brokers", is_evaluator)
rules.add_perm("evaluation_network.recompute", is_evaluator | is_superuser)
rules.add_perm("evaluation_network.answer_name_generator", is_signed_in)

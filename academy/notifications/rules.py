"""Who may do what with notifications (the `rules` package).

Every signed-in person has an inbox and chooses how they get messages. A message is only ever looked up as
the signed-in person's own (``selectors.own_message``): anyone else, superusers included, gets 404."""

import rules

from academy.accounts.rules import is_signed_in

rules.add_perm("notifications.use_inbox", is_signed_in)

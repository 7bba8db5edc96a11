"""Who may do what with notifications (the `rules` package)."""

import rules

from academy.accounts.rules import add_private_perm, is_signed_in

# Every signed-in person has an inbox and chooses how they get messages.
rules.add_perm("notifications.use_inbox", is_signed_in)


@rules.predicate
def is_recipient(user, notification) -> bool:
    return bool(user and user.is_authenticated and notification is not None and notification.recipient_id == user.pk)


# A message is read by the person it was sent to and nobody else, superusers included.
add_private_perm("notifications.read_message", is_recipient)

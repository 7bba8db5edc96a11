"""Who may do what with API tokens (the `rules` package). What a token may read is decided by the same
permissions as the pages (each endpoint names the page's permission); these only guard the tokens."""

import rules

from academy.accounts.rules import add_private_perm, is_signed_in


@rules.predicate
def owns_token(user, token) -> bool:
    return bool(token is not None and user and user.is_authenticated and token.user_id == user.pk)


rules.add_perm("api.manage_own_tokens", is_signed_in)
add_private_perm("api.revoke_token", owns_token)  # a person's own, superusers included

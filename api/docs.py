"""The browsable API reference at /api/v1/docs/: Swagger UI served from this server's own static files
(django-ninja ships them), so the portal's Content Security Policy holds on this page as on every other."""

from __future__ import annotations

from ninja.openapi.docs import Swagger


class LocalSwagger(Swagger):
    """Swagger UI from local static files; the token goes in its "Authorize" box, never in a cookie."""

    def __init__(self):
        super().__init__(settings={"persistAuthorization": False, "tryItOutEnabled": False})


def docs_csp(view):
    """The docs page keeps the portal's CSP unchanged (no inline script, local assets only)."""
    return view

"""PDFs from Django templates with WeasyPrint (print CSS in the template; no network access)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def _no_network(url: str, *args, **kwargs):
    """Only files under static/ may be loaded while rendering; nothing is fetched from the network."""
    from weasyprint import default_url_fetcher  # noqa: PLC0415 - WeasyPrint loads Pango: only when a PDF is made

    if url.startswith("file://") and str(settings.BASE_DIR / "static") in url:
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError("The PDF renderer loads no resources from outside static/.")


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint loads Pango: only when a PDF is made

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=_no_network).write_pdf()

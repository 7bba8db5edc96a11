"""Plain-text formatting for what people write (posts, ideas, comments): a little Markdown, made safe.

The text is stored exactly as typed. Rendering parses it with markdown-it-py with raw HTML off (so ``<script>``
is shown as text, never passed through) and no link detection, then cleans the result with nh3 against an
allow-list of tags, attributes and URL schemes, so even a parser bug cannot let a script or an event handler
through. Links open normally but carry ``rel="nofollow noopener noreferrer"``.

Use :func:`render` in Python or the ``markdown`` filter in templates (``{% load markdown %}``)."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "hr",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")


def _headings_down(html: str) -> str:
    """A person's headings sit under the page's own: # and ## become h3, the rest h4."""
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    for level in (5, 6):
        html = html.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    return html


def render(text: str) -> SafeString:
    """The text as sanitised HTML, safe to put in a page."""
    html = _headings_down(_parser.render(text or ""))
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3's allow-list output, not the raw text

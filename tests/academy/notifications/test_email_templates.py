"""Every email template in the project, rendered with values containing ``&``, ``'`` and ``<``: the subject and
the plain-text part carry them raw ("Falls & frailty", not "Falls &amp; frailty"), the HTML part escapes them
exactly once. The templates are discovered, so a new email is checked without a new test."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.template.base import VariableNode
from django.template.defaulttags import ForNode
from django.template.loader import get_template
from django.template.utils import get_app_template_dirs
from django.utils.html import escape

from academy.notifications.services import render_email

pytestmark = pytest.mark.django_db

HOSTILE = "Falls & frailty at Guy's <b>"


def _template_dirs() -> list[Path]:
    return [Path(d) for d in engines["django"].engine.dirs] + [Path(d) for d in get_app_template_dirs("templates")]


def _project_dir(path: Path) -> bool:
    return ".venv" not in path.parts and "site-packages" not in path.parts


def notification_templates() -> list[str]:
    names = set()
    for directory in _template_dirs():
        if _project_dir(directory):
            subjects = (directory / "notifications/email").glob("*_subject.txt")
            names |= {p.name.removesuffix("_subject.txt") for p in subjects}
    return sorted(names)


def _variables(nodelist, loop_vars=frozenset()) -> set[str]:
    """Top-level names a template reads, through blocks, ifs and loops (not a loop's own variables)."""
    found = set()
    for node in nodelist:
        if isinstance(node, VariableNode):
            var = node.filter_expression.var
            lookups = getattr(var, "lookups", None)
            if lookups and lookups[0] not in loop_vars:
                found.add(lookups[0])
        inner_loop_vars = loop_vars | set(node.loopvars) if isinstance(node, ForNode) else loop_vars
        for attr in node.child_nodelists:
            found |= _variables(getattr(node, attr, None) or [], inner_loop_vars)
        if hasattr(node, "conditions_nodelists"):
            for _, child in node.conditions_nodelists:
                found |= _variables(child, inner_loop_vars)
        if hasattr(node, "blocks"):  # {% extends %}: the child's blocks
            for block in node.blocks.values():
                found |= _variables(block.nodelist, inner_loop_vars)
    return found


def variables_of(name: str) -> set[str]:
    return _variables(get_template(name).template.nodelist) - {"site_url", "site_name"}


def _value(name: str) -> str:
    return f"{name}: {HOSTILE}"


# Values that are not text: a list the template loops over.
NOT_TEXT = {
    "sessions": [{"title": _value("title"), "when": _value("when"), "where": _value("where")}],
    "items": [{"subject": _value("subject"), "url": _value("url")}],  # the daily digest's messages
}


def test_every_notification_template_is_found():
    found = notification_templates()
    # Some of each app's, so a broken discovery cannot pass by finding nothing.
    for expected in ("profile_reminder", "cohort_message", "cf_bid_submitted", "cf_coapplicant_invited",
                     "seat_term_ending", "place_confirmed", "certificate_issued"):
        assert expected in found


@pytest.mark.parametrize("template", notification_templates())
def test_plain_text_is_raw_and_html_escaped_once(template):
    base = f"notifications/email/{template}"
    text_vars, html_vars, subject_vars = (variables_of(f"{base}{ext}") for ext in (".txt", ".html", "_subject.txt"))
    context = {name: NOT_TEXT.get(name, _value(name)) for name in text_vars | html_vars | subject_vars}
    subject, text, html = render_email(template, context)
    for part in (subject, text):
        assert "&amp;" not in part and "&#x27;" not in part and "&lt;" not in part and "&quot;" not in part
    for name in subject_vars:
        assert _value(name) in subject
    for name in text_vars - set(NOT_TEXT):
        assert _value(name) in text, f"{name} is not in the plain text as typed"
    for name in html_vars - set(NOT_TEXT):
        assert escape(_value(name)) in html, f"{name} is not escaped once in the HTML"
    if "sessions" in text_vars:
        assert _value("title") in text and escape(_value("title")) in html
    if "items" in text_vars:
        assert _value("subject") in text and escape(_value("subject")) in html
    assert "&amp;amp;" not in html and "&amp;#x27;" not in html and "<b>" not in html


# --- allauth's emails (ours override them under templates/account/email) ------------------------------


def allauth_prefixes() -> list[str]:
    """Every email allauth (account and MFA) can send, whether or not we override it."""
    prefixes = set()
    for directory in _template_dirs():
        for app in ("account", "mfa"):
            subjects = (directory / app / "email").glob("*_subject.txt")
            prefixes |= {f"{app}/email/{p.name.removesuffix('_subject.txt')}" for p in subjects}
    return sorted(prefixes)


@pytest.mark.parametrize("prefix", allauth_prefixes())
def test_allauth_emails_name_the_portal_and_are_not_escaped_in_text(prefix, rf):
    from allauth.account.adapter import get_adapter
    from allauth.core import context as allauth_context

    from tests.factories.accounts import UserFactory

    user = UserFactory(first_name="D'Arcy & <b>", last_name="O'Neil")
    request = rf.get("/", HTTP_HOST="127.0.0.1:8101")
    request.user = user
    with allauth_context.request_context(request):
        adapter = get_adapter(request)
        message = adapter.render_mail(
            prefix, user.email,
            adapter.email_context(request, user.email, {
                "user": user, "activate_url": "https://example.test/confirm/?a=1&b=2", "code": "ABC123",
                "password_reset_url": "https://example.test/reset/?a=1&b=2", "signup_url": "https://example.test/signup/",
                "ip": "192.0.2.1", "user_agent": "Browser <1> & 'two'", "timestamp": "2 December 2026, 10:30am",
                "from_email": "old&@example.test", "to_email": "new&@example.test", "deleted_email": "x&@example.test",
                "username": "", "email": user.email,
            }),
        )
    text = message.body if message.content_subtype == "plain" else None
    html = message.body if message.content_subtype == "html" else None
    for alternative, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = alternative
    assert text is not None, "every email has a plain-text part"
    assert "8101" not in text and "Hello from" not in text  # the request's host is not the portal's name
    assert settings.ACADEMY_SITE_NAME in text
    assert "&amp;" not in text and "&#x27;" not in text and "&lt;" not in text
    assert message.subject.startswith("SEL Systems Leadership Academy: ")
    words = message.subject.removeprefix("SEL Systems Leadership Academy: ").split()
    assert words[0][0].isupper(), message.subject
    capitalised = {word for word in words[1:] if word[0].isupper()}
    assert capitalised <= {"SEL", "Systems", "Leadership", "Academy"}, f"sentence case: {message.subject}"
    if html is not None:
        assert "8101" not in html and "&amp;amp;" not in html and "<b>" not in html

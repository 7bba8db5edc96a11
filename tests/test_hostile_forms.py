"""Hostile text in every text field of every form of the portal, read back everywhere it lands.

The URL walk (``tests/test_url_walk.py`` and each app's ``url_walk.py``) knows every page, who may open
it and how to make the objects it needs. For each page, as the first role allowed to open it, this test
reads every POST form on it, fills every text input and text area with hostile text (markup that would
run or redirect if rendered raw, and a spreadsheet formula), keeps every other field as the page offers
it, and posts it. The answer (a form re-shown with errors, or the page it redirects to) and the page
itself read back afterwards must show the text escaped: no raw ``<script`` or ``<meta`` anywhere.

This closes the class of issue 18's "staff-entered HTML shown raw" for every form, not only the Challenge
Fund's (``tests/programmes/challenge_fund/test_hostile_input.py`` follows the hints to leaders and
reviewers in detail).
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import ROLE_NAMES, make_person
from tests.test_url_walk import EXPECTATIONS, OK, url_for

HOSTILE = '<script>alert(1)</script><meta http-equiv="refresh" content="0;url=https://evil.example"> =HYPERLINK("x")'
RAW_MARKERS = ("<script>alert(1)", '<meta http-equiv="refresh" content="0;url=https://evil.example"')
TEXT_TYPES = {"text", "search", ""}
# The sign-in and MFA forms belong to allauth and never show what was typed; exports and files are not forms.
SKIP_ACTIONS = ("/accounts/", "/django-admin/")
# Prefer the roles that see most: staff pages are mostly forms that staff fill in.
ROLE_ORDER = ["superuser", "programme_admin", "governance", "reviewer", "exec", "evaluator", "leader"]


class Forms(HTMLParser):
    """The POST forms of a page: their action and fields, as a browser would submit them untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {"action": attrs.get("action") or "", "fields": [], "text": [],
                              "multipart": "multipart" in (attrs.get("enctype") or "")}
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "").lower()
            if kind in TEXT_TYPES:
                form["text"].append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    form["fields"].append((name, attrs.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                form["fields"].append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            form["text"].append(name)
        elif tag == "select" and name:
            self._select, self._select_value, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            # The selected option, or else the first one with a value (a placeholder option has none).
            value = attrs.get("value", "")
            if "selected" in attrs:
                self._select_value, self._select_chosen = value, True
            elif not self._select_chosen and not self._select_value and value:
                self._select_value = value

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._form is not None:
            self._form["fields"].append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def assert_escaped(content: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in content, f"hostile text shown raw on {where}"


def _first_allowed_role(table: dict) -> str | None:
    for role in ROLE_ORDER:
        if role in ROLE_NAMES and table.get(role) == OK:
            return role
    return None


CASES = sorted(
    name for name, table in EXPECTATIONS.items()
    if table and _first_allowed_role(table) and not name.endswith(("_csv", "_xlsx", "_pdf", "_ics", "download"))
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", CASES)
def test_hostile_text_in_every_form_is_shown_escaped(client, name):
    role = _first_allowed_role(EXPECTATIONS[name])
    client.force_login(make_person(role))
    url = url_for(name)
    response = client.get(url)
    assert response.status_code == 200, f"{name} as {role}: {response.status_code}"
    if "text/html" not in response.get("Content-Type", ""):
        pytest.skip(f"{name} is a download, not a page with forms")
    parser = Forms()
    parser.feed(response.content.decode())
    forms = [form for form in parser.forms if form["text"]]
    for form in forms:
        action = urljoin(url, form["action"]) if form["action"] else url
        if urlsplit(action).path.startswith(SKIP_ACTIONS):
            continue
        data: dict[str, list[str]] = {}
        for field, value in form["fields"]:
            data.setdefault(field, []).append(value)
        for field in form["text"]:
            data[field] = [HOSTILE]
        answer = client.post(action, data, follow=True)
        assert answer.status_code < 500, f"{name}: posting {action} as {role} answered {answer.status_code}"
        if "text/html" in answer.get("Content-Type", ""):
            assert_escaped(answer.content.decode(), f"the answer to {action} ({name}, {role})")
    again = client.get(url, follow=True)
    if "text/html" in again.get("Content-Type", ""):
        assert_escaped(again.content.decode(), f"{url} read back ({name}, {role})")


def test_the_form_reader_finds_text_fields_and_keeps_the_others_as_offered():
    parser = Forms()
    parser.feed(
        '<form method="get"><input name="q"></form>'
        '<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<input name="title" value="a"><textarea name="body">b</textarea><input type="email" name="email">'
        '<select name="kind"><option value="">Choose</option><option value="talk">Talk</option></select>'
        '<select name="state"><option value="a">A</option><option value="b" selected>B</option></select>'
        '<input type="checkbox" name="agree" value="yes" checked><input type="checkbox" name="no" value="1">'
        '<button type="submit">Save</button></form>'
    )
    [form] = parser.forms
    assert form["action"] == "/x/"
    assert form["text"] == ["title", "body"]
    assert dict(form["fields"]) == {
        "csrfmiddlewaretoken": "t", "email": "", "kind": "talk", "state": "b", "agree": "yes",
    }

"""Display decisions for the cohort engine: the state names people read, the NHS.UK tag colours, the
questions templates ask ("is this a draft?") so no template compares a state string, and the portal's
addresses in emails. Dates and times use the UI kit's NHS.UK formats (:mod:`academy.ui.formats`:
``nhs_datetime`` for a deadline, "5 December 2026 at 5pm")."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

from programmes.core.models import Application, ApplicationState, ReleaseRoute

S = ApplicationState

# The applicant-facing name of each state is its label ("Offered a place", "Not offered a place").
TAG_CLASSES = {
    S.DRAFT: "nhsuk-tag--white",
    S.SUBMITTED: "nhsuk-tag--blue",
    S.AWAITING_LINE_MANAGER: "nhsuk-tag--yellow",
    S.UNDER_REVIEW: "nhsuk-tag--blue",
    S.OFFERED: "nhsuk-tag--purple",
    S.ACCEPTED: "nhsuk-tag--green",
    S.COMPLETED: "nhsuk-tag--green",
    S.WAITING_LIST: "nhsuk-tag--orange",
    S.SUSPENDED: "nhsuk-tag--orange",
}
DEFAULT_TAG_CLASS = "nhsuk-tag--grey"


def state_name(state: str) -> str:
    return str(S(state).label)


def tag_class(state: str) -> str:
    return TAG_CLASSES.get(state, DEFAULT_TAG_CLASS)


class ApplicationDisplay:
    """What templates ask of an application: ``{% if application.display.is_draft %}``."""

    def __init__(self, application: Application) -> None:
        self.application = application
        self.state = application.state

    @property
    def name(self) -> str:
        if self.state == S.AWAITING_LINE_MANAGER and self.application.release_route == ReleaseRoute.SPONSOR:
            return "Waiting for sponsor"
        return state_name(self.state)

    @property
    def tag_class(self) -> str:
        return tag_class(self.state)

    @property
    def is_draft(self) -> bool:
        return self.state == S.DRAFT

    @property
    def awaits_answer(self) -> bool:
        """Offered a place, and the person has not answered yet."""
        return self.state == S.OFFERED

    @property
    def is_under_review(self) -> bool:
        return self.state == S.UNDER_REVIEW

    @property
    def is_completed(self) -> bool:
        return self.state == S.COMPLETED

    # --- how protected time is confirmed (leaders with no line manager name a sponsor or declare it) ---

    @property
    def confirmer(self) -> str:
        """Who answers the signed link: "sponsor" or "line manager"."""
        return "sponsor" if self.application.release_route == ReleaseRoute.SPONSOR else "line manager"

    @property
    def is_sponsor(self) -> bool:
        return self.application.release_route == ReleaseRoute.SPONSOR

    @property
    def is_declaration(self) -> bool:
        return self.application.release_route == ReleaseRoute.DECLARATION

    @property
    def route_name(self) -> str:
        """The route for the programme team's lists: "" for a booking (no route)."""
        return self.application.get_release_route_display() if self.application.release_route else ""


def site_url(path: str) -> str:
    """The full address of a page of the portal, for emails and certificates."""
    return settings.ACADEMY_SITE_URL + path


def check_in_link(request, session, code: str) -> str:
    """The address a QR code in the room carries: the session's check-in page with the code filled in."""
    path = reverse("programmes:check_in", args=[session.pk])
    return request.build_absolute_uri(f"{path}?{urlencode({'code': code})}")


def qr_code_svg(url: str) -> str:
    """A QR code of ``url`` as inline SVG (segno), made here from an address the portal built, never from
    text a person typed. segno escapes the title it writes; the SVG scales with its box (viewBox only)."""
    svg = segno.make(url, error="m").svg_inline(
        omitsize=True, dark="#212b32", light="#ffffff", title="QR code of the check-in link"
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR code of the check-in link" ', 1))  # noqa: S308


# --- the register of real system problems -------------------------------------------------------------

PROBLEM_TAG_CLASSES = {
    "proposed": "nhsuk-tag--white",
    "open": "nhsuk-tag--blue",
    "being_worked_on": "nhsuk-tag--purple",
    "reported_back": "nhsuk-tag--yellow",
    "adopted": "nhsuk-tag--green",
    "closed": "nhsuk-tag--grey",
}
DECISION_TAG_CLASSES = {
    "adopted": "nhsuk-tag--green",
    "adapted": "nhsuk-tag--green",
    "not_adopted": "nhsuk-tag--grey",
    "pending": "nhsuk-tag--yellow",
}


class SystemProblemDisplay:
    """What templates ask of a problem in the register: ``{{ problem.display.tag_class }}``."""

    def __init__(self, problem) -> None:
        self.problem = problem

    @property
    def tag_class(self) -> str:
        return PROBLEM_TAG_CLASSES.get(self.problem.state, DEFAULT_TAG_CLASS)


def decision_tag_class(decision: str) -> str:
    return DECISION_TAG_CLASSES.get(decision, DEFAULT_TAG_CLASS)

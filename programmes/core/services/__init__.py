"""Writes for the cohort engine every programme shares, one module a sub-domain.

Callers read ``services.<write>`` (``from programmes.core import services``; ``services.apply``,
``services.transition``), so this package names the public writes of its modules. Inside the package,
modules import each other's names from the module itself (``services.workflow``), never from here.

- ``workflow``: the one state service (``transition``, the allowed moves, the waiting-list cascade)
- ``applications``: leaders apply, book, save drafts, accept, decline, withdraw; the line manager decides
- ``access_needs``: a leader's reasonable adjustments and access needs, kept only with their consent
- ``line_manager_link``: the line manager's signed link and its email
- ``cohorts``: programme admins run cohorts, sessions, decisions, places and messages
- ``attendance``, ``completion``, ``calendar``, ``review``, ``groups``, ``programmes``,
  ``learning_log``, ``faculty``
"""

from programmes.core.services.access_needs import save_access_needs, withdraw_access_needs
from programmes.core.services.applications import (
    accept,
    apply,
    book,
    decline,
    lapse_expired_offers,
    line_manager_decide,
    save_draft,
    withdraw,
)
from programmes.core.services.attendance import (
    check_in_code,
    mark_everyone_present,
    record_attendance,
    self_check_in,
)
from programmes.core.services.calendar import calendar_feed, renew_calendar_feed
from programmes.core.services.cohorts import (
    PLACE_CHANGES,
    change_place,
    decide_applications,
    message_cohort,
    save_cohort,
    save_session,
    set_alumni,
)
from programmes.core.services.completion import complete_places, issue_certificate
from programmes.core.services.faculty import add_faculty, remove_faculty
from programmes.core.services.groups import drop_from_group, save_groups, set_shared_problem
from programmes.core.services.learning_log import reply_to_reflection, save_reflection
from programmes.core.services.line_manager_link import (
    application_from_line_manager_token,
    line_manager_email_context,
    line_manager_token,
)
from programmes.core.services.programmes import save_programme
from programmes.core.services.review import SCORABLE, score_application
from programmes.core.services.workflow import ALLOWED, WITHDRAWABLE, NoPlaceLeft, cascade, transition

__all__ = [
    "ALLOWED", "PLACE_CHANGES", "SCORABLE", "WITHDRAWABLE", "NoPlaceLeft", "accept", "add_faculty", "apply",
    "application_from_line_manager_token", "book", "calendar_feed", "cascade", "change_place", "check_in_code",
    "complete_places", "decide_applications", "decline", "drop_from_group", "issue_certificate",
    "lapse_expired_offers", "line_manager_decide", "line_manager_email_context", "line_manager_token",
    "mark_everyone_present", "message_cohort", "record_attendance", "remove_faculty", "renew_calendar_feed",
    "reply_to_reflection", "save_access_needs", "save_cohort", "save_draft", "save_groups", "save_programme",
    "save_reflection", "save_session",
    "score_application", "self_check_in", "set_alumni", "set_shared_problem", "transition", "withdraw",
    "withdraw_access_needs",
]

# The register of real system problems and the register of other offers (issue 14).
from programmes.core.services.external_offers import save_external_offer  # noqa: E402
from programmes.core.services.problems import move_problem, record_report_back, save_problem  # noqa: E402

__all__ += ["move_problem", "record_report_back", "save_external_offer", "save_problem"]

"""Reads for the cohort engine, each with a fixed number of queries, one module an audience or sub-domain.

Callers read ``selectors.<read>`` (``from programmes.core import selectors``; ``selectors.catalogue()``),
so this package names the public reads of its modules. Inside the package, modules import each other's
names from the module itself, never from here. Selectors never import services.

- ``catalogue``: the public catalogue; ``leader``: a person's own My Academy; ``cohorts``: programme
  admins; ``completion``: attendance, completion, certificates; ``review``: panel review; ``groups``:
  action learning sets and quads; ``learning_log``: reflections; ``figures``: totals upper layers read
"""

from programmes.core.selectors.access_needs import (
    application_access_needs,
    cohort_access_needs,
    may_see_access_needs,
)
from programmes.core.selectors.application_lists import (
    APPLICATION_ORDERS,
    DEFAULT_ORDER,
    ROSTER_PAGE_SIZE,
    ordered_page,
    with_scores,
)
from programmes.core.selectors.catalogue import (
    CatalogueEntry,
    all_programmes,
    catalogue,
    cohort_for_page,
    open_cohorts,
    open_cohorts_q,
    programme_cohorts,
    programme_open_offers,
    programmes_with_groups,
)
from programmes.core.selectors.cohorts import (
    COMPOSITION_DIMENSIONS,
    MESSAGE_STATES,
    POOL_EXCLUDED,
    PROPOSED_STATES,
    ROSTER_HEADERS,
    administered_cohorts,
    administered_programmes,
    application_state_filters,
    cohort_applications,
    cohort_applications_page,
    cohort_composition,
    cohort_faculty,
    composition,
    message_recipient_count,
    roster_rows,
)
from programmes.core.selectors.completion import (
    PARTICIPANT_STATES,
    attendance_sheet,
    certificate_by_code,
    completion_rows,
    final_reflection_exists,
    last_session_end,
    session_for_admin,
)
from programmes.core.selectors.cpd import (
    CpdRecord,
    alumni_ids,
    alumni_of,
    alumni_programmes,
    completed_places,
    completions_by_person,
    cpd_record,
    is_alumnus,
)
from programmes.core.selectors.figures import leaders_developed
from programmes.core.selectors.groups import (
    GROUP_MEMBER_RELATED,
    cohort_groups,
    group_mix,
    group_participants,
    learning_group,
    own_groups,
    proposal_groups,
)
from programmes.core.selectors.leader import (
    ATTENDING_STATES,
    feed_user,
    own_application,
    own_application_for,
    own_applications,
    own_certificate,
    own_feed,
    own_session,
    own_sessions,
)
from programmes.core.selectors.learning_log import (
    LOG_STATES,
    LearningLog,
    LogSession,
    is_faculty,
    learning_log,
    own_place,
    own_reflection,
    readable_reflection,
    shared_reflections_q,
    shared_with,
)
from programmes.core.selectors.review import (
    SCORABLE_STATES,
    review_applications_page,
    review_cohorts,
    review_state_filters,
    sent_applications,
)

__all__ = [
    "ATTENDING_STATES",
    "application_access_needs",
    "cohort_access_needs",
    "may_see_access_needs",
    "COMPOSITION_DIMENSIONS",
    "CatalogueEntry",
    "CpdRecord",
    "GROUP_MEMBER_RELATED",
    "LOG_STATES",
    "LearningLog",
    "LogSession",
    "PARTICIPANT_STATES",
    "POOL_EXCLUDED",
    "PROPOSED_STATES",
    "ROSTER_HEADERS",
    "ROSTER_PAGE_SIZE",
    "APPLICATION_ORDERS",
    "application_state_filters",
    "SCORABLE_STATES",
    "administered_cohorts",
    "administered_programmes",
    "all_programmes",
    "alumni_of",
    "alumni_ids",
    "alumni_programmes",
    "completed_places",
    "completions_by_person",
    "is_alumnus",
    "attendance_sheet",
    "catalogue",
    "open_cohorts",
    "programmes_with_groups",
    "certificate_by_code",
    "cohort_applications",
    "cohort_applications_page",
    "cohort_composition",
    "cohort_faculty",
    "cohort_for_page",
    "cohort_groups",
    "completion_rows",
    "composition",
    "cpd_record",
    "feed_user",
    "final_reflection_exists",
    "last_session_end",
    "group_mix",
    "group_participants",
    "is_faculty",
    "learning_group",
    "leaders_developed",
    "learning_log",
    "open_cohorts_q",
    "own_application",
    "own_application_for",
    "own_applications",
    "own_certificate",
    "own_feed",
    "own_groups",
    "own_place",
    "own_reflection",
    "own_session",
    "own_sessions",
    "programme_cohorts",
    "programme_open_offers",
    "proposal_groups",
    "readable_reflection",
    "review_cohorts",
    "sent_applications",
    "roster_rows",
    "session_for_admin",
    "shared_reflections_q",
    "shared_with",
    "with_scores",
    "MESSAGE_STATES",
    "message_recipient_count",
    "DEFAULT_ORDER",
    "ordered_page",
    "review_applications_page",
    "review_state_filters",
]

# The register of real system problems and the register of other offers (issue 14).
from programmes.core.selectors.external_offers import OfferFilters, external_offers_page  # noqa: E402
from programmes.core.selectors.problems import (  # noqa: E402
    ProblemFilters,
    actions_on_problem,
    adoptions,
    attachable_problems,
    attached_to_problem,
    problem_register_page,
    report_backs,
)

__all__ += [
    "OfferFilters", "ProblemFilters", "actions_on_problem", "adoptions", "attachable_problems", "attached_to_problem",
    "external_offers_page", "problem_register_page", "report_backs",
]

"""Governance: the reference data around the 10 priority functions (spatial level definitions,
governance structures, clinical networks, the six principles), the paid and protected C&CP leadership
roles with their WTE and cost (and the rate card that prices them), the C&CPLG's seats, meetings,
agendas and action log, recruitment to vacant roles, the NHSEI Design Framework self-assessment and the
Academy's spend by programme. One module per sub-domain; Django finds the models through this package.

Everything staff change here keeps history (django-simple-history), so the investment dashboard can
show any past quarter as it was.
"""

from governance.models.allocation import MODEL_LEVELS, CarePathwayProgramme, ExpectedRole
from governance.models.ccplg import Capability, Seat
from governance.models.framework import RAG_TAG_CLASS, FrameworkPoint, Rag
from governance.models.investment import ProgrammeSpend
from governance.models.meetings import (
    PULSE_OPEN_FOR,
    Action,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingSettings,
    PulseAnswer,
    PulseAnswered,
    PulseQuestion,
    PulseTally,
    Purpose,
)
from governance.models.recruitment import (
    CRITERION_SCORES,
    MAX_CRITERION_SCORE,
    VACANCY_APPLICATION_WORKFLOW,
    ApplicationState,
    CriterionKind,
    CriterionScore,
    Vacancy,
    VacancyApplication,
    VacancyCriterion,
    VacancyState,
)
from governance.models.reference import (
    DAYS_PER_WTE,
    DEFAULT_WTE,
    MAX_WTE,
    MIN_WTE,
    ClinicalNetwork,
    GovernanceStructure,
    Principle,
    SpatialLevelDefinition,
    StructureKind,
)
from governance.models.returns import RETURN_WORKFLOW, Frequency, ProgressReturn, ReturnSchedule, ReturnState
from governance.models.roles import FundingSource, LeadershipRole, PayBasis, RoleType
from governance.models.standards import CARE_STANDARD_WORKFLOW, CareStandard, StandardState
from governance.models.whoswho import WhosWhoEntry

__all__ = [
    "CRITERION_SCORES", "DAYS_PER_WTE", "DEFAULT_WTE", "MAX_CRITERION_SCORE", "MAX_WTE", "MIN_WTE", "RAG_TAG_CLASS",
    "Action", "AgendaItem", "ApplicationState", "Attendance", "Capability", "ClinicalNetwork", "CriterionKind",
    "CriterionScore", "FrameworkPoint", "FundingSource", "GovernanceStructure", "LeadershipRole", "Meeting",
    "PayBasis", "Principle", "ProgrammeSpend", "Purpose", "Rag", "RoleType", "Seat", "SpatialLevelDefinition",
    "StructureKind", "VACANCY_APPLICATION_WORKFLOW", "Vacancy", "VacancyApplication", "VacancyCriterion",
    "VacancyState",
    "WhosWhoEntry",
    # Care standards register and progress returns.
    "CARE_STANDARD_WORKFLOW", "CareStandard", "StandardState",
    "RETURN_WORKFLOW", "Frequency", "ProgressReturn", "ReturnSchedule", "ReturnState",
    # Meetings that stay action, not update (issue 17).
    "PULSE_OPEN_FOR", "MeetingSettings", "PulseAnswer", "PulseAnswered", "PulseQuestion", "PulseTally",
    "MODEL_LEVELS", "CarePathwayProgramme", "ExpectedRole",
]

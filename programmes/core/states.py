"""An application's states and the machine that moves them (the one workflow mechanism, academy.workflow):
the only moves an application may make, and the words a person reads when a move is refused.
``programmes.core.services.transition`` is the service that moves it; models.py imports these names."""

from django.db import models

from academy import workflow


class ApplicationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    AWAITING_LINE_MANAGER = "awaiting_line_manager", "Waiting for line manager"
    UNDER_REVIEW = "under_review", "Under review"
    OFFERED = "offered", "Offered a place"
    ACCEPTED = "accepted", "Place accepted"
    DECLINED = "declined", "Offer declined"
    LAPSED = "lapsed", "Offer lapsed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    WAITING_LIST = "waiting_list", "On the waiting list"
    UNSUCCESSFUL = "unsuccessful", "Not offered a place"
    COMPLETED = "completed", "Completed"
    SUSPENDED = "suspended", "Suspended"
    REMOVED = "removed", "Removed"


# States that hold one of the cohort's places.
# A suspended participant keeps their place (and history) until reinstated or removed.
HOLDING_STATES = frozenset(
    {ApplicationState.OFFERED, ApplicationState.ACCEPTED, ApplicationState.SUSPENDED, ApplicationState.COMPLETED}
)


_A = ApplicationState
# The application machine, declared once: the only moves an application may make, and the words a person
# reads when a move is refused. programmes.core.services.transition is the service that moves it.
APPLICATION_WORKFLOW = workflow.Machine(
    "programmes.application",
    ApplicationState,
    {
        _A.DRAFT: {_A.SUBMITTED, _A.WITHDRAWN, _A.ACCEPTED, _A.WAITING_LIST},
        _A.SUBMITTED: {_A.AWAITING_LINE_MANAGER, _A.UNDER_REVIEW, _A.WITHDRAWN},
        _A.AWAITING_LINE_MANAGER: {_A.UNDER_REVIEW, _A.UNSUCCESSFUL, _A.WITHDRAWN},
        _A.UNDER_REVIEW: {_A.OFFERED, _A.WAITING_LIST, _A.UNSUCCESSFUL, _A.WITHDRAWN},
        _A.WAITING_LIST: {_A.OFFERED, _A.UNSUCCESSFUL, _A.WITHDRAWN},
        _A.OFFERED: {_A.ACCEPTED, _A.DECLINED, _A.LAPSED, _A.WITHDRAWN},
        _A.ACCEPTED: {_A.COMPLETED, _A.WITHDRAWN, _A.SUSPENDED, _A.REMOVED},
        _A.SUSPENDED: {_A.ACCEPTED, _A.REMOVED, _A.WITHDRAWN},
        _A.COMPLETED: set(),
        _A.DECLINED: set(),
        _A.LAPSED: set(),
        _A.WITHDRAWN: set(),
        _A.UNSUCCESSFUL: set(),
        _A.REMOVED: set(),
    },
    noun="This application",
    now={
        _A.DRAFT: "is still a draft",
        _A.SUBMITTED: "has been sent",
        _A.AWAITING_LINE_MANAGER: "is waiting for the line manager or sponsor",
        _A.UNDER_REVIEW: "is being reviewed",
        _A.OFFERED: "has been offered a place",
        _A.ACCEPTED: "has a place",
        _A.DECLINED: "is closed: the offer was declined",
        _A.LAPSED: "is closed: the offer ran out",
        _A.WITHDRAWN: "has been withdrawn",
        _A.WAITING_LIST: "is on the waiting list",
        _A.UNSUCCESSFUL: "was not offered a place",
        _A.COMPLETED: "is for a place already completed",
        _A.SUSPENDED: "is suspended",
        _A.REMOVED: "was removed from the cohort",
    },
    action={
        _A.DRAFT: "go back to being a draft",
        _A.SUBMITTED: "be sent",
        _A.AWAITING_LINE_MANAGER: "go to the line manager or sponsor",
        _A.UNDER_REVIEW: "be reviewed",
        _A.OFFERED: "be offered a place",
        _A.ACCEPTED: "be given a place",
        _A.DECLINED: "be declined",
        _A.LAPSED: "lapse",
        _A.WITHDRAWN: "be withdrawn",
        _A.WAITING_LIST: "go on the waiting list",
        _A.UNSUCCESSFUL: "be turned down",
        _A.COMPLETED: "be marked as completed",
        _A.SUSPENDED: "be suspended",
        _A.REMOVED: "be removed",
    },
    already={
        _A.DRAFT: "This application is already a draft.",
        _A.SUBMITTED: "You have already sent this application.",
        _A.AWAITING_LINE_MANAGER: "The line manager or sponsor has already been asked.",
        _A.UNDER_REVIEW: "This application is already being reviewed.",
        _A.OFFERED: "A place has already been offered.",
        _A.ACCEPTED: "You have already accepted this place.",
        _A.DECLINED: "This offer has already been declined.",
        _A.LAPSED: "This offer has already lapsed.",
        _A.WITHDRAWN: "This application has already been withdrawn.",
        _A.WAITING_LIST: "This application is already on the waiting list.",
        _A.UNSUCCESSFUL: "This application has already been turned down.",
        _A.COMPLETED: "This place is already marked as completed.",
        _A.SUSPENDED: "This place is already suspended.",
        _A.REMOVED: "This person has already been removed from the cohort.",
    },
)

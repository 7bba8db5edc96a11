"""What is attached to a problem in the register of real system problems, and what a reader can start on it.

Every programme's work can attach to a problem: a learning set's shared problem (here, in
``programmes.core``), a Challenge Fund bid, and later shadowing placements and idea challenges. Programme
apps may not import each other, so each registers a source here, from its ``AppConfig.ready()``; the
problem page reads them all through ``selectors.attached_to_problem``. A source takes the problem and
returns what is attached to it that the register may show, in one query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProblemAttachment:
    kind: str  # what it is, in the programme's words: "Action learning set", "Challenge Fund project"
    title: str
    detail: str = ""  # one sentence: the cohort, the round, the state
    url: str = ""  # a page everyone who reads the register may open ("" when there is none)


AttachmentSource = Callable[[Any], list[ProblemAttachment]]
ATTACHMENT_SOURCES: dict[str, AttachmentSource] = {}


def register_problem_attachment_source(name: str) -> Callable[[AttachmentSource], AttachmentSource]:
    """Register ``source(problem) -> list[ProblemAttachment]`` under a name (the programme's slug)."""

    def decorator(source: AttachmentSource) -> AttachmentSource:
        ATTACHMENT_SOURCES[name] = source
        return source

    return decorator


@dataclass(frozen=True)
class ProblemAction:
    """Something the reader can start on the problem in one click, in a programme's words: "Start a Challenge Fund
    bid on this problem (Spring 2027 round)". The page it links to names the problem and asks to confirm."""

    label: str
    url: str


ActionSource = Callable[[Any, Any], list[ProblemAction]]
ACTION_SOURCES: dict[str, ActionSource] = {}


def register_problem_action_source(name: str) -> Callable[[ActionSource], ActionSource]:
    """Register ``source(problem, user) -> list[ProblemAction]`` under a name (the programme's slug): what ``user``
    may start on ``problem`` (an empty list when the problem cannot take new work), in one query."""

    def decorator(source: ActionSource) -> ActionSource:
        ACTION_SOURCES[name] = source
        return source

    return decorator


"""What is attached to a problem in the register of real system problems.

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

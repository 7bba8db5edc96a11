"""The one workflow mechanism for every state machine (see docs/adr/0004-workflow.md)."""

from academy.workflow.machine import (
    SYSTEM,
    Machine,
    NotAllowed,
    StateField,
    StateProtected,
    SystemActor,
    WorkflowModel,
    allowed_moves,
    is_system,
    move,
    start,
    user_or_none,
)

__all__ = [
    "SYSTEM", "Machine", "NotAllowed", "StateField", "StateProtected", "SystemActor", "WorkflowModel",
    "allowed_moves", "is_system", "move", "start", "user_or_none",
]

"""Display decisions for progress returns, so templates never compare state strings or dates."""

from __future__ import annotations

from django.utils import timezone

from governance.models import ProgressReturn, ReturnState


class ReturnDisplay:
    """What templates ask of a return: ``{{ return.display.name }}``, ``{{ return.display.tag_class }}``."""

    def __init__(self, progress_return: ProgressReturn) -> None:
        self.state = progress_return.state
        self.due_on = progress_return.due_on

    @property
    def is_received(self) -> bool:
        return self.state == ReturnState.RECEIVED

    @property
    def is_overdue(self) -> bool:
        return not self.is_received and self.due_on < timezone.localdate()

    @property
    def name(self) -> str:
        if self.is_received:
            return "Received"
        return "Overdue" if self.is_overdue else "Due"

    @property
    def tag_class(self) -> str:
        if self.is_received:
            return "nhsuk-tag--green"
        return "nhsuk-tag--red" if self.is_overdue else "nhsuk-tag--blue"

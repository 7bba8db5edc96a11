"""Display decisions for the care standards register, so templates never compare state strings."""

from __future__ import annotations

from governance.models import CareStandard, StandardState

TAG_CLASS = {
    StandardState.DRAFT: "nhsuk-tag--grey",
    StandardState.FOR_APPROVAL: "nhsuk-tag--yellow",
    StandardState.APPROVED: "nhsuk-tag--green",
    StandardState.RETIRED: "nhsuk-tag--white",
}


class StandardDisplay:
    """What templates ask of a standard: ``{{ standard.display.name }}``, ``{% if standard.display.is_draft %}``."""

    def __init__(self, standard: CareStandard) -> None:
        self.state = standard.state

    @property
    def name(self) -> str:
        return str(StandardState(self.state).label)

    @property
    def tag_class(self) -> str:
        return TAG_CLASS[self.state]

    @property
    def is_draft(self) -> bool:
        return self.state == StandardState.DRAFT

    @property
    def is_for_approval(self) -> bool:
        return self.state == StandardState.FOR_APPROVAL

    @property
    def is_approved(self) -> bool:
        return self.state == StandardState.APPROVED

    @property
    def consultation_open(self) -> bool:
        return self.state in {StandardState.DRAFT, StandardState.FOR_APPROVAL}

    @property
    def can_retire(self) -> bool:
        return self.state in {StandardState.DRAFT, StandardState.APPROVED}

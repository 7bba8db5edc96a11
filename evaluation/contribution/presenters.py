"""Display decisions for the contribution log: stage tags and words."""

from __future__ import annotations

from evaluation.contribution.models import Stage

STAGE_TAGS = {
    Stage.PROPOSED: "nhsuk-tag--grey",
    Stage.IDENTIFIED: "nhsuk-tag--blue",
    Stage.ADOPTED: "nhsuk-tag--green",
    Stage.SCALED: "nhsuk-tag--purple",
    Stage.DECLINED: "nhsuk-tag--red",
}


def stage_tag(stage: str) -> str:
    return STAGE_TAGS.get(stage, "nhsuk-tag--grey")


def stage_label(stage: str) -> str:
    return Stage(stage).label

"""The groups each dimension is counted in: the recruitment pipeline's groups (governance), so the
inclusion measures and the pipeline speak the same words. Benchmarks name the answered groups only."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.inclusion.models import Dimension
from governance.recruitment.selectors import (
    DISABILITY_GROUPS,
    ETHNIC_GROUPS,
    NOT_ANSWERED,
    PREFER_NOT,
    PROFESSION_GROUP_ORDER,
    SEX_GROUPS,
    disability_group,
    ethnic_group,
    profession_group,
    sex_group,
)

NO_PROFILE = "No leader profile"
UNANSWERED = (PREFER_NOT, NOT_ANSWERED, NO_PROFILE)


@dataclass(frozen=True)
class Grouping:
    key: str
    title: str
    groups: tuple[str, ...]
    reference: str  # the group others are compared with in a relative likelihood
    to_group: object
    equality: bool  # an equality-monitoring answer (False: the profession on the profile)

    @property
    def answered(self) -> tuple[str, ...]:
        """The groups a benchmark gives shares for: not "Prefer not to say" or "Not answered"."""
        return tuple(group for group in self.groups if group not in UNANSWERED)


def _profession(name: str | None) -> str:
    return NO_PROFILE if name is None else profession_group(name)


GROUPINGS = (
    Grouping(Dimension.ETHNICITY, "Ethnic group", ETHNIC_GROUPS, "White", ethnic_group, True),
    Grouping(Dimension.SEX, "Sex", SEX_GROUPS, "Male", sex_group, True),
    Grouping(Dimension.DISABILITY, "Disability", DISABILITY_GROUPS, "Not disabled", disability_group, True),
    Grouping(Dimension.PROFESSION, "Profession group", (*PROFESSION_GROUP_ORDER, NO_PROFILE), "Medicine",
             _profession, False),
)
BY_KEY = {grouping.key: grouping for grouping in GROUPINGS}

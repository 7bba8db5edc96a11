"""The scorecard part of a person's data download: the indicator values they recorded as an evaluator."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from evaluation.scorecard.models import IndicatorValue


@register_exporter("evaluation_scorecard", title="Evaluation scorecard",
                   covers=["evaluation_scorecard.IndicatorValue.recorded_by"])
def export(person, out: PersonalExport) -> None:
    out.table("scorecard_values_recorded", rows(
        IndicatorValue.objects.filter(recorded_by=person).order_by("recorded_at"),
        ["indicator", "year", "quarter", "value", "source", "recorded_at"],
    ))

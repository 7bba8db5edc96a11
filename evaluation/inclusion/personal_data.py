"""The inclusion measures' part of a person's data download: the workforce benchmarks they uploaded as an
evaluator. Nothing else here is about a person: the measures are counts."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from evaluation.inclusion.models import Benchmark


@register_exporter(
    "evaluation_inclusion",
    title="Evaluation: inclusion",
    covers=["evaluation_inclusion.Benchmark.uploaded_by"],
)
def export(person, out: PersonalExport) -> None:
    out.table(
        "benchmarks_uploaded",
        rows(Benchmark.objects.filter(uploaded_by=person).order_by("uploaded_at"),
             ["id", "dimension", "as_of", "source", "uploaded_at"]),
    )

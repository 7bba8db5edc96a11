from django.apps import AppConfig


class EvaluationInclusionConfig(AppConfig):
    name = "evaluation.inclusion"
    label = "evaluation_inclusion"
    verbose_name = "Evaluation: inclusion"

    def ready(self) -> None:
        from evaluation.inclusion import rules  # noqa: F401, PLC0415 - registers the permissions

from django.apps import AppConfig


class EvaluationInclusionConfig(AppConfig):
    name = "evaluation.inclusion"
    label = "evaluation_inclusion"
    verbose_name = "Evaluation: inclusion"

    def ready(self) -> None:
        # The permissions and the home page's panel; the panel imports the rules, so once the registry is ready.
        from evaluation.inclusion import home, rules  # noqa: F401, PLC0415 - needs the ready app registry

from django.apps import AppConfig


class EvaluationScorecardConfig(AppConfig):
    name = "evaluation.scorecard"
    label = "evaluation_scorecard"
    verbose_name = "Evaluation: success-measures scorecard"

    def ready(self) -> None:
        # Registers the home page's panel; it reads the URL configuration, so only once the registry is ready.
        from evaluation.scorecard import home, reports  # noqa: F401, PLC0415 - needs the ready app registry

from django.apps import AppConfig


class EvaluationContributionConfig(AppConfig):
    name = "evaluation.contribution"
    label = "evaluation_contribution"
    verbose_name = "Evaluation: contribution log"

    def ready(self) -> None:
        # Registers the home page's panels and the My Academy section; they read the URL configuration, so only
        # once the registry is ready.
        from evaluation.contribution import home, my_academy  # noqa: F401, PLC0415 - needs the ready registry

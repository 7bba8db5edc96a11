from django.apps import AppConfig


class EvaluationOverviewConfig(AppConfig):
    name = "evaluation.overview"
    label = "evaluation_overview"
    verbose_name = "Evaluation: overview"

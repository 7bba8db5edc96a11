from django.apps import AppConfig


class EvaluationNetworkConfig(AppConfig):
    name = "evaluation.network"
    label = "evaluation_network"
    verbose_name = "Evaluation: social network analysis"

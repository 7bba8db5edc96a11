from django.apps import AppConfig


class EvaluationNetworkConfig(AppConfig):
    name = "evaluation.network"
    label = "evaluation_network"
    verbose_name = "Evaluation: social network analysis"

    def ready(self) -> None:
        # Registers the home page's panel and the My Academy section; they read the URL configuration, so
        # only once the registry is ready.
        from evaluation.network import home, my_academy  # noqa: F401, PLC0415 - needs the ready app registry

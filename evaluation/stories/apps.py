from django.apps import AppConfig


class EvaluationStoriesConfig(AppConfig):
    name = "evaluation.stories"
    label = "evaluation_stories"
    verbose_name = "Evaluation: micro-narratives"

    def ready(self) -> None:
        # Registers the home page's panel; it reads the URL configuration, so only once the registry is ready.
        from evaluation.stories import home  # noqa: F401, PLC0415 - needs the ready app registry

from django.apps import AppConfig


class ShadowingConfig(AppConfig):
    name = "programmes.shadowing"
    label = "shadowing"
    verbose_name = "Walking in each other's shoes (shadowing)"

    def ready(self) -> None:
        # Registers the catalogue's source and the home page's panel; they import models, so only once the app
        # registry is ready.
        from programmes.shadowing import catalogue, home  # noqa: F401, PLC0415 - needs the ready app registry

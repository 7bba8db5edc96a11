from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "programmes.network"
    label = "network"
    verbose_name = "Managed network"

    def ready(self) -> None:
        # Registers the catalogue's source and the home page's panel; they import models, so only once the app
        # registry is ready.
        from programmes.network import catalogue, home  # noqa: F401, PLC0415 - needs the ready app registry

from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "programmes.network"
    label = "network"
    verbose_name = "Managed network"

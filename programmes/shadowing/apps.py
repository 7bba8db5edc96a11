from django.apps import AppConfig


class ShadowingConfig(AppConfig):
    name = "programmes.shadowing"
    label = "shadowing"
    verbose_name = "Walking in each other's shoes (shadowing)"

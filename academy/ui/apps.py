from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "academy.ui"
    label = "ui"

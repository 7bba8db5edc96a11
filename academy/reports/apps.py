from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "academy.reports"
    label = "reports"

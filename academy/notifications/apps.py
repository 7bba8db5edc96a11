from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "academy.notifications"
    label = "notifications"

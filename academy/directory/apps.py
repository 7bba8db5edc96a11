from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "academy.directory"
    label = "directory"

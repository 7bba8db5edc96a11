from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "programmes.curriculum"
    label = "curriculum"

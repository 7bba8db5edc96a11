from django.apps import AppConfig


class ProgrammesCoreConfig(AppConfig):
    name = "programmes.core"
    label = "programmes_core"
    verbose_name = "Programmes"

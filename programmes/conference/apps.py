from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "programmes.conference"
    label = "conference"
    verbose_name = "Innovation in SEL System Leadership conference"

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "programmes.community"
    label = "community"
    verbose_name = "Communities of practice"

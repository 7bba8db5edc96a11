from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "programmes.conference"
    label = "conference"
    verbose_name = "Innovation in SEL System Leadership conference"

    def ready(self):
        # Registers the catalogue's source; it imports models, so only once the app registry is ready.
        from programmes.conference import catalogue  # noqa: F401, PLC0415 - needs the ready app registry

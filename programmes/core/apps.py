from django.apps import AppConfig


class ProgrammesCoreConfig(AppConfig):
    name = "programmes.core"
    label = "programmes_core"
    verbose_name = "Programmes"

    def ready(self) -> None:
        # Registers the home page's panels; they read models, so only once the app registry is ready.
        from programmes.core import home  # noqa: F401, PLC0415 - needs the ready app registry
        from programmes.core.forms.leader import watch_catalogue_filters  # noqa: PLC0415 - it imports models

        # The catalogue's filter form (leader groups and priority functions) is a cached fragment: any
        # change to those rows, in any process, drops it.
        watch_catalogue_filters()

from django.apps import AppConfig


class ChallengeFundConfig(AppConfig):
    name = "programmes.challenge_fund"
    label = "challenge_fund"

    def ready(self) -> None:
        # Registers the catalogue's source and the home page's panels; they import models, so only once the
        # app registry is ready.
        from programmes.challenge_fund import catalogue, home, my_academy, problems  # noqa: F401, PLC0415 - needs the ready app registry

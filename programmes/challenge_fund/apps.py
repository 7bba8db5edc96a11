from django.apps import AppConfig


class ChallengeFundConfig(AppConfig):
    name = "programmes.challenge_fund"
    label = "challenge_fund"

    def ready(self) -> None:
        from programmes.challenge_fund import catalogue  # noqa: F401  (registers the catalogue's source)

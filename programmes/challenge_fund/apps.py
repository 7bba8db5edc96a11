from django.apps import AppConfig


class ChallengeFundConfig(AppConfig):
    name = "programmes.challenge_fund"
    label = "challenge_fund"

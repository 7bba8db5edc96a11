from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "evaluation.surveys"
    label = "evaluation_surveys"
    verbose_name = "Evaluation: surveys"

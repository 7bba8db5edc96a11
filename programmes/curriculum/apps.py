from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "programmes.curriculum"
    label = "curriculum"

    def ready(self) -> None:
        from programmes.core.models import OFFER_TYPE_LABELS
        from programmes.curriculum.models import PROGRAMME_SLUG, CurriculumOffer

        OFFER_TYPE_LABELS[PROGRAMME_SLUG] = dict(CurriculumOffer.choices)

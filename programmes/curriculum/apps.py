from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "programmes.curriculum"
    label = "curriculum"

    def ready(self) -> None:
        from programmes.core.models import OFFER_TYPE_LABELS  # noqa: PLC0415 - models load after the app registry is ready
        from programmes.curriculum.models import PROGRAMME_SLUG, CurriculumOffer  # noqa: PLC0415 - as above

        OFFER_TYPE_LABELS[PROGRAMME_SLUG] = dict(CurriculumOffer.choices)

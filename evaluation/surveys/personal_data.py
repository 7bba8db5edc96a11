"""The questionnaires part of a person's data download: the invitations they had, the answers they gave,
and the questionnaires and waves they made as an evaluator."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from evaluation.surveys.models import Answer, Audience, Instrument, Invitation, Wave


@register_exporter(
    "evaluation_surveys",
    title="Evaluation questionnaires",
    covers=["evaluation_surveys.Instrument.owner", "evaluation_surveys.Wave.created_by",
            "evaluation_surveys.Invitation.leader"],
)
def export(person, out: PersonalExport) -> None:
    out.table(
        "questionnaire_invitations",
        rows(
            Invitation.objects.filter(leader=person, wave__audience=Audience.PARTICIPANTS).order_by("pk"),
            ["id", "wave__cohort__title", "wave__edition__name", "wave__placement_id", "wave__kind",
             "wave__opens_on", "wave__closes_on", "withdrawn_at",
             "response__submitted_at", "response__consent_to_quote"],
        ),
    )
    out.table(
        "questionnaire_answers",
        rows(
            Answer.objects.filter(
                response__invitation__leader=person, response__invitation__wave__audience=Audience.PARTICIPANTS
            ).order_by("response_id", "item__position"),
            ["response__invitation_id", "item__text", "number", "choice", "text"],
        ),
    )
    out.table("questionnaires_made", rows(Instrument.objects.filter(owner=person), ["name", "purpose", "created_at"]))
    out.table(
        "questionnaire_waves_scheduled",
        rows(
            Wave.objects.filter(created_by=person),
            ["cohort__title", "edition__name", "placement_id", "kind", "audience", "opens_on", "closes_on"],
        ),
    )

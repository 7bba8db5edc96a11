"""The network part of a person's data download: their answers to the quarterly name-generator survey and
whom they named. Other people's answers naming them are not theirs to read: only that they exist is said,
as a count."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName


@register_exporter(
    "evaluation_network",
    title="The Academy's network: the quarterly survey",
    covers=["evaluation_network.NameGeneratorAnswer.respondent", "evaluation_network.NameGeneratorName.person"],
)
def export(person, out: PersonalExport) -> None:
    out.table("name_generator_answers", rows(
        NameGeneratorAnswer.objects.filter(respondent=person).order_by("year", "quarter"),
        ["id", "year", "quarter", "answered_at", "updated_at"]))
    out.table("name_generator_people_you_named", rows(
        NameGeneratorName.objects.filter(answer__respondent=person).order_by("answer_id", "pk"),
        ["answer_id", "person__first_name", "person__last_name", "person__email"]))
    named_by_others = NameGeneratorName.objects.filter(person=person).exclude(answer__respondent=person).count()
    out.table("name_generator_named_by_others", [{"answers naming you (who named you is theirs)": named_by_others}])

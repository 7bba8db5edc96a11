"""The quarterly name-generator survey ("who did you work with across boundaries this quarter?"): a person
names up to 10 people from the directory (not themselves, each once), sees and changes only their own answer
for this quarter; the answers are ties of the kind ``name_generator`` in the network analysis; the network's
readers see response counts only; erasure and the data download."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.privacy import erasure
from academy.privacy.personal_data import PersonalExport
from evaluation.network import selectors, services
from evaluation.network.erasure import erase
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName
from evaluation.network.personal_data import export
from evaluation.network.sources import KIND_LABELS, TIE_SOURCES, read_ties
from governance.investment.quarters import quarter_of
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("evaluation_network:name_generator")
HOSTILE = '<script>alert(1)</script>'


def _leaders(count: int, last_name: str = "Colleague"):
    return [LeaderProfileFactory(user__first_name=f"Named{n}", user__last_name=last_name).user for n in range(count)]


def _respondent():
    return LeaderProfileFactory(user__first_name="Rita", user__last_name="Respondent").user


# --- the service ----------------------------------------------------------------------------------------


def test_an_answer_is_saved_and_replaced_within_the_quarter():
    me, people = _respondent(), _leaders(4)
    answer = services.answer_name_generator(me, [p.pk for p in people[:3]])
    quarter = quarter_of(timezone.localdate())
    assert (answer.year, answer.quarter) == (quarter.year, quarter.number)
    assert set(answer.names.values_list("person_id", flat=True)) == {p.pk for p in people[:3]}
    again = services.answer_name_generator(me, [str(people[3].pk)])
    assert again.pk == answer.pk and list(again.names.values_list("person_id", flat=True)) == [people[3].pk]
    assert NameGeneratorAnswer.objects.count() == 1 and NameGeneratorName.objects.count() == 1


@pytest.mark.parametrize(("choose", "message"), [
    (lambda me, people: [], "Name at least one person"),
    (lambda me, people: [me.pk], "not yourself"),
    (lambda me, people: [people[0].pk, people[0].pk], "more than once"),
    (lambda me, people: [p.pk for p in people], "Name up to 10 people (you named 11)"),
    (lambda me, people: ["abc"], "Choose people from the directory search"),
    (lambda me, people: [999_999], "not in the directory"),
])
def test_bad_answers_are_refused_whole(choose, message):
    me, people = _respondent(), _leaders(11)
    services.answer_name_generator(me, [people[5].pk])
    with pytest.raises(ValidationError) as refused:
        services.answer_name_generator(me, choose(me, people))
    assert message in " ".join(refused.value.messages)
    assert list(NameGeneratorName.objects.values_list("person_id", flat=True)) == [people[5].pk]  # unchanged


def test_people_not_listed_in_the_directory_cannot_be_named():
    me, hidden = _respondent(), LeaderProfileFactory(listed_in_directory=False).user
    with pytest.raises(ValidationError):
        services.answer_name_generator(me, [hidden.pk])


def test_withdrawing_deletes_this_quarters_answer_only():
    me, people = _respondent(), _leaders(2)
    past = quarter_of(timezone.localdate()).previous()
    old = NameGeneratorAnswer.objects.create(respondent=me, year=past.year, quarter=past.number,
                                             answered_at=timezone.make_aware(datetime.datetime.combine(
                                                 past.start, datetime.time(10))))
    NameGeneratorName.objects.create(answer=old, person=people[0])
    services.answer_name_generator(me, [people[1].pk])
    assert services.withdraw_name_generator(me) is True
    assert list(NameGeneratorAnswer.objects.all()) == [old]
    assert services.withdraw_name_generator(me) is False


# --- the ties --------------------------------------------------------------------------------------------


def test_each_name_is_a_tie_registered_with_the_network_analysis():
    assert selectors.name_generator_ties in TIE_SOURCES
    assert selectors.NAME_GENERATOR in KIND_LABELS
    me, people = _respondent(), _leaders(3)
    services.answer_name_generator(me, [p.pk for p in people])
    services.answer_name_generator(people[0], [me.pk])  # naming each other: still one tie between them
    quarter = quarter_of(timezone.localdate())
    ties = list(read_ties(quarter.start, quarter.end, sources=(selectors.name_generator_ties,)))
    assert {(a, b) for a, b, _, _ in ties} == {tuple(sorted((me.pk, p.pk))) for p in people}
    assert {kind for _, _, kind, _ in ties} == {"name_generator"}
    assert all(day == timezone.localdate() for _, _, _, day in ties)
    earlier = quarter.previous()
    assert list(read_ties(earlier.start, earlier.end, sources=(selectors.name_generator_ties,))) == []
    snapshot = services.compute_snapshot(quarter, sources=(selectors.name_generator_ties,))
    assert snapshot.figures["people"] == 4 and snapshot.figures["ties"] == 3


# --- the page --------------------------------------------------------------------------------------------


def test_a_leader_searches_names_people_and_sees_their_answer(client):
    me = _respondent()
    people = _leaders(3, last_name="Okonkwo")
    client.force_login(me)
    page = client.get(URL, {"q": "Okonkwo"}).content.decode()
    assert "Named0 Okonkwo" in page and "Named2 Okonkwo" in page
    mine = f'name="person" type="checkbox" value="{me.pk}"'
    assert mine not in client.get(URL, {"q": "Rita Respondent"}).content.decode()  # never themselves
    response = client.post(URL + "?q=Okonkwo", {"person": [people[0].pk, people[2].pk]})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "naming 2 people has been saved" in page
    assert "Named0 Okonkwo" in page and "Named2 Okonkwo" in page and "Named1 Okonkwo" not in page
    assert "Withdraw your answer" in page
    response = client.post(URL, {"withdraw": "1"})
    assert response.status_code == 302 and not NameGeneratorAnswer.objects.exists()


def test_bad_input_is_a_400_with_the_error_summary_and_nothing_saved(client):
    me, people = _respondent(), _leaders(1)
    client.force_login(me)
    response = client.post(URL, {"person": [people[0].pk, people[0].pk]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page and "nhsuk-error-summary" in page and 'href="#id_person_0"' in page
    assert "more than once" in page
    assert not NameGeneratorAnswer.objects.exists()
    response = client.post(URL, {})
    assert response.status_code == 400 and 'id="id_person_0"' in response.content.decode()


def test_names_typed_by_people_are_escaped(client):
    LeaderProfileFactory(user__first_name=HOSTILE, user__last_name="Hostile")
    client.force_login(_respondent())
    page = client.get(URL, {"q": "Hostile " + HOSTILE}).content.decode()
    assert HOSTILE not in page


def test_a_past_quarters_answer_is_not_shown_or_changed(client):
    me, people = _respondent(), _leaders(2)
    past = quarter_of(timezone.localdate()).previous()
    old = NameGeneratorAnswer.objects.create(respondent=me, year=past.year, quarter=past.number)
    NameGeneratorName.objects.create(answer=old, person=people[0])
    client.force_login(me)
    page = client.get(URL).content.decode()
    assert "Named0" not in page and "Withdraw your answer" not in page
    client.post(URL, {"person": [people[1].pk]})
    assert list(old.names.values_list("person_id", flat=True)) == [people[0].pk]


def test_nobody_reads_anyone_elses_answer_and_readers_see_counts_only(client):
    people = _leaders(7)
    for person in people[:6]:
        services.answer_name_generator(person, [people[6].pk])
    for role in ("evaluator", "superuser"):
        client.force_login(make_person(role))
        page = client.get(URL).content.decode()
        assert "Named6" not in page and "Withdraw your answer" not in page
        index = client.get(reverse("evaluation_network:index")).content.decode()
        assert "People who answered the survey" in index and "Named0" not in index and "Named6" not in index
        assert '<td class="nhsuk-table__cell nhsuk-table__cell--numeric">6</td>' in index


def test_small_response_counts_are_suppressed(client):
    people = _leaders(3)
    services.answer_name_generator(people[0], [people[1].pk])
    client.force_login(make_person("evaluator"))
    assert "fewer than 5" in client.get(reverse("evaluation_network:index")).content.decode()


def test_my_academy_says_whether_the_person_answered_this_quarter(client):
    me, people = _respondent(), _leaders(3)
    client.force_login(me)
    page = client.get(reverse("programmes:my_academy")).content.decode()
    assert URL in page and "Not answered yet" in page
    services.answer_name_generator(me, [p.pk for p in people])
    page = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Answered" in page and "You named 3 people" in page


def test_the_page_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    me = _respondent()
    people = _leaders(10, last_name="Budget")
    client.force_login(me)
    services.answer_name_generator(me, [p.pk for p in people[:2]])
    client.get(URL, {"q": "Budget"})
    with django_assert_max_num_queries(14) as small:
        assert client.get(URL, {"q": "Budget"}).status_code == 200
    services.answer_name_generator(me, [p.pk for p in people[:8]])
    with django_assert_max_num_queries(14) as large:
        assert client.get(URL, {"q": "Budget"}).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)


# --- privacy ---------------------------------------------------------------------------------------------


def test_erasure_removes_answers_and_mentions():
    me, other, people = _respondent(), _respondent(), _leaders(2)
    services.answer_name_generator(me, [people[0].pk])
    services.answer_name_generator(other, [me.pk, people[1].pk])
    assert "evaluation_network" in {step.name for step in erasure.steps()}
    erase(me, "Closed account")
    assert not NameGeneratorAnswer.objects.filter(respondent=me).exists()
    assert list(NameGeneratorName.objects.values_list("person_id", flat=True)) == [people[1].pk]


def test_the_data_download_holds_the_persons_answers():
    me, other, people = _respondent(), _respondent(), _leaders(1)
    services.answer_name_generator(me, [people[0].pk])
    services.answer_name_generator(other, [me.pk])
    out = PersonalExport()
    export(me, out)
    assert len(out.tables["name_generator_answers"]) == 1
    assert out.tables["name_generator_people_you_named"][0]["person__first_name"] == "Named0"
    assert list(out.tables["name_generator_named_by_others"][0].values()) == [1]

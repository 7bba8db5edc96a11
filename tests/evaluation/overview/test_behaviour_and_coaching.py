"""Behaviour at three months (shadowing's follow-up) and coaching, read by evaluators in aggregate: counts
through the suppression helper, the follow-up's words only where the shadow let the evaluation use them and
only once enough did, nobody named, hostile words escaped, and a fixed number of queries."""

import pytest
from django.urls import reverse

from programmes.shadowing import selectors as shadowing
from tests.conftest import make_person
from tests.evaluation.overview.helpers import follow_up
from tests.factories import coaching

pytestmark = pytest.mark.django_db

URL = reverse("evaluation:behaviour_and_coaching")
HOSTILE = '<script>alert(1)</script> =HYPERLINK("http://evil.example")'


def test_the_summary_counts_through_suppression_and_quotes_only_with_consent():
    for number in range(6):
        follow_up(answer=f"Usable {number}", may_use=True)
    follow_up(answer="Private words", may_use=False)
    follow_up()
    summary = shadowing.follow_up_summary()
    assert summary.counts["Answered, and the evaluation may use the answer"].display == "6"
    # One answered-not-to-use and one waiting: both small, so hidden, and the total with them.
    assert summary.counts["Answered, not to be used"].display == "fewer than 5"
    assert summary.counts["Invited, not answered yet"].display == "fewer than 5"
    assert summary.counts.total is None
    assert {quote.answer for quote in summary.quotes} == {f"Usable {n}" for n in range(6)}
    assert summary.quotes[0].answered_on is not None


def test_no_answer_is_quoted_while_too_few_may_be_used():
    for number in range(4):
        follow_up(answer=f"Usable {number}", may_use=True)
    for _ in range(6):
        follow_up()
    summary = shadowing.follow_up_summary()
    assert summary.counts["Answered, and the evaluation may use the answer"].suppressed
    assert summary.quotes == []


def test_the_quotes_are_the_newest_ten():
    for number in range(12):
        follow_up(answer=f"Usable {number}", may_use=True)
    assert len(shadowing.follow_up_summary().quotes) == 10


def test_the_evaluator_reads_both_sections_without_names_and_escaped(client):
    for number in range(5):
        follow_up(answer=f"I call the ward first {number} {HOSTILE}", may_use=True,
                  shadow_name=f"Quentin Shadow{number}")
    follow_up(answer="My private answer", may_use=False, shadow_name="Private Person")
    follow_up()  # two small cells: neither needs the usable answers' count hidden to protect it
    for _ in range(6):
        coaching.request()
    request = coaching.active(coaching.member(user__first_name="Zebedee"))
    client.force_login(make_person("evaluator"))
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Behaviour at three months: shadowing" in page and "<h2 id=\"coaching\">Coaching</h2>" in page
    assert "I call the ward first 4" in page and "My private answer" not in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Shadow0" not in page and "Private Person" not in page and "Zebedee" not in page
    assert request.coach.person.get_full_name() not in page
    assert "fewer than 5" in page  # the one unused answer, and the one coaching under way
    overview = client.get(reverse("evaluation:overview")).content.decode()
    assert URL in overview


def test_with_too_few_answers_the_page_says_so(client):
    follow_up(answer="Only one", may_use=True)
    client.force_login(make_person("evaluator"))
    page = client.get(URL).content.decode()
    assert "Only one" not in page and "No answer is shown" in page


def test_no_answer_is_quoted_when_its_count_is_hidden_to_protect_a_small_one():
    """Six usable and one not: the one is small, so the six are hidden too; six quotes would give the six
    away, and the shown total would then give the one away."""
    for number in range(6):
        follow_up(answer=f"Usable {number}", may_use=True)
    follow_up(answer="Declined", may_use=False)
    summary = shadowing.follow_up_summary()
    assert summary.counts["Answered, and the evaluation may use the answer"].suppressed
    assert summary.quotes == []


def test_the_executive_and_programme_admins_do_not_read_it(client):
    follow_up(answer="Words", may_use=True)
    for role in ("executive", "programme_admin", "leader"):
        client.force_login(make_person(role))
        assert client.get(URL).status_code == 403
    assert URL not in client.get(reverse("ui:home")).content.decode()
    client.force_login(make_person("executive"))
    assert URL not in client.get(reverse("evaluation:overview")).content.decode()


def test_the_page_reads_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for number in range(5):
        follow_up(answer=f"Usable {number}", may_use=True)
    coaching.request()
    client.force_login(make_person("evaluator"))
    client.get(URL)
    # Session and user (2), the follow-up's counts and quotes (2), coaching's figures (3), with headroom for
    # the base layout's reads.
    with django_assert_max_num_queries(12) as small:
        assert client.get(URL).status_code == 200
    for number in range(10):  # five more usable and five not: every count still shown, quotes read
        follow_up(answer=f"More {number}", may_use=number % 2 == 0)
        coaching.active()
    with django_assert_max_num_queries(12) as large:
        assert client.get(URL).status_code == 200
    assert len(small.captured_queries) == len(large.captured_queries)

"""Level 1 (reaction) at the conference, read by evaluators through the conference's public selector: per held
edition, counts through the suppression helper, mean and median only from 5 answers, no comment and no name,
hostile names escaped, and a fixed number of queries."""

import pytest
from django.urls import reverse

from programmes.conference.models import DayFeedback, ProposalState, SessionFeedback
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = pytest.mark.django_db

URL = reverse("evaluation:conference_reaction")
HOSTILE = '<script>alert(1)</script>'
COMMENT = "Zanzibar comment that stays with the conference team"


def _held(name, day_ratings, session_ratings=()):
    edition = make_edition(days_to_deadline=-30, days_to_start=-7)
    edition.name = name
    edition.save(update_fields=["name"])
    people = [UserFactory(first_name="Quentin", last_name=f"Attendee{n}") for n in range(10)]
    DayFeedback.objects.bulk_create([DayFeedback(edition=edition, person=person, rating=rating, comment=COMMENT)
                                     for person, rating in zip(people, day_ratings, strict=False)])
    session = make_proposal(edition, state=ProposalState.ACCEPTED)
    SessionFeedback.objects.bulk_create([SessionFeedback(proposal=session, person=person, rating=rating,
                                                         comment=COMMENT)
                                         for person, rating in zip(people, session_ratings, strict=False)])
    return edition, people


def test_the_evaluator_reads_each_held_edition_in_aggregate(client):
    _held(f"Edition {HOSTILE}", (5, 4, 4, 3, 5, 4), (4, 4, 5, 5, 2))
    _held("Quiet edition", (5, 5))
    make_edition()  # not held yet: not listed
    client.force_login(make_person("evaluator"))
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Reaction at the conference (level 1)" in page
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert "4.2" in page and "4.0" in page  # the day: mean and median of six answers
    assert "Quiet edition" in page and "fewer than 5" in page
    assert COMMENT not in page and "Quentin" not in page


def test_the_overview_links_the_page_for_evaluators_only(client):
    client.force_login(make_person("evaluator"))
    assert URL in client.get(reverse("evaluation:overview")).content.decode()
    client.force_login(make_person("executive"))
    assert URL not in client.get(reverse("evaluation:overview")).content.decode()


def test_the_page_reads_in_the_same_queries_at_two_sizes(client, django_assert_max_num_queries):
    evaluator = make_person("evaluator")
    client.force_login(evaluator)
    _held("Small edition", (5, 4))
    client.get(URL)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    for n in range(5):
        _held(f"Edition {n}", (5, 4, 4, 3, 5, 4, 2), (4, 4, 5, 5, 2, 3))
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL).status_code == 200
    assert len(small) == len(large)
    with django_assert_max_num_queries(len(small)):
        client.get(URL)

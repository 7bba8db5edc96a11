"""The catalogue, programme and cohort pages, applying and booking."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import LeaderGroup, PriorityFunction
from academy.ui.formats import nhs_datetime
from programmes.core import services
from programmes.core.models import Application, ApplicationState, Cohort, Programme, SelectionMethod
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import RoundFactory
from tests.factories.programmes import CohortFactory
from tests.programmes.conference.helpers import make_edition

S = ApplicationState
pytestmark = pytest.mark.django_db


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


def test_catalogue_shows_only_programmes_with_something_open(client):
    CohortFactory(title="Open core cohort")
    CohortFactory(title="Closed cohort", applications_close=timezone.now() - timedelta(days=1),
                  applications_open=timezone.now() - timedelta(days=9))
    CohortFactory(title="Draft cohort", published=False)
    # The managed network is always listed (its open tier can be joined at any time): communities show the rule.
    community = Programme.objects.get(slug="community")
    CohortFactory(programme=community, title="Community closed", applications_open=timezone.now() + timedelta(days=3))
    page = client.get(reverse("programmes:catalogue")).content.decode()
    assert "Systems leadership development curriculum" in page
    assert "Communities of practice" not in page
    assert "Open core cohort" in page
    assert "Draft cohort" not in page


def test_catalogue_filters_by_leader_group_format_and_function(client):
    frontline = LeaderGroup.objects.get(slug="frontline")
    function = PriorityFunction.objects.get(number=6)
    cohort = CohortFactory(delivery_format="online")
    cohort.target_groups.set([frontline])
    cohort.priority_functions.set([function])
    other = CohortFactory(programme=Programme.objects.get(slug="community"), delivery_format="in_person")
    url = reverse("programmes:catalogue")
    both = client.get(url).content.decode()
    assert "Communities of practice" in both and "Systems leadership development curriculum" in both
    for query in ({"leader_group": "frontline"}, {"delivery_format": "online"}, {"priority_function": 6}):
        page = client.get(url, query).content.decode()
        assert "Systems leadership development curriculum" in page, query
        assert "Communities of practice" not in page, query
    assert other.pk
    # A value that is not a choice is ignored with a message beside the field, never a 500.
    bad = client.get(url, {"leader_group": "nonsense"})
    assert bad.status_code == 200 and title(bad).startswith("Error: ")


def _enrol(cohort, count):
    users = UserFactory.create_batch(count)
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=u, state=S.ACCEPTED) for u in users]
    )


def test_catalogue_shows_the_challenge_fund_while_a_round_is_open(client):
    open_round = RoundFactory(title="Round open now")
    RoundFactory(title="Round not published", published=False)
    RoundFactory(title="Round closed", opens_at=timezone.now() - timedelta(days=40),
                 closes_at=timezone.now() - timedelta(days=1))
    html = client.get(reverse("programmes:catalogue")).content.decode()
    assert "SEL Challenge Fund" in html
    assert f'href="{reverse("challenge_fund:index")}"' in html
    # NHS.UK style through the UI kit: "Closes on 15 January 2027 at midday."
    assert f"Round open now: Awards from £5,000 to £50,000. Closes on {nhs_datetime(open_round.closes_at)}." in html
    assert "Round not published" not in html and "Round closed" not in html
    # Every leader group may bid, so a group filter keeps it; a round has no format, so a format filter
    # leaves it out.
    url = reverse("programmes:catalogue")
    assert "Round open now" in client.get(url, {"leader_group": "frontline"}).content.decode()
    assert "Round open now" not in client.get(url, {"delivery_format": "online"}).content.decode()


def test_catalogue_leaves_the_challenge_fund_out_when_no_round_is_open(client):
    RoundFactory(title="Round not yet open", opens_at=timezone.now() + timedelta(days=3),
                 closes_at=timezone.now() + timedelta(days=30))
    assert "SEL Challenge Fund" not in client.get(reverse("programmes:catalogue")).content.decode()


@pytest.mark.parametrize("enrolments", [10, 500])
def test_catalogue_query_count_does_not_grow(client, django_assert_max_num_queries, enrolments):
    RoundFactory()
    RoundFactory()
    make_edition()  # a conference's open call: its source's one query
    make_edition()
    for number in range(6):
        cohort = CohortFactory(capacity=1000)
        cohort.target_groups.set(LeaderGroup.objects.all())
        _enrol(cohort, enrolments // 6 + 1) if number == 0 else None
        CohortFactory(programme=Programme.objects.get(slug="community"))
    # 9: the open cohorts' own groups, named on each card; and one for the managed network's source (its open
    # intakes: the network is always listed, its open tier can be joined at any time).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("programmes:catalogue"), {"leader_group": "frontline"})
    assert response.status_code == 200


def test_unpublished_cohort_is_for_its_admins_only(client_as):
    cohort = CohortFactory(published=False)
    client, _ = client_as("leader")
    assert client.get(reverse("programmes:cohort", args=[cohort.pk])).status_code == 404
    client, _ = client_as("programme_admin")
    assert client.get(reverse("programmes:cohort", args=[cohort.pk])).status_code == 200


def test_apply_through_the_form(client_as):
    client, user = client_as("leader")
    cohort = CohortFactory(questions=["Why now?"])
    url = reverse("programmes:apply", args=[cohort.pk])
    empty = client.post(url, {})
    assert empty.status_code == 400 and title(empty).startswith("Error: ")
    body = empty.content.decode()
    for message in ("Answer the question: Why now?", "Describe the system problem you will bring",
                    "Enter your line manager&#x27;s email address"):
        assert message in body
    own_email = client.post(url, {
        "answer_1": "Because.", "applied_problem": "Discharge", "priority_function": 2,
        "line_manager_name": "Me", "line_manager_email": user.email,
    })
    assert own_email.status_code == 400 and "not your own" in own_email.content.decode()
    assert not Application.objects.filter(applicant=user).exists()
    done = client.post(url, {
        "answer_1": "Because.", "applied_problem": "Discharge", "priority_function": 2,
        "line_manager_name": "Helen Whitfield", "line_manager_email": "helen@example.nhs.uk",
    })
    application = Application.objects.get(applicant=user)
    assert done.status_code == 302 and done["Location"] == reverse("programmes:application", args=[application.pk])
    assert application.state == S.AWAITING_LINE_MANAGER
    assert application.answers == [{"question": "Why now?", "answer": "Because."}]
    assert application.priority_function.number == 2


def test_apply_to_a_closed_cohort_changes_nothing(client_as):
    client, user = client_as("leader")
    cohort = CohortFactory(applications_open=timezone.now() - timedelta(days=9),
                           applications_close=timezone.now() - timedelta(days=1))
    page = client.get(reverse("programmes:apply", args=[cohort.pk]))
    assert "not taking applications now" in page.content.decode()
    response = client.post(reverse("programmes:apply", args=[cohort.pk]), {
        "answer_1": "Because.", "applied_problem": "Discharge", "priority_function": 2,
        "line_manager_name": "Helen Whitfield", "line_manager_email": "helen@example.nhs.uk",
    })
    assert response.status_code == 400 and "not taking applications" in response.content.decode()
    assert not Application.objects.filter(applicant=user).exists()


def test_book_then_waiting_list(client_as):
    cohort = CohortFactory(capacity=1, selection_method=SelectionMethod.OPEN_BOOKING, offer_type="modular")
    first, _ = client_as("leader")
    first.post(reverse("programmes:book", args=[cohort.pk]))
    assert Cohort.objects.get(pk=cohort.pk).places_held == 1
    second_user = UserFactory()
    first.force_login(second_user)
    page = first.get(reverse("programmes:book", args=[cohort.pk])).content.decode()
    assert "Join the waiting list" in page
    first.post(reverse("programmes:book", args=[cohort.pk]))
    assert Application.objects.get(applicant=second_user).state == S.WAITING_LIST
    again = first.post(reverse("programmes:book", args=[cohort.pk]))
    assert again.status_code == 400 and "already booked" in again.content.decode()
    services.withdraw(Application.objects.get(cohort=cohort, state=S.ACCEPTED).applicant,
                      Application.objects.get(cohort=cohort, state=S.ACCEPTED))
    assert Application.objects.get(applicant=second_user).state == S.OFFERED


def test_a_full_open_cohort_says_so_and_offers_the_waiting_list(client):
    cohort = CohortFactory(title="Full workshop", capacity=3, selection_method=SelectionMethod.OPEN_BOOKING)
    Cohort.objects.filter(pk=cohort.pk).update(places_held=3)
    page = client.get(reverse("programmes:programme", args=[cohort.programme.slug])).content.decode()
    assert "Full: join the waiting list" in page
    assert "Open</td>" not in page.replace(" ", "")
    cohort.refresh_from_db()
    assert cohort.stage() == "Full: join the waiting list"
    Cohort.objects.filter(pk=cohort.pk).update(places_held=2)
    cohort.refresh_from_db()
    assert cohort.stage() == "Open"


def test_a_card_found_by_a_group_filter_names_that_group(client):
    frontline = LeaderGroup.objects.get(slug="frontline")
    programme = Programme.objects.get(slug="community")
    programme.target_groups.set(LeaderGroup.objects.exclude(pk=frontline.pk)[:1])
    cohort = CohortFactory(programme=programme)
    cohort.target_groups.set([frontline])
    page = client.get(reverse("programmes:catalogue"), {"leader_group": "frontline"}).content.decode()
    assert programme.name in page
    who = page.split("Who it is for")[1].split("</dd>")[0]
    assert frontline.name in who


def test_the_challenge_funds_programme_page_shows_its_open_round(client):
    open_round = RoundFactory(title="Round open now")
    page = client.get(reverse("programmes:programme", args=["challenge-fund"])).content.decode()
    assert "no cohorts or sessions planned" not in page
    assert f'<a href="{reverse("challenge_fund:round", args=[open_round.pk])}">Round open now</a>' in page
    open_round.closes_at = timezone.now() - timedelta(minutes=1)
    open_round.opens_at = timezone.now() - timedelta(days=30)
    open_round.save()
    page = client.get(reverse("programmes:programme", args=["challenge-fund"])).content.decode()
    assert "no cohorts or sessions planned" in page and "Round open now" not in page


def test_the_unfiltered_filter_form_is_cached_until_its_reference_data_changes(client):
    """The filter form's options (leader groups, priority functions) are the same for everyone: the
    unfiltered catalogue renders them once, then from the cache, and any change to those rows shows at once."""
    url = reverse("programmes:catalogue")
    with CaptureQueriesContext(connection) as first:
        page = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = client.get(url).content.decode()
    assert again == page and len(second) == len(first) - 2  # the groups and the functions, not read again
    assert 'value="frontline"' in page and 'value="6"' in page
    # A renamed group, a renamed function and a new group show straight away ...
    group = LeaderGroup.objects.get(slug="frontline")
    group.name = "Front-line <leaders> & staff"
    group.save()
    function = PriorityFunction.objects.get(number=6)
    function.name = "Renamed function"
    function.save()
    page = client.get(url).content.decode()
    assert "Front-line &lt;leaders&gt; &amp; staff" in page and "Renamed function" in page
    LeaderGroup.objects.create(slug="new-group", name="A new group", position=99)
    assert 'value="new-group"' in client.get(url).content.decode()
    # ... and so does a deleted one.
    LeaderGroup.objects.filter(slug="new-group").delete()  # a queryset delete still sends post_delete
    assert 'value="new-group"' not in client.get(url).content.decode()
    # A filtered page renders the form with the choice made, and never caches it.
    chosen = client.get(url, {"leader_group": "frontline"}).content.decode()
    assert '<option value="frontline" selected>' in chosen
    assert '<option value="frontline" selected>' not in client.get(url).content.decode()

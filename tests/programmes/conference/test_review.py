"""Review (issue 11, second slice): phases, weighted categories, reviewers by theme, conflicts of interest,
blind review, the next proposal, others' scores after one's own, the ranked list and its query budget."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from programmes.conference import selectors, services
from programmes.conference.models import ProposalSpeaker, ProposalState, Review, ReviewScore, SpeakerState, Theme
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = pytest.mark.django_db


def _setup(admin, *, blind=False, phase_open=True):
    edition = make_edition()
    now = timezone.now()
    if phase_open:
        services.add_review_phase(admin, edition, name="First review", opens_at=now - dt.timedelta(days=1),
                                  closes_at=now + dt.timedelta(days=7))
    relevance = services.add_score_category(admin, edition, name="Relevance to SEL", weight=2)
    clarity = services.add_score_category(admin, edition, name="Clarity", weight=1)
    newcomer = services.add_score_category(admin, edition, name="Good for a first-time speaker", weight=1,
                                           independent=True)
    if blind:
        services.save_review_settings(admin, edition, blind=True)
    return edition, (relevance, clarity, newcomer)


def _reviewer(admin, edition, **kwargs):
    user = UserFactory()
    services.add_reviewer(admin, edition, user=user, **kwargs)
    return user


def _review(user, proposal, categories, values, comment=""):
    services.declare_interest(user, proposal, conflicted=False)
    return services.submit_review(user, proposal, scores=dict(zip([c.pk for c in categories], values, strict=True)),
                                  comment=comment)


def test_the_weighted_mean_leaves_independent_categories_out(conference_admin):
    edition, cats = _setup(conference_admin)
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    _review(_reviewer(conference_admin, edition), proposal, cats, [5, 2, 1])
    _review(_reviewer(conference_admin, edition), proposal, cats, [2, 2, 5])
    ranked = selectors.ranked_proposals(edition)
    # (5*2 + 2) / 3 = 4; (2*2 + 2) / 3 = 2: mean 3, spread 2 (flagged).
    assert ranked[0].mean == pytest.approx(3)
    assert ranked[0].spread == pytest.approx(2)
    assert ranked[0].flagged
    assert ranked[0].independent[0][1] == pytest.approx(3)


def test_ranking_orders_by_mean_and_puts_unreviewed_last(conference_admin):
    edition, cats = _setup(conference_admin)
    low, high, none = (make_proposal(edition, state=ProposalState.SUBMITTED, title=t) for t in ("Low", "High", "Zed"))
    reviewer = _reviewer(conference_admin, edition)
    _review(reviewer, low, cats, [1, 1, 1])
    _review(reviewer, high, cats, [5, 4, 1])
    assert [p.title for p in selectors.ranked_proposals(edition)] == ["High", "Low", "Zed"]
    assert [p.title for p in selectors.ranked_proposals(edition, flagged=True)] == []
    assert none.pk


def test_a_conflicted_reviewer_never_scores_and_never_sees_it(conference_admin, client):
    edition, cats = _setup(conference_admin)
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    reviewer = _reviewer(conference_admin, edition)
    with pytest.raises(ValidationError):
        services.declare_interest(reviewer, proposal, conflicted=True, reason="  ")
    assert not Review.objects.exists()
    services.declare_interest(reviewer, proposal, conflicted=True, reason="I manage the speaker")
    with pytest.raises(PermissionDenied):
        services.submit_review(reviewer, proposal, scores={c.pk: 3 for c in cats})
    client.force_login(reviewer)
    assert client.get(reverse("conference:review_proposal", args=[proposal.pk])).status_code == 404
    queue = client.get(reverse("conference:review_queue", args=[edition.pk]))
    assert proposal.title not in queue.content.decode()


def test_a_conflicted_superuser_reviewer_gets_404_too(conference_admin, client):
    edition, _ = _setup(conference_admin)
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_mfa(superuser)
    services.add_reviewer(conference_admin, edition, user=superuser)
    services.declare_interest(superuser, proposal, conflicted=True, reason="My own team")
    client.force_login(superuser)
    assert client.get(reverse("conference:review_proposal", args=[proposal.pk])).status_code == 404


def test_scores_need_every_category_in_range_and_an_open_phase(conference_admin):
    edition, cats = _setup(conference_admin, phase_open=False)
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    reviewer = _reviewer(conference_admin, edition)
    services.declare_interest(reviewer, proposal, conflicted=False)
    with pytest.raises(ValidationError, match="no review phase is open"):
        services.submit_review(reviewer, proposal, scores={c.pk: 3 for c in cats})
    now = timezone.now()
    services.add_review_phase(conference_admin, edition, name="Late", opens_at=now - dt.timedelta(hours=1),
                              closes_at=now + dt.timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.submit_review(reviewer, proposal, scores={cats[0].pk: 9, cats[1].pk: 3, cats[2].pk: 3})
    assert not ReviewScore.objects.exists()


def test_bad_set_up_is_refused(conference_admin, other_admin):
    edition, _ = _setup(conference_admin)
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.add_review_phase(conference_admin, edition, name="Backwards", opens_at=now, closes_at=now)
    with pytest.raises(ValidationError):
        services.add_score_category(conference_admin, edition, name="Zero", weight=0)
    with pytest.raises(ValidationError):
        services.add_score_category(conference_admin, edition, name="clarity", weight=1)
    with pytest.raises(PermissionDenied):
        services.add_reviewer(other_admin, edition, user=UserFactory())
    user = _reviewer(conference_admin, edition)
    with pytest.raises(ValidationError):
        services.add_reviewer(conference_admin, edition, user=user)


def test_reviewers_by_theme_see_only_their_themes(conference_admin):
    edition, _ = _setup(conference_admin)
    health = edition.themes.get()
    workforce = Theme.objects.create(edition=edition, name="Workforce")
    on_health = make_proposal(edition, state=ProposalState.SUBMITTED, title="Health")
    on_health.themes.set([health])
    on_workforce = make_proposal(edition, state=ProposalState.SUBMITTED, title="Workforce")
    on_workforce.themes.set([workforce])
    make_proposal(edition, title="A draft")  # never reviewed
    reviewer = _reviewer(conference_admin, edition, themes=[workforce])
    row = selectors.reviewer_of(reviewer, edition.pk)
    assert [p.title for p in selectors.review_queue(row)] == ["Workforce"]
    with pytest.raises(PermissionDenied):
        services.declare_interest(reviewer, on_health, conflicted=False)


def test_next_proposal_is_the_one_with_fewest_reviews_not_yet_reviewed(conference_admin):
    edition, cats = _setup(conference_admin)
    busy, quiet = (make_proposal(edition, state=ProposalState.SUBMITTED, title=t) for t in ("Busy", "Quiet"))
    _review(_reviewer(conference_admin, edition), busy, cats, [3, 3, 3])
    me = _reviewer(conference_admin, edition)
    row = selectors.reviewer_of(me, edition.pk)
    assert selectors.next_for_review(row) == quiet
    _review(me, quiet, cats, [4, 4, 4])
    assert selectors.next_for_review(row) == busy
    _review(me, busy, cats, [4, 4, 4])
    assert selectors.next_for_review(row) is None


def test_a_speaker_never_reviews_their_own_proposal(conference_admin):
    edition, _ = _setup(conference_admin)
    speaker = _reviewer(conference_admin, edition)
    co = _reviewer(conference_admin, edition)
    proposal = make_proposal(edition, speaker=speaker, state=ProposalState.SUBMITTED)
    ProposalSpeaker.objects.create(proposal=proposal, user=co, state=SpeakerState.ACCEPTED)
    for person in (speaker, co):
        with pytest.raises(PermissionDenied):
            services.declare_interest(person, proposal, conflicted=False)


# --- pages, for every role ------------------------------------------------------------------------------


@pytest.fixture
def world(conference_admin, other_admin):
    edition, cats = _setup(conference_admin, blind=True)
    speaker = UserFactory(first_name="Ngozi", last_name="Adeyemi")
    co_speaker = UserFactory()
    proposal = make_proposal(edition, speaker=speaker, state=ProposalState.SUBMITTED, title="Joined-up frailty")
    ProposalSpeaker.objects.create(proposal=proposal, user=co_speaker, state=SpeakerState.ACCEPTED)
    reviewer = _reviewer(conference_admin, edition)
    first = UserFactory(first_name="Priya", last_name="Secretname")
    services.add_reviewer(conference_admin, edition, user=first)
    _review(first, proposal, cats, [4, 4, 2], comment="Strong on outcomes")
    conflicted = _reviewer(conference_admin, edition)
    services.declare_interest(conflicted, proposal, conflicted=True, reason="Same team")
    exec_user = UserFactory()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_mfa(superuser)
    return {"edition": edition, "cats": cats, "proposal": proposal, "speaker": speaker, "co_speaker": co_speaker,
            "reviewer": reviewer, "first": first, "conflicted": conflicted, "conference_admin": conference_admin,
            "other_admin": other_admin, "leader": UserFactory(), "exec": exec_user, "superuser": superuser}


PAGES = {
    # role: (review_proposal, review_queue, ranking)
    "speaker": (404, 403, 403),
    "co_speaker": (404, 403, 403),
    "reviewer": (200, 200, 403),
    "conflicted": (404, 200, 403),
    "conference_admin": (404, 403, 200),
    "other_admin": (404, 403, 403),
    "leader": (404, 403, 403),
    "exec": (404, 403, 403),
    "superuser": (404, 404, 200),  # superusers pass every permission, but reviewers are named per edition
}


@pytest.mark.parametrize("role", list(PAGES))
def test_every_role_on_the_review_pages(world, client, role):
    client.force_login(world[role])
    edition, proposal = world["edition"], world["proposal"]
    got = (
        client.get(reverse("conference:review_proposal", args=[proposal.pk])).status_code,
        client.get(reverse("conference:review_queue", args=[edition.pk])).status_code,
        client.get(reverse("conference:ranking", args=[edition.pk])).status_code,
    )
    assert got == PAGES[role]


def test_anonymous_is_sent_to_sign_in(world, client):
    for url in (reverse("conference:review_proposal", args=[world["proposal"].pk]),
                reverse("conference:review_queue", args=[world["edition"].pk]),
                reverse("conference:ranking", args=[world["edition"].pk])):
        assert client.get(url).status_code == 302


def test_a_reviewer_declares_then_scores_then_sees_others_without_names(world, client):
    client.force_login(world["reviewer"])
    url = reverse("conference:review_proposal", args=[world["proposal"].pk])
    page = client.get(url).content.decode()
    assert "conflict of interest" in page
    assert "Adeyemi" not in page  # blind review
    assert "Strong on outcomes" not in page
    assert client.post(url, {"conflicted": "no"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Strong on outcomes" not in page  # not before their own review
    data = {f"score_{c.pk}": "3" for c in world["cats"]}
    assert client.post(url, {**data, f"score_{world['cats'][0].pk}": "7"}).status_code == 400
    assert client.post(url, data).status_code == 302
    page = client.get(url).content.decode()
    assert "Strong on outcomes" in page
    assert "Reviewer 1" in page
    assert "Secretname" not in page and "Adeyemi" not in page


def test_another_reviewers_conflict_leaves_the_proposal_in_my_list(world, client):
    client.force_login(world["reviewer"])
    page = client.get(reverse("conference:review_queue", args=[world["edition"].pk])).content.decode()
    assert "Joined-up frailty" in page


def test_the_next_button_opens_a_proposal(world, client):
    client.force_login(world["reviewer"])
    response = client.get(reverse("conference:review_next", args=[world["edition"].pk]))
    assert response.url == reverse("conference:review_proposal", args=[world["proposal"].pk])


def test_speakers_never_see_reviewers_or_scores(world, client):
    for who in ("speaker", "co_speaker"):
        client.force_login(world[who])
        page = client.get(reverse("conference:proposal", args=[world["proposal"].pk])).content.decode()
        assert "Secretname" not in page and "Strong on outcomes" not in page
        assert "Reviewer" not in page


def test_hostile_review_text_is_escaped(world, client):
    client.force_login(world["reviewer"])
    url = reverse("conference:review_proposal", args=[world["proposal"].pk])
    client.post(url, {"conflicted": "no"})
    client.post(url, {**{f"score_{c.pk}": "2" for c in world["cats"]}, "comment": "<script>alert(1)</script>=cmd|"})
    client.force_login(world["first"])
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_admin_sets_up_review_through_the_pages(world, client):
    client.force_login(world["conference_admin"])
    edition = world["edition"]
    assert client.get(reverse("conference:review_setup", args=[edition.pk])).status_code == 200
    response = client.post(reverse("conference:score_category_add", args=[edition.pk]),
                           {"name": "Zero weight", "weight": "0"})
    assert response.status_code == 400
    assert "The weight must be 1 or more" in response.content.decode()
    newcomer = UserFactory(email="new.reviewer@nhs.net")
    response = client.post(reverse("conference:reviewer_add", args=[edition.pk]), {"user": "new.reviewer@nhs.net"})
    assert response.status_code == 302
    assert edition.reviewers.filter(user=newcomer).exists()
    response = client.post(reverse("conference:review_settings", args=[edition.pk]), {})
    assert response.status_code == 302
    assert not edition.blind_review


@pytest.mark.parametrize("count", [10, 1000])
def test_the_ranking_reads_in_a_fixed_number_of_queries(conference_admin, client, count,
                                                         django_assert_max_num_queries):
    edition, cats = _setup(conference_admin)
    reviewer = _reviewer(conference_admin, edition)
    first = make_proposal(edition, state=ProposalState.SUBMITTED)
    _review(reviewer, first, cats, [3, 4, 5])
    from programmes.conference.models import Proposal  # noqa: PLC0415

    Proposal.objects.bulk_create([
        Proposal(edition=edition, session_type=first.session_type, speaker=first.speaker, title=f"Proposal {n}",
                 state=ProposalState.SUBMITTED, submitted_at=timezone.now())
        for n in range(count - 1)
    ])
    client.force_login(conference_admin)
    with django_assert_max_num_queries(18):
        assert client.get(reverse("conference:ranking", args=[edition.pk])).status_code == 200


def test_the_ranked_list_downloads_as_csv_with_formulas_neutralised(conference_admin, other_admin, client):
    edition, cats = _setup(conference_admin)
    formula = "=HYPERLINK(\"http://evil.example\",\"x\")"
    low = make_proposal(edition, state=ProposalState.SUBMITTED, title=formula)
    high = make_proposal(edition, state=ProposalState.SUBMITTED, title="Frailty across boroughs")
    make_proposal(edition, state=ProposalState.SUBMITTED, title="Not yet reviewed")
    make_proposal(edition, title="A draft")  # never in the ranking
    first, second = _reviewer(conference_admin, edition), _reviewer(conference_admin, edition)
    _review(first, low, cats, [1, 1, 2])
    _review(first, high, cats, [5, 5, 4])
    _review(second, high, cats, [2, 2, 4])  # 5 against 2: the reviewers disagree
    url = reverse("conference:ranking_export", args=[edition.pk])
    client.force_login(other_admin)
    assert client.get(url).status_code == 403  # another programme's admin
    client.force_login(conference_admin)
    page = client.get(reverse("conference:ranking", args=[edition.pk]) + "?flagged=1").content.decode()
    assert f'href="{url}?flagged=1"' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Rank", "Title", "Speaker", "Session type", "Score", "Spread", "Reviewers disagree",
                       "Reviews", "Conflicts declared", "Decision", "Good for a first-time speaker"]
    assert [row[1] for row in rows[1:]] == ["Frailty across boroughs", "'" + formula, "Not yet reviewed"]
    assert rows[1][:2] == ["1", "Frailty across boroughs"] and rows[1][4:9] == ["3.50", "3.00", "Yes", "2", "0"]
    assert rows[1][10] == "4.0"
    assert rows[3][0] == "Not reviewed" and rows[3][4] == "" and rows[3][10] == ""
    flagged = list(csv.reader(io.StringIO(client.get(url, {"flagged": "1"}).content.decode("utf-8-sig"))))
    assert [row[1] for row in flagged[1:]] == ["Frailty across boroughs"]

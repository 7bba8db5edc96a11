"""A fund admin or superuser who declared a conflict of interest on a bid never sees its scores, reviews or
documents on the admin pages, exports or the round report; without a conflict they do (issue 18)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.models import Attachment
from programmes.challenge_fund.reports import round_report_context
from programmes.core.models import Programme
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.challenge_fund.test_review import closed_round, in_review, make_reviewer, score_all

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def admin_who_reviews(kind: str):
    """A fund admin (or a superuser) who also holds the reviewer role, so they can be assigned to a bid."""
    user = UserFactory(is_superuser=kind == "superuser", is_staff=kind == "superuser")
    if kind == "admin":
        grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    grant_role(None, user, Role.REVIEWER)
    give_mfa(user)
    return user


@pytest.fixture
def scored_bid(fund_admin):
    round_ = closed_round()
    bid = in_review(round_, fund_admin)
    assignment = score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), [4, 2])
    assignment.comments = "A strong partnership."
    assignment.save()
    return bid


def declare_conflict(fund_admin, bid, user):
    assignment = services.assign_reviewer(fund_admin, bid, user)
    services.declare_interest(user, assignment, conflicted=True, reason="I manage the lead")
    return assignment


@pytest.mark.parametrize("kind", ["admin", "superuser"])
def test_a_conflicted_admin_sees_no_scores_of_the_bid(client, fund_admin, scored_bid, kind):
    bid, user = scored_bid, admin_who_reviews(kind)
    declare_conflict(fund_admin, bid, user)
    assert rules.has_declared_conflict(user, bid)
    client.force_login(user)
    for name in ("admin_bid", "bid_decide", "bid_open_review"):
        response = client.get(reverse(f"challenge_fund:{name}", args=[bid.pk]))
        page = response.content.decode()
        assert response.status_code == 403, name
        assert "You declared a conflict of interest on this bid" in page
        assert "Scores side by side" not in page and "A strong partnership." not in page
    # Nor can they act on it.
    decide = reverse("challenge_fund:bid_decide", args=[bid.pk])
    response = client.post(decide, {"outcome": "declined", "feedback": "x"})
    assert response.status_code == 403
    bid.refresh_from_db()
    assert not bid.outcome
    # The round's list, the export and the round report hide the bid's score.
    page = client.get(reverse("challenge_fund:round_bids", args=[bid.round_id])).content.decode()
    assert "Hidden: you declared a conflict of interest" in page and "70.0%" not in page
    text = client.get(reverse("challenge_fund:round_export", args=[bid.round_id, "csv"])).content.decode("utf-8-sig")
    row = next(line for line in text.splitlines() if bid.title in line)
    assert row.startswith("Conflict of interest") and "70.0" not in row
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("challenge_fund:round_export", args=[bid.round_id, "xlsx"])).content)
    ).active
    assert sheet.cell(row=2, column=1).value == "Conflict of interest"
    ranking = round_report_context(bid.round, viewer=user)["ranking"]
    assert ranking[0].conflicted and ranking[0].percent is None


@pytest.mark.parametrize("kind", ["admin", "superuser"])
def test_an_unconflicted_admin_sees_the_scores(client, fund_admin, scored_bid, kind):
    bid, user = scored_bid, admin_who_reviews(kind)
    assert not rules.has_declared_conflict(user, bid)
    client.force_login(user)
    page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert "Scores side by side" in page and "conflict of interest on this bid" not in page
    assert "70.0%" in client.get(reverse("challenge_fund:round_bids", args=[bid.round_id])).content.decode()
    text = client.get(reverse("challenge_fund:round_export", args=[bid.round_id, "csv"])).content.decode("utf-8-sig")
    assert "Conflict of interest" not in text and "70.0" in text
    assert round_report_context(bid.round, viewer=user)["ranking"][0].percent == 70.0


@pytest.mark.parametrize("kind", ["admin", "superuser"])
def test_a_conflicted_admin_cannot_download_documents_or_see_changes(client, fund_admin, scored_bid, kind):
    bid, user = scored_bid, admin_who_reviews(kind)
    attachment = Attachment.objects.create(
        bid=bid, file=SimpleUploadedFile("plan.pdf", PDF), original_name="plan.pdf", content_type="application/pdf",
        size=len(PDF), uploaded_by=bid.lead,
    )
    assert rules.can_download(user, attachment) and rules.can_see_changes(user, bid)
    declare_conflict(fund_admin, bid, user)
    assert not rules.can_download(user, attachment) and not rules.can_see_changes(user, bid)
    client.force_login(user)
    assert client.get(reverse("challenge_fund:attachment", args=[bid.pk, attachment.pk])).status_code == 404
    # The other admin, with no conflict, still sees everything.
    assert rules.can_download(fund_admin, attachment) and rules.can_see_changes(fund_admin, bid)
    assert selectors.conflicted_bid_ids(fund_admin, bid.round) == frozenset()


def test_the_eligibility_check_is_recorded_with_its_reason(client, fund_admin):
    from programmes.challenge_fund.models import BidState, OutboxMessage, Outcome  # noqa: PLC0415
    from tests.programmes.challenge_fund.test_review import submitted_bid  # noqa: PLC0415

    round_ = closed_round()
    bid = submitted_bid(round_)
    url = reverse("challenge_fund:bid_open_review", args=[bid.pk])
    client.force_login(fund_admin)
    # Not eligible needs a reason: nothing is recorded without it.
    response = client.post(url, {"eligible": "no", "reason": "  "})
    assert response.status_code == 400 and "Say why the bid is not eligible" in response.content.decode()
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED and not bid.outcome
    response = client.post(url, {"eligible": "no", "reason": "The lead works <outside> SEL & Kent"})
    bid.refresh_from_db()
    assert bid.state == BidState.DETERMINED and bid.outcome == Outcome.DECLINED
    assert "works <outside> SEL" in bid.feedback and OutboxMessage.objects.filter(bid=bid).exists()
    last = list(bid.transitions.all())[-1]
    assert last.from_state == BidState.ELIGIBILITY and last.actor == fund_admin
    assert last.note == "Not eligible: The lead works <outside> SEL & Kent"
    page = client.get(reverse("challenge_fund:admin_bid", args=[bid.pk])).content.decode()
    assert "Eligibility check" in page and "Not eligible: The lead works &lt;outside&gt; SEL &amp; Kent" in page
    assert fund_admin.get_full_name() in page
    # Eligible: the reason is optional and kept too.
    other = submitted_bid(round_)
    client.post(reverse("challenge_fund:bid_open_review", args=[other.pk]), {"eligible": "yes", "reason": "All clear"})
    other.refresh_from_db()
    assert other.state == BidState.IN_REVIEW
    assert list(other.transitions.all())[-1].note == "Eligible: All clear"
    with pytest.raises(ValidationError):
        services.record_ineligible(fund_admin, submitted_bid(round_), reason="")


@pytest.mark.parametrize("kind", ["admin", "superuser"])
def test_a_conflicted_bid_sorts_as_unscored_for_that_admin(client, fund_admin, kind):
    """Its hidden score must not show through its place: on the ranked list (every page), the exports' order
    and ranks, and the round report, the bid sits with the unscored bids, ordered by title as they are."""
    round_ = closed_round()
    strong, middle, weak = (in_review(round_, fund_admin) for _ in range(3))
    unscored = in_review(round_, fund_admin)
    for bid, title, values in ((strong, "C strong", [5, 4]), (middle, "Z middle", [4, 2]), (weak, "A weak", [1, 5])):
        bid.title = title
        bid.save(update_fields=["title"])
        score_all(services.assign_reviewer(fund_admin, bid, make_reviewer()), values)
    unscored.title = "M unscored"
    unscored.save(update_fields=["title"])
    user = admin_who_reviews(kind)
    declare_conflict(fund_admin, middle, user)
    hidden = selectors.conflicted_bid_ids(user, round_)
    assert hidden == {middle.pk}
    expected = [strong.pk, weak.pk, unscored.pk, middle.pk]  # scored by score, then unscored by title

    # The selectors, for the page (whatever the page size) and for the exports and report.
    assert [b.pk for b in selectors.round_bid_rows(round_, hidden)] == expected
    for size in (1, 2, 50):
        pages = [
            selectors.round_bids_page(round_, n, sort="score", per_page=size, hide_scores_of=hidden)
            for n in range(1, 5)
        ]
        assert [b.pk for p in pages for b in p.object_list][: len(expected)] == expected
    # Unconflicted, the ranking is by score as before.
    assert [b.pk for b in selectors.round_bid_rows(round_)] == [strong.pk, middle.pk, weak.pk, unscored.pk]

    client.force_login(user)
    for params in ({"sort": "score"}, {}):  # chosen, and the list's default order
        page = client.get(reverse("challenge_fund:round_bids", args=[round_.pk]), params).content.decode()
        positions = [page.index(title) for title in ("C strong", "A weak", "M unscored", "Z middle")]
        assert positions == sorted(positions), params

    text = client.get(reverse("challenge_fund:round_export", args=[round_.pk, "csv"])).content.decode("utf-8-sig")
    rows = text.splitlines()[1:]
    assert [row.split(",")[1] for row in rows] == ["C strong", "A weak", "M unscored", "Z middle"]
    assert [row.split(",")[0] for row in rows] == ["1", "2", "", "Conflict of interest"]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("challenge_fund:round_export", args=[round_.pk, "xlsx"])).content)
    ).active
    assert [sheet.cell(row=n, column=2).value for n in range(2, 6)] == ["C strong", "A weak", "M unscored", "Z middle"]
    assert [sheet.cell(row=n, column=1).value for n in range(2, 6)] == [1, 2, None, "Conflict of interest"]

    ranking = round_report_context(round_, viewer=user)["ranking"]
    assert [b.pk for b in ranking] == expected and ranking[-1].conflicted and ranking[-1].percent is None
    # The other admin, with no conflict, sees the ranking by score.
    unconflicted = [b.pk for b in round_report_context(round_, viewer=fund_admin)["ranking"]]
    assert unconflicted == [strong.pk, middle.pk, weak.pk, unscored.pk]

"""Issue 10: a co-applicant accepts the invitation before being added. Invite, accept, decline, withdraw and
resend through the one workflow mechanism; who may answer (the person invited only, never a superuser for
them); a pending invitee is not an applicant anywhere; the emails; the pages."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.challenge_fund import rules, selectors, services
from programmes.challenge_fund.home import applicant_items
from programmes.challenge_fund.models import BidState, CoApplicant, CoApplicantState
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, RoundFactory, complete
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def emailed(notification) -> tuple[str, str, str]:
    return render_email(notification.template, notification.context)


def invited(bid=None, colleague=None):
    bid = bid or BidFactory()
    colleague = colleague or LeaderProfileFactory().user
    return bid, colleague, services.invite_coapplicant(bid.lead, bid, colleague.email)


# --- services --------------------------------------------------------------------------------------


def test_an_invitation_is_logged_and_emailed_once_but_adds_no_one(django_capture_on_commit_callbacks):
    bid = BidFactory()
    colleague = LeaderProfileFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_coapplicant(bid.lead, bid, f"  {colleague.email.upper()} ")
    assert (invitation.user, invitation.email, invitation.state) == (
        colleague,
        colleague.email.lower(),
        CoApplicantState.INVITED,
    )
    log = invitation.transitions.get()
    assert (log.from_state, log.to_state, log.actor, log.machine) == (
        "",
        CoApplicantState.INVITED,
        bid.lead,
        "challenge_fund.coapplicant",
    )
    sent = Notification.objects.get(template="cf_coapplicant_invited")
    assert sent.to_email == colleague.email
    assert reverse("challenge_fund:invitation", args=[invitation.pk]) in emailed(sent)[1]
    assert not rules.is_applicant(colleague, bid)
    assert not bid.partners.exists()


def test_accepting_makes_them_a_coapplicant_with_their_organisation():
    bid, colleague, invitation = invited()
    services.accept_invitation(colleague, invitation)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.ACCEPTED and invitation.answered_at is not None
    assert rules.is_applicant(colleague, bid)
    assert colleague.profile.organisation in bid.partners.all()
    assert [t.to_state for t in invitation.transitions.all()] == [CoApplicantState.INVITED, CoApplicantState.ACCEPTED]
    assert invitation.transitions.last().actor == colleague
    with pytest.raises(workflow.NotAllowed, match="already accepted"):
        services.accept_invitation(colleague, invitation)


def test_declining_tells_the_lead_and_adds_no_one(django_capture_on_commit_callbacks):
    bid, colleague, invitation = invited()
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_invitation(colleague, invitation)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.DECLINED
    assert not rules.is_applicant(colleague, bid)
    declined = Notification.objects.get(template="cf_coapplicant_declined")
    assert declined.to_email == bid.lead.email
    with pytest.raises(workflow.NotAllowed, match="has been declined"):
        services.accept_invitation(colleague, invitation)
    # Declined, the lead may invite them again: a new invitation.
    again = services.invite_coapplicant(bid.lead, bid, colleague.email)
    assert again.pk != invitation.pk and again.state == CoApplicantState.INVITED


def test_the_lead_withdraws_a_pending_invitation():
    bid, colleague, invitation = invited()
    with pytest.raises(PermissionDenied):
        services.withdraw_invitation(colleague, invitation)
    services.withdraw_invitation(bid.lead, invitation)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.WITHDRAWN
    with pytest.raises(workflow.NotAllowed, match="withdrawn"):
        services.accept_invitation(colleague, invitation)
    with pytest.raises(workflow.NotAllowed):
        services.withdraw_invitation(bid.lead, invitation)


def test_a_resend_is_a_new_email_under_a_new_key(django_capture_on_commit_callbacks):
    bid, colleague, invitation = invited()
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(bid.lead, invitation)
        services.resend_invitation(bid.lead, invitation)
    keys = sorted(Notification.objects.filter(template="cf_coapplicant_invited").values_list("key", flat=True))
    assert keys == [f"cf-coapplicant-invitation-{invitation.pk}-{n}" for n in (1, 2, 3)]
    latest = Notification.objects.filter(template="cf_coapplicant_invited").order_by("pk").last()
    assert "Reminder: " in emailed(latest)[0]
    invitation.refresh_from_db()
    assert invitation.times_sent == 3
    services.accept_invitation(colleague, invitation)
    with pytest.raises(workflow.NotAllowed, match="has been accepted, so it cannot be sent again"):
        services.resend_invitation(bid.lead, invitation)
    with pytest.raises(PermissionDenied):
        services.resend_invitation(colleague, invitation)


def test_only_the_lead_invites():
    bid, colleague, invitation = invited()
    services.accept_invitation(colleague, invitation)
    with pytest.raises(PermissionDenied):
        services.invite_coapplicant(colleague, bid, LeaderProfileFactory().user.email)


def test_no_one_else_answers_for_the_invitee_not_even_a_superuser():
    bid, colleague, invitation = invited()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for someone in (superuser, bid.lead, LeaderProfileFactory().user):
        with pytest.raises(PermissionDenied):
            services.accept_invitation(someone, invitation)
        with pytest.raises(PermissionDenied):
            services.decline_invitation(someone, invitation)
        assert not superuser.has_perm("challenge_fund.answer_invitation", invitation)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.INVITED


def test_an_address_without_an_account_is_answered_by_whoever_verifies_it(django_capture_on_commit_callbacks):
    bid = BidFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_coapplicant(bid.lead, bid, "New.Colleague@Example.NHS.uk")
    assert invitation.user is None and invitation.email == "new.colleague@example.nhs.uk"
    sent = Notification.objects.get(template="cf_coapplicant_invited")
    assert sent.to_email == "new.colleague@example.nhs.uk" and sent.recipient is None
    text = emailed(sent)[1]
    assert "create one with new.colleague@example.nhs.uk" in text and reverse("account_signup") in text
    newcomer = LeaderProfileFactory(user__email="new.colleague@example.nhs.uk").user
    # Not yet verified: not theirs.
    EmailAddress.objects.update_or_create(
        user=newcomer, email=newcomer.email, defaults={"verified": False, "primary": True}
    )
    assert not rules.is_invitee(newcomer, invitation)
    with pytest.raises(PermissionDenied):
        services.accept_invitation(newcomer, invitation)
    EmailAddress.objects.filter(user=newcomer).update(verified=True)
    assert [i.pk for i in selectors.pending_invitations(newcomer)] == [invitation.pk]
    services.accept_invitation(newcomer, invitation)
    invitation.refresh_from_db()
    assert invitation.user == newcomer and rules.is_applicant(newcomer, bid)


def test_accepting_needs_a_leader_profile_and_a_bid_that_can_still_change():
    bid = BidFactory()
    no_profile = UserFactory()
    invitation = services.invite_coapplicant(bid.lead, bid, no_profile.email)
    with pytest.raises(ValidationError, match="leader profile"):
        services.accept_invitation(no_profile, invitation)
    bid2, colleague, late = invited(BidFactory())
    bid2.round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    bid2.round.save()
    with pytest.raises(ValidationError, match="can no longer change this bid"):
        services.accept_invitation(colleague, late)
    services.decline_invitation(colleague, late)  # declining still works
    assert CoApplicant.objects.filter(state=CoApplicantState.ACCEPTED).count() == 0


def test_removing_a_coapplicant_keeps_the_record():
    bid, colleague, invitation = invited()
    with pytest.raises(workflow.NotAllowed, match="waiting for an answer"):
        services.remove_coapplicant(bid.lead, invitation)
    services.accept_invitation(colleague, invitation)
    services.remove_coapplicant(bid.lead, invitation)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.REMOVED and not rules.is_applicant(colleague, bid)


@pytest.mark.django_db(transaction=True)
def test_two_invitations_of_the_same_person_at_once_make_one():
    bid = BidFactory()
    colleague = LeaderProfileFactory().user
    outcomes = at_once(*[lambda: services.invite_coapplicant(bid.lead, bid, colleague.email)] * 2)
    assert len(raised(outcomes, ValidationError)) == 1
    assert bid.coapplicants.count() == 1


# --- a pending invitee is not an applicant anywhere ---------------------------------------------------


def test_pending_invitee_is_in_no_bid_query(client):
    bid, colleague, invitation = invited(complete(BidFactory()))
    assert selectors.own_bids(colleague) == []
    assert colleague.profile.organisation not in selectors.other_organisations(bid)
    assert colleague.get_full_name() not in services.snapshot(bid)["coapplicants"]
    client.force_login(colleague)
    for name in ("bid", "bid_check", "bid_partners"):
        assert client.get(reverse(f"challenge_fund:{name}", args=[bid.pk])).status_code == 404
    assert bid.title not in client.get(reverse("challenge_fund:own_bids")).content.decode()
    # The submitted bid's emails go to the lead only.
    services.submit_bid(bid.lead, bid)
    assert not Notification.objects.filter(template="cf_bid_submitted", to_email=colleague.email).exists()
    services.accept_invitation(colleague, invitation)
    assert selectors.own_bids(colleague) == [bid]
    assert colleague.profile.organisation in selectors.other_organisations(bid)
    assert client.get(reverse("challenge_fund:bid", args=[bid.pk])).status_code == 200


def test_the_home_page_shows_a_pending_invitation_with_its_link(client):
    bid, colleague, invitation = invited()
    client.force_login(colleague)
    page = client.get(reverse("ui:home")).content.decode()
    assert f"Invitation to be a co-applicant: {bid.title}" in page
    assert reverse("challenge_fund:invitation", args=[invitation.pk]) in page
    services.accept_invitation(colleague, invitation)
    page = client.get(reverse("ui:home")).content.decode()
    assert "Invitation to be a co-applicant" not in page


# --- the pages -------------------------------------------------------------------------------------


def test_the_invitation_page_shows_the_bid_and_answers(client):
    bid, colleague, invitation = invited()
    url = reverse("challenge_fund:invitation", args=[invitation.pk])
    client.force_login(colleague)
    page = client.get(url).content.decode()
    for text in (bid.title, bid.round.title, bid.lead.get_full_name(), "What accepting means"):
        assert text in page
    response = client.post(url, {"answer": "maybe"})
    assert response.status_code == 400 and "<title>Error: " in response.content.decode()
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 302 and response["Location"] == reverse("challenge_fund:bid", args=[bid.pk])
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.ACCEPTED


@pytest.mark.parametrize("who", ["lead", "superuser", "stranger", "anonymous"])
def test_only_the_invitee_opens_the_invitation(client, person, who):
    bid, colleague, invitation = invited()
    someone = {"lead": bid.lead, "superuser": person("superuser"), "stranger": UserFactory(), "anonymous": None}[who]
    if someone is not None:
        client.force_login(someone)
    url = reverse("challenge_fund:invitation", args=[invitation.pk])
    response = client.get(url)
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert client.post(url, {"answer": "accept"}).status_code == (302 if who == "anonymous" else 404)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.INVITED


def test_the_lead_sees_states_and_withdraws_and_resends_on_the_page(client):
    bid, colleague, invitation = invited()
    _, accepted_colleague, accepted = invited(bid)
    services.accept_invitation(accepted_colleague, accepted)
    client.force_login(bid.lead)
    page = client.get(reverse("challenge_fund:bid_partners", args=[bid.pk])).content.decode()
    assert "Invited: waiting for an answer" in page and "Co-applicant" in page
    resend = reverse("challenge_fund:bid_invitation_resend", args=[bid.pk, invitation.pk])
    assert resend in page
    assert client.get(resend).status_code == 200
    client.post(resend)
    invitation.refresh_from_db()
    assert invitation.times_sent == 2
    withdraw = reverse("challenge_fund:bid_invitation_withdraw", args=[bid.pk, invitation.pk])
    client.post(withdraw)
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.WITHDRAWN
    # An accepted co-applicant cannot be "withdrawn", and another bid's invitation is not found.
    assert client.get(reverse("challenge_fund:bid_invitation_withdraw", args=[bid.pk, accepted.pk])).status_code == 404
    other = invited()[2]
    assert client.get(reverse("challenge_fund:bid_invitation_resend", args=[bid.pk, other.pk])).status_code == 404


def test_the_check_page_warns_about_pending_invitations_without_blocking(client):
    bid, colleague, invitation = invited(complete(BidFactory()))
    client.force_login(bid.lead)
    page = client.get(reverse("challenge_fund:bid_check", args=[bid.pk])).content.decode()
    assert "Invitations not yet accepted" in page and colleague.get_full_name() in page
    assert "will not be named on the bid" in page
    assert client.post(reverse("challenge_fund:bid_check", args=[bid.pk])).status_code == 302
    bid.refresh_from_db()
    assert bid.state == BidState.SUBMITTED


def test_hostile_names_are_raw_in_the_plain_text_and_escaped_in_the_html(django_capture_on_commit_callbacks):
    lead = LeaderProfileFactory(user__first_name="Ann & 'Bo'", user__last_name="<b>Smith</b>").user
    bid = BidFactory(lead=lead, title="Falls & frailty at Guy's <b>", round=RoundFactory(title="R&D 'round' <i>"))
    colleague = LeaderProfileFactory(user__first_name="Zoë & 'Z'", user__last_name="<script>").user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_coapplicant(lead, bid, colleague.email)
        services.decline_invitation(colleague, invitation)
    invite, declined = Notification.objects.filter(
        template__in=["cf_coapplicant_invited", "cf_coapplicant_declined"]
    ).order_by("pk")
    subject, text, html = render_email(invite.template, invite.context)
    assert "Ann & 'Bo' <b>Smith</b> has invited you" in subject
    assert "Falls & frailty at Guy's <b>" in text and "R&D 'round' <i>" in text
    assert "Falls &amp; frailty at Guy&#x27;s &lt;b&gt;" in html and "<b>Smith</b>" not in html
    subject, text, html = render_email(declined.template, declined.context)
    assert "Zoë & 'Z' <script> has declined" in subject and "Zoë & 'Z' <script>" in text
    assert "<script>" not in html and "Zoë &amp; &#x27;Z&#x27; &lt;script&gt;" in html


def test_the_home_panel_reads_invitations_in_a_fixed_number_of_queries(django_assert_num_queries):
    colleague = LeaderProfileFactory().user
    for _ in range(2):
        invited(colleague=colleague)
    with django_assert_num_queries(3):
        assert len(applicant_items(colleague, timezone.now())) == 2
    for _ in range(3):
        invited(colleague=colleague)
    with django_assert_num_queries(3):
        assert len(applicant_items(colleague, timezone.now())) == 5

"""The care standards register: network leads and the secretariat propose, the secretariat records the ICS
Executive's consultation and the C&CPLG's approval (never before the meeting), a new version supersedes the
old one, and every move goes through the one workflow mechanism and its log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.directory.models import PriorityFunction
from governance.meetings import services as meetings_services
from governance.models import CareStandard, ClinicalNetwork, StandardState
from governance.standards import selectors, services
from tests.conftest import make_person
from tests.factories.governance import leadership_role

pytestmark = pytest.mark.django_db

HOSTILE = "Falls & frailty <script>alert('x')</script> O'Brien"


@pytest.fixture
def network():
    return ClinicalNetwork.objects.get_or_create(name="Diabetes")[0]


@pytest.fixture
def lead(network):
    person = make_person("leader")
    leadership_role(title="Diabetes clinical network lead", holder=person, function=10, clinical_network=network)
    return person


@pytest.fixture
def secretariat():
    return make_person("governance")


def decision_at(starts_at, outcome="Approved the standard."):
    meeting = meetings_services.create_meeting(None, starts_at, "Microsoft Teams")
    return meetings_services.save_agenda_item(
        None,
        meeting,
        None,
        {
            "function": PriorityFunction.objects.get(number=10),
            "title": "Care standards",
            "purpose": "decision",
            "ask": "Approve the standard.",
            "minutes": 15,
            "lead": "",
            "paper_url": "",
            "outcome": outcome if starts_at <= timezone.now() else "",
        },
    )


@pytest.fixture
def decision():
    return decision_at(timezone.now() - timedelta(days=2))


def propose(actor, network, title="Foot care standard"):
    return services.propose_standard(
        actor, {"network": network, "title": title, "summary": "Annual foot checks.", "document_url": ""}
    )


def ready(standard, secretariat, consulted_on=None):
    """Consulted and sent for approval."""
    consulted_on = consulted_on or timezone.localdate() - timedelta(days=5)
    services.record_consultation(secretariat, standard, consulted_on, "ICS Executive", "Supported.")
    return services.send_for_approval(secretariat, standard)


def test_a_network_lead_proposes_and_the_secretariat_approves(lead, secretariat, network, decision):
    standard = propose(lead, network)
    assert standard.state == StandardState.DRAFT and standard.proposed_by == lead
    services.send_for_approval(lead, standard)
    services.record_consultation(
        secretariat,
        standard,
        timezone.localdate() - timedelta(days=3),
        "ICS Executive",
        "Supported, with benchmarking by borough.",
    )
    standard = services.approve(secretariat, standard, decision)
    standard.refresh_from_db()
    assert standard.state == StandardState.APPROVED
    assert standard.decision == decision
    assert standard.approved_on == timezone.localtime(decision.meeting.starts_at).date()
    moves = [(t.from_state, t.to_state, t.actor) for t in standard.transitions.all()]
    assert moves == [("", "draft", lead), ("draft", "for_approval", lead), ("for_approval", "approved", secretariat)]


def test_a_lead_proposes_only_for_a_network_they_lead(lead):
    other = ClinicalNetwork.objects.get_or_create(name="Renal")[0]
    with pytest.raises(ValidationError) as caught:
        propose(lead, other)
    assert "network" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        propose(make_person("leader"), other)
    assert not CareStandard.objects.exists()


def test_nothing_is_approved_before_the_meeting_has_started(secretariat, network):
    standard = ready(propose(secretariat, network), secretariat)
    upcoming = decision_at(timezone.now() + timedelta(days=3))
    with pytest.raises(ValidationError) as caught:
        services.approve(secretariat, standard, upcoming)
    assert "once the meeting has started" in caught.value.message_dict["decision"][0]
    standard.refresh_from_db()
    assert standard.state == StandardState.FOR_APPROVAL and standard.decision is None


def test_approval_needs_the_decision_recorded_and_the_consultation_first(secretariat, network):
    standard = propose(secretariat, network)
    services.send_for_approval(secretariat, standard)
    no_outcome = decision_at(timezone.now() - timedelta(days=1), outcome="")
    with pytest.raises(ValidationError) as caught:
        services.approve(secretariat, standard, no_outcome)
    assert "Record the group's decision" in caught.value.message_dict["decision"][0]
    assert "consultation" in " ".join(caught.value.messages)
    standard.refresh_from_db()
    assert standard.state == StandardState.FOR_APPROVAL


def test_a_consultation_cannot_be_dated_in_the_future(secretariat, network):
    standard = propose(secretariat, network)
    with pytest.raises(ValidationError) as caught:
        services.record_consultation(secretariat, standard, timezone.localdate() + timedelta(days=1), "ICS Exec", "Ok")
    assert "consulted_on" in caught.value.message_dict
    standard.refresh_from_db()
    assert standard.consulted_on is None


def test_a_draft_cannot_be_approved_straight_away(secretariat, network, decision):
    standard = propose(secretariat, network)
    services.record_consultation(secretariat, standard, timezone.localdate(), "ICS Executive", "Supported.")
    with pytest.raises(workflow.NotAllowed) as caught:
        services.approve(secretariat, standard, decision)
    assert caught.value.messages == ["This standard is a draft, so it cannot be approved."]


def test_only_the_secretariat_approves(lead, network, decision, secretariat):
    standard = ready(propose(lead, network), secretariat)
    for role in ("leader", "executive"):
        with pytest.raises(PermissionDenied):
            services.approve(make_person(role), standard, decision)
    with pytest.raises(PermissionDenied):
        services.approve(lead, standard, decision)


def test_a_new_version_supersedes_the_approved_one(secretariat, lead, network, decision):
    first = services.approve(secretariat, ready(propose(lead, network), secretariat), decision)
    second = services.propose_new_version(lead, first)
    assert (second.version, second.supersedes, second.state) == (2, first, StandardState.DRAFT)
    with pytest.raises(ValidationError):
        services.propose_new_version(lead, first)  # one new version at a time
    services.approve(secretariat, ready(second, secretariat), decision)
    first.refresh_from_db()
    assert first.state == StandardState.RETIRED
    assert first.transitions.last().note == "Superseded by version 2"


def test_drafts_are_read_by_their_network_and_the_secretariat_approved_by_everyone(
    lead, secretariat, network, decision
):
    draft = propose(lead, network, "Draft standard")
    approved = services.approve(secretariat, ready(propose(lead, network), secretariat), decision)
    leader, executive = make_person("leader"), make_person("executive")
    assert leader.has_perm("governance.view_standard", approved)
    assert not leader.has_perm("governance.view_standard", draft)
    assert executive.has_perm("governance.view_standard", draft)
    assert lead.has_perm("governance.view_standard", draft)
    assert [s.pk for s in selectors.register(leader).in_progress] == []
    assert [s.pk for s in selectors.register(lead).in_progress] == [draft.pk]


def test_the_propose_form_refuses_bad_input_and_saves_nothing(client, lead):
    client.force_login(lead)
    response = client.post(reverse("governance:standard_propose"), {"title": "", "summary": "", "network": "999"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and "Enter the title of the standard" in body
    assert not CareStandard.objects.exists()


def test_hostile_text_is_escaped_on_the_register_and_the_standard(client, lead, network):
    standard = services.propose_standard(
        lead, {"network": network, "title": HOSTILE, "summary": HOSTILE, "document_url": ""}
    )
    client.force_login(lead)
    for url in (reverse("governance:standards"), reverse("governance:standard", args=[standard.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;alert" in body


def test_a_leader_reads_an_approved_standard_but_gets_403_for_a_draft(client, lead, network, secretariat, decision):
    draft = propose(lead, network, "A draft")
    approved = services.approve(secretariat, ready(propose(lead, network), secretariat), decision)
    client.force_login(make_person("leader"))
    assert client.get(reverse("governance:standard", args=[approved.pk])).status_code == 200
    assert client.get(reverse("governance:standard", args=[draft.pk])).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_the_register_takes_a_fixed_number_of_queries(
    client, secretariat, decision, django_assert_max_num_queries, count
):
    for index in range(count):
        network = ClinicalNetwork.objects.get_or_create(name=f"Network {index}")[0]
        standard = propose(secretariat, network, f"Standard {index}")
        if index % 3:
            services.approve(secretariat, ready(standard, secretariat), decision)
    client.force_login(secretariat)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("governance:standards")).status_code == 200


def test_a_lead_proposes_through_the_page_and_another_networks_lead_cannot_change_it(client, lead, network):
    client.force_login(lead)
    page = client.get(reverse("governance:standard_propose")).content.decode()
    assert "Diabetes" in page and "Renal" not in page  # only the networks they lead
    response = client.post(
        reverse("governance:standard_propose"),
        {
            "network": network.pk,
            "title": "Foot care",
            "summary": "Annual foot checks.",
            "document_url": "",
        },
    )
    standard = CareStandard.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("governance:standard", args=[standard.pk])
    other = make_person("leader")
    leadership_role(
        title="Renal clinical network lead",
        holder=other,
        function=10,
        clinical_network=ClinicalNetwork.objects.get_or_create(name="Renal")[0],
        rate=standard.network.roles.first().role_type,
    )
    client.force_login(other)
    assert client.get(reverse("governance:standard_change", args=[standard.pk])).status_code == 403
    assert client.post(reverse("governance:standard_send", args=[standard.pk])).status_code == 403
    assert CareStandard.objects.get().state == StandardState.DRAFT

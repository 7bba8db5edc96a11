"""Who may do what in the conference: every permission predicate of the app, and the `rules` permissions
built from them. Services and views import these; this module imports only models."""

from __future__ import annotations

import rules
from allauth.account.models import EmailAddress

from academy.accounts.rules import add_private_perm, is_signed_in
from programmes.conference.models import PROGRAMME_SLUG, Proposal, ProposalSpeaker, Reviewer, SpeakerState


@rules.predicate
def is_conference_admin(user) -> bool:
    """A Programme admin of the conference, or a superuser."""
    return bool(
        user and user.is_authenticated and (user.is_superuser or PROGRAMME_SLUG in user.administered_programme_slugs)
    )


@rules.predicate
def is_proposal_speaker(user, proposal: Proposal | None) -> bool:
    """The proposal's speaker or a co-speaker who accepted. Nobody else (superusers included) sees a draft."""
    if proposal is None or not (user and user.is_authenticated):
        return False
    if proposal.speaker_id == user.pk:
        return True
    return proposal.co_speakers.filter(user=user, state=SpeakerState.ACCEPTED).exists()


@rules.predicate
def is_lead_speaker(user, proposal: Proposal | None) -> bool:
    return bool(proposal is not None and user and user.is_authenticated and proposal.speaker_id == user.pk)


@rules.predicate
def is_invitee(user, invitation: ProposalSpeaker | None) -> bool:
    """The person an invitation to co-speak was sent to: its account, or, when the address had no account
    when it was sent, the account that has verified that address. Nobody else, superusers included."""
    if invitation is None or not (user and user.is_authenticated and user.is_active):
        return False
    if invitation.user_id is not None:
        return invitation.user_id == user.pk
    return EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists()


@rules.predicate
def is_a_reviewer(user) -> bool:
    """Asked to review the proposals of at least one edition."""
    return bool(user and user.is_authenticated and Reviewer.objects.filter(user=user).exists())


def is_edition_reviewer(user, edition) -> bool:
    """Asked to review this edition's proposals. Being a conference admin is not enough: reviewers are named."""
    return bool(user and user.is_authenticated and Reviewer.objects.filter(user=user, edition=edition).exists())


rules.add_perm("conference.manage", is_conference_admin)
rules.add_perm("conference.propose", is_signed_in)
rules.add_perm("conference.review", is_a_reviewer)
add_private_perm("conference.edit_proposal", is_proposal_speaker)
add_private_perm("conference.lead_proposal", is_lead_speaker)
add_private_perm("conference.answer_invitation", is_invitee)

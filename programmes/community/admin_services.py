"""Running the communities without the Django admin: the communities programme's admins (and superusers) create a
community, change it, archive it (and bring it back), and name or remove its leads.

Every change is written to the community's log (``ModerationAction``, with no thread), so the leads' log page
shows who created the community, who changed it and who named whom. A person named a lead is emailed once, after
the change commits. A community keeps at least one lead: removing the last is refused. The community row is
locked first, so two admins removing the last two leads at the same moment cannot leave it with none."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from academy import workflow
from academy.notifications.services import email_user_after_commit
from programmes.community import rules
from programmes.community.models import (
    RESERVED_SLUGS,
    Community,
    CommunityKind,
    ModerationAction,
    ModerationKind,
)

MAX_NAME = 160
MAX_SUMMARY = 5_000
SLUG_LENGTH = 80


def _require_admin(actor) -> None:
    workflow.is_system(actor)  # None is refused: say who acts
    if not rules.allowed(actor, "community.manage_communities", None):
        raise PermissionDenied("Only the communities programme's admins run communities.")


def _log(actor, community: Community, kind: str, person=None, reason: str = "") -> ModerationAction:
    return ModerationAction.objects.create(
        community=community, actor=actor, kind=kind, thread=None, person=person, reason=reason[:500]
    )


def _lock(community: Community) -> Community:
    return Community.objects.select_for_update().get(pk=community.pk)


def community_url(community: Community) -> str:
    return reverse("community:community", args=[community.slug])


def _clean(name: str, kind: str, summary: str, exclude_pk: int | None) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    name = " ".join((name or "").split())
    summary = (summary or "").strip()
    if not name:
        errors["name"] = "Enter a name for the community"
    elif len(name) > MAX_NAME:
        errors["name"] = f"The name must be {MAX_NAME} characters or fewer"
    elif not slugify(name):
        errors["name"] = "Enter a name with letters or numbers in it"
    elif Community.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        errors["name"] = "There is already a community with this name: choose another"
    if kind not in CommunityKind.values:
        errors["kind"] = "Choose what kind of community this is"
    if not summary:
        errors["summary"] = "Enter a short summary of what the community is for"
    elif len(summary) > MAX_SUMMARY:
        errors["summary"] = f"The summary must be {MAX_SUMMARY:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    return name, kind, summary


def slug_for(name: str) -> str:
    """A slug made from the name, not one of the communities' own pages and not taken (a number added if so)."""
    base = slugify(name)[: SLUG_LENGTH - 4].strip("-") or "community"
    taken = set(Community.objects.filter(slug__startswith=base).values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_community(actor, *, name: str, kind: str, summary: str, closed: bool, leads=()) -> Community:
    """An admin creates a community; its slug is made from the name. Leads named here are emailed."""
    _require_admin(actor)
    return _create(actor, name=name, kind=kind, summary=summary, closed=closed, leads=leads)


def open_clinical_network_community(actor, *, name: str, summary: str, leads) -> Community:
    """A clinical network's community, opened by the layer that keeps the networks (governance), which checked its
    own permission first: the governance secretariat need not be the communities programme's admin. The same checks,
    log and emails as :func:`create_community`; open to join, with the network's current leads as its leads."""
    workflow.is_system(actor)  # None is refused: say who acts
    return _create(actor, name=name, kind=CommunityKind.CLINICAL, summary=summary, closed=False, leads=leads)


def add_leads(actor, community_id: int, people) -> list:
    """Name each of ``people`` a lead of the community unless they lead it already or their account is deactivated
    (for the layer that keeps who leads a clinical network; it checked its own permission). Returns those named;
    each is emailed once the change commits."""
    workflow.is_system(actor)
    named = []
    with transaction.atomic():
        community = Community.objects.select_for_update().get(pk=community_id)
        current = set(community.leads.values_list("pk", flat=True))
        for person in people:
            if person.pk in current or not person.is_active:
                continue
            _name(actor, community, person)
            current.add(person.pk)
            named.append(person)
    return named


def _create(actor, *, name: str, kind: str, summary: str, closed: bool, leads=()) -> Community:
    name, kind, summary = _clean(name, kind, summary, None)
    leads = [lead for lead in leads if lead is not None]
    with transaction.atomic():
        community = Community.objects.create(
            name=name, slug=slug_for(name), kind=kind, description=summary, closed=bool(closed)
        )
        _log(actor, community, ModerationKind.CREATE)
        for lead in leads:
            _name(actor, community, lead)
    return community


def change_community(actor, community: Community, *, name: str, kind: str, summary: str, closed: bool) -> Community:
    """An admin changes a community's name, kind, summary or whether it is closed. Its address (slug) stays, so
    links people saved keep working."""
    _require_admin(actor)
    name, kind, summary = _clean(name, kind, summary, community.pk)
    with transaction.atomic():
        community = _lock(community)
        changed = [label for label, before, after in [
            ("name", community.name, name), ("kind", community.kind, kind),
            ("summary", community.description, summary), ("open or closed", community.closed, bool(closed)),
        ] if before != after]
        if not changed:
            return community
        community.name, community.kind, community.description, community.closed = name, kind, summary, bool(closed)
        community.save(update_fields=["name", "kind", "description", "closed"])
        _log(actor, community, ModerationKind.CHANGE, reason="Changed: " + ", ".join(changed))
    return community


def set_archived(actor, community: Community, *, archived: bool) -> Community:
    """Archive a community (out of the directory; kept to read; no joining, posting or adding) or bring it back."""
    _require_admin(actor)
    with transaction.atomic():
        community = _lock(community)
        if community.is_archived == archived:
            raise ValidationError("This community is already archived." if archived
                                  else "This community is not archived.")
        community.archived_at = timezone.now() if archived else None
        community.save(update_fields=["archived_at"])
        _log(actor, community, ModerationKind.ARCHIVE if archived else ModerationKind.RESTORE)
    return community


def _name(actor, community: Community, person) -> ModerationAction:
    if not person.is_active:
        raise ValidationError({"person": "This account is deactivated. Choose someone with an active account."})
    if community.leads.filter(pk=person.pk).exists():
        raise ValidationError({"person": f"{person} is already a lead of {community.name}."})
    community.leads.add(person)
    action = _log(actor, community, ModerationKind.LEAD_NAMED, person=person)
    email_user_after_commit(
        f"community-lead-named:{action.pk}",
        "community_lead_named",
        person,
        {"community": community.name, "named_by": str(actor), "closed": community.closed,
         "path": community_url(community)},
        link=community_url(community),
    )
    return action


def name_lead(actor, community: Community, person) -> Community:
    """An admin names a lead (an active account); they are emailed once the change commits."""
    _require_admin(actor)
    if person is None:
        raise ValidationError({"person": "Enter the email address of the person to name as a lead"})
    with transaction.atomic():
        community = _lock(community)
        _name(actor, community, person)
    return community


def remove_lead(actor, community: Community, person) -> Community:
    """An admin removes a lead. The last lead cannot be removed: name another first."""
    _require_admin(actor)
    with transaction.atomic():
        community = _lock(community)
        lead_ids = set(community.leads.values_list("pk", flat=True))
        if person.pk not in lead_ids:
            raise ValidationError(f"{person} is not a lead of {community.name}.")
        if lead_ids == {person.pk}:
            raise ValidationError(
                f"{person} is the only lead of {community.name}. A community keeps at least one lead: "
                "name another lead first, then remove this one."
            )
        community.leads.remove(person)
        _log(actor, community, ModerationKind.LEAD_REMOVED, person=person)
    return community

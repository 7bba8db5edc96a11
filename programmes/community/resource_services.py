"""Writes for the communities' resources library: adding, editing and removing files and links.

Members and leads add resources; the person who added one (while still a member) or a lead edits or removes
it. Files are checked by their content (PDF, DOCX, PPTX or XLSX) and size (25 MB at most) and stored under a
random name; links must be https. A closed community's resources are never shared beyond its members."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from academy import workflow
from programmes.community import rules
from programmes.community.models import Community, Resource, ResourceKind, ResourceVisibility, TaskGroup
from programmes.core.uploads import DOCUMENT_TYPES, extension_of, is_what_it_says

MAX_RESOURCE_BYTES = 25 * 1024 * 1024
WRONG_TYPE = "The file must be a PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx) file"
MAX_THEMES = 8


def _require(user, perm: str, obj, message: str) -> None:
    workflow.is_system(user)  # None is refused: say who acts
    if not rules.allowed(user, perm, obj):
        raise PermissionDenied(message)


def parse_themes(text: str) -> list[str]:
    """Comma-separated free tags, in lower case, without repeats."""
    themes: list[str] = []
    for part in (text or "").split(","):
        theme = re.sub(r"\s+", " ", part).strip().lower()[:60]
        if theme and theme not in themes:
            themes.append(theme)
    if len(themes) > MAX_THEMES:
        raise ValidationError({"themes": f"Give at most {MAX_THEMES} themes"})
    return themes


def _check_file(upload) -> str:
    if upload is None:
        raise ValidationError({"file": "Choose the file to add"})
    extension = extension_of(upload.name)
    if extension not in DOCUMENT_TYPES or not is_what_it_says(upload, extension):
        raise ValidationError({"file": WRONG_TYPE})
    if upload.size > MAX_RESOURCE_BYTES:
        raise ValidationError({"file": "The file must be smaller than 25 MB"})
    return extension


def _check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise ValidationError({"url": "Enter a link that starts with https://"})
    return url


def _check_visibility(community: Community, visibility: str) -> str:
    if visibility not in ResourceVisibility.values:
        raise ValidationError({"visibility": "Choose who can see this resource"})
    if community.closed and visibility == ResourceVisibility.EVERYONE:
        raise ValidationError({"visibility": "A closed community's resources are for its members only"})
    return visibility


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title"})
    return title[:200]


def add_resource(actor, community: Community, *, title: str, description: str = "", kind: str,
                 upload=None, url: str = "", priority_functions=(), professions=(), themes=(),
                 visibility: str = ResourceVisibility.COMMUNITY, task_group: TaskGroup | None = None) -> Resource:
    """Add a file or a link to the community's library (members and leads only), or, given ``task_group``, to
    that task-and-finish group (its members and the community's leads, while the group is open): a group's
    resources are for the group's readers only, so their visibility is always "members"."""
    if task_group is not None:
        if task_group.community_id != community.pk:
            raise ValidationError("This group is not in this community.")
        _require(actor, "community.add_group_resource", task_group,
                 "Only the group's members and the community's leads can add resources while the group is open.")
        visibility = ResourceVisibility.COMMUNITY
    else:
        _require(actor, "community.add_resource", community, "Join the community to add resources.")
    resource = Resource(
        community=community, task_group=task_group, title=_check_title(title),
        description=(description or "").strip(), themes=list(themes),
        visibility=_check_visibility(community, visibility), added_by=actor,
    )
    if kind == ResourceKind.FILE:
        extension = _check_file(upload)
        resource.kind = ResourceKind.FILE
        resource.original_name = upload.name.rsplit("/", 1)[-1][:200]
        resource.content_type = DOCUMENT_TYPES[extension]
        resource.size = upload.size
    elif kind == ResourceKind.LINK:
        resource.kind = ResourceKind.LINK
        resource.url = _check_url(url)
    else:
        raise ValidationError({"kind": "Choose whether you are adding a file or a link"})
    if resource.is_file:
        resource.file.save(resource.original_name, upload, save=False)
    try:
        with transaction.atomic():
            resource.save()
            resource.priority_functions.set(priority_functions)
            resource.professions.set(professions)
    except Exception:
        if resource.is_file:
            resource.file.storage.delete(resource.file.name)  # a row that was never saved leaves no file behind
        raise
    return resource


def edit_resource(actor, resource: Resource, *, title: str, description: str = "", priority_functions=(),
                  professions=(), themes=(), visibility: str = ResourceVisibility.COMMUNITY) -> Resource:
    """Change a resource's words and tags (its file or link stays; remove and add again to replace it)."""
    _require(actor, "community.change_resource", resource,
             "Only the person who added this resource, or the community's leads, can change it.")
    with transaction.atomic():
        resource = Resource.objects.select_for_update().select_related("community").get(pk=resource.pk)
        resource.title = _check_title(title)
        resource.description = (description or "").strip()
        resource.themes = list(themes)
        if resource.in_task_group:
            visibility = ResourceVisibility.COMMUNITY  # a group's resources stay with the group
        resource.visibility = _check_visibility(resource.community, visibility)
        resource.save()
        resource.priority_functions.set(priority_functions)
        resource.professions.set(professions)
    return resource


def remove_resource(actor, resource: Resource) -> None:
    """Remove a resource; its stored file is deleted once the removal is committed."""
    _require(actor, "community.change_resource", resource,
             "Only the person who added this resource, or the community's leads, can remove it.")
    with transaction.atomic():
        stored = resource.file.name if resource.file else ""
        storage = resource.file.storage
        Resource.objects.filter(pk=resource.pk).delete()
        if stored:
            transaction.on_commit(lambda: storage.delete(stored))

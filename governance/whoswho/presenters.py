"""What a who's who entry shows: the rows the selectors read (dicts of plain columns), in words."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from academy.directory.models import SpatialLevel

CCPLG = "C&CP Leadership Group"
NOT_PUBLISHED = "Post holder not published"


@dataclass(frozen=True)
class EntryDisplay:
    """One role or seat and its holder, as a page shows it. Empty strings are not shown."""

    title: str
    leads: str  # the priority function a role serves, or the capability a C&CPLG seat brings
    where: str  # the spatial level and body, and any clinical network
    is_seat: bool
    name: str = ""
    profession: str = ""
    organisation: str = ""
    contact_email: str = ""
    directory_url: str = ""

    @property
    def contact_parts(self) -> tuple[str, str]:
        """The address before and after its "@", so a page can let a long address wrap there."""
        local, at, domain = self.contact_email.rpartition("@")
        return (local, f"{at}{domain}") if at else (self.contact_email, "")


def _where(row: dict) -> str:
    """The level ("ICS body"), or the body itself ("Bexley Local Care Partnership"), with any clinical network the
    role serves."""
    if row["kind"] == "seat":
        return CCPLG
    level = SpatialLevel(row["level"])
    if not row["body_name"]:
        where = str(level.label)
    elif level == SpatialLevel.ORGANISATION:
        where = f"Organisation: {row['body_name']}"
    else:
        where = row["body_name"]
    if row["network"]:
        where = f"{row['network']} clinical network ({where})"
    return where


def _leads(row: dict) -> str:
    if row["kind"] == "seat":
        return f"{CCPLG}: {row['capability_name']}"
    return f"{row['function_number']}. {row['function_name']}"


def entry(row: dict) -> EntryDisplay:
    """A row of ``selectors.search_whoswho``, for signed-in leaders."""
    profile = row["directory_profile"]
    return EntryDisplay(
        title=row["entry_title"],
        leads=_leads(row),
        where=_where(row),
        is_seat=row["kind"] == "seat",
        name=f"{row['first_name']} {row['last_name']}".strip(),
        profession=row["profession"],
        organisation=row["organisation_name"],
        contact_email=row["contact_email"],
        directory_url=reverse("directory:leader", args=[profile]) if profile else "",
    )


def public_entry(row: dict) -> EntryDisplay:
    """A row of ``selectors.search_public``: the role, and its holder's name only where they agreed."""
    return EntryDisplay(
        title=row["entry_title"],
        leads=_leads(row),
        where=_where(row),
        is_seat=row["kind"] == "seat",
        name=row["public_name"],
    )


def entries(page, present=entry) -> list[EntryDisplay]:
    return [present(row) for row in page.object_list]

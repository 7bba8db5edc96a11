"""The attributes of people that network analysis compares across (evaluation.network): organisation,
profession, place and sector, read in one query for any number of people, and the names of a few people
for the evaluators' brokers list.

Place is the borough a leader says they mainly work in, else their organisation's borough, else south east
London as a whole. Sector groups the organisation types the way the ICS talks about its partners.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from academy.directory.models import LeaderProfile, OrganisationType

T = OrganisationType
SECTORS = {
    T.ICB: "nhs", T.ACUTE_TRUST: "nhs", T.MENTAL_HEALTH_TRUST: "nhs", T.COMMUNITY_PROVIDER: "nhs",
    T.PCN: "primary_care", T.GP_FEDERATION: "primary_care", T.COMMUNITY_PHARMACY: "primary_care",
    T.LOCAL_AUTHORITY: "local_government", T.CARE_PROVIDER: "social_care", T.VCSE: "vcse",
    T.ACADEMIC: "academic", T.OTHER: "other",
}
SECTOR_LABELS = {
    "nhs": "NHS trusts and the ICB",
    "primary_care": "Primary care",
    "local_government": "Local government",
    "social_care": "Social care",
    "vcse": "Voluntary, community and social enterprise",
    "academic": "Academic",
    "other": "Other",
}
SEL_WIDE = 0  # the place of a person who works across south east London


@dataclass(frozen=True, slots=True)
class PersonAttributes:
    organisation: int
    profession: int
    place: int  # a borough's id, or SEL_WIDE
    sector: str


def network_attributes(person_ids: Iterable[int] | None = None) -> dict[int, PersonAttributes]:
    """Each person's attributes by user id (one query); people without a leader profile are left out.
    ``None`` reads everyone with a profile (cheaper than a long list of ids for the whole Academy)."""
    profiles = LeaderProfile.objects.all()
    if person_ids is not None:
        profiles = profiles.filter(user_id__in=list(person_ids))
    rows = profiles.values_list(
        "user_id", "organisation_id", "organisation__org_type", "profession_id", "borough_id",
        "organisation__borough_id",
    )
    return {
        user_id: PersonAttributes(org_id, profession_id, borough_id or org_borough_id or SEL_WIDE,
                                  SECTORS.get(org_type, "other"))
        for user_id, org_id, org_type, profession_id, borough_id, org_borough_id in rows.iterator(chunk_size=5000)
    }


@dataclass(frozen=True, slots=True)
class NamedPerson:
    name: str
    organisation: str
    job_title: str


def named_people(person_ids: Iterable[int]) -> dict[int, NamedPerson]:
    """Names, organisations and job titles of a few people by user id (one query); for pages that may name
    them (the evaluators' brokers list). People who have closed their account are simply absent."""
    rows = LeaderProfile.objects.filter(user_id__in=list(person_ids)).values_list(
        "user_id", "user__first_name", "user__last_name", "user__email", "organisation__name", "job_title"
    )
    return {
        user_id: NamedPerson(f"{first} {last}".strip() or email, organisation, job_title)
        for user_id, first, last, email, organisation, job_title in rows
    }

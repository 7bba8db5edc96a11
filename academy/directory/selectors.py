"""Reads for the directory pages and reports, each in a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from academy.directory.models import (
    AgeBand,
    Borough,
    Disability,
    EqualityMonitoring,
    Ethnicity,
    GenderIdentitySameAsBirth,
    LeaderGroup,
    LeaderProfile,
    Organisation,
    OrganisationType,
    PriorityFunction,
    Profession,
    ProviderCollaborative,
    Religion,
    Sex,
    SexualOrientation,
    SpatialLevel,
)
from academy.reports.suppression import SuppressedTable, suppress

PAGE_SIZE = 20
MAX_SEARCH_WORDS = 12
NOT_ANSWERED = "Not answered"

# (field, the question as asked, its choices) in the order the form asks them.
EQUALITY_QUESTIONS = (
    ("ethnicity", "Ethnic group", Ethnicity),
    ("sex", "Sex", Sex),
    (
        "gender_identity_same_as_birth",
        "Gender identity the same as sex registered at birth",
        GenderIdentitySameAsBirth,
    ),
    ("sexual_orientation", "Sexual orientation", SexualOrientation),
    ("disability", "Disability", Disability),
    ("age_band", "Age", AgeBand),
    ("religion", "Religion or belief", Religion),
)


def _card_queryset() -> QuerySet[LeaderProfile]:
    return LeaderProfile.objects.select_related(
        "user", "profession", "organisation", "borough", "leader_group"
    ).prefetch_related(Prefetch("interests", queryset=PriorityFunction.objects.order_by("number")))


def own_profile(user) -> LeaderProfile | None:
    return _card_queryset().filter(user=user).first()


def own_equality_answers(user) -> EqualityMonitoring | None:
    """Only ever called for the signed-in person themselves."""
    return EqualityMonitoring.objects.filter(user=user).first()


def has_given_equality_answers(user) -> bool:
    return EqualityMonitoring.objects.filter(user=user).exists()


def listed_profiles() -> QuerySet[LeaderProfile]:
    """Profiles anyone signed in may see: the person chose to be listed and their account is active."""
    return _card_queryset().filter(listed_in_directory=True, user__is_active=True)


def listed_leader(pk: int) -> LeaderProfile:
    profile = listed_profiles().filter(pk=pk).first()
    if profile is None:
        raise Http404("No listed leader has this number.")
    return profile


def search_query(text: str) -> SearchQuery | None:
    """A prefix-friendly full-text query: every word must match the start of a word (``nurs`` finds
    "Nursing"). Words are reduced to letters and digits, so no input can break the query syntax."""
    words = re.findall(r"[^\W_]+", text or "")[:MAX_SEARCH_WORDS]
    if not words:
        return None
    raw = " & ".join(f"{word.lower()}:*" for word in words)
    return SearchQuery(raw, search_type="raw", config="english")


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    profession: object | None = None
    organisation: object | None = None
    borough: object | None = None
    interest: object | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.profession or self.organisation or self.borough or self.interest)


ORGANISATION_SUGGESTIONS = 10


def match_organisation(text: str) -> Organisation | str | None:
    """What a typed organisation means: the organisation with that name (any case), else the text when
    some organisation's name contains it, else None. At most two queries."""
    text = " ".join(text.split())
    exact = Organisation.objects.filter(name__iexact=text).first()
    if exact is not None:
        return exact
    return text if Organisation.objects.filter(name__icontains=text).exists() else None


def organisation_suggestions(text: str, limit: int = ORGANISATION_SUGGESTIONS) -> list[str]:
    """Names for the organisation autocomplete: names starting with the text first, then names
    containing it, alphabetical within each; one query, at most ``limit`` names."""
    text = " ".join((text or "").split())[:200]
    if len(text) < 2:
        return []
    return list(
        Organisation.objects.filter(name__icontains=text)
        .annotate(starts=Case(When(name__istartswith=text, then=Value(0)), default=Value(1),
                              output_field=IntegerField()))
        .order_by("starts", "name")
        .values_list("name", flat=True)[:limit]
    )


def search_directory(filters: DirectoryFilters) -> QuerySet[LeaderProfile]:
    profiles = listed_profiles()
    if filters.profession:
        profiles = profiles.filter(profession=filters.profession)
    if isinstance(filters.organisation, str):
        profiles = profiles.filter(organisation__name__icontains=filters.organisation)
    elif filters.organisation:
        profiles = profiles.filter(organisation=filters.organisation)
    if filters.borough:
        profiles = profiles.filter(borough=filters.borough)
    if filters.interest:
        profiles = profiles.filter(interests=filters.interest)
    query = search_query(filters.q)
    if filters.q and query is None:
        return profiles.none()
    if query is not None:
        return (
            profiles.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "user__last_name", "user__first_name", "pk")
        )
    return profiles.order_by("user__last_name", "user__first_name", "pk")


def directory_page(filters: DirectoryFilters, page_number, per_page: int = PAGE_SIZE) -> Page:
    """One page of the directory: a count query, the page's profiles, and their interests."""
    return Paginator(search_directory(filters), per_page).get_page(page_number)


@dataclass(frozen=True)
class EqualityQuestionSummary:
    field: str
    question: str
    table: SuppressedTable


def equality_population() -> QuerySet:
    """The Academy's leaders for equality reporting: active people who have a leader profile."""
    return LeaderProfile.objects.filter(user__is_active=True)


def equality_summary(threshold: int = 5) -> tuple[list[EqualityQuestionSummary], SuppressedTable]:
    """For each question, how many leaders gave each answer, suppressed; never anything per person.

    Two queries: the number of leaders, and one aggregate over the answers of those who gave them.
    Returns the questions and an overall row (answered / not answered).
    """
    leaders = equality_population().count()
    aggregates = {}
    for field, _, choices in EQUALITY_QUESTIONS:
        for value in choices.values:
            aggregates[f"{field}__{value}"] = Count("pk", filter=Q(**{field: value}))
    aggregates["answered"] = Count("pk")
    counts = EqualityMonitoring.objects.filter(user__is_active=True, user__profile__isnull=False).aggregate(
        **aggregates
    )
    answered = counts["answered"]
    not_answered = max(leaders - answered, 0)

    questions = []
    for field, question, choices in EQUALITY_QUESTIONS:
        row = {label: counts[f"{field}__{value}"] for value, label in choices.choices}
        row[NOT_ANSWERED] = not_answered
        questions.append(
            EqualityQuestionSummary(field=field, question=question, table=suppress(row, threshold))
        )
    overall = suppress({"Answered": answered, NOT_ANSWERED: not_answered}, threshold)
    return questions, overall


# --- read by the API (api/) -------------------------------------------------------------------------


def reference_data() -> dict:
    """The reference data every app uses, each list in its usual order (six queries)."""
    return {
        "priority_functions": list(PriorityFunction.objects.order_by("number")),
        "spatial_levels": [{"code": code, "name": label} for code, label in SpatialLevel.choices],
        "boroughs": list(Borough.objects.order_by("name")),
        "provider_collaboratives": list(ProviderCollaborative.objects.order_by("name")),
        "professions": list(Profession.objects.order_by("position", "name")),
        "leader_groups": list(LeaderGroup.objects.order_by("position", "name")),
        "organisation_types": [{"code": code, "name": label} for code, label in OrganisationType.choices],
    }


def priority_functions():
    """The 10 priority functions in number order (one query)."""
    return PriorityFunction.objects.order_by("number")


def professions() -> QuerySet[Profession]:
    """Every profession in its usual order, for upper layers' filters (one query)."""
    return Profession.objects.order_by("position", "name")


def boroughs() -> QuerySet[Borough]:
    """The boroughs (places) in name order, for upper layers' filters (one query)."""
    return Borough.objects.order_by("name")

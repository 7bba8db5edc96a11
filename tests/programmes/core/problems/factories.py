"""Small makers for the registers' tests (rows in a given state, as the workflow ADR allows)."""

from __future__ import annotations

from itertools import count

from programmes.core.models import ExternalOffer, ProviderKind, SystemProblem
from programmes.core.services.external_offers import search_document

_numbers = count(1)


def system_problem(**values) -> SystemProblem:
    number = next(_numbers)
    values.setdefault("title", f"Discharge delays from acute wards {number}")
    values.setdefault("description", "Patients medically fit for discharge wait for community packages of care.")
    values.setdefault("board", "SEL ICB Board")
    return SystemProblem.objects.create(**values)


def external_offer(**values) -> ExternalOffer:
    number = next(_numbers)
    values.setdefault("name", f"Clinical leadership fellowship {number}")
    values.setdefault("provider_kind", ProviderKind.UNIVERSITY)
    values.setdefault("provider_name", "A university")
    values.setdefault("description", "A year-long fellowship in system leadership for clinicians.")
    values.setdefault("url", "https://www.example.ac.uk/fellowship")
    offer = ExternalOffer(**values)
    offer.search_document = search_document(offer, [], [], [], [])
    offer.save()
    return offer

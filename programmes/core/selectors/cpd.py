"""A person's continuing professional development with the Academy: their certificates (each cohort
completed, with its CPD hours), the total, and the programmes they are alumni of."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from programmes.core.models import Application, ApplicationState, Certificate


@dataclass(frozen=True)
class CpdRecord:
    certificates: list[Certificate]

    @property
    def total_hours(self) -> Decimal:
        return sum((certificate.cpd_hours for certificate in self.certificates), Decimal(0))


def cpd_record(user) -> CpdRecord:
    """The person's own certificates, oldest first, with cohort and programme (one query)."""
    return CpdRecord(
        list(
            Certificate.objects.filter(application__applicant=user)
            .select_related("application__cohort__programme", "application__applicant")
            .order_by("issued_at", "pk")
        )
    )


def alumni_of(applications: list[Application]) -> list[Application]:
    """A leader who completed a cohort is alumni of its programme: their completed places, newest first
    (no query: from the person's own applications)."""
    return sorted(
        (a for a in applications if a.state == ApplicationState.COMPLETED),
        key=lambda a: (a.cohort.ends_on, a.pk),
        reverse=True,
    )


# --- alumni, for other apps (the managed network's alumni directory) ---------------------------------
# Everyone who completed a cohort of any programme is an alumnus of that programme. Other apps read
# alumni only through these, each in one query.


def completed_places():
    """Completed places (a queryset to filter or use as a subquery)."""
    return Application.objects.filter(state=ApplicationState.COMPLETED)


def is_alumnus(user) -> bool:
    """Has the person completed a cohort of any programme? (one query; False for anonymous)"""
    if not user.is_authenticated:
        return False
    return completed_places().filter(applicant=user).exists()


def alumni_ids():
    """The ids of everyone who completed a cohort (a values queryset, for ``__in`` filters)."""
    return completed_places().values("applicant_id")


def completions_by_person(person_ids) -> dict[int, list[tuple[str, str, int]]]:
    """For each person, the programmes they completed with the year their cohort ended, newest first:
    ``{person id: [(programme slug, programme name, year), ...]}`` (one query)."""
    result: dict[int, list[tuple[str, str, int]]] = {}
    rows = (
        completed_places()
        .filter(applicant_id__in=list(person_ids))
        .order_by("applicant_id", "-cohort__ends_on", "pk")
        .values_list("applicant_id", "cohort__programme__slug", "cohort__programme__name", "cohort__ends_on")
    )
    for person_id, slug, name, ends_on in rows:
        result.setdefault(person_id, []).append((slug, name, ends_on.year))
    return result


def alumni_programmes() -> list[tuple[str, str]]:
    """(slug, name) of the programmes that have alumni, by name (one query)."""
    return list(
        completed_places()
        .order_by("cohort__programme__name")
        .values_list("cohort__programme__slug", "cohort__programme__name")
        .distinct()
    )

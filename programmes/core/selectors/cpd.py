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

"""On the day (issue 11): ticket codes, check-in at the door and its undo, the live counts and the badges'
registrations. Writes take the person acting, run in one transaction and check permission; reads are written
for a fixed number of queries.

A ticket's QR code carries a token signed with the site's secret (``django.core.signing``, its own salt): a
person cannot make a valid code for someone else's registration, and a code from another edition is refused.
Check-in opens at midnight (London time) on the edition's first day: nothing is recorded before the day.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.utils import timezone

from academy import workflow
from academy.ui.formats import nhs_date, nhs_time
from programmes.conference.models import CheckIn, Edition, Registration, RegistrationState
from programmes.conference.services import require_admin

LONDON = ZoneInfo("Europe/London")
TICKET_SALT = "conference.ticket"
SEARCH_LIMIT = 20


class AlreadyCheckedIn(ValidationError):
    """The registration was checked in already: nothing new is recorded."""


def ticket_token(registration: Registration) -> str:
    """What the ticket's QR code carries: the registration signed with the site's secret."""
    return signing.dumps({"r": registration.pk}, salt=TICKET_SALT)


def registration_for_token(edition: Edition, token: str) -> Registration:
    """The registration a scanned code stands for, if it is a genuine ticket of this edition."""
    try:
        pk = signing.loads((token or "").strip(), salt=TICKET_SALT)["r"]
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise ValidationError({"token": "This code is not a conference ticket"}) from exc
    registration = (Registration.objects.select_related("user", "ticket_type", "edition")
                    .filter(pk=pk, edition=edition).first())
    if registration is None:
        raise ValidationError({"token": f"This ticket is not for {edition.name}"})
    return registration


def check_in_opens(edition: Edition) -> datetime:
    """Midnight, London time, at the start of the edition's first day."""
    return datetime.combine(edition.starts_on, time(0), tzinfo=LONDON)


def person_name(registration: Registration) -> str:
    return registration.user.get_full_name() or registration.user.email


def _lock(registration: Registration) -> Registration:
    return (Registration.objects.select_for_update(of=("self",)).select_related("edition", "user", "ticket_type")
            .get(pk=registration.pk))


def standing_check_in(registration: Registration) -> CheckIn | None:
    return CheckIn.objects.filter(registration=registration, undone_at__isnull=True).first()


@transaction.atomic
def check_in(actor, registration: Registration, now=None) -> CheckIn:
    """The conference team checks a confirmed registration in, once. Refused before the first day starts
    (London time), for a registration that is not confirmed, and (saying when) for one already checked in.
    The registration's row is locked, so two check-ins at once record one."""
    require_admin(actor)
    now = now or timezone.now()
    registration = _lock(registration)
    edition = registration.edition
    opens = check_in_opens(edition)
    if now < opens:
        raise ValidationError(f"Check-in opens on {nhs_date(edition.starts_on)}, the first day of {edition.name}: "
                              "nobody can be checked in before the day.")
    name = person_name(registration)
    if registration.state != RegistrationState.CONFIRMED:
        raise ValidationError(f"{name} cannot be checked in: only a confirmed registration can be, and this "
                              f"one is {registration.state_label.lower()}.")
    standing = standing_check_in(registration)
    if standing is not None:
        raise AlreadyCheckedIn(f"{name} is already checked in at {nhs_time(standing.checked_in_at)}.")
    try:
        with transaction.atomic():
            return CheckIn.objects.create(registration=registration, checked_in_at=now,
                                          checked_in_by=workflow.user_or_none(actor))
    except IntegrityError as exc:  # the lock makes this unreachable; the constraint is the last word
        raise AlreadyCheckedIn(f"{name} is already checked in.") from exc


@transaction.atomic
def undo_check_in(actor, registration: Registration, now=None) -> CheckIn:
    """Undo a check-in made by mistake: the row keeps who undid it and when, and the person can be checked in
    again."""
    require_admin(actor)
    registration = _lock(registration)
    standing = standing_check_in(registration)
    if standing is None:
        raise ValidationError(f"{person_name(registration)} is not checked in.")
    standing.undone_at, standing.undone_by = now or timezone.now(), workflow.user_or_none(actor)
    standing.save(update_fields=["undone_at", "undone_by"])
    return standing


# --- reads -------------------------------------------------------------------------------------------------------


def _with_check_in(queryset):
    standing = CheckIn.objects.filter(registration=OuterRef("pk"), undone_at__isnull=True)
    return queryset.annotate(checked_in_at=Subquery(standing.values("checked_in_at")[:1]))


def search(edition: Edition, query: str) -> list[Registration]:
    """Registrations of the edition whose name or email matches every word typed, at most ``SEARCH_LIMIT``,
    each with ``checked_in_at`` (None if not checked in). One query."""
    words = [word for word in (query or "").split() if word][:5]
    if not words:
        return []
    queryset = Registration.objects.filter(
        edition=edition, state__in=[RegistrationState.CONFIRMED, RegistrationState.AWAITING_APPROVAL,
                                    RegistrationState.WAITING],
    )
    for word in words:
        queryset = queryset.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
                                   | Q(user__email__icontains=word))
    queryset = queryset.select_related("user", "ticket_type").order_by(
        Lower("user__last_name"), Lower("user__first_name"), "pk")
    return list(_with_check_in(queryset)[:SEARCH_LIMIT])


def with_check_in(registration: Registration) -> Registration:
    """One registration with ``checked_in_at``, for the page after a scan."""
    return _with_check_in(Registration.objects.select_related("user", "ticket_type")).get(pk=registration.pk)


def recent_check_ins(edition: Edition, limit: int = 5) -> list[CheckIn]:
    return list(CheckIn.objects.filter(registration__edition=edition, undone_at__isnull=True)
                .select_related("registration__user", "registration__ticket_type")
                .order_by("-checked_in_at", "-pk")[:limit])


def counts(edition: Edition) -> dict:
    """Checked in and expected (confirmed registrations), by ticket type and by organisation, and the totals.
    Two queries whatever the number of registrations.

    Not suppressed: these counts are shown to the conference team only, who see every registration by name on
    the attendee list; they hold no equality data. A count by organisation is an operational figure about
    people the viewer is entitled to see one by one."""
    confirmed = Q(registrations__state=RegistrationState.CONFIRMED)
    here = confirmed & Q(registrations__check_ins__undone_at__isnull=True) & Q(
        registrations__check_ins__isnull=False)
    by_type = list(
        edition.ticket_types.order_by("name", "pk")
        .annotate(expected=Count("registrations", filter=confirmed, distinct=True),
                  checked_in=Count("registrations", filter=here, distinct=True))
        .values("name", "expected", "checked_in")
    )
    standing = Q(check_ins__isnull=False, check_ins__undone_at__isnull=True)
    by_organisation = list(
        Registration.objects.filter(edition=edition, state=RegistrationState.CONFIRMED)
        .values("organisation")
        .annotate(expected=Count("pk", distinct=True), checked_in=Count("pk", filter=standing, distinct=True))
        .order_by("-expected", Lower("organisation"))
    )
    return {
        "by_type": by_type,
        "by_organisation": by_organisation,
        "expected": sum(row["expected"] for row in by_type),
        "checked_in": sum(row["checked_in"] for row in by_type),
    }


def badge_registrations(edition: Edition, registration: Registration | None = None) -> list[Registration]:
    """The confirmed registrations to print badges for (one person's, or the edition's), by surname. One query."""
    queryset = (Registration.objects.filter(edition=edition, state=RegistrationState.CONFIRMED)
                .select_related("user", "ticket_type")
                .order_by(Lower("user__last_name"), Lower("user__first_name"), "pk"))
    if registration is not None:
        queryset = queryset.filter(pk=registration.pk)
    return list(queryset)
